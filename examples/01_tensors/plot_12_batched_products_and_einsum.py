"""
Batched matrix products, ``matmul`` and ``einsum``
==================================================

Models multiply many matrices at once: one per example in a batch, or one per attention
head. ``torch.bmm`` does this for a stack of matrices (a
:term:`batched matrix multiplication`), ``torch.matmul`` (the ``@`` operator) does it
with :term:`broadcasting`, and ``torch.einsum`` writes any of these products as a
formula over index letters. The page ends with a reference table of all the products
and their shape rules.
"""

import torch

torch.manual_seed(0)

# %%
# A stack of matrix products: ``torch.bmm``
# -----------------------------------------
# ``torch.bmm(x, y)`` takes two 3-D tensors with the same first size ``b`` (the batch)
# and multiplies matching matrices: ``[b, m, n]`` and ``[b, n, p]`` give ``[b, m, p]``,
# where ``result[i] = x[i] @ y[i]``.

x = torch.randn(10, 8, 6)  # (b, m, n)
y = torch.randn(10, 6, 9)  # (b, n, p)
z = torch.bmm(x, y)
print(z.shape)

# %%
# >>> z.shape
# torch.Size([10, 8, 9])
# >>> torch.allclose(z[3], x[3] @ y[3])
# True
#
# ``bmm`` is strict: both tensors must be 3-D, and the batch sizes must be equal (no
# broadcasting).
#
# >>> torch.bmm(torch.zeros(2, 3, 4), torch.zeros(1, 4, 5))
# Traceback (most recent call last):
#     ...
# RuntimeError: Expected size for first two dimensions of batch2 tensor to be: [2, 4] but got: [1, 4].
#
# .. pitfall:: ``torch.bmm`` multiplies stacks of matrices and needs 3-D tensors
#
#    One set of notes calls ``torch.bmm`` a "batch dot multiplication" (批量点乘) that
#    matches the last dimensions and multiplies element by element, and applies it to
#    two 2 x 2 matrices. That call raises an error: ``bmm`` is a batched *matrix*
#    product and only accepts 3-D tensors. For two matrices use ``@`` or ``torch.mm``;
#    to use ``bmm`` anyway, add a batch dimension of size 1. (Another set of notes labels
#    its ``bmm`` example "how to use ``torch.mm``"; the code and its printed shape
#    ``[3, 4, 8]`` are right, the label is not.)
#
#    >>> a = torch.tensor([[1, 2], [3, 4]])
#    >>> b = torch.tensor([[5, 6], [7, 8]])
#    >>> torch.bmm(a, b)
#    Traceback (most recent call last):
#        ...
#    RuntimeError: batch1 must be a 3D tensor
#    >>> torch.bmm(a.unsqueeze(0), b.unsqueeze(0))
#    tensor([[[19, 22],
#             [43, 50]]])
#    >>> torch.bmm(torch.randn(3, 4, 5), torch.randn(3, 5, 8)).shape
#    torch.Size([3, 4, 8])

# %%
# ``torch.matmul`` and ``@``: products with broadcasting
# ------------------------------------------------------
# ``torch.matmul`` (and ``@``, which calls it) chooses the product from the number of
# dimensions:
#
# * 1-D and 1-D: the dot product;
# * 2-D and 2-D: the matrix product, like ``mm``;
# * a 1-D operand is treated as a matrix with one row (first operand) or one column
#   (second operand), and that dimension is removed from the result;
# * more than 2 dimensions: the last two dimensions are the matrices, all earlier ones
#   are *batch* dimensions, and the batch dimensions broadcast.
#
# A batch of matrices times one matrix therefore multiplies every matrix of the batch by
# the same one, without copying it:

batch = torch.randn(10, 3, 4)
weight = torch.randn(4, 5)
out = batch @ weight
print(out.shape)

# %%
# >>> out.shape
# torch.Size([10, 3, 5])
# >>> torch.allclose(out[7], batch[7] @ weight)
# True
# >>> (torch.randn(3, 4, 5) @ torch.randn(5, 4)).shape
# torch.Size([3, 4, 4])
# >>> (torch.randn(5, 4) @ torch.randn(3, 4, 5)).shape
# torch.Size([3, 5, 5])
# >>> torch.mm(torch.randn(3, 4, 5), torch.randn(5, 4))
# Traceback (most recent call last):
#     ...
# RuntimeError: self must be a matrix
# >>> (torch.randn(2, 1, 3, 4) @ torch.randn(5, 4, 6)).shape
# torch.Size([2, 5, 3, 6])
#
# In the last line, the batch shapes ``[2, 1]`` and ``[5]`` broadcast to ``[2, 5]``,
# and each matrix product is ``[3, 4] @ [4, 6] -> [3, 6]``.
#
# .. pitfall:: ``torch.matmul`` has shape rules too
#
#    Notes sometimes say that ``torch.matmul`` puts "no restriction" on the shapes of
#    its operands. It accepts more shapes than ``mm`` and ``bmm``, but three rules still
#    apply: both operands need at least one dimension (to scale by a 0-dimensional
#    tensor, use ``*``), the last dimension of the first operand must equal the
#    second-to-last dimension of the second (the inner sizes of each matrix product),
#    and the batch dimensions must be broadcastable. Note that the second error message
#    reports the batch folded into the rows (``12x5`` for ``[3, 4, 5]``).
#
#    >>> torch.matmul(torch.tensor(2.0), torch.tensor(3.0))
#    Traceback (most recent call last):
#        ...
#    RuntimeError: both arguments to matmul need to be at least 1D, but they are 0D and 0D
#    >>> torch.tensor(2.0) * torch.tensor([1.0, 2.0])
#    tensor([2., 4.])
#
#    >>> torch.randn(3, 4, 5) @ torch.randn(4, 5)
#    Traceback (most recent call last):
#        ...
#    RuntimeError: mat1 and mat2 shapes cannot be multiplied (12x5 and 4x5)
#    >>> torch.randn(2, 3, 4) @ torch.randn(3, 4, 5)
#    Traceback (most recent call last):
#        ...
#    RuntimeError: The size of tensor a (2) must match the size of tensor b (3) at non-singleton dimension 0

# %%
# Index notation: ``torch.einsum``
# --------------------------------
# ``torch.einsum`` uses :term:`Einstein summation`: it describes a product by giving
# each dimension a letter. Letters that appear in the inputs but not after ``->`` are
# summed over; the output letters give the order of the result's dimensions. Every
# product on this page is one formula:

p = torch.tensor([1, 2, 3])
q = torch.tensor([4, 5, 6])
M = torch.tensor([[1, 2], [3, 4]])
N = torch.tensor([[5, 6], [7, 8]])
print(torch.einsum("i,i->", p, q))  # dot product
print(torch.einsum("ij,jk->ik", M, N))  # matrix product
print(torch.einsum("ij,ij->ij", M, N))  # element-wise product
print(torch.einsum("i,j->ij", p, q))  # outer product

# %%
# >>> torch.einsum("i,i->", p, q)
# tensor(32)
# >>> torch.equal(torch.einsum("ij,jk->ik", M, N), M @ N)
# True
# >>> torch.equal(torch.einsum("ij,ij->ij", M, N), M * N)
# True
# >>> torch.allclose(torch.einsum("bmn,bnp->bmp", x, y), torch.bmm(x, y))
# True
# >>> torch.einsum("ij->ji", M)
# tensor([[1, 3],
#         [2, 4]])
#
# ``einsum`` is most useful where the other functions would need a transpose or a
# reshape first, for example the attention scores ``einsum("bqd,bkd->bqk", Q, K)``,
# which is ``Q @ K.transpose(1, 2)``.
#
# >>> Q, K = torch.randn(2, 5, 8), torch.randn(2, 7, 8)
# >>> scores = torch.einsum("bqd,bkd->bqk", Q, K)
# >>> scores.shape
# torch.Size([2, 5, 7])
# >>> torch.allclose(scores, Q @ K.transpose(1, 2), atol=1e-6)
# True

# %%
# Reference: which product for which shapes
# -----------------------------------------
# Each row gives the shapes of the operands and of the result; ``[]`` is a
# 0-dimensional tensor. The doctests below the table check every row.
#
# .. list-table::
#    :header-rows: 1
#    :widths: 25 40 35
#
#    * - Product
#      - Shapes
#      - Spelling
#    * - dot product of two vectors
#      - ``[n]``, ``[n]`` → ``[]``
#      - ``torch.dot(a, b)``, ``a @ b``
#    * - matrix times vector
#      - ``[m, n]``, ``[n]`` → ``[m]``
#      - ``torch.mv(A, v)``, ``A @ v``
#    * - matrix product
#      - ``[m, n]``, ``[n, p]`` → ``[m, p]``
#      - ``torch.mm(A, B)``, ``A @ B``
#    * - batched matrix product
#      - ``[b, m, n]``, ``[b, n, p]`` → ``[b, m, p]``
#      - ``torch.bmm(A, B)``, ``A @ B``
#    * - batched, with broadcasting
#      - ``[b, m, n]``, ``[n, p]`` → ``[b, m, p]``
#      - ``A @ B``, ``torch.matmul(A, B)``
#    * - element-wise (Hadamard) product
#      - broadcast shapes: ``[m, n]``, ``[m, n]`` → ``[m, n]``; ``[m, 1]``, ``[1, p]`` → ``[m, p]``
#      - ``a * b``, ``torch.mul(a, b)``
#    * - any of the above, by index letters
#      - as the formula says
#      - ``torch.einsum("ij,jk->ik", A, B)``
#
# >>> n, m, p, b = 4, 3, 5, 2
# >>> torch.dot(torch.ones(n), torch.ones(n)).shape
# torch.Size([])
# >>> torch.mv(torch.ones(m, n), torch.ones(n)).shape
# torch.Size([3])
# >>> torch.mm(torch.ones(m, n), torch.ones(n, p)).shape
# torch.Size([3, 5])
# >>> torch.bmm(torch.ones(b, m, n), torch.ones(b, n, p)).shape
# torch.Size([2, 3, 5])
# >>> torch.matmul(torch.ones(b, m, n), torch.ones(n, p)).shape
# torch.Size([2, 3, 5])
# >>> torch.mul(torch.ones(m, n), torch.ones(m, n)).shape
# torch.Size([3, 4])
# >>> torch.mul(torch.ones(m, 1), torch.ones(1, p)).shape
# torch.Size([3, 5])
# >>> torch.einsum("ij,jk->ik", torch.ones(m, n), torch.ones(n, p)).shape
# torch.Size([3, 5])
#
# .. pitfall:: ``@`` is never element-wise, and the Hadamard product broadcasts
#
#    A widely copied version of this table heads the matrix products "Matrix
#    Multiplication (Dot Product)", writes the element-wise shapes with ``@`` (as in
#    ``[n]@[n] = [n]``) and says the Hadamard product needs tensors of the same shape.
#    In fact ``@`` always means a matrix-style product (``[n] @ [n]`` is the dot
#    product, a 0-d tensor), the element-wise product is ``*``, and its operands only
#    need broadcastable shapes. "Dot product" properly names only the vector case.
#
#    >>> (torch.ones(3) @ torch.ones(3)).shape
#    torch.Size([])
#    >>> (torch.ones(3) * torch.ones(3)).shape
#    torch.Size([3])
#    >>> (torch.ones(2, 3) * torch.ones(3)).shape
#    torch.Size([2, 3])
#
# Summary
# -------
# * ``torch.bmm``: two 3-D tensors, equal batch sizes, ``[b, m, n] @ [b, n, p]``.
# * ``@`` / ``torch.matmul``: dot, matrix-vector, matrix or batched product depending on
#   the dimensions; batch dimensions broadcast, inner sizes must match.
# * ``torch.einsum``: any of them as a formula; summed letters disappear.
