"""
In-place operations and ``out=``
================================

By default an operation creates a new tensor for its result. Two other ways exist: an
:term:`in-place operation` writes the result into one of its inputs (its name ends in
``_``), and ``out=`` writes it into a tensor you provide. Both save memory, and both
come with rules about shapes and dtypes that the ordinary form does not have.
"""

import torch

# %%
# The trailing underscore
# -----------------------
# ``y.add(x)`` returns a new tensor; ``y.add_(x)`` adds ``x`` *into* ``y`` and returns
# ``y`` itself. The same pairs exist for ``sub_``, ``mul_``, ``div_``, ``neg_`` and
# most element-wise methods (``pow_``, ``sqrt_``, ``exp_``, ``abs_``, ``clamp_`` ...).

y = torch.tensor([1.0, 2.0])
x = torch.tensor([10.0, 20.0])
result = y.add_(x)
print(y)

# %%
# >>> y
# tensor([11., 22.])
# >>> result is y
# True
#
# The in-place forms are mainly tensor methods. Some of them also exist as functions in
# the ``torch`` namespace (``torch.relu_``, ``torch.abs_``, ``torch.exp_``,
# ``torch.sqrt_`` ...), but the arithmetic ones do not: there is no ``torch.add_``,
# ``torch.sub_``, ``torch.mul_`` or ``torch.div_``.
#
# >>> hasattr(torch.Tensor, "add_"), hasattr(torch, "add_")
# (True, False)
# >>> [hasattr(torch, name) for name in ("sub_", "mul_", "div_")]
# [False, False, False]
# >>> [hasattr(torch, name) for name in ("relu_", "abs_", "exp_", "sqrt_")]
# [True, True, True, True]
# >>> signs = torch.tensor([-1.0, 2.0])
# >>> torch.relu_(signs) is signs, signs
# (True, tensor([0., 2.]))
#
# Two more in-place methods that the notes mention: ``x.copy_(src)`` copies the values
# of ``src`` into ``x`` (keeping ``x``'s dtype, and :term:`broadcasting` ``src`` if
# needed), and ``x.t_()`` transposes a matrix in place.

target = torch.zeros(2, 3)
target.copy_(torch.tensor([1, 2, 3]))  # a row copied into both rows, int -> float
print(target)

m = torch.arange(6).reshape(2, 3)
m.t_()
print(m)

# %%
# >>> target
# tensor([[1., 2., 3.],
#         [1., 2., 3.]])
# >>> m.shape
# torch.Size([3, 2])
# >>> torch.zeros(2, 3, 4).t_()
# Traceback (most recent call last):
#     ...
# RuntimeError: t_() expects a tensor with <= 2 dimensions, but self is 3D

# %%
# In place without an underscore
# ------------------------------
# The underscore is a naming rule for *methods*: every method whose name ends in ``_``
# works in place. The converse does not hold. Augmented assignment (``+=``, ``-=``,
# ``*=``, ``/=``) and assignment into an index or slice also change the tensor in place,
# which matters when another name refers to the same tensor. ``x = x + 1`` on the other
# hand creates a new tensor and rebinds the name.

a = torch.tensor([1.0, 2.0])
alias = a
a += 1  # in place: alias sees the change
b = torch.tensor([1.0, 2.0])
alias_b = b
b = b + 1  # new tensor: alias_b keeps the old values
print(alias, alias_b)

# %%
# >>> alias is a, alias
# (True, tensor([2., 3.]))
# >>> alias_b is b, alias_b
# (False, tensor([1., 2.]))
#
# A slice of a tensor is a :term:`view` of the same memory, so an in-place operation on
# the slice changes the original:
#
# >>> v = torch.zeros(4)
# >>> v[1:3].add_(5)
# tensor([5., 5.])
# >>> v
# tensor([0., 5., 5., 0.])
#
# .. pitfall:: ``x += 1`` is in place, ``x = x + 1`` is not
#
#    Notes often state that in-place operations are exactly the ones whose name ends
#    in ``_``. That is true of method names, but ``+=`` and the other augmented
#    assignments, as well as writing into an index (``x[0] = 1``), also modify the
#    tensor in place. Every other name bound to that tensor sees the change, and so does
#    autograd (see chapter 2).
#
#    >>> p = torch.tensor([1, 2])
#    >>> q = p
#    >>> p += 1
#    >>> q
#    tensor([2, 3])

# %%
# In place keeps the shape and the dtype
# --------------------------------------
# An in-place result must fit in the existing tensor. The other operand may broadcast
# to the tensor's shape, but not the other way round, and the result must be castable
# to the tensor's dtype. So an integer tensor cannot be divided in place, since true
# division produces floats.

counts = torch.tensor([[4, 8, 6]])
print(counts.div(2))  # fine: a new float tensor

# %%
# >>> counts.div_(2)
# Traceback (most recent call last):
#     ...
# RuntimeError: result type Float can't be cast to the desired output type Long
# >>> counts.add_(torch.ones(2, 3, dtype=torch.long))
# Traceback (most recent call last):
#     ...
# RuntimeError: output with shape [1, 3] doesn't match the broadcast shape [2, 3]
# >>> torch.ones(2, 3).add_(torch.ones(3))  # the other operand may broadcast
# tensor([[2., 2., 2.],
#         [2., 2., 2.]])
#
# .. pitfall:: ``div_`` fails on an integer tensor
#
#    Lists of in-place operations usually put ``add_``, ``sub_``, ``mul_``, ``div_`` and
#    ``neg_`` side by side, next to an example on an integer tensor from
#    ``torch.randint``. ``data.div(100)`` works on such a tensor because it returns a
#    new float tensor, but ``data.div_(100)`` (and ``data /= 100``) raises, because the
#    float result cannot be stored in an ``int64`` tensor. Convert first
#    (``data = data.float()``), or use ``div_(..., rounding_mode="floor")`` if an
#    integer quotient is what you want.
#
#    >>> data = torch.tensor([13, 17, 14])
#    >>> data.div_(100)
#    Traceback (most recent call last):
#        ...
#    RuntimeError: result type Float can't be cast to the desired output type Long
#    >>> data.div_(10, rounding_mode="floor")
#    tensor([1, 1, 1])

# %%
# Writing into a given tensor: ``out=``
# -------------------------------------
# Most ``torch`` functions accept a keyword ``out=``: the result is written into that
# tensor, which is also returned. Give it the shape of the result and a dtype that can
# hold it: an integer ``out`` for a float result is an error, a float ``out`` for an
# integer result is fine. An ``out`` of another shape is resized: silently if it is
# empty, with a warning that this is deprecated if it has elements.

buffer = torch.empty(2)
returned = torch.add(torch.tensor([1.0, 2.0]), 10, out=buffer)
print(buffer)

# %%
# >>> returned is buffer, buffer
# (True, tensor([11., 12.]))
# >>> torch.add(torch.tensor([1.5]), 1, out=torch.empty(1, dtype=torch.long))
# Traceback (most recent call last):
#     ...
# RuntimeError: result type Float can't be cast to the desired output type Long
# >>> torch.add(torch.tensor([1]), 1, out=torch.empty(1))
# tensor([2.])
# >>> torch.add(torch.tensor([1.0, 2.0]), 10, out=torch.empty(0))
# tensor([11., 12.])
# >>> import warnings
# >>> with warnings.catch_warnings(record=True) as caught:
# ...     warnings.simplefilter("always")
# ...     resized = torch.add(torch.tensor([1.0, 2.0]), 10, out=torch.empty(5))
# >>> resized.shape, str(caught[0].message).split(",")[0]
# (torch.Size([2]), 'An output with one or more elements was resized since it had shape [5]')
#
# ``out=`` is mostly useful in loops that would otherwise allocate a new tensor on every
# step. In everyday code the ordinary form is clearer, and autograd does not support
# ``out=`` on tensors that require gradients.
#
# Summary
# -------
# * A method ending in ``_`` works in place and returns its tensor; there is no
#   ``torch.add_`` function.
# * ``+=``, ``/=``, index assignment and in-place operations on views also modify the
#   original tensor; ``x = x + 1`` does not.
# * The result of an in-place operation must fit the tensor's shape and dtype:
#   ``int_tensor.div_(2)`` raises.
# * ``out=`` writes into a tensor you provide; it should have the result's shape (an
#   empty one is resized silently, one of another size with a deprecation warning) and
#   must have a dtype that can hold the result.
