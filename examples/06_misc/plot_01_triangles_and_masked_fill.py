"""
Triangles and masks: ``tril``, ``triu`` and ``masked_fill``
===========================================================

Many models need to switch parts of a tensor off: the future positions of a sequence,
padding, invalid entries. Two small tools do most of this work. ``torch.tril`` and
``torch.triu`` keep the lower or upper triangle of a matrix and zero the rest, and
``masked_fill`` writes one value wherever a :term:`boolean mask` is ``True``. This page
shows both, including the ``diagonal`` argument, batches and broadcast masks.
"""

import torch

# %%
# Lower and upper triangles
# -------------------------
# ``torch.tril(x)`` returns a copy of ``x`` in which every element *above* the main
# diagonal is set to zero; ``torch.triu(x)`` zeroes everything *below* it. The diagonal
# itself is kept by both.

x = torch.arange(1, 17).reshape(4, 4)
print(torch.tril(x))
print(torch.triu(x))

# %%
# >>> torch.tril(x)[0].tolist(), torch.tril(x)[3].tolist()
# ([1, 0, 0, 0], [13, 14, 15, 16])
# >>> torch.triu(x)[3].tolist()
# [0, 0, 0, 16]
#
# Moving the boundary: ``diagonal``
# ---------------------------------
# The ``diagonal`` argument shifts the line that separates kept from zeroed elements.
# ``diagonal=0`` is the main diagonal, positive values move it up and right, negative
# values down and left. So ``tril(x, diagonal=-1)`` keeps only what is strictly below the
# main diagonal, and ``triu(x, diagonal=1)`` only what is strictly above it.

ones = torch.ones(4, 4, dtype=torch.int64)
print(torch.tril(ones, diagonal=-1))
print(torch.triu(ones, diagonal=1))

# %%
# >>> torch.tril(ones, diagonal=-1).sum().item()
# 6
# >>> torch.equal(torch.tril(ones, diagonal=-1) + torch.triu(ones), ones)
# True
#
# The strict lower triangle and the upper triangle with its diagonal are complements:
# together they cover every element exactly once.
#
# Rectangles and batches
# ----------------------
# The input need not be square: the diagonal runs from the top-left corner. With more
# than two dimensions, the *last two* are the matrix and all leading ones are batch
# dimensions, so every matrix of the batch is cut the same way. A 1-D tensor has no
# triangle and is rejected.

print(torch.tril(torch.ones(3, 5, dtype=torch.int64)))
batch = torch.tril(torch.ones(2, 3, 3, dtype=torch.int64))
print(batch.shape)

# %%
# >>> torch.tril(torch.ones(3, 5, dtype=torch.int64))[2].tolist()
# [1, 1, 1, 0, 0]
# >>> batch.shape
# torch.Size([2, 3, 3])
# >>> torch.equal(batch[0], batch[1])
# True
# >>> torch.tril(torch.ones(3))
# Traceback (most recent call last):
#     ...
# RuntimeError: tril: input tensor must have at least 2 dimensions
#
# Both functions also exist as tensor methods (``x.tril()``, ``x.triu()``) and in-place
# versions (``x.tril_()``, ``x.triu_()``).

# %%
# Filling where a mask is ``True``
# --------------------------------
# ``x.masked_fill(mask, value)`` returns a copy of ``x`` with ``value`` written at every
# position where ``mask`` is ``True``; elsewhere ``x`` is unchanged. ``masked_fill_``
# (with the trailing underscore) does the same in place, modifying ``x`` itself.

scores = torch.arange(6.0).reshape(2, 3)
mask = scores > 2.5
print(mask)
print(scores.masked_fill(mask, -1.0))

# %%
# >>> scores.masked_fill(mask, -1.0)
# tensor([[ 0.,  1.,  2.],
#         [-1., -1., -1.]])
# >>> scores[1].tolist()  # the out-of-place version left scores alone
# [3.0, 4.0, 5.0]
# >>> _ = scores.masked_fill_(mask, 0.0)
# >>> scores[1].tolist()
# [0.0, 0.0, 0.0]
#
# .. pitfall:: The mask must be a ``bool`` tensor
#
#    Notes sometimes describe the mask as marking positions "where it is 1", which
#    suggests an integer 0/1 tensor. ``masked_fill`` accepts only ``torch.bool`` masks;
#    an integer mask, even of zeros and ones, raises an error. Build masks with a
#    comparison (``x > 0``, ``ids == pad_id``) or convert with ``.bool()``.
#
#    >>> torch.zeros(3).masked_fill(torch.tensor([1, 0, 1]), 5.0)
#    Traceback (most recent call last):
#        ...
#    RuntimeError: masked_fill_ only supports boolean masks, but got mask with dtype long int
#    >>> torch.zeros(3).masked_fill(torch.tensor([1, 0, 1]).bool(), 5.0)
#    tensor([5., 0., 5.])

# %%
# Broadcast masks
# ---------------
# The mask does not have to have the shape of the tensor: the two only have to
# *broadcast* together (see the :term:`broadcasting` rules: sizes are compared from the
# right, and a size of 1 is stretched). A mask of shape ``[3]`` selects columns in every
# row; a mask of shape ``[2, 1]`` selects whole rows.

grid = torch.zeros(2, 3)
column_mask = torch.tensor([True, False, True])
row_mask = torch.tensor([[False], [True]])
print(grid.masked_fill(column_mask, 1.0))
print(grid.masked_fill(row_mask, 1.0))

# %%
# >>> grid.masked_fill(column_mask, 1.0)
# tensor([[1., 0., 1.],
#         [1., 0., 1.]])
# >>> grid.masked_fill(row_mask, 1.0)
# tensor([[0., 0., 0.],
#         [1., 1., 1.]])
#
# .. pitfall:: The mask must broadcast, not match the shape
#
#    A common description says the mask "must have the same shape" as the tensor. That
#    is sufficient but not required: any mask that broadcasts works, which is how one
#    ``[L, L]`` attention mask serves a whole ``[batch, heads, L, L]`` tensor. What does
#    fail is a mask whose sizes cannot be broadcast. ``masked_fill`` returns a tensor
#    of the broadcast shape, which can be larger than the input; the in-place
#    ``masked_fill_`` cannot grow the tensor, so its mask must broadcast *to the
#    tensor's shape*.
#
#    >>> grid.masked_fill(torch.tensor([True, False]), 1.0)
#    Traceback (most recent call last):
#        ...
#    RuntimeError: The size of tensor a (2) must match the size of tensor b (3) at non-singleton dimension 1
#    >>> torch.zeros(3).masked_fill(torch.ones(2, 3, dtype=torch.bool), 1.0).shape
#    torch.Size([2, 3])
#    >>> torch.zeros(3).masked_fill_(torch.ones(2, 3, dtype=torch.bool), 1.0)
#    Traceback (most recent call last):
#        ...
#    RuntimeError: output with shape [3] doesn't match the broadcast shape [2, 3]

# %%
# Triangles as masks
# ------------------
# The two tools combine naturally: a triangle of ``True`` values is a mask. Here every
# element above the diagonal of a matrix is replaced by ``-1``.

m = torch.ones(4, 4)
above = torch.ones(4, 4, dtype=torch.bool).triu(diagonal=1)
print(m.masked_fill(above, -1.0))

# %%
# >>> above.dtype, above.sum().item()
# (torch.bool, 6)
#
# This is exactly the construction of a causal attention mask, the subject of the next
# page.
#
# Summary
# -------
# * ``torch.tril`` / ``torch.triu`` keep the lower / upper triangle (diagonal included)
#   of the last two dimensions; ``diagonal=k`` shifts the boundary (``-1``: strictly
#   below, ``1``: strictly above).
# * ``masked_fill(mask, value)`` writes ``value`` where ``mask`` is ``True``;
#   ``masked_fill_`` does it in place.
# * The mask must be ``torch.bool`` and broadcastable with the tensor (for
#   ``masked_fill_``, to the tensor's own shape); it need not have the same shape.
