"""
Indexing and slicing
====================

Square brackets select parts of a tensor, as in NumPy: an integer picks one position
along a :term:`dimension`, a slice ``start:stop:step`` picks a range. This page covers
rows, columns and single elements, ranges, tensors with more than two dimensions, and
``item()``, which turns a one-element tensor into a Python number.
"""

import torch

torch.manual_seed(0)
data = torch.randint(0, 10, (4, 5))
print(data)

# %%
# Rows, columns and elements
# --------------------------
# ``data[i]`` is row ``i`` (indices start at 0, and ``-1`` is the last row).
# ``data[:, j]`` is column ``j``: the ``:`` keeps the whole first dimension.
# ``data[i, j]`` is one element.

print(data[0])
print(data[:, 0])
print(data[1, 2])

# %%
# >>> data[0]
# tensor([4, 9, 3, 0, 3])
# >>> data[:, 0]
# tensor([4, 9, 1, 6])
# >>> data[-1]
# tensor([6, 6, 8, 4, 3])
# >>> data[1, 2], data[1][2]
# (tensor(3), tensor(3))
#
# Each integer index *removes* its dimension: a row of a ``[4, 5]`` matrix has shape
# ``[5]``, and an element has shape ``[]``. A slice of length one keeps the dimension.
#
# >>> data[0].shape, data[0:1].shape, data[:, 0:1].shape, data[1, 2].shape
# (torch.Size([5]), torch.Size([1, 5]), torch.Size([4, 1]), torch.Size([]))
# >>> data[4]
# Traceback (most recent call last):
#     ...
# IndexError: index 4 is out of bounds for dimension 0 with size 4

# %%
# From a one-element tensor to a number: ``item()``
# -------------------------------------------------
# Even a single element is still a tensor (0-dimensional). ``item()`` returns its value
# as a Python number (``int``, ``float``, ``complex``) or ``bool``, depending on the
# dtype. It works on any tensor with exactly one element, whatever its shape, and raises
# for more elements.

element = data[1, 2]
value = element.item()
print(type(element), type(value), value)

# %%
# >>> type(value)
# <class 'int'>
# >>> torch.tensor([30]).item(), torch.tensor(30).item(), torch.tensor([[2.5]]).item()
# (30, 30, 2.5)
# >>> torch.tensor(True).item(), torch.tensor(1 + 2j).item()
# (True, (1+2j))
# >>> data.item()
# Traceback (most recent call last):
#     ...
# RuntimeError: a Tensor with 20 elements cannot be converted to Scalar
#
# A ``float32`` value becomes a Python ``float`` (64-bit), which shows the rounding
# that ``float32`` had hidden:
#
# >>> torch.tensor(0.1).item()
# 0.10000000149011612
#
# Use ``item()`` for logging a loss or comparing a value in Python; for many values,
# ``tolist()`` converts a whole tensor.

# %%
# Ranges: slicing
# ---------------
# A slice ``start:stop`` selects the positions from ``start`` up to, but not including,
# ``stop``; omitted ends mean "from the beginning" and "to the end", and a third number
# is the step. Slicing each dimension separately selects a block.

print(data[:3, :2])  # first 3 rows, first 2 columns
print(data[2:, :2])  # rows 2 to the end, first 2 columns
print(data[::2])  # every second row

# %%
# >>> data[:3, :2]
# tensor([[4, 9],
#         [9, 7],
#         [1, 6]])
# >>> data[2:, :2]
# tensor([[1, 6],
#         [6, 6]])
# >>> data[:, 1:4:2]
# tensor([[9, 0],
#         [7, 7],
#         [6, 9],
#         [6, 4]])
#
# As for Python lists, a slice past the end is cut short rather than an error:
#
# >>> data[:10].shape
# torch.Size([4, 5])
#
# .. pitfall:: Tensor slices cannot step backwards
#
#    Notes describe tensor :term:`indexing` as "the same as NumPy". Almost: a negative
#    step such as ``data[::-1]``, the usual NumPy idiom for reversing, raises an error
#    for tensors. Use ``torch.flip`` (which copies) instead.
#
#    >>> data[::-1]
#    Traceback (most recent call last):
#        ...
#    ValueError: step must be greater than zero
#    >>> torch.flip(data, dims=[0])[0]
#    tensor([6, 6, 8, 4, 3])

# %%
# Basic indexing returns a view
# -----------------------------
# Integers and slices do not copy: the result shares memory with the original tensor,
# so writing into it writes into the original. Assigning to an indexed position writes
# in place as well. Call ``.clone()`` for an independent copy.

grid = torch.zeros(3, 4, dtype=torch.long)
first_row = grid[0]
first_row[1] = 7  # also changes grid
grid[:, -1] = 5  # assign to a whole column
print(grid)

# %%
# >>> grid
# tensor([[0, 7, 0, 5],
#         [0, 0, 0, 5],
#         [0, 0, 0, 5]])
# >>> first_row.data_ptr() == grid.data_ptr()
# True
#
# ``data_ptr()`` is the address of a tensor's first element, and row 0 starts where
# ``grid`` starts. Row 1 starts four elements further on, so its ``data_ptr()`` differs
# although it shares the memory just as well; to test sharing in general, compare the
# storages (see
# :ref:`sphx_glr_auto_examples_01_tensors_plot_20_reshape_and_view.py`):
#
# >>> grid[1].data_ptr() == grid.data_ptr()
# False
# >>> grid[1].untyped_storage().data_ptr() == grid.untyped_storage().data_ptr()
# True
# >>> copy = grid[0].clone()
# >>> copy[0] = 99
# >>> grid[0, 0]
# tensor(0)

# %%
# More than two dimensions
# ------------------------
# Each position in the brackets addresses one dimension, in order. For a tensor of
# shape ``[3, 4, 5]``, ``t[0]`` (the same as ``t[0, :, :]``) is the first ``[4, 5]``
# matrix, ``t[:, 0]`` takes row 0 of every matrix, and ``t[:, :, 0]`` takes column 0 of
# every matrix. ``...`` (Ellipsis) stands for as many ``:`` as needed to cover the
# dimensions not indexed otherwise, at the start, in the middle or at the end:
# ``cube[..., 0]`` is ``cube[:, :, 0]`` and ``cube[0, ...]`` is ``cube[0, :, :]``.

cube = torch.randint(0, 10, (3, 4, 5))
print(cube[0, :, :])
print(cube[:, 0, :])
print(cube[:, :, 0])

# %%
# >>> cube[0, :, :].shape, cube[:, 0, :].shape, cube[:, :, 0].shape
# (torch.Size([4, 5]), torch.Size([3, 5]), torch.Size([3, 4]))
# >>> torch.equal(cube[0], cube[0, :, :]) and torch.equal(cube[..., 0], cube[:, :, 0])
# True
# >>> cube[0, ..., 0].shape, cube[..., 0].shape, cube[0, ...].shape
# (torch.Size([4]), torch.Size([3, 4]), torch.Size([4, 5]))
# >>> torch.equal(cube[:, 0, :][2], cube[2][0])
# True

# %%
# The notes' outputs, checked
# ---------------------------
# .. pitfall:: Unseeded examples print other numbers; check the logic instead
#
#    Course notes demonstrate indexing on ``torch.randint(0, 10, [4, 5])`` without a
#    seed, so running their code prints different numbers from the ones shown. The
#    *relations* between the printed tensors are what to check. Typing in the matrix the
#    notes printed reproduces each of their indexing results:
#
#    >>> notes = torch.tensor([[0, 7, 6, 5, 9],
#    ...                       [6, 8, 3, 1, 0],
#    ...                       [6, 3, 8, 7, 3],
#    ...                       [4, 9, 5, 3, 1]])
#    >>> notes[0], notes[:, 0]
#    (tensor([0, 7, 6, 5, 9]), tensor([0, 6, 6, 4]))
#    >>> notes[:3, :2]
#    tensor([[0, 7],
#            [6, 8],
#            [6, 3]])
#    >>> notes[2:, :2]
#    tensor([[6, 3],
#            [4, 9]])
#
#    This page seeds the generator (``torch.manual_seed(0)``), so its outputs are the
#    same on every run.
#
# Summary
# -------
# * ``t[i]`` is a row, ``t[:, j]`` a column, ``t[i, j]`` a 0-d tensor; ``item()`` turns a
#   one-element tensor into a Python number.
# * An integer index removes its dimension; a slice keeps it. Slices exclude ``stop``
#   and cannot have negative steps.
# * Integer and slice indexing return views: writing to them changes the original.
