"""
Data types (dtypes) and their defaults
======================================

Every tensor has one ``dtype`` shared by all its elements. It decides how much memory an
element takes, which values it can hold and which operations are allowed. This page
shows the :term:`default dtypes <default dtype>`, how the printed form of a tensor hints
at its dtype, what the number of bits changes, and how dtypes combine in arithmetic.
"""

import torch

# %%
# Defaults: float32 and int64
# ---------------------------
# Without ``dtype=``, floating-point data becomes ``torch.float32`` (the *default dtype*,
# the standard precision for training networks) and integer data becomes
# ``torch.int64``.

print(torch.get_default_dtype())
print(torch.tensor([1.5, 2.5]).dtype, torch.tensor([1, 2]).dtype)

# %%
# >>> torch.get_default_dtype()
# torch.float32
# >>> torch.tensor([1.5]).dtype, torch.tensor([1]).dtype, torch.tensor([True]).dtype
# (torch.float32, torch.int64, torch.bool)
#
# The printed form of a tensor omits the dtype exactly when it is the default for that
# kind of value, and names it otherwise:

print(torch.tensor([1, 2]))
print(torch.tensor([1, 2], dtype=torch.int32))
print(torch.tensor([1.0, 2.0]))
print(torch.tensor([1.0, 2.0], dtype=torch.float16))

# %%
# >>> torch.tensor([1, 2], dtype=torch.int16)
# tensor([1, 2], dtype=torch.int16)
#
# "Default" really means the *current* default: ``torch.set_default_dtype`` changes
# which floating type is created and therefore which one is hidden. (This is process-wide
# state; the next page resets it, and the build resets it between pages.)

torch.set_default_dtype(torch.float64)
print(torch.tensor([1.0, 2.0]))
print(torch.tensor([1.0, 2.0], dtype=torch.float32))
torch.set_default_dtype(torch.float32)

# %%
# >>> torch.tensor([1.0]).dtype
# torch.float32

# %%
# What the number of bits buys
# ----------------------------
# ``int16``, ``int32`` and ``int64`` differ in how many bits store each element. More
# bits means a wider range of values and more memory per element:
# ``element_size()`` gives the bytes per element, ``torch.iinfo`` and ``torch.finfo``
# the limits.

for dtype in (torch.int8, torch.int16, torch.int32, torch.int64):
    info = torch.iinfo(dtype)
    print(f"{str(dtype):12} {info.bits:2} bits  {info.min:>21} .. {info.max}")

# %%
# >>> torch.tensor([1], dtype=torch.int16).element_size()
# 2
# >>> torch.iinfo(torch.int32).max
# 2147483647
# >>> torch.finfo(torch.float32).eps
# 1.1920928955078125e-07
#
# A value outside the range does not raise an error: integer arithmetic wraps around.
#
# >>> torch.tensor([250], dtype=torch.uint8) + 10
# tensor([4], dtype=torch.uint8)
#
# The complete list, with sizes, ranges and shortcut methods read from the installed
# torch, is the :doc:`dtype reference table </reference/dtypes>`.
#
# .. pitfall:: ``bfloat16`` has a legacy tensor class too
#
#    A dtype table in one set of notes says that ``torch.bfloat16`` has no class name of
#    its own. Like the other common dtypes it has one, ``torch.BFloat16Tensor``, which
#    is what ``.type()`` reports (only the complex dtypes lack a class). New code
#    rarely needs these names: use the dtype.
#
#    >>> torch.zeros(1, dtype=torch.bfloat16).type()
#    'torch.BFloat16Tensor'
#    >>> hasattr(torch, "BFloat16Tensor"), hasattr(torch, "ComplexFloatTensor")
#    (True, False)

# %%
# Mixing dtypes: type promotion
# -----------------------------
# When two operands have different dtypes, the result takes a dtype that can represent
# both: an integer tensor combined with a float gives a float, a smaller type combined
# with a larger one gives the larger one. A Python number adapts to the tensor's
# category without widening it.

ints = torch.tensor([1, 2, 3])
halves = torch.tensor([0.5, 0.5, 0.5], dtype=torch.float16)
print(ints + halves)
print(ints + 0.5)

# %%
# >>> (ints + halves).dtype
# torch.float16
# >>> (ints + 0.5).dtype
# torch.float32
# >>> torch.promote_types(torch.int32, torch.float16)
# torch.float16
# >>> torch.result_type(torch.tensor([1], dtype=torch.int8), 1000)
# torch.int8
#
# Division with ``/`` always gives a floating-point result, even for integers; ``//``
# is floor division and keeps integers.
#
# >>> torch.tensor([3, 4]) / 2
# tensor([1.5000, 2.0000])
# >>> torch.tensor([3, 4]) // 2
# tensor([1, 2])
#
# .. pitfall:: Some operations refuse integer tensors
#
#    Floating-point-only operations such as ``mean`` raise an error on an integer
#    tensor instead of converting it, and only floating-point (or complex) tensors can
#    track gradients. Convert first, with ``.float()`` or ``dtype=`` (next page).
#
#    >>> torch.tensor([1, 2]).mean()
#    Traceback (most recent call last):
#        ...
#    RuntimeError: mean(): could not infer output dtype. Input dtype must be either a floating point or complex dtype. Got: Long
#    >>> torch.tensor([1, 2]).float().mean()
#    tensor(1.5000)
#
# Summary
# -------
# * Floats default to ``float32``, integers to ``int64``; the printed form hides the
#   dtype exactly when it is the default.
# * More bits: wider range, more memory; integer :term:`overflow` wraps silently.
# * Mixed operands promote to a common dtype; ``/`` always produces floats.
