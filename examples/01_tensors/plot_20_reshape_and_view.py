"""
Reshaping with ``reshape``, ``view`` and ``-1``
===============================================

Changing a tensor's :term:`shape` without changing its elements is one of the most
frequent operations in model code: flattening images, splitting heads in attention,
adding a batch dimension. This page covers ``reshape`` and ``view``, the ``-1``
placeholder, and the question that matters most in practice: does the result
:term:`share memory <shared memory>` with the original?
"""

import torch

# %%
# Same elements, new shape
# ------------------------
# ``shape`` (an attribute) and ``size()`` (a method) both report the shape; ``size(d)``
# gives one dimension. ``reshape`` arranges the same elements into another shape. The
# elements are read in *row-major* order (the last index changes fastest) and written
# into the new shape in that same order.

data = torch.tensor([[10, 20, 30], [40, 50, 60]])
print(data.shape, data.size(), data.size(0), data.shape[1])
print(data.reshape(1, 6))
print(data.reshape(3, 2))

# %%
# >>> data.reshape(1, 6)
# tensor([[10, 20, 30, 40, 50, 60]])
# >>> data.reshape(3, 2)
# tensor([[10, 20],
#         [30, 40],
#         [50, 60]])
#
# The only rule on the sizes: the new shape must hold exactly as many elements as the
# old one (``numel()``), no more and no fewer. Six elements fit ``(1, 6)``, ``(3, 2)`` or
# ``(6,)``, but not ``(4, 2)``:
#
# >>> data.numel()
# 6
# >>> data.reshape(4, 2)
# Traceback (most recent call last):
#     ...
# RuntimeError: shape '[4, 2]' is invalid for input of size 6
#
# Because only the order of the elements counts, tensors with different shapes but the
# same elements in row-major order give the same result:
#
# >>> torch.equal(torch.tensor([[[1, 2, 3], [4, 5, 6]]]).reshape(3, 2),
# ...             torch.tensor([1, 2, 3, 4, 5, 6]).reshape(3, 2))
# True

# %%
# Let PyTorch compute one size: ``-1``
# ------------------------------------
# One entry of the new shape may be ``-1``: PyTorch fills in whatever size makes the
# element count come out right. ``reshape(-1)`` flattens to one dimension.

x = torch.arange(12)
print(x.reshape(-1).shape, x.reshape(-1, 6).shape, x.reshape(3, -1).shape)

# %%
# >>> x.reshape(-1, 6).shape
# torch.Size([2, 6])
# >>> x.reshape(3, -1).shape
# torch.Size([3, 4])
#
# ``-1`` cannot invent a size that does not exist: the remaining sizes must divide the
# element count, and only one entry can be inferred.
#
# >>> x.reshape(5, -1)
# Traceback (most recent call last):
#     ...
# RuntimeError: shape '[5, -1]' is invalid for input of size 12
# >>> x.reshape(-1, -1)
# Traceback (most recent call last):
#     ...
# RuntimeError: only one dimension can be inferred
#
# .. pitfall:: ``torch.arange(1, 10)`` has nine elements
#
#    A snippet in one set of notes reads ``torch.arrange(1,10).view(-1,5)`` with the
#    comment "(1,10) -> (2,5)". Three things are off: the function is ``arange`` (one
#    r); ``arange`` excludes its end, so ``arange(1, 10)`` is ``1 ... 9``, nine
#    elements, which cannot be split into rows of five; and the input is
#    one-dimensional, shape ``(9,)``, not ``(1, 10)``. Ten elements need
#    ``arange(1, 11)``.
#
#    >>> torch.arange(1, 10).shape
#    torch.Size([9])
#    >>> torch.arange(1, 10).view(-1, 5)
#    Traceback (most recent call last):
#        ...
#    RuntimeError: shape '[-1, 5]' is invalid for input of size 9
#    >>> torch.arange(1, 11).view(-1, 5).float()
#    tensor([[ 1.,  2.,  3.,  4.,  5.],
#            [ 6.,  7.,  8.,  9., 10.]])

# %%
# ``view`` shares memory with the original
# ----------------------------------------
# ``view`` does what ``reshape`` does, with one guarantee: it never copies. The result is
# a new tensor object that looks at the *same* memory, so a change made through one is
# visible through the other.

x = torch.arange(6)
y = x.view(2, 3)
x[0] = 10
print(x)
print(y)

# %%
# >>> y
# tensor([[10,  1,  2],
#         [ 3,  4,  5]])
#
# To *see* that two tensors share memory, compare the address of the memory block
# behind them, ``untyped_storage().data_ptr()``. The shorter ``data_ptr()`` is the
# address of a tensor's *first element*: equal values show that two tensors start at
# the same element, but a view that starts further in, such as ``x[1:]``, has a
# different ``data_ptr()`` although it lives in the same storage.
#
# >>> x.untyped_storage().data_ptr() == y.untyped_storage().data_ptr()
# True
# >>> x.data_ptr() == y.data_ptr()  # both start at element 0
# True
# >>> tail = x[1:]
# >>> tail.data_ptr() == x.data_ptr(), tail.storage_offset()
# (False, 1)
# >>> tail.untyped_storage().data_ptr() == x.untyped_storage().data_ptr()
# True
#
# .. pitfall:: There is no ``torch.view``: ``view`` is a tensor method
#
#    One set of notes heads its reshaping section "``torch.view``". ``view`` exists only
#    as a method, ``x.view(2, 3)``; unlike ``reshape``, which is both a method and the
#    function ``torch.reshape``, there is no function of that name in ``torch``.
#
#    >>> torch.view(x, (2, 3))
#    Traceback (most recent call last):
#        ...
#    AttributeError: module 'torch' has no attribute 'view'
#    >>> torch.equal(x.view(2, 3), torch.reshape(x, (2, 3)))
#    True
#
# .. pitfall:: ``id()`` cannot tell whether tensors share memory
#
#    Notes sometimes print ``id(a)`` and ``id(b)`` (or ``id(a.data)``) to show that two
#    tensors share data. ``id`` identifies the Python *object*, not the memory it points
#    to: ``x`` and its view ``y`` are two different objects over one block of memory, so
#    their ids differ although they share everything. Worse, ``a.data`` builds a new
#    temporary object on each access; two temporaries that do not live at the same time
#    can get the same id by chance. Compare ``untyped_storage().data_ptr()`` instead.
#
#    >>> id(x) == id(y)
#    False
#    >>> x.data is x.data
#    False

# %%
# ``reshape`` shares memory too, whenever it can
# ----------------------------------------------
# ``reshape`` returns a view when the new shape can be expressed over the existing
# memory, which is always the case for a freshly created (:term:`contiguous`) tensor. It
# copies only when a view is impossible, a case the next page explains. Here is the
# experiment: reshape, then change the original.

z = x.reshape(2, 3)
x[1] = 20
print(x)
print(z)

# %%
# The change shows up in ``z``: ``z`` is a view of ``x``.
#
# >>> z
# tensor([[10, 20,  2],
#         [ 3,  4,  5]])
# >>> z.data_ptr() == x.data_ptr()
# True
#
# .. pitfall:: ``reshape`` does not always copy
#
#    Two sets of notes say that ``reshape`` allocates new memory (one says it "always
#    copies", the other prints an output in which changing the original does not affect
#    the reshaped tensor). Running the code shows the opposite: on a contiguous tensor
#    ``reshape`` returns a view, exactly like ``view``. It copies only when the memory
#    layout makes a view impossible (for example after ``transpose``). The half of the
#    claim about ``view`` is right: ``view`` never copies; it raises an error instead.
#
#    >>> a = torch.zeros(6)
#    >>> b = a.reshape(2, 3)
#    >>> a[0] = 1.0
#    >>> b[0, 0].item()
#    1.0
#
# So never rely on ``reshape`` for a copy *or* for sharing. When you need an independent
# tensor, say so with ``clone()``:

independent = x.reshape(2, 3).clone()
x[2] = 30
print(independent)

# %%
# >>> independent[0, 2].item()
# 2
#
# Summary
# -------
# * ``reshape`` and ``view`` rearrange the same elements in row-major order; the element
#   count must not change; one size may be ``-1``.
# * ``view`` never copies (it shares memory or raises); ``reshape`` shares memory when it
#   can and copies only when it must.
# * Check sharing with ``untyped_storage().data_ptr()`` (``data_ptr()`` only tells
#   whether two tensors start at the same element), never with ``id()``; use
#   ``clone()`` when you need a copy.
