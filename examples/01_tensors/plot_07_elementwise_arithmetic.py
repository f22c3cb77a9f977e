"""
Element-wise arithmetic: add, sub, mul, div, neg
================================================

The arithmetic operators work on tensors
:term:`element by element <element-wise operation>`: ``a + b`` adds each element
of ``a`` to the element of ``b`` at the same position. This page shows the three
spellings of each operation (operator, function, method), what happens with integer
tensors, and the one operator that turns integers into floats: true division.
"""

import torch

# %%
# Three spellings of the same operation
# -------------------------------------
# Every arithmetic operation exists as an operator (``+ - * / -x``), as a function in
# the ``torch`` namespace (``torch.add``, ``torch.sub``, ``torch.mul``, ``torch.div``,
# ``torch.neg``) and as a tensor method (``a.add(b)`` and so on). The three give the
# same result, and none of them changes ``a``: each returns a new tensor.

a = torch.tensor([[1, 2, 3], [4, 5, 6]])
print(a + 10)
print(torch.add(a, 10))
print(a.add(10))

# %%
# >>> torch.equal(a + 10, torch.add(a, 10)) and torch.equal(a + 10, a.add(10))
# True
# >>> a  # unchanged
# tensor([[1, 2, 3],
#         [4, 5, 6]])
#
# The second operand can be a Python number (as above) or a tensor of the same shape
# (or of a shape that *broadcasts* to it, see
# :ref:`sphx_glr_auto_examples_01_tensors_plot_10_broadcasting.py`).

b = torch.tensor([[10, 20, 30], [40, 50, 60]])
print(b - a)
print(a * b)
print(b / a)
print(a.neg())

# %%
# >>> torch.sub(b, a)
# tensor([[ 9, 18, 27],
#         [36, 45, 54]])
# >>> torch.mul(a, b)
# tensor([[ 10,  40,  90],
#         [160, 250, 360]])
# >>> torch.neg(a)
# tensor([[-1, -2, -3],
#         [-4, -5, -6]])
#
# ``torch.add`` and ``torch.sub`` also take a scale factor ``alpha`` for the second
# operand: ``torch.add(a, b, alpha=2)`` is ``a + 2 * b`` in one step.
#
# >>> torch.add(a, a, alpha=2)
# tensor([[ 3,  6,  9],
#         [12, 15, 18]])

# %%
# Integers: ``/`` gives floats, ``//`` floors
# -------------------------------------------
# Adding, subtracting and multiplying integer tensors gives integer tensors. Division is
# different: ``/`` (``torch.div``) is *true* division and, for integer and floating
# inputs, always returns floating-point numbers, even when every quotient is a whole
# number. For an integer result use ``//``
# (floor division, rounding towards minus infinity) or ``torch.div`` with
# ``rounding_mode``.

n = torch.tensor([7, -7])
print(n / 2)
print(n // 2)
print(torch.div(n, 2, rounding_mode="trunc"))

# %%
# >>> (a / 1).dtype, (a // 1).dtype
# (torch.float32, torch.int64)
# >>> n // 2
# tensor([ 3, -4])
# >>> torch.div(n, 2, rounding_mode="trunc")
# tensor([ 3, -3])
# >>> torch.div(n, 2, rounding_mode="floor")
# tensor([ 3, -4])
#
# ``-7 // 2`` is ``-4`` and not ``-3``: floor division rounds down, as in Python. C and
# many other languages truncate towards zero; that is ``rounding_mode="trunc"``.
#
# Mixing an integer tensor with a float number or float tensor promotes the result to a
# float dtype (the rules are on
# :ref:`sphx_glr_auto_examples_01_tensors_plot_05_dtypes_and_defaults.py`):
#
# >>> (a + 0.5).dtype, (a * torch.tensor(2.0)).dtype
# (torch.float32, torch.float32)

# %%
# Integers do not become infinite
# -------------------------------
# Floating-point division by zero gives ``inf`` or ``nan``, as IEEE 754 prescribes. An
# integer has no ``inf``. On the CPU, integer floor division by zero is therefore an
# error, and so are ``%`` and ``torch.div(..., rounding_mode="trunc")`` by zero. On a
# CUDA GPU the kernels do not check, because a check would make the CPU wait for the
# GPU: the result is an unspecified number (often -1) and no error is raised. Guard the
# divisors yourself, or divide in floating point. On every device, integer results that
# do not fit the dtype wrap around silently.

print(torch.tensor([1.0, -1.0, 0.0]) / 0)
print(torch.tensor([5]) / 0)  # true division: the result is a float

# %%
# >>> torch.tensor([1.0, -1.0, 0.0]) / 0
# tensor([inf, -inf, nan])
# >>> torch.tensor([5]) // 0
# Traceback (most recent call last):
#     ...
# RuntimeError: ZeroDivisionError
# >>> torch.tensor([5]) % 0
# Traceback (most recent call last):
#     ...
# RuntimeError: ZeroDivisionError
# >>> torch.tensor([1, 2], dtype=torch.uint8) - torch.tensor([2, 1], dtype=torch.uint8)
# tensor([255,   1], dtype=torch.uint8)
#
# The last line is ``1 - 2`` in 8-bit unsigned arithmetic: it wraps around to 255. This
# matters for images stored as ``uint8``: convert to a float dtype before subtracting.
#
# Unseeded examples print other numbers
# -------------------------------------
# Course notes often demonstrate these operations on ``torch.randint(0, 10, [2, 3])``
# without a seed and show one run's output; yours will differ. What carries over is
# the logic, which fixed data makes checkable: ``add`` then ``sub`` shift every element,
# and ``div`` of an integer tensor returns floats.
#
# >>> data = torch.tensor([[3, 7, 4], [0, 0, 6]])
# >>> data.add(10).sub(100)
# tensor([[-87, -83, -86],
#         [-90, -90, -84]])
# >>> data.div(100)
# tensor([[0.0300, 0.0700, 0.0400],
#         [0.0000, 0.0000, 0.0600]])
#
# Summary
# -------
# * ``a + b``, ``torch.add(a, b)`` and ``a.add(b)`` are the same operation; likewise
#   ``sub``, ``mul``, ``div``, ``neg``. They return new tensors.
# * ``/`` never returns integers; ``//`` floors (``-7 // 2 == -4``); ``torch.div`` takes
#   ``rounding_mode="trunc"`` or ``"floor"``.
# * Float division by zero gives ``inf``/``nan``; integer ``//`` and ``%`` by zero raise
#   on the CPU and give an unspecified value on a CUDA GPU; integer :term:`overflow`
#   wraps.
