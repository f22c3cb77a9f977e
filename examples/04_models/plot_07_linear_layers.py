"""
Linear layers: ``nn.Linear`` computes ``x @ W.T + b``
=====================================================

``nn.Linear(in_features, out_features)`` is the fully connected layer: every output is
a weighted sum of all inputs plus a bias. This page checks the formula PyTorch computes
against a matrix product written by hand, explains why the weight is stored as
``[out_features, in_features]`` (the transpose of what the formula multiplies by), and
shows which input shapes the layer accepts and how it is initialised.
"""

import math

import matplotlib.pyplot as plt
import torch
import torch.nn.functional as F
from torch import nn

torch.manual_seed(0)

# %%
# Shapes in, shapes out
# ---------------------
# A layer from 20 features to 30, applied to a batch of 128 samples, turns
# ``[128, 20]`` into ``[128, 30]``:

layer = nn.Linear(20, 30)
inputs = torch.randn(128, 20)
outputs = layer(inputs)
print(layer)
print(outputs.shape)

# %%
# >>> outputs.shape
# torch.Size([128, 30])
#
# The layer owns two :term:`parameters <parameter>`, ``weight`` and ``bias``, both
# ``nn.Parameter``. The weight is stored **output first**, as ``[out_features,
# in_features]``:
#
# >>> layer.weight.shape, layer.bias.shape
# (torch.Size([30, 20]), torch.Size([30]))
# >>> type(layer.weight).__name__
# 'Parameter'
#
# The sizes can also be given by name, ``nn.Linear(in_features=16, out_features=64)``;
# the layer prints them that way:
#
# >>> nn.Linear(in_features=16, out_features=64)
# Linear(in_features=16, out_features=64, bias=True)
#
# The same holds for any sizes; ``nn.Linear(32, 64)`` has a ``[64, 32]`` weight and 64
# biases, :math:`32 \cdot 64 + 64 = 2112` parameters in all:
#
# >>> other = nn.Linear(32, 64)
# >>> other.weight.shape, other.bias.shape
# (torch.Size([64, 32]), torch.Size([64]))
# >>> sum(p.numel() for p in other.parameters())
# 2112

# %%
# The formula, checked
# --------------------
# With the samples in the rows of :math:`x` (``[batch, in]``), the layer computes
#
# .. math::
#
#    y = x W^\top + b, \qquad
#    y_{ij} = \sum_{k} x_{ik} W_{jk} + b_j ,
#
# where :math:`W` is ``layer.weight`` (``[out, in]``) and the bias :math:`b` is
# :term:`broadcast <broadcasting>` over the rows. Written out with tensors:

by_hand = inputs @ layer.weight.T + layer.bias
print((outputs - by_hand).abs().max())

# %%
# In general the two agree up to rounding, not bit for bit: the layer does the product
# and the bias addition in one ``addmm`` call. Compare them with ``allclose`` (for a
# large layer, with a tolerance such as ``atol=1e-6``):
#
# >>> torch.allclose(outputs, by_hand)
# True
# >>> torch.allclose(outputs, F.linear(inputs, layer.weight, layer.bias))
# True
#
# ``F.linear`` is the function behind the layer; the module only stores the two
# tensors. One output element is the dot product of one input row with one *row* of
# the weight matrix:
#
# >>> i, j = 3, 7
# >>> torch.allclose(outputs[i, j], inputs[i] @ layer.weight[j] + layer.bias[j])
# True
#
# .. pitfall:: ``layer.weight`` is ``[out, in]``; the product uses its transpose
#
#    The notes annotate ``nn.Linear(20, 30)`` on a ``[128, 20]`` input with
#    ``[128, 20] @ [20, 30] = [128, 30]``. The ``[20, 30]`` matrix there is
#    :math:`W^\top`: the stored ``layer.weight`` is ``[30, 20]``, so multiplying by
#    it directly fails. When you reproduce a layer by hand, or load weights from a
#    library that stores ``[in, out]`` (Keras and Flax dense layers do), transpose.
#
#    >>> inputs @ layer.weight
#    Traceback (most recent call last):
#        ...
#    RuntimeError: mat1 and mat2 shapes cannot be multiplied (128x20 and 30x20)

# %%
# Why output first?
# -----------------
# Row :math:`j` of the weight holds everything that output unit :math:`j` needs: its
# ``in_features`` weights, next to each other in memory. This is also the convention of
# linear algebra, where a layer maps a column vector as :math:`y = Wx + b` with
# :math:`W` of shape ``out x in``; stacking samples as *rows* of a batch turns
# :math:`Wx` into :math:`xW^\top`. The picture shows it for a small layer: output
# element ``y[i, j]`` combines row ``i`` of the input with row ``j`` of the weight.

small = nn.Linear(4, 3)
x_small = torch.randn(5, 4)
with torch.no_grad():
    y_small = small(x_small)

i, j = 1, 2
fig, axes = plt.subplots(1, 3, figsize=(7.5, 4), layout="constrained", width_ratios=[4, 4, 3])
panels = (
    (x_small, "x  [batch=5, in=4]", i),
    (small.weight.detach(), "weight  [out=3, in=4]", j),
    (y_small, "y  [5, 3]", None),
)
for ax, (values, title, row) in zip(axes, panels):
    scale = values.abs().max().item()
    ax.imshow(values.numpy(), cmap="coolwarm", vmin=-scale, vmax=scale)
    ax.set_title(title, fontsize=9)
    ax.set_xticks(range(values.shape[1]))
    ax.set_yticks(range(values.shape[0]))
    if row is not None:
        ax.add_patch(plt.Rectangle((-0.5, row - 0.5), values.shape[1], 1, fill=False, linewidth=3))
axes[2].add_patch(plt.Rectangle((j - 0.5, i - 0.5), 1, 1, fill=False, linewidth=3))
axes[0].set_ylabel("row i = sample")
axes[1].set_ylabel("row j = output unit")
fig.suptitle("y[1, 2] = x[1] · weight[2] + bias[2]")
plt.show()

# %%
# >>> torch.allclose(y_small[i, j], x_small[i] @ small.weight[j] + small.bias[j])
# True
#
# ``.T`` of the weight is a :term:`view` with swapped :term:`strides <stride>`, not a
# copy: the matrix-multiplication routines accept a transposed operand as it is, so
# the layout costs no extra copy.
#
# >>> layer.weight.is_contiguous(), layer.weight.T.is_contiguous()
# (True, False)

# %%
# Any number of leading dimensions
# --------------------------------
# The layer acts on the **last** dimension only, which must equal ``in_features``.
# Everything before it is treated as batch dimensions and kept: a single sample of
# shape ``[20]``, a batch ``[128, 20]``, or a batch of sequences ``[2, 4, 20]`` (two
# sentences of four tokens, each token a 20-dimensional vector) all work.
#
# >>> layer(torch.randn(20)).shape
# torch.Size([30])
# >>> layer(torch.randn(2, 4, 20)).shape
# torch.Size([2, 4, 30])
#
# A wrong last dimension is reported as a matrix-multiplication error, with the
# weight already transposed (and a 3-D input flattened to two dimensions first):
#
# >>> layer(torch.randn(128, 30))
# Traceback (most recent call last):
#     ...
# RuntimeError: mat1 and mat2 shapes cannot be multiplied (128x30 and 20x30)
# >>> layer(torch.randn(2, 4, 30))
# Traceback (most recent call last):
#     ...
# RuntimeError: mat1 and mat2 shapes cannot be multiplied (8x30 and 20x30)

# %%
# Initialisation and the bias
# ---------------------------
# A new layer draws its weight *and* its bias from the uniform distribution
# :math:`U(-1/\sqrt{\text{in}},\ 1/\sqrt{\text{in}})`: ``reset_parameters`` calls
# ``kaiming_uniform_`` with ``a = sqrt(5)`` for the weight, which comes to this bound,
# and draws the bias with ``uniform_(-bound, bound)`` directly. For 20 inputs the
# bound is :math:`1/\sqrt{20} \approx 0.224`:

bound = 1 / math.sqrt(layer.in_features)
print(f"bound {bound:.4f}, largest |weight| {layer.weight.abs().max():.4f}, largest |bias| {layer.bias.abs().max():.4f}")

# %%
# >>> bool(layer.weight.abs().max() <= bound), bool(layer.bias.abs().max() <= bound)
# (True, True)
#
# ``bias=False`` leaves the bias out; the attribute is then ``None`` and the layer is
# a plain matrix product, :math:`y = xW^\top`. The next page uses such a layer to
# compare with an embedding.
#
# >>> no_bias = nn.Linear(20, 30, bias=False)
# >>> print(no_bias.bias)
# None
# >>> torch.allclose(no_bias(inputs), inputs @ no_bias.weight.T)
# True
#
# Summary
# -------
# * ``nn.Linear(in, out)`` computes :math:`y = xW^\top + b` on the last dimension of
#   its input, keeping all leading dimensions: ``[*, in]`` becomes ``[*, out]``.
# * ``weight`` is ``[out, in]`` (one row per output unit), ``bias`` is ``[out]``: the
#   layer has ``in * out + out`` parameters.
# * By hand: ``x @ layer.weight.T + layer.bias``, or ``F.linear(x, weight, bias)``.
# * Weight and bias start uniform in :math:`\pm 1/\sqrt{\text{in}}`; ``bias=False``
#   removes the bias.
