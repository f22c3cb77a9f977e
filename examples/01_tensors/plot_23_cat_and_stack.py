"""
Joining tensors: ``torch.cat`` and ``torch.stack``
==================================================

Skip connections in U-Net or DenseNet, multi-head attention and data loading all join
tensors. PyTorch
has two ways: ``torch.cat`` :term:`glues <concatenation>` tensors end to end along a
:term:`dimension` they already have, ``torch.stack`` :term:`piles <stacking>` equally
shaped tensors along a *new* dimension. This page gives the shape rule of each, the
valid ``dim`` values, and what happens when the inputs have different dtypes.
"""

import matplotlib.pyplot as plt
import torch

# %%
# What each one does to the shape
# -------------------------------
# Take two 2 x 3 tensors, ``a`` filled with 0 … 5 and ``b`` with 10 … 15.

a = torch.arange(6).reshape(2, 3)
b = torch.arange(10, 16).reshape(2, 3)
results = {
    "torch.cat(dim=0)": torch.cat([a, b], dim=0),
    "torch.cat(dim=1)": torch.cat([a, b], dim=1),
    "torch.stack(dim=0)": torch.stack([a, b], dim=0),
}
for name, value in results.items():
    print(f"{name}: {tuple(value.shape)}")


def draw_matrix(ax, matrix, x0, y0, label=None, z=1):
    """Draw a 2-D tensor with its top-left cell at (x0, y0); a's cells blue, b's orange."""
    rows, cols = matrix.shape
    for i in range(rows):
        for j in range(cols):
            value = matrix[i, j].item()
            color = "#a6c8e6" if value < 10 else "#fdc794"
            ax.add_patch(plt.Rectangle((x0 + j, y0 - i), 1, 1, fc=color, ec="black", zorder=z))
            ax.text(x0 + j + 0.5, y0 - i + 0.35, str(value), ha="center", fontsize=10,
                    zorder=z)
    if label:
        ax.text(x0 + cols / 2, y0 + 1.3, label, ha="center", fontsize=10)


fig, ax = plt.subplots(figsize=(12, 3.2), layout="constrained")
draw_matrix(ax, a, 0, 0, "a: (2, 3)")
draw_matrix(ax, b, 0, -3, "b: (2, 3)")
draw_matrix(ax, results["torch.cat(dim=0)"], 5, 0, "cat(dim=0): (4, 3)")
draw_matrix(ax, results["torch.cat(dim=1)"], 10, 0, "cat(dim=1): (2, 6)")
stacked = results["torch.stack(dim=0)"]
draw_matrix(ax, stacked[1], 19.6, -1.4)  # drawn first: behind
draw_matrix(ax, stacked[0], 19, -2, z=3)
ax.text(20.8, 1.3, "stack(dim=0): (2, 2, 3)", ha="center", fontsize=10)
ax.text(18.6, -1.5, "[0]", ha="right", fontsize=9)
ax.text(22.8, -0.2, "[1]", ha="left", fontsize=9)
ax.set_xlim(-0.5, 23.5)
ax.set_ylim(-4.5, 2)
ax.set_aspect("equal")
ax.axis("off")
plt.show()

# %%
# ``cat`` keeps the number of dimensions and adds up one size; ``stack`` adds a
# dimension whose size is the number of inputs.
#
# >>> torch.cat([a, b], dim=0).shape, torch.cat([a, b], dim=1).shape
# (torch.Size([4, 3]), torch.Size([2, 6]))
# >>> torch.stack([a, b], dim=0).shape
# torch.Size([2, 2, 3])

# %%
# ``torch.cat``: the shape rule
# -----------------------------
# All inputs must have the same number of dimensions and the same size in every
# dimension *except* ``dim`` (with one exception, shown below); along ``dim`` the sizes
# add up. Three tensors of shapes
# ``(2, 1, 3)``, ``(2, 3, 3)`` and ``(2, 2, 3)`` join along dimension 1 into
# ``(2, 1 + 3 + 2, 3)``.

x = torch.zeros(2, 1, 3)
y = torch.zeros(2, 3, 3)
z = torch.zeros(2, 2, 3)
w = torch.cat([x, y, z], dim=1)
print(w.shape)

# %%
# >>> w.shape
# torch.Size([2, 6, 3])
#
# Two matrices with the same number of columns stack vertically (``dim=0``), two with
# the same number of rows side by side (``dim=1``); any other size mismatch is an error
# that names the offending input, and a different number of dimensions is an error too:
#
# >>> torch.cat([torch.zeros(2, 3), torch.zeros(4, 3)], dim=0).shape
# torch.Size([6, 3])
# >>> torch.cat([torch.zeros(2, 3), torch.zeros(2, 4)], dim=1).shape
# torch.Size([2, 7])
# >>> torch.cat([torch.zeros(2, 3), torch.zeros(2, 4)], dim=0)
# Traceback (most recent call last):
#     ...
# RuntimeError: Sizes of tensors must match except in dimension 0. Expected size 3 but got size 4 for tensor number 1 in the list.
# >>> torch.cat([torch.zeros(2, 3), torch.zeros(2, 3, 1)])
# Traceback (most recent call last):
#     ...
# RuntimeError: Tensors must have same number of dimensions: got 2 and 3
#
# The exception is a 1-D empty tensor of shape ``(0,)``, such as ``torch.tensor([])``:
# ``cat`` accepts it next to inputs of any shape and skips it, though its dtype still
# takes part in the promotion described below:
#
# >>> torch.cat([a, torch.tensor([], dtype=torch.long)]).shape
# torch.Size([2, 3])
# >>> torch.cat([a, torch.tensor([])], dim=1).dtype
# torch.float32
#
# For 3-D tensors every dimension works the same way:

torch.manual_seed(0)
data1 = torch.randint(0, 10, [3, 5, 4])
data2 = torch.randint(0, 10, [3, 5, 4])
for d in range(3):
    print(d, torch.cat([data1, data2], dim=d).shape)

# %%
# >>> torch.cat([data1, data2], dim=2).shape
# torch.Size([3, 5, 8])
#
# .. note::
#
#    A listing in one set of notes prints the three shapes of this example, but its
#    recorded output shows the concatenated tensor instead of the third shape; running
#    the code prints ``torch.Size([3, 5, 8])``.

# %%
# Valid ``dim`` values
# --------------------
# For inputs with ``n`` dimensions, ``dim`` ranges over the existing dimensions:
# ``0 … n-1``, or counted from the end ``-1 … -n``. ``dim=-1`` (the last dimension) is
# the usual way to join feature vectors whatever the rank.
#
# >>> torch.cat([a, b], dim=-1).shape
# torch.Size([2, 6])
# >>> torch.cat([a, b], dim=-2).shape
# torch.Size([4, 3])
#
# .. pitfall:: ``cat`` accepts ``dim`` from ``-n`` to ``n - 1``
#
#    One set of notes states that ``dim`` "must be between 0 and
#    ``len(inputs[0])``". For two ``(2, 3)`` matrices that would allow 0, 1 and 2.
#    ``len`` of a tensor is the size of its first dimension, not its number of
#    dimensions, and ``cat`` joins along an *existing* dimension, so the valid range is
#    ``-2 … 1``; ``dim=2`` does not exist. (A dimension one past the end is valid for
#    ``stack``, below.)
#
#    >>> torch.cat([a, b], dim=2)
#    Traceback (most recent call last):
#        ...
#    IndexError: Dimension out of range (expected to be in range of [-2, 1], but got 2)

# %%
# Mixed dtypes are promoted
# -------------------------
# The inputs do not need to share a dtype: ``cat`` computes the common dtype with the
# usual promotion rules (as ``+`` would) and converts every input to it.

ints = torch.tensor([1, 2])
floats = torch.tensor([0.5])
joined = torch.cat([ints, floats])
print(joined, joined.dtype)

# %%
# >>> joined
# tensor([1.0000, 2.0000, 0.5000])
# >>> torch.cat([torch.tensor([1], dtype=torch.int32), torch.tensor([2])]).dtype
# torch.int64
#
# .. pitfall:: ``cat`` inputs may have different dtypes
#
#    Notes describe the input of ``torch.cat`` as a sequence of tensors "of the same
#    Tensor type". Mixed dtypes are accepted and promoted to a common dtype (an integer
#    and a float tensor give a float tensor). What must match is the shape outside
#    ``dim``, and the device.
#
#    >>> torch.cat([torch.tensor([True]), torch.tensor([2], dtype=torch.uint8)]).dtype
#    torch.uint8

# %%
# ``torch.stack``: a new dimension
# --------------------------------
# ``stack`` requires all inputs to have *exactly* the same shape and inserts a new
# dimension at position ``dim`` whose size is the number of inputs. Since the result has
# ``n + 1`` dimensions, ``dim`` ranges from ``-(n+1)`` to ``n``.

p = torch.zeros(2, 3)
q = torch.ones(2, 3)
for d in (0, 1, 2, -1):
    print(d, torch.stack([p, q], dim=d).shape)

# %%
# >>> torch.stack([p, q], dim=0).shape
# torch.Size([2, 2, 3])
# >>> torch.stack([p, q], dim=2).shape, torch.stack([p, q], dim=-1).shape
# (torch.Size([2, 3, 2]), torch.Size([2, 3, 2]))
# >>> torch.stack([p, torch.zeros(3, 2)])
# Traceback (most recent call last):
#     ...
# RuntimeError: stack expects each tensor to be equal size, but got [2, 3] at entry 0 and [3, 2] at entry 1
#
# .. pitfall:: Stacking two ``(2, 3)`` tensors gives ``(2, 2, 3)``
#
#    A slide deck shows ``torch.stack([x, y], dim=0)`` of two ``(2, 3)`` tensors with the
#    output ``torch.Size([1, 2, 3])``. The new dimension counts the inputs, so two inputs
#    give size 2.
#
#    >>> torch.stack([torch.zeros(2, 3), torch.zeros(2, 3)], dim=0).shape
#    torch.Size([2, 2, 3])
#
# Because there are two inputs and each has two rows, ``dim=0`` and ``dim=1`` give the
# *same shape* here, ``(2, 2, 3)``, but a different arrangement: ``dim=0`` keeps each input whole
# (``result[0]`` is ``a``), ``dim=1`` pairs up the rows (``result[0]`` holds row 0 of
# ``a`` and row 0 of ``b``). Always check which one you need, not just the shape.
#
# >>> torch.stack([a, b], dim=0)[0]
# tensor([[0, 1, 2],
#         [3, 4, 5]])
# >>> torch.stack([a, b], dim=1)[0]
# tensor([[ 0,  1,  2],
#         [10, 11, 12]])
#
# In fact ``stack`` is ``cat`` of the inputs each unsqueezed at ``dim``:
#
# >>> torch.equal(torch.stack([a, b], dim=1),
# ...             torch.cat([a.unsqueeze(1), b.unsqueeze(1)], dim=1))
# True
#
# Summary
# -------
# * ``torch.cat(tensors, dim)``: same rank, same sizes except along ``dim``, where the
#   sizes add up; ``dim`` from ``-n`` to ``n - 1``; dtypes are promoted.
# * ``torch.stack(tensors, dim)``: identical shapes; a new dimension of size
#   ``len(tensors)`` at ``dim``, from ``-(n+1)`` to ``n``.
# * Both always allocate a new tensor: the result does not share memory with the inputs.
