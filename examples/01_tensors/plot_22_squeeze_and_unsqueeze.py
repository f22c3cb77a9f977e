"""
Adding and removing size-1 dimensions: ``squeeze`` and ``unsqueeze``
====================================================================

Layers expect inputs of a given rank: a single image must become a batch of one, a
vector of per-sample outputs must lose its trailing :term:`dimension` of size 1.
``unsqueeze`` inserts a dimension of size 1 and ``squeeze`` removes dimensions of
size 1. Neither touches the data: both return :term:`views <view>`.
"""

import torch

# %%
# ``squeeze``: remove dimensions of size 1
# ----------------------------------------
# Without an argument, ``squeeze()`` removes *every* dimension of size 1. With a
# dimension (or, since PyTorch 2.0, a tuple of dimensions) it removes only those, and
# only if their size is 1. ``x.squeeze(d)`` and ``torch.squeeze(x, d)`` are the same.

data = torch.zeros(1, 3, 1, 5)
print(data.squeeze().shape)
print(data.squeeze(0).shape, torch.squeeze(data, 2).shape, data.squeeze((0, 2)).shape)

# %%
# >>> data.squeeze().shape
# torch.Size([3, 5])
# >>> data.squeeze(0).shape
# torch.Size([3, 1, 5])
# >>> data.squeeze(2).shape
# torch.Size([1, 3, 5])
#
# Asking to squeeze a dimension whose size is not 1 is *not* an error: the tensor comes
# back unchanged. That silence is convenient, and it also hides mistakes.
#
# >>> data.squeeze(1).shape
# torch.Size([1, 3, 1, 5])

# %%
# ``unsqueeze``: insert one dimension of size 1
# ---------------------------------------------
# ``unsqueeze(d)`` inserts a single new dimension of size 1 so that it becomes dimension
# ``d`` of the result. For a tensor with ``n`` dimensions, ``d`` may range from ``-(n+1)``
# to ``n``; negative values count from the end of the *result*, so ``-1`` appends a
# dimension at the end.

x = torch.zeros(2, 3)
print(x.unsqueeze(0).shape, x.unsqueeze(1).shape, x.unsqueeze(-1).shape)

# %%
# >>> x.unsqueeze(0).shape
# torch.Size([1, 2, 3])
# >>> x.unsqueeze(1).shape
# torch.Size([2, 1, 3])
# >>> x.unsqueeze(-1).shape, x.unsqueeze(2).shape
# (torch.Size([2, 3, 1]), torch.Size([2, 3, 1]))
# >>> x.unsqueeze(3)
# Traceback (most recent call last):
#     ...
# IndexError: Dimension out of range (expected to be in range of [-3, 2], but got 3)
#
# :term:`Indexing <indexing>` with ``None`` does the same: ``x[None]`` is
# ``x.unsqueeze(0)`` and ``x[:, None]`` is ``x.unsqueeze(1)``.
#
# >>> x[None].shape, x[:, None].shape
# (torch.Size([1, 2, 3]), torch.Size([2, 1, 3]))
#
# .. pitfall:: After ``x = x.unsqueeze(1)``, the shape is ``x.shape``
#
#    A slide deck shows ``x = x.unsqueeze(1)`` followed by ``shape.shape`` and the
#    output ``torch.Size([2, 1, 3])``. No variable ``shape`` exists, so that line stops
#    with a ``NameError``; the shape is an attribute of the tensor, ``x.shape``. The
#    printed size is right.
#
#    >>> y = torch.zeros([2, 3]).unsqueeze(1)
#    >>> shape.shape
#    Traceback (most recent call last):
#        ...
#    NameError: name 'shape' is not defined
#    >>> y.shape
#    torch.Size([2, 1, 3])
#
# A typical use: a model that takes batches of shape ``(N, C, H, W)`` gets a single image
# of shape ``(C, H, W)`` as a batch of one.

image = torch.zeros(3, 32, 32)
batch = image.unsqueeze(0)
print(batch.shape)

# %%
# Both return views of the same memory:
#
# >>> batch.data_ptr() == image.data_ptr()
# True
#
# .. pitfall:: ``squeeze(2)`` removes one dimension; ``unsqueeze(-1)`` adds one at the end
#
#    A worked example in one set of notes squeezes a ``(1, 3, 1, 5)`` tensor. Its comments
#    promise ``[3, 5]`` after ``squeeze(2)`` and ``[3, 1, 5, 1]`` after ``unsqueeze(-1)``
#    (described as "adding a dimension at position 2"), while the printed output is
#    ``[1, 3, 5]`` and ``[1, 3, 1, 5, 1]``. The printed output is right: ``squeeze(2)``
#    removes only dimension 2, and ``unsqueeze(-1)`` adds one dimension at the *end*. The
#    same notes say ``unsqueeze`` "adds 1 to every dimension"; it adds exactly one new
#    dimension of size 1.
#
#    >>> data.unsqueeze(-1).shape
#    torch.Size([1, 3, 1, 5, 1])
#
# .. pitfall:: ``squeeze(N)`` never adds a dimension
#
#    Because the names are so close, notes sometimes write ``a.squeeze(N)`` or
#    ``torch.squeeze(a, N)`` where they mean "insert a dimension at position ``N``". That
#    is ``unsqueeze``. Worse, the mistake raises no error: ``squeeze(N)`` on a dimension
#    that is not of size 1 quietly returns the tensor unchanged.
#
#    >>> v = torch.zeros(3)
#    >>> v.squeeze(0).shape
#    torch.Size([3])
#    >>> v.unsqueeze(0).shape
#    torch.Size([1, 3])

# %%
# Name the dimension you mean
# ---------------------------
# ``squeeze()`` without an argument removes size-1 dimensions that happen to be there,
# including a batch dimension whose size is 1 only by chance. Predictions of shape
# ``(N, 1)`` from a regression model become ``(N,)`` for a batch of 8, but a 0-dimensional
# scalar for a batch of 1, which breaks code that indexes or concatenates them.

for n in (8, 1):
    predictions = torch.zeros(n, 1)
    print(n, predictions.squeeze().shape, predictions.squeeze(-1).shape)

# %%
# >>> torch.zeros(1, 1).squeeze().shape
# torch.Size([])
# >>> torch.zeros(1, 1).squeeze(-1).shape
# torch.Size([1])
#
# Summary
# -------
# * ``squeeze()`` removes every size-1 dimension; ``squeeze(d)`` removes dimension ``d``
#   only if its size is 1, otherwise it does nothing.
# * ``unsqueeze(d)`` inserts one dimension of size 1 at position ``d``
#   (``-1``: at the end); ``x[None]`` is a shorthand.
# * Both are views. Prefer an explicit dimension to a bare ``squeeze()``.
