"""
List indexing, boolean masks and ``index_select``
=================================================

Besides integers and slices, a tensor can be :term:`indexed <indexing>` with a *list*
(or an integer tensor with at least one dimension) of positions, or with a :term:`boolean mask` of the same shape as
the dimensions it indexes. These forms pick arbitrary elements, such as rows 0 and 2, or
every value above a threshold, and they behave differently from slices in two ways: how
several lists combine, and that the result is a copy.
"""

import torch

torch.manual_seed(0)
data = torch.randint(0, 10, (4, 5))
print(data)

# %%
# A list of positions
# -------------------
# A list in one dimension picks those positions, in that order, and may repeat them.

print(data[[0, 2]])  # rows 0 and 2
print(data[:, [4, 0]])  # columns 4 and 0, in this order

# %%
# >>> data[[0, 2]]
# tensor([[4, 9, 3, 0, 3],
#         [1, 6, 6, 9, 8]])
# >>> data[:, [4, 0]]
# tensor([[3, 4],
#         [3, 9],
#         [8, 1],
#         [3, 6]])
# >>> data[[1, 1, 1]].shape
# torch.Size([3, 5])

# %%
# Two lists: pairs, not a block
# -----------------------------
# With a list in *each* of two dimensions, the lists are read in parallel: positions
# ``(0, 1)`` and ``(1, 2)``, two elements. To get the block of rows 0, 1 and columns 1,
# 2, give the row list the shape of a column (``[[0], [1]]``): the two index lists then
# broadcast to ``[2, 2]``, like the operands of an arithmetic operation.

print(data[[0, 1], [1, 2]])  # elements (0, 1) and (1, 2)
print(data[[[0], [1]], [1, 2]])  # rows 0, 1 x columns 1, 2

# %%
# >>> data[[0, 1], [1, 2]]
# tensor([9, 3])
# >>> data[0, 1], data[1, 2]
# (tensor(9), tensor(3))
# >>> data[[[0], [1]], [1, 2]]
# tensor([[9, 3],
#         [7, 3]])
# >>> torch.equal(data[[[0], [1]], [1, 2]], data[[0, 1]][:, [1, 2]])
# True
# >>> data[[0, 1], [1, 2, 3]]
# Traceback (most recent call last):
#     ...
# IndexError: shape mismatch: indexing tensors could not be broadcast together with shapes [2], [3]
#
# .. pitfall:: ``t[[0, 1], [1, 2]]`` picks two elements, not a 2 x 2 block
#
#    It is natural to read ``t[[0, 1], [1, 2]]`` as "rows 0 and 1, columns 1 and 2".
#    Index lists in different dimensions are instead paired up element by element
#    (they broadcast against each other), which gives ``t[0, 1]`` and ``t[1, 2]``. For
#    the block, index in two steps, ``t[[0, 1]][:, [1, 2]]``, or make the row list a
#    column: ``t[[[0], [1]], [1, 2]]``.
#
#    >>> block = torch.arange(12).reshape(3, 4)
#    >>> block[[0, 1], [1, 2]]
#    tensor([1, 6])
#    >>> block[[[0], [1]], [1, 2]]
#    tensor([[1, 2],
#            [5, 6]])

# %%
# Boolean masks
# -------------
# A comparison gives a boolean tensor of the same shape. Used as an index, it keeps the
# positions where it is ``True``. A mask over the rows (shape ``[4]``) selects rows; a
# mask used after ``:`` selects columns; a mask of the full shape selects single
# elements and always returns a 1-D tensor.

third_column_big = data[:, 2] > 5
print(third_column_big)
print(data[third_column_big])  # rows whose column 2 is greater than 5
print(data[:, data[1] > 5])  # columns whose entry in row 1 is greater than 5
print(data[data > 5])  # all elements greater than 5

# %%
# >>> data[:, 2]
# tensor([3, 3, 6, 8])
# >>> data[data[:, 2] > 5]
# tensor([[1, 6, 6, 9, 8],
#         [6, 6, 8, 4, 3]])
# >>> data[1]
# tensor([9, 7, 3, 7, 3])
# >>> data[:, data[1] > 5]
# tensor([[4, 9, 0],
#         [9, 7, 7],
#         [1, 6, 9],
#         [6, 6, 4]])
# >>> data[data > 5].shape, (data > 5).sum()
# (torch.Size([11]), tensor(11))
#
# Column 2 is the *third* column: indices start at 0. A mask must have the length of
# the dimension it indexes:
#
# >>> data[torch.tensor([True, False])]
# Traceback (most recent call last):
#     ...
# IndexError: The shape of the mask [2] at index 0 does not match the shape of the indexed tensor [4, 5] at index 0

# %%
# ``index_select``
# ----------------
# ``t.index_select(dim, index)`` is list indexing along one named dimension: ``dim=0``
# selects rows of a matrix, ``dim=1`` columns. The index must be an integer tensor, not
# a Python list.

rows = data.index_select(0, torch.tensor([0, 2]))
cols = torch.index_select(data, 1, torch.tensor([4, 0]))
print(rows)
print(cols)

# %%
# >>> torch.equal(rows, data[[0, 2]]) and torch.equal(cols, data[:, [4, 0]])
# True
# >>> data.index_select(0, [0, 2])
# Traceback (most recent call last):
#     ...
# TypeError: index_select(): argument 'index' (position 2) must be Tensor, not list

# %%
# The dtype of an index tensor
# ----------------------------
# Index tensors are normally ``int64``: that is what ``torch.tensor([0, 2])`` creates,
# and what every function that *computes* positions returns (``argmax``, ``nonzero``,
# the indices of ``sort`` and ``max(dim=...)``). Floating-point tensors cannot index.

positions = data[0].argmax()
print(positions, data[0].nonzero().flatten(), data[0].sort().indices, sep="\n")

# %%
# >>> positions.dtype, data.nonzero().dtype, data.sort(dim=1).indices.dtype
# (torch.int64, torch.int64, torch.int64)
# >>> data[torch.tensor([0.0, 2.0])]
# Traceback (most recent call last):
#     ...
# IndexError: tensors used as indices must be long, int, byte or bool tensors
#
# .. pitfall:: ``int32`` indices work in many places, but not everywhere
#
#    A dtype table in one set of notes lists ``int32`` as the dtype for indices on
#    CUDA, as if ``int64`` were wrong there. ``int64`` is the dtype PyTorch itself uses
#    for indices on every device. ``int32`` index tensors are accepted by square-bracket
#    indexing, ``index_select``, ``gather`` and embedding lookups, but not by every
#    function: ``torch.take``, ``one_hot`` and ``cross_entropy`` (for its class
#    targets) refuse them. Keep indices in ``int64`` unless memory forces a smaller type,
#    and convert with ``.long()`` where a function asks for it.
#
#    >>> idx32 = torch.tensor([0, 2], dtype=torch.int32)
#    >>> torch.equal(data[idx32], data[[0, 2]]), torch.equal(data.index_select(0, idx32), data[[0, 2]])
#    (True, True)
#    >>> torch.equal(torch.gather(data, 1, idx32.expand(4, 2)), data[:, [0, 2]])
#    True
#    >>> torch.nn.functional.embedding(idx32, torch.eye(3)).shape
#    torch.Size([2, 3])
#    >>> torch.take(data, idx32)
#    Traceback (most recent call last):
#        ...
#    RuntimeError: take(): Expected a long tensor for index, but got Int
#    >>> torch.nn.functional.one_hot(idx32)
#    Traceback (most recent call last):
#        ...
#    RuntimeError: one_hot is only applicable to index tensor of type LongTensor.
#    >>> torch.nn.functional.cross_entropy(torch.zeros(2, 3), idx32)
#    Traceback (most recent call last):
#        ...
#    RuntimeError: expected target dtype to be Long or Byte, but got Int
#    >>> torch.nn.functional.one_hot(idx32.long())
#    tensor([[1, 0, 0],
#            [0, 0, 1]])

# %%
# Copies, and assigning through an index
# --------------------------------------
# Unlike slicing, list and boolean indexing return a *copy*: changing the result leaves
# the original alone. A 0-d integer tensor, such as the result of ``argmax``, is the
# exception: it acts like a plain integer and returns a view. Assigning *to* a list or
# mask index, ``t[mask] = value``, does write into ``t``: Python turns the whole
# statement into one call, ``t.__setitem__(mask, value)``, which PyTorch implements as
# an in-place write into ``t`` (like ``index_put_``).

picked = data[[0, 1]]
picked[0, 0] = 100
print(data[0, 0])  # unchanged

clipped = data.clone()
clipped[clipped > 5] = 0  # writes into clipped
print(clipped)

# %%
# >>> picked.untyped_storage().data_ptr() == data.untyped_storage().data_ptr(), data[0, 0]
# (False, tensor(4))
# >>> positions.dim(), data[positions].untyped_storage().data_ptr() == data.untyped_storage().data_ptr()
# (0, True)
# >>> data[positions.reshape(1)].untyped_storage().data_ptr() == data.untyped_storage().data_ptr()
# False
# >>> clipped.max()
# tensor(4)
#
# .. pitfall:: ``t[mask][0] = 1`` changes nothing
#
#    Because ``t[mask]`` is a copy (``__getitem__`` runs first and builds it), a
#    *chained* assignment such as ``t[mask][0] = 1`` writes into that temporary copy
#    and is lost. Put all the
#    indices into one expression, or use ``torch.where`` to build a new tensor.
#
#    >>> t = torch.tensor([1, 8, 2, 9])
#    >>> t[t > 5][0] = 0
#    >>> t
#    tensor([1, 8, 2, 9])
#    >>> t[t > 5] = 0
#    >>> t
#    tensor([1, 0, 2, 0])
#    >>> torch.where(torch.tensor([1, 8, 2, 9]) > 5, 0, 1)
#    tensor([1, 0, 1, 0])

# %%
# The notes' outputs, checked
# ---------------------------
# Course notes show these selections on an unseeded ``torch.randint`` matrix, so a new
# run prints other numbers. Their boolean-indexing example does not run at all: it
# defines a function ``test`` and then calls ``test04``, which stops with a
# ``NameError`` before anything is printed. With the matrix the notes printed typed
# in, and the function called by its own name, every result they show is reproduced:
#
# >>> notes = torch.tensor([[0, 7, 6, 5, 9],
# ...                       [6, 8, 3, 1, 0],
# ...                       [6, 3, 8, 7, 3],
# ...                       [4, 9, 5, 3, 1]])
# >>> def test():
# ...     print(notes[notes[:, 2] > 5])
# >>> test04()  # the listing's last line
# Traceback (most recent call last):
#     ...
# NameError: name 'test04' is not defined
# >>> notes[[0, 1], [1, 2]]
# tensor([7, 3])
# >>> notes[[[0], [1]], [1, 2]]
# tensor([[7, 6],
#         [8, 3]])
# >>> notes[notes[:, 2] > 5]
# tensor([[0, 7, 6, 5, 9],
#         [6, 3, 8, 7, 3]])
# >>> notes[:, notes[1] > 5]
# tensor([[0, 7],
#         [6, 8],
#         [6, 3],
#         [4, 9]])
#
# Summary
# -------
# * A list (or integer tensor) picks positions in any order; lists in several
#   dimensions are paired and broadcast, they do not form a block.
# * A boolean mask keeps the ``True`` positions; a full-shape mask returns a 1-D tensor.
# * ``index_select(dim, index_tensor)``: ``dim=0`` rows, ``dim=1`` columns.
# * Indices are ``int64`` (what ``argmax`` and ``nonzero`` return); ``int32`` works for
#   indexing but not for every function.
# * List and mask indexing return copies; ``t[mask] = v`` still assigns in place.
