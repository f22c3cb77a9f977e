"""
Element-wise, dot and matrix products
=====================================

"Multiplying two tensors" can mean three different things: multiplying matching elements
(the element-wise or :term:`Hadamard product`), the :term:`dot product` of two vectors,
and the :term:`matrix product <matrix multiplication>`. They have different functions,
different shape rules and different result shapes, and course notes often give them
confusing names. This page separates them; the next one adds batches of matrices and
``einsum``.
"""

import torch

# %%
# The element-wise (Hadamard) product: ``*`` and ``torch.mul``
# ------------------------------------------------------------
# ``a * b`` (or ``torch.mul(a, b)``, ``a.mul(b)``) multiplies elements at the same
# position. The result has the (broadcast) shape of the operands, so for two
# ``[2, 2]`` matrices it is another ``[2, 2]`` matrix, not the matrix product.

a = torch.tensor([[1, 2], [3, 4]])
b = torch.tensor([[5, 6], [7, 8]])
print(a * b)
print(torch.mul(a, b))

# %%
# >>> a * b
# tensor([[ 5, 12],
#         [21, 32]])
# >>> torch.equal(torch.mul(a, b), a * b)
# True
#
# The operands need not have the same shape; they must be broadcastable (see
# :ref:`sphx_glr_auto_examples_01_tensors_plot_10_broadcasting.py`). Multiplying each
# column of ``a`` by its own factor:
#
# >>> a * torch.tensor([10, 100])
# tensor([[ 10, 200],
#         [ 30, 400]])

# %%
# The dot product of two vectors: ``torch.dot``
# ---------------------------------------------
# The dot product of two vectors of the same length multiplies matching elements and
# *sums* them: one number. ``torch.dot`` accepts only two 1-D tensors of equal length
# and dtype; ``@`` between two 1-D tensors computes the same thing. The result is a
# 0-dimensional tensor (use ``.item()`` for a Python number).

u = torch.tensor([1, 2, 3])
v = torch.tensor([4, 5, 6])
print(torch.dot(u, v))
print(u @ v)

# %%
# >>> torch.dot(u, v)
# tensor(32)
# >>> (u @ v).shape
# torch.Size([])
# >>> (u * v).sum()
# tensor(32)
# >>> torch.dot(a, b)
# Traceback (most recent call last):
#     ...
# RuntimeError: 1D tensors expected, but got 2D and 2D tensors

# %%
# The matrix product: ``torch.mm``, ``@`` and ``torch.matmul``
# ------------------------------------------------------------
# The matrix product of ``A`` with shape ``[m, n]`` and ``B`` with shape ``[n, p]`` has
# shape ``[m, p]``; element ``(i, j)`` is the dot product of row ``i`` of ``A`` with
# column ``j`` of ``B``. The inner sizes (``n``) must match. ``torch.mm`` computes it
# for exactly two 2-D tensors; ``A @ B`` and ``torch.matmul(A, B)`` give the same result
# and also handle other numbers of dimensions (next page).

A = torch.tensor([[1, 2], [3, 4], [5, 6]])  # [3, 2]
B = torch.tensor([[5, 6], [7, 8]])  # [2, 2]
print(A @ B)
print(torch.mm(A, B))
print(torch.matmul(A, B))

# %%
# >>> A @ B
# tensor([[19, 22],
#         [43, 50],
#         [67, 78]])
# >>> torch.equal(torch.mm(A, B), A @ B) and torch.equal(torch.matmul(A, B), A @ B)
# True
# >>> (A @ B)[2, 1] == torch.dot(A[2], B[:, 1])
# tensor(True)
#
# The order matters: ``B @ A`` would need ``[2, 2] @ [3, 2]``, whose inner sizes (2 and
# 3) differ. The error message lists both shapes:
#
# >>> B @ A
# Traceback (most recent call last):
#     ...
# RuntimeError: mat1 and mat2 shapes cannot be multiplied (2x2 and 3x2)
# >>> torch.mm(torch.zeros(3), torch.zeros(3))
# Traceback (most recent call last):
#     ...
# RuntimeError: self must be a matrix
#
# A matrix times a vector (``[m, n] @ [n]``) gives a vector of length ``m``; the
# dedicated function is ``torch.mv``.
#
# >>> A @ torch.tensor([1, 1])
# tensor([ 3,  7, 11])
# >>> torch.mv(A, torch.tensor([1, 1]))
# tensor([ 3,  7, 11])
#
# .. pitfall:: "Dot product" is not the matrix product, and ``*`` is neither
#
#    Course notes mix up the names. Some call the element-wise product ``a * b`` a "dot
#    multiplication" (Chinese 点乘, which in mathematics means the dot product), and some
#    call the matrix product ``A @ B`` a "dot product" (点积). The three are different:
#
#    * element-wise or Hadamard product (逐元素乘积, 哈达玛积): ``a * b``,
#      ``torch.mul``; same shape as the (broadcast) operands;
#    * dot product, also inner or scalar product (点积, 内积, 数量积): ``torch.dot``,
#      ``u @ v`` for vectors; one number;
#    * matrix product (矩阵乘积): ``torch.mm``, ``torch.matmul``, ``A @ B``;
#      ``[m, n] @ [n, p] -> [m, p]``.
#
#    For two square matrices the element-wise and the matrix product have the same shape
#    but different values, so the mix-up does not raise an error:
#
#    >>> a * b
#    tensor([[ 5, 12],
#            [21, 32]])
#    >>> a @ b
#    tensor([[19, 22],
#            [43, 50]])

# %%
# Products do not mix dtypes
# --------------------------
# Element-wise ``*`` promotes mixed dtypes like ``+`` does. The matrix and dot products
# do not: both operands must have the same dtype.

ints = torch.tensor([[1, 2]])
floats = torch.tensor([[1.0], [2.0]])
print(ints * floats)  # element-wise with broadcasting: promoted to float

# %%
# >>> ints @ floats
# Traceback (most recent call last):
#     ...
# RuntimeError: expected m1 and m2 to have the same dtype, but got: long int != float
# >>> ints.float() @ floats
# tensor([[5.]])
#
# Summary
# -------
# * ``a * b`` / ``torch.mul``: element-wise, broadcast shape.
# * ``torch.dot(u, v)`` / ``u @ v``: two 1-D tensors of equal length, a 0-d result.
# * ``torch.mm(A, B)`` / ``A @ B`` / ``torch.matmul``: ``[m, n] @ [n, p] -> [m, p]``;
#   ``mm`` accepts only 2-D tensors.
# * Dot and matrix products need equal dtypes; convert with ``.float()`` first.
