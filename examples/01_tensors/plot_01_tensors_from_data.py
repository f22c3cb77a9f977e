"""
Tensors from Python data
========================

``torch.tensor`` turns numbers, nested lists and NumPy arrays into a :term:`tensor`: a
rectangular, multi-dimensional array whose elements all share one data type
(:term:`dtype`). This page shows how the nesting of the input becomes the tensor's
:term:`shape`, and which dtype PyTorch picks when you do not name one.
"""

import numpy as np
import torch

# %%
# One number, a list, a list of lists
# -----------------------------------
# A single number gives a 0-dimensional tensor (a :term:`scalar tensor`). Each level of
# list nesting adds one :term:`dimension`, so you can count the dimensions by counting
# the opening brackets at the start of the literal.

scalar = torch.tensor(3.5)
vector = torch.tensor([0.0, 1.0, 2.0])
matrix = torch.tensor([[0.0, 1.0, 2.0],
                       [3.0, 4.0, 5.0]])
cube = torch.tensor([[[0, 1], [2, 3]],
                     [[4, 5], [6, 7]],
                     [[8, 9], [10, 11]]])

for name, t in [("scalar", scalar), ("vector", vector), ("matrix", matrix), ("cube", cube)]:
    print(f"{name:6}  ndim={t.ndim}  shape={tuple(t.shape)}")

# %%
# ``ndim`` is the number of dimensions and ``shape`` lists the length of each one, from
# the outermost list inwards:
#
# >>> scalar.ndim, vector.ndim, matrix.ndim, cube.ndim
# (0, 1, 2, 3)
# >>> cube.shape
# torch.Size([3, 2, 2])
#
# ``shape`` is a :class:`torch.Size`, a subclass of ``tuple``; the method ``size()``
# returns an equal ``torch.Size`` and ``size(d)`` one of its entries:
#
# >>> isinstance(matrix.shape, tuple), matrix.size() == matrix.shape, matrix.size(1)
# (True, True, 3)
#
# A tensor must be rectangular: every inner list needs the same length.
#
# >>> torch.tensor([[1, 2], [3]])
# Traceback (most recent call last):
#     ...
# ValueError: expected sequence of length 2 at dim 1 (got 1)

# %%
# The dtype is inferred from the data
# -----------------------------------
# Without ``dtype=``, PyTorch looks at the Python values: integers give ``torch.int64``,
# any float gives the default floating type ``torch.float32``, and booleans give
# ``torch.bool``. Mixing integers and floats promotes the whole tensor to float.

print(torch.tensor([1, 2, 3]))
print(torch.tensor([1, 2.5, 3]))
print(torch.tensor([True, False]))
print(torch.tensor([1, 2, 3], dtype=torch.float64))

# %%
# >>> torch.tensor([1, 2, 3]).dtype
# torch.int64
# >>> torch.tensor([1, 2.5, 3]).dtype
# torch.float32
#
# Notice that a printed tensor with elements mentions the dtype only when it is *not*
# the default for that kind of number: ``tensor([1, 2, 3])`` is int64 and
# ``tensor([1.0, 2.5, 3.0])`` is float32, while ``dtype=torch.float64`` is spelled out.
# An empty tensor has no elements to show what kind of number it holds, so it names
# every dtype except the default floating type:
#
# >>> torch.tensor([]), torch.tensor([], dtype=torch.int64)
# (tensor([]), tensor([], dtype=torch.int64))
#
# .. pitfall:: An integer literal does not make a float tensor
#
#    One set of notes prints ``torch.tensor([[1, -1], [-1, 1]])`` as
#    ``tensor([[1., -1.], [-1., 1.]])``, with decimal points. That output is wrong:
#    integer input makes an ``int64`` tensor, and the decimal points appear only when
#    you write a float such as ``1.`` or pass ``dtype=torch.float32``. It matters
#    because many operations (``mean``, gradients) need a floating-point tensor.
#
#    >>> torch.tensor([[1, -1], [-1, 1]])
#    tensor([[ 1, -1],
#            [-1,  1]])
#    >>> torch.tensor([[1., -1.], [-1., 1.]])
#    tensor([[ 1., -1.],
#            [-1.,  1.]])

# %%
# From NumPy arrays
# -----------------
# ``torch.tensor(array)`` copies a NumPy array and keeps its dtype. NumPy's default
# float type is 64-bit, so a float array becomes a ``torch.float64`` tensor, not the
# ``float32`` you would get from a Python list. ``torch.from_numpy`` keeps the dtype too,
# but shares the array's memory instead of copying it: see the NumPy page of this
# chapter for what that means.

rng = np.random.default_rng(seed=0)
array = rng.standard_normal((2, 3))
copied = torch.tensor(array)
shared = torch.from_numpy(array)
print(copied)

# %%
# >>> array.dtype, copied.dtype, shared.dtype
# (dtype('float64'), torch.float64, torch.float64)
# >>> torch.tensor(array, dtype=torch.float32).dtype
# torch.float32
#
# Getting a Python number back
# ----------------------------
# A tensor with exactly one element converts back to a Python number with ``item()``;
# ``tolist()`` converts a tensor of any shape to nested lists (a 0-dimensional tensor
# gives a plain Python number).
#
# >>> scalar.item()
# 3.5
# >>> matrix.tolist()
# [[0.0, 1.0, 2.0], [3.0, 4.0, 5.0]]
# >>> scalar.tolist(), torch.tensor([3.5]).tolist()
# (3.5, [3.5])
#
# Summary
# -------
# * ``torch.tensor(data)`` copies ``data``; nesting depth becomes ``ndim``, list lengths
#   become ``shape``.
# * Integers give ``int64``, floats ``float32``, booleans ``bool``; a NumPy array keeps
#   its own dtype (often ``float64``).
# * ``shape`` and ``size()`` give the same ``torch.Size``; ``item()`` and ``tolist()``
#   go back to Python.
