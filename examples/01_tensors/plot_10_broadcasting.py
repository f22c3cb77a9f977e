"""
Broadcasting: operations on tensors of different shapes
=======================================================

:term:`Element-wise operations <element-wise operation>` do not require equal shapes.
When the shapes differ, PyTorch :term:`broadcasts <broadcasting>`: it lines the shapes
up from the right and repeats size-1 (or missing) dimensions until both operands have
the same shape, without copying any memory. This page states the rule, draws it, and
shows the error when it does not apply.
"""

import matplotlib.pyplot as plt
import torch

# %%
# A column plus a row
# -------------------
# A column of shape ``[3, 1]`` plus a row of shape ``[1, 4]`` gives a ``[3, 4]``
# matrix: the column is repeated across 4 columns, the row down 3 rows.

col = torch.tensor([[0], [10], [20]])
row = torch.tensor([[1, 2, 3, 4]])
table = col + row
print(table)

# %%
# >>> col.shape, row.shape, table.shape
# (torch.Size([3, 1]), torch.Size([1, 4]), torch.Size([3, 4]))
# >>> table[2, 3]
# tensor(24)
#
# The picture: solid cells hold the operands' real values, faded cells are the
# repetitions that broadcasting behaves as if it had made.


def draw(ax, values, real_rows, real_cols, title, color):
    rows, cols = values.shape
    for i in range(rows):
        for j in range(cols):
            real = i < real_rows and j < real_cols
            ax.add_patch(
                plt.Rectangle(
                    (j, rows - 1 - i), 1, 1,
                    facecolor=color, alpha=0.9 if real else 0.25,
                    edgecolor="black", linestyle="-" if real else "--",
                )
            )
            ax.text(j + 0.5, rows - 0.5 - i, str(values[i, j].item()), ha="center", va="center")
    ax.set_xlim(-0.1, 4.1)
    ax.set_ylim(-0.1, 3.1)
    ax.set_aspect("equal")
    ax.axis("off")
    ax.set_title(title)


fig, axes = plt.subplots(1, 3, figsize=(10, 3), layout="constrained")
draw(axes[0], col.expand(3, 4), 3, 1, "col: [3, 1] -> [3, 4]", "tab:blue")
draw(axes[1], row.expand(3, 4), 1, 4, "row: [1, 4] -> [3, 4]", "tab:orange")
draw(axes[2], table, 3, 4, "col + row: [3, 4]", "tab:green")
plt.show()

# %%
# The rule
# --------
# Two shapes are compared dimension by dimension **from the right** (the last
# dimensions first). Each pair must be equal, or one of the two must be 1; where one
# shape runs out of dimensions, it is treated as having size 1 there. The result takes
# the larger size of each pair.
#
# ========================  ========================  ==================
# shape of ``a``            shape of ``b``            shape of ``a + b``
# ========================  ========================  ==================
# ``[3, 4]``                ``[]`` (a scalar)         ``[3, 4]``
# ``[3, 4]``                ``[4]``                   ``[3, 4]``
# ``[3, 1]``                ``[1, 4]``                ``[3, 4]``
# ``[2, 3, 4]``             ``[3, 1]``                ``[2, 3, 4]``
# ``[3, 4]``                ``[3]``                   error: 4 vs 3
# ========================  ========================  ==================
#
# ``torch.broadcast_shapes`` applies the rule to shapes alone, which makes each row of
# the table checkable:
#
# >>> torch.broadcast_shapes((3, 4), ())
# torch.Size([3, 4])
# >>> torch.broadcast_shapes((3, 4), (4,))
# torch.Size([3, 4])
# >>> torch.broadcast_shapes((3, 1), (1, 4))
# torch.Size([3, 4])
# >>> torch.broadcast_shapes((2, 3, 4), (3, 1))
# torch.Size([2, 3, 4])
# >>> torch.broadcast_shapes((3, 4), (3,))
# Traceback (most recent call last):
#     ...
# RuntimeError: Attempting to broadcast a dimension of length 3 at -1! ...

# %%
# A common use: one value per column
# ----------------------------------
# Subtracting the mean of each column from a ``[n, features]`` matrix is a broadcast of
# a ``[features]`` vector over the rows, because the vector lines up with the *last*
# dimension.

samples = torch.tensor([[1.0, 10.0], [3.0, 30.0], [5.0, 50.0]])
centred = samples - samples.mean(dim=0)
print(centred)

# %%
# >>> samples.mean(dim=0).shape
# torch.Size([2])
# >>> centred.mean(dim=0)
# tensor([0., 0.])
#
# When the shapes do not fit, the error names the dimension that failed, counted on the
# *result's* shape:
#
# >>> samples - torch.tensor([1.0, 2.0, 3.0])
# Traceback (most recent call last):
#     ...
# RuntimeError: The size of tensor a (2) must match the size of tensor b (3) at non-singleton dimension 1
#
# To subtract one value per *row*, give the vector a size-1 dimension on the right:
# ``[3]`` becomes ``[3, 1]`` with ``unsqueeze(1)`` or with ``keepdim=True`` in the
# reduction that produced it.
#
# >>> (samples - torch.tensor([1.0, 2.0, 3.0]).unsqueeze(1)).shape
# torch.Size([3, 2])
#
# .. pitfall:: Element-wise operations do not need equal shapes
#
#    Notes often say that ``x + y`` or the element-wise product ``x * y`` requires two
#    tensors of the same shape. They require *broadcastable* shapes: ``[3, 1] * [1, 4]``
#    is valid and gives ``[3, 4]``. The flip side is that a shape mistake may go
#    unnoticed: a ``[3]`` vector combined with a ``[3, 1]`` column silently gives a
#    ``[3, 3]`` matrix instead of an error.
#
#    >>> (torch.ones(3, 1) * torch.ones(1, 4)).shape
#    torch.Size([3, 4])
#    >>> (torch.ones(3) - torch.ones(3, 1)).shape
#    torch.Size([3, 3])

# %%
# Broadcasting copies nothing
# ---------------------------
# The repeated values are not stored. ``expand`` shows the broadcast view of a tensor
# explicitly: its :term:`stride` along the repeated dimension is 0, meaning every step
# along that dimension reads the same memory.

expanded = col.expand(3, 4)
print(expanded)

# %%
# >>> expanded.stride()
# (1, 0)
# >>> expanded.data_ptr() == col.data_ptr()
# True
#
# An in-place operation, however, cannot broadcast its *own* tensor: ``a.add_(b)``
# needs the result to have ``a``'s shape (see
# :ref:`sphx_glr_auto_examples_01_tensors_plot_08_in_place_and_out.py`).
#
# Summary
# -------
# * Shapes are aligned from the right; each pair of sizes must be equal or contain a 1;
#   missing dimensions count as 1.
# * The result has the larger size in each dimension; nothing is copied.
# * Use ``keepdim=True`` or ``unsqueeze`` to choose which dimension a vector lines up
#   with.
