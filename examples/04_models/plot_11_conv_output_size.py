"""
The output length of a convolution: one formula, checked on a grid
===================================================================

How long is the output of a convolution with a given kernel size, stride, padding and
dilation? One formula answers it for ``Conv1d``, for each spatial dimension of
``Conv2d`` and ``Conv3d``, and for max and average pooling. This page derives it,
checks it against the layers on a grid of almost a thousand settings, plots it, and
shows the errors and the special ``padding='same'`` and ``ceil_mode`` cases.
"""

import itertools
import warnings

import matplotlib.pyplot as plt
import torch
import torch.nn.functional as F
from torch import nn

# %%
# The formula
# -----------
# A kernel of size :math:`k` with dilation :math:`d` reads positions
# :math:`t, t + d, \dots, t + d(k-1)`, so it spans :math:`d(k-1) + 1` positions (its
# *effective* size). Padding adds :math:`p` positions at each end, giving
# :math:`L_\text{in} + 2p` positions in all. The first window starts at 0 and the
# window moves by the stride :math:`s`; windows are kept as long as they fit
# completely. Counting the start positions gives
#
# .. math::
#
#    L_\text{out} = \left\lfloor \frac{L_\text{in} + 2p - d\,(k - 1) - 1}{s} \right\rfloor + 1 .
#
# With the defaults :math:`s = d = 1`, :math:`p = 0` it reduces to
# :math:`L_\text{in} - k + 1`, the ``35 - 2 + 1 = 34`` of the
# :ref:`previous page <sphx_glr_auto_examples_04_models_plot_10_conv1d_on_text.py>`.


def conv_output_length(length, kernel_size, stride=1, padding=0, dilation=1):
    return (length + 2 * padding - dilation * (kernel_size - 1) - 1) // stride + 1


print(conv_output_length(35, kernel_size=2))

# %%
# >>> conv_output_length(35, kernel_size=2)
# 34
# >>> conv_output_length(35, kernel_size=3, stride=2, padding=1)
# 18

# %%
# Checked against the layer
# -------------------------
# The grid below combines 7 input lengths, kernel sizes 1 to 5, strides 1 to 3,
# paddings 0 to 2 and dilations 1 to 3: 945 settings. For each one the convolution is
# run on a tensor of zeros (the values do not matter, only the shape) and its output
# length is compared with the formula. Where the effective kernel is longer than the
# padded input the layer raises an error instead; the formula then gives a length
# below 1.

lengths = [1, 2, 3, 5, 8, 13, 35]
grid = list(itertools.product(lengths, range(1, 6), range(1, 4), range(0, 3), range(1, 4)))
agree, raised, disagree = 0, 0, []
for length, k, s, p, d in grid:
    predicted = conv_output_length(length, k, s, p, d)
    try:
        out = F.conv1d(torch.zeros(1, 1, length), torch.zeros(1, 1, k), stride=s, padding=p, dilation=d)
    except RuntimeError:
        raised += 1
        if predicted >= 1:
            disagree.append((length, k, s, p, d))
        continue
    if out.shape[-1] == predicted:
        agree += 1
    else:
        disagree.append((length, k, s, p, d))
print(f"{len(grid)} settings: {agree} agree, {raised} raise an error, {len(disagree)} disagree")

# %%
# >>> len(grid), agree, raised, disagree
# (945, 702, 243, [])
#
# Every setting the layer accepts has the predicted length, and every setting it
# rejects has a predicted length below 1. The error names the cause:
#
# >>> nn.Conv1d(1, 1, kernel_size=3, dilation=3)(torch.zeros(1, 1, 5))
# Traceback (most recent call last):
#     ...
# RuntimeError: Calculated padded input size per channel: (5). Kernel size: (7). Kernel size can't be greater than actual input size
#
# The "kernel size" in the message is the effective size :math:`3 (3 - 1) + 1 = 7`.
#
# A few rows of the grid for the notes' sentence length of 35:

print(" k  s  p  d | formula  layer")
for k, s, p, d in [(2, 1, 0, 1), (3, 1, 1, 1), (3, 2, 0, 1), (3, 2, 1, 1), (5, 3, 2, 1), (3, 1, 0, 2), (5, 2, 2, 3)]:
    layer = nn.Conv1d(1, 1, kernel_size=k, stride=s, padding=p, dilation=d)
    print(f"{k:2} {s:2} {p:2} {d:2} | {conv_output_length(35, k, s, p, d):7} {layer(torch.zeros(1, 1, 35)).shape[-1]:6}")

# %%
# Picture
# -------
# Plotted against the input length, the formula is a straight line of slope 1 for
# stride 1 (shifted down by the effective kernel size minus one, and up by twice the
# padding) and a staircase of slope :math:`1/s` for larger strides. Lines are the
# formula, dots are what the layer returned; where a line is missing, the input is too
# short and the layer raises an error.

inputs = list(range(1, 21))
settings = [
    dict(kernel_size=3),
    dict(kernel_size=3, padding=1),
    dict(kernel_size=3, dilation=2),
    dict(kernel_size=3, stride=2, padding=1),
    dict(kernel_size=2, stride=3),
]
fig, ax = plt.subplots(figsize=(7, 4.2), layout="constrained")
for setting in settings:
    layer = nn.Conv1d(1, 1, **setting)
    measured = [(n, layer(torch.zeros(1, 1, n)).shape[-1]) for n in inputs if conv_output_length(n, **setting) >= 1]
    label = ", ".join(f"{key[0]}={value}" for key, value in setting.items())
    predicted = [conv_output_length(n, **setting) for n in inputs]
    line = ax.plot(inputs, [p if p >= 1 else float("nan") for p in predicted], label=label)
    ax.plot(*zip(*measured), "o", color=line[0].get_color(), markersize=4)
ax.set_xlabel("input length")
ax.set_ylabel("output length")
ax.set_xticks(range(0, 21, 2))
ax.set_yticks(range(0, 21, 2))
ax.set_title("Conv1d output length (lines: formula, dots: layer)")
ax.legend(title="k: kernel, s: stride, p: padding, d: dilation", fontsize=8, title_fontsize=8)
ax.grid(alpha=0.3)
plt.show()

# %%
# ``padding='same'`` and ``'valid'``
# ----------------------------------
# ``padding='valid'`` means no padding. ``padding='same'`` asks PyTorch to choose the
# padding so that the output is as long as the input, :math:`d(k-1)` positions in all.
# When that number is odd (an even kernel with odd dilation) the extra position goes
# at the end: a kernel of four ones run over ten ones shows one padded zero at the
# start and two at the end. (PyTorch warns that this uneven case may need a padded copy
# of the input; the cell silences that warning.)

same = nn.Conv1d(1, 1, kernel_size=4, padding="same", bias=False)
with torch.no_grad(), warnings.catch_warnings():
    warnings.simplefilter("ignore", UserWarning)
    same.weight.fill_(1.0)
    padded_sums = same(torch.ones(1, 1, 10))
print(padded_sums)

# %%
# >>> padded_sums.shape
# torch.Size([1, 1, 10])
# >>> padded_sums[0, 0, [0, 1, -2, -1]].tolist()
# [3.0, 4.0, 3.0, 2.0]
#
# ``'same'`` exists only for stride 1, because with a larger stride no padding can
# keep the length:
#
# >>> nn.Conv1d(1, 1, kernel_size=3, stride=2, padding="same")
# Traceback (most recent call last):
#     ...
# ValueError: padding='same' is not supported for strided convolutions

# %%
# Two and three dimensions
# ------------------------
# ``Conv2d`` and ``Conv3d`` apply the formula to each spatial dimension separately.
# ``kernel_size``, ``stride``, ``padding`` and ``dilation`` accept a tuple with one
# value per dimension (a single number is used for all of them):

conv2d = nn.Conv2d(1, 1, kernel_size=(3, 5), stride=(2, 1), padding=(1, 2))
image_out = conv2d(torch.zeros(1, 1, 32, 32))
print(image_out.shape)

# %%
# >>> image_out.shape
# torch.Size([1, 1, 16, 32])
# >>> conv_output_length(32, 3, stride=2, padding=1), conv_output_length(32, 5, padding=2)
# (16, 32)

# %%
# Pooling uses the same formula
# -----------------------------
# Max and average pooling slide a window in the same way but have no weights. Two
# differences from convolution matter. First, their ``stride`` defaults to the kernel
# size, so ``nn.MaxPool1d(2)`` halves the length (it does not slide by 1):

pool = nn.MaxPool1d(2)
print(pool)
print(pool(torch.zeros(1, 1, 35)).shape)

# %%
# >>> pool(torch.zeros(1, 1, 35)).shape  # floor((35 - 2) / 2) + 1
# torch.Size([1, 1, 17])
#
# Second, ``ceil_mode=True`` rounds up instead of down, keeping a last window that
# would stick out of the input (it then covers only the positions that exist), except
# that a window which would start in the right padding is dropped:
#
# >>> nn.MaxPool1d(2, ceil_mode=True)(torch.zeros(1, 1, 35)).shape
# torch.Size([1, 1, 18])
# >>> nn.MaxPool1d(2, padding=1, ceil_mode=True)(torch.zeros(1, 1, 5)).shape  # not ceil((5 + 2 - 2) / 2) + 1 = 4
# torch.Size([1, 1, 3])
#
# Pooling also limits the padding to half the kernel size:
#
# >>> nn.MaxPool1d(2, padding=2)(torch.zeros(1, 1, 35))
# Traceback (most recent call last):
#     ...
# RuntimeError: max_pool1d() padding should be at most half of kernel size, but got padding=2 and kernel_size=2

# %%
# Summary
# -------
# * :math:`L_\text{out} = \lfloor (L_\text{in} + 2p - d(k-1) - 1)/s \rfloor + 1`, for
#   ``Conv1d`` and for every spatial dimension of ``Conv2d``/``Conv3d``; checked here
#   on 945 settings.
# * A kernel with dilation :math:`d` spans :math:`d(k-1)+1` positions; if that is more
#   than the padded input, the layer raises an error.
# * ``padding='same'`` keeps the length (stride 1 only; an odd total padding puts the
#   extra zero at the end); ``padding='valid'`` is no padding.
# * Max and average pooling follow the same formula, with ``stride`` defaulting to the
#   kernel size and an optional ``ceil_mode`` (rounding up, but never starting a window
#   in the right padding).
