"""
Leaf tensors, .grad and retain_grad
===================================

Only some tensors in a :term:`computational graph` keep a :term:`gradient` after
``backward()``. This page defines :term:`leaf tensors <leaf tensor>` precisely, shows
which tensors receive ``.grad`` (and the warning you get when reading it elsewhere), and
how ``retain_grad()`` keeps the gradient of an intermediate result.
"""

import warnings

import torch

# %%
# Leaf and non-leaf tensors
# -------------------------
# ``is_leaf`` is ``True`` for every tensor that has no ``grad_fn``:
#
# * all tensors with ``requires_grad=False`` (data, constants, results computed under
#   ``torch.no_grad()``), whatever produced them;
# * tensors with ``requires_grad=True`` that you created directly (parameters, inputs
#   marked for differentiation).
#
# A tensor is a *non-leaf* exactly when it was produced by a recorded operation, so it
# has a ``grad_fn``. Indexing or slicing is an operation too: a row taken from ``x`` is
# not a leaf.
#
# The examples use the graph of the previous page, ``z = x.pow(2).sum()``, with the
# intermediate result ``squares`` kept in a variable, plus a plain data tensor:

x = torch.tensor([[1.0, 0.0], [-1.0, 1.0]], requires_grad=True)
squares = x.pow(2)
z = squares.sum()
data = torch.tensor([3.0, 4.0])
print(x.is_leaf, data.is_leaf, squares.is_leaf, x[0].is_leaf)

# %%
# >>> x.is_leaf, data.is_leaf, squares.is_leaf, x[0].is_leaf
# (True, True, False, False)
# >>> type(x[0].grad_fn).__name__
# 'SelectBackward0'
#
# .. pitfall:: A leaf does not have to require gradients
#
#    A common definition says that a leaf tensor is one created by the user *with*
#    ``requires_grad=True``. PyTorch's rule is simpler: every tensor whose
#    ``requires_grad`` is ``False`` is a leaf by convention, including results of
#    operations on such tensors and results computed under ``torch.no_grad()``. The
#    property that matters for ``.grad`` is "leaf **and** ``requires_grad=True``".
#    A related slip is to say that a tensor "split from another tensor" is a leaf:
#    slicing a tensor that requires gradients is a recorded operation.
#
#    >>> (data * 2).is_leaf, (data * 2).requires_grad
#    (True, False)
#    >>> with torch.no_grad():
#    ...     doubled = x * 2
#    >>> doubled.is_leaf, doubled.requires_grad
#    (True, False)

# %%
# Which tensors receive ``.grad``
# -------------------------------
# After ``backward()``, autograd writes ``.grad`` only for leaves that require
# gradients and from which the output was computed through recorded operations. Non-leaf
# tensors pass gradients along but do not keep them (keeping every intermediate gradient
# would cost memory for nothing in ordinary training). Reading ``.grad`` of a non-leaf
# returns ``None`` and warns.

z.backward()
print(x.grad)
with warnings.catch_warnings(record=True) as caught:
    warnings.simplefilter("always")
    intermediate_grad = squares.grad
print(intermediate_grad)
print(str(caught[0].message).split(" (Triggered")[0])

# %%
# >>> intermediate_grad is None
# True
# >>> print(caught[0].category.__name__, caught[0].message)
# UserWarning The .grad attribute of a Tensor that is not a leaf Tensor is being accessed. ...
#
# To keep the gradient of an intermediate result, call ``retain_grad()`` on it before
# ``backward()``. With :math:`s_{ij} = x_{ij}^2` (``squares``) and
# :math:`z = \sum s_{ij}`, every :math:`\partial z / \partial s_{ij}` is 1, so the
# retained gradient is all ones.

x = torch.tensor([[1.0, 0.0], [-1.0, 1.0]], requires_grad=True)
squares = x.pow(2)
squares.retain_grad()
z = squares.sum()
z.backward()
print(squares.grad)

# %%
# >>> squares.grad
# tensor([[1., 1.],
#         [1., 1.]])
# >>> squares.retains_grad, x.retains_grad
# (True, False)
#
# .. pitfall:: ``.grad`` needs a leaf that requires grad and a recorded path
#
#    Notes sometimes give three conditions for receiving ``.grad``: the tensor is a
#    leaf, it has ``requires_grad=True``, and *every tensor that depends on it* has
#    ``requires_grad=True``. The third condition is not something you arrange: any
#    result of a recorded operation on such a leaf requires gradients automatically.
#    What really matters is that the path from the leaf to the output was recorded, so
#    it is broken by ``detach()`` or by computing under ``torch.no_grad()``. And a
#    non-leaf gets ``.grad`` too if you ask with ``retain_grad()``.
#
#    >>> w = torch.tensor(2.0, requires_grad=True)
#    >>> (w.detach() * 3 + w).backward()
#    >>> w.grad
#    tensor(1.)
#
# Summary
# -------
# * ``is_leaf`` means "no ``grad_fn``": user-created tensors and every tensor with
#   ``requires_grad=False``.
# * ``.grad`` is filled for leaves that require gradients and are reached through the
#   recorded graph; reading it on a non-leaf warns and returns ``None``.
# * ``retain_grad()`` before ``backward()`` keeps the gradient of an intermediate
#   result.
