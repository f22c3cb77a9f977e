"""
Conv1d on text: channels first, the kernel slides along the last dimension
==========================================================================

A one-dimensional :term:`convolution` slides a small window along a sequence and
computes the same weighted sum at every position. For text, the sequence is a sentence
of embedded tokens and the embedding coordinates are the :term:`channels <channel>`.
This page runs ``nn.Conv1d`` on a batch of embedded sentences, shows why the embedding
dimension must be moved in front of the length dimension (with ``permute``, not
``reshape``), checks each output value against a hand-written window sum, and builds the
max-over-time features of a text CNN.
"""

import inspect

import matplotlib.pyplot as plt
import torch
import torch.nn.functional as F
from torch import nn

torch.manual_seed(0)

# %%
# A batch of embedded sentences
# -----------------------------
# After an embedding layer, a batch of 32 sentences padded to 35 tokens, each token a
# vector of 256 numbers, is a tensor of shape ``(batch, length, embedding)``:

batch, length, embedding = 32, 35, 256
x = torch.randn(batch, length, embedding)
print(x.shape)

# %%
# ``nn.Conv1d`` expects its input *channels first*: ``(batch, channels, length)``. The
# channels are the numbers that describe one position (here the 256 embedding
# coordinates), and the length is the axis the window moves along. The first three
# arguments of the layer are ``in_channels``, ``out_channels`` and ``kernel_size``:
# 100 :term:`kernels <convolution kernel>`, each 2 positions wide.

conv = nn.Conv1d(in_channels=256, out_channels=100, kernel_size=2)
print(conv)

# %%
# Fed the tensor as it comes out of the embedding layer, the layer reads the 35 tokens
# as 35 channels and refuses:
#
# >>> conv(x)
# Traceback (most recent call last):
#     ...
# RuntimeError: Given groups=1, weight of size [100, 256, 2], expected input[32, 35, 256] to have 256 channels, but got 35 channels instead
#
# Swapping the last two dimensions makes the embedding the channel dimension. The
# output has one channel per kernel, and its length is the number of positions a
# window of 2 fits in a sentence of 35: :math:`35 - 2 + 1 = 34`.

x_channels_first = x.permute(0, 2, 1)  # (batch, embedding, length)
out = conv(x_channels_first)
print(x_channels_first.shape, "->", out.shape)

# %%
# >>> x_channels_first.shape
# torch.Size([32, 256, 35])
# >>> out.shape
# torch.Size([32, 100, 34])
#
# These are the numbers of the notes (``32x35x256`` to ``32x256x35`` to
# ``32x100x34``), and they hold for a kernel of size 2 with the default stride 1 and
# no padding. The general rule for the output length, with stride, padding and
# dilation, is the subject of the
# :ref:`next page <sphx_glr_auto_examples_04_models_plot_11_conv_output_size.py>`.
#
# ``x.transpose(1, 2)`` does the same as ``permute(0, 2, 1)``. Both return a
# :term:`view` with swapped strides, so nothing is copied, and ``Conv1d`` accepts the
# non-contiguous result:
#
# >>> torch.equal(x.transpose(1, 2), x_channels_first)
# True
# >>> x_channels_first.is_contiguous()
# False
#
# .. pitfall:: Move the channels with ``permute``, not with ``reshape`` or ``view``
#
#    The notes only say that ``32x35x256`` must be turned into ``32x256x35``. Doing
#    that with ``x.reshape(32, 256, 35)`` (or ``view``) gives the right shape, but
#    ``reshape`` keeps the elements in memory order and only cuts them into new rows,
#    so each "channel" is a mixture of pieces of different tokens. No error is raised;
#    the model just learns from scrambled input. ``permute`` (or ``transpose``) moves whole
#    dimensions: channel ``c`` at position ``t`` is still coordinate ``c`` of token
#    ``t``.
#
#    >>> torch.equal(x.permute(0, 2, 1)[0, :, 0], x[0, 0, :])  # token 0's embedding
#    True
#    >>> torch.equal(x.reshape(32, 256, 35)[0, :, 0], x[0, 0, :])
#    False
#    >>> conv(x.reshape(32, 256, 35)).shape  # runs, with the same shape
#    torch.Size([32, 100, 34])

# %%
# What one output value is
# ------------------------
# The weight holds one kernel per output channel, each spanning *all* input channels
# and ``kernel_size`` positions: shape ``(out_channels, in_channels, kernel_size)``.
# Each kernel therefore has :math:`256 \times 2` weights, plus one bias.

print(conv.weight.shape, conv.bias.shape)
print(sum(p.numel() for p in conv.parameters()))

# %%
# >>> conv.weight.shape
# torch.Size([100, 256, 2])
# >>> sum(p.numel() for p in conv.parameters())  # 100 * 256 * 2 + 100
# 51300
#
# Output channel :math:`j` at position :math:`t` is the sum, over every input channel
# :math:`c` and every kernel offset :math:`k`, of weight times input, plus the bias:
#
# .. math::
#
#    \text{out}[n, j, t] = b_j + \sum_{c=0}^{C_\text{in}-1} \sum_{k=0}^{K-1}
#    w[j, c, k]\; x[n, c, t + k].
#
# (Deep-learning libraries call this a convolution although it does not flip the
# kernel; mathematically it is a cross-correlation.) Checking one value by hand:

n, j, t = 3, 7, 10
window = x_channels_first[n, :, t : t + 2]  # all 256 channels, positions 10 and 11
by_hand = (conv.weight[j] * window).sum() + conv.bias[j]
print(by_hand.item(), out[n, j, t].item())

# %%
# >>> torch.allclose(by_hand, out[n, j, t], atol=1e-5)
# True
#
# ``Tensor.unfold`` cuts every window at once, shape ``(batch, channels, windows,
# kernel_size)``. Multiplying all windows with all kernels in one ``einsum``
# reproduces the whole output, which is exactly what the layer computes:

windows = x_channels_first.unfold(2, 2, 1)  # dimension 2, size 2, step 1
print(windows.shape)
all_by_hand = torch.einsum("nctk,jck->njt", windows, conv.weight) + conv.bias[:, None]

# %%
# >>> windows.shape
# torch.Size([32, 256, 34, 2])
# >>> torch.allclose(all_by_hand, out, atol=1e-4)
# True

# %%
# Watching the window move
# ------------------------
# With a single channel and a hand-set kernel the sliding is easy to see. The kernel
# ``[-1, 1]`` computes :math:`x_{t+1} - x_t`, so it responds where the signal jumps:
# the output is large and positive at the rising edge and negative at the falling one.
# The output is one position shorter than the input.

signal = torch.zeros(1, 1, 35)  # (batch, channels, length)
signal[..., 10:22] = 1.0
edge = nn.Conv1d(1, 1, kernel_size=2, bias=False)
with torch.no_grad():
    edge.weight.copy_(torch.tensor([[[-1.0, 1.0]]]))
    response = edge(signal)
print(response.shape)
print(response[0, 0].nonzero().flatten().tolist())

# %%
# >>> response.shape
# torch.Size([1, 1, 34])
# >>> response[0, 0, 9].item(), response[0, 0, 21].item()
# (1.0, -1.0)

fig, axes = plt.subplots(2, 1, figsize=(7, 4), sharex=True, layout="constrained")
axes[0].step(range(35), signal[0, 0].numpy(), where="mid", color="tab:blue")
axes[0].axvspan(8.5, 10.5, color="tab:orange", alpha=0.3, label="window for output t=9")
axes[0].set_ylabel("input x[t]")
axes[0].legend(loc="upper right")
axes[1].stem(range(34), response[0, 0].numpy(), basefmt=" ")
axes[1].set_ylabel("output")
axes[1].set_xlabel("position t")
axes[0].set_title("Conv1d with kernel [-1, 1]: out[t] = x[t+1] - x[t]")
plt.show()

# %%
# The other arguments
# -------------------
# ``inspect.signature`` prints the defaults as torch defines them:

print(inspect.signature(nn.Conv1d))

# %%
# * ``stride`` (default 1): how far the window moves between outputs.
# * ``padding`` (default 0): how many positions to add at *each* end of the sequence.
#   What is added depends on ``padding_mode``: zeros by default, or ``'reflect'``,
#   ``'replicate'`` or ``'circular'``. The strings ``'valid'`` (no padding) and
#   ``'same'`` (output as long as the input, stride 1 only) are accepted too.
# * ``dilation`` (default 1): the spacing between the positions a kernel reads;
#   ``dilation=2`` with ``kernel_size=2`` reads :math:`x_t` and :math:`x_{t+2}`.
# * ``bias`` (default ``True``): one bias per output channel.
# * ``groups`` (default 1): splits the input and output channels into ``groups``
#   independent groups; each kernel sees only the ``in_channels / groups`` channels of
#   its group. The weight shrinks accordingly. With ``groups=in_channels`` every
#   channel is filtered on its own (a *depthwise* convolution).

grouped = nn.Conv1d(256, 100, kernel_size=2, groups=4)
depthwise = nn.Conv1d(256, 256, kernel_size=2, groups=256)
print(grouped.weight.shape, depthwise.weight.shape)

# %%
# >>> grouped.weight.shape  # each kernel sees 256 / 4 = 64 channels
# torch.Size([100, 64, 2])
# >>> depthwise.weight.shape
# torch.Size([256, 1, 2])
# >>> nn.Conv1d(256, 100, kernel_size=2, groups=3)
# Traceback (most recent call last):
#     ...
# ValueError: in_channels must be divisible by groups
#
# A single sentence without a batch dimension, shape ``(channels, length)``, is
# accepted as well and gives an output without one:
#
# >>> conv(x_channels_first[0]).shape
# torch.Size([100, 34])

# %%
# From feature maps to sentence features
# --------------------------------------
# The 100 output channels are 100 features computed at each of the 34 positions. A
# text classifier in the style of Kim (2014) keeps the largest value of each feature
# over the positions (*max-over-time pooling*), so that a sentence becomes one vector
# whatever its length, and concatenates the features of kernels of several widths:

convs = nn.ModuleList(nn.Conv1d(256, 100, kernel_size=k) for k in (2, 3, 4))
feature_maps = [c(x_channels_first) for c in convs]
print([tuple(m.shape) for m in feature_maps])
sentence_features = torch.cat([m.amax(dim=2) for m in feature_maps], dim=1)
print(sentence_features.shape)

# %%
# >>> [m.shape[-1] for m in feature_maps]  # 35 - k + 1 for k = 2, 3, 4
# [34, 33, 32]
# >>> sentence_features.shape
# torch.Size([32, 300])
#
# ``F.max_pool1d(m, kernel_size=m.shape[-1])`` computes the same maximum and keeps a
# length dimension of 1:
#
# >>> m = feature_maps[0]
# >>> torch.equal(F.max_pool1d(m, kernel_size=m.shape[-1]).squeeze(-1), m.amax(dim=2))
# True

# %%
# Summary
# -------
# * ``nn.Conv1d`` takes ``(batch, channels, length)`` (or ``(channels, length)``)
#   and slides its kernels along the last dimension. Text coming out of an embedding
#   layer is ``(batch, length, embedding)``: ``permute(0, 2, 1)`` or
#   ``transpose(1, 2)`` it first, never ``reshape`` it.
# * The weight is ``(out_channels, in_channels / groups, kernel_size)``: every kernel
#   spans all channels of its group and ``kernel_size`` positions.
# * With stride 1 and no padding the output length is
#   :math:`L - \text{kernel\_size} + 1`: ``32x35x256`` becomes ``32x100x34`` for 100
#   kernels of size 2.
# * Max-over-time pooling turns the feature maps into one fixed-size vector per
#   sentence.
