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
# and the usual dtype of model parameters) and integer data becomes ``torch.int64``.
# Training often runs much of its arithmetic in ``bfloat16`` or ``float16`` (mixed
# precision, with ``torch.autocast``) while keeping the parameters in ``float32``.

print(torch.get_default_dtype())
print(torch.tensor([1.5, 2.5]).dtype, torch.tensor([1, 2]).dtype)

# %%
# >>> torch.get_default_dtype()
# torch.float32
# >>> torch.tensor([1.5]).dtype, torch.tensor([1]).dtype, torch.tensor([True]).dtype
# (torch.float32, torch.int64, torch.bool)
#
# For a tensor with elements, the printed form omits the dtype exactly when it is the
# default for that kind of value, and names it otherwise:

print(torch.tensor([1, 2]))
print(torch.tensor([1, 2], dtype=torch.int32))
print(torch.tensor([1.0, 2.0]))
print(torch.tensor([1.0, 2.0], dtype=torch.float16))

# %%
# >>> torch.tensor([1, 2], dtype=torch.int16)
# tensor([1, 2], dtype=torch.int16)
#
# An empty tensor has no elements that show the kind of value, so it names every dtype
# except the default floating type:
#
# >>> torch.tensor([], dtype=torch.int64), torch.tensor([], dtype=torch.bool)
# (tensor([], dtype=torch.int64), tensor([], dtype=torch.bool))
#
# "Default" really means the *current* default: ``torch.set_default_dtype`` changes
# which floating type is created and therefore which one is hidden. (This is process-wide
# state; the last line of the next cell resets it, and the build resets it between
# pages.)

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
# An arithmetic result outside the range does not raise an error: integer arithmetic
# wraps around. Creating an integer tensor from a value that does not fit, on the other
# hand, usually raises; small negative values given to ``uint8`` are an exception
# (-1 becomes 255). A float value too large for a floating-point dtype becomes ``inf``
# without an error.
#
# >>> torch.tensor([250], dtype=torch.uint8) + 10
# tensor([4], dtype=torch.uint8)
# >>> torch.tensor([300], dtype=torch.uint8)
# Traceback (most recent call last):
#     ...
# RuntimeError: value cannot be converted to type uint8 without overflow
# >>> torch.tensor([-1], dtype=torch.uint8)
# tensor([255], dtype=torch.uint8)
# >>> torch.tensor([1e5], dtype=torch.float16), torch.tensor([1e39])
# (tensor([inf], dtype=torch.float16), tensor([inf]))
#
# The complete list, with sizes, ranges and shortcut methods read from the installed
# torch, is the :doc:`dtype reference table </reference/dtypes>`. Its last column notes
# what each dtype is typically used for. Three of those uses, checked here: ``int8``
# holds quantised weights, stored as small integers that a scale factor maps back to
# floats; ``torch.fft`` returns ``complex64`` for ``float32`` input and ``complex128``
# for ``float64``; and ``int64`` is the dtype of indices, the one that ``argmax``,
# ``nonzero`` and ``sort`` return (``int32`` indices are accepted by indexing but not
# by every function, see
# :ref:`sphx_glr_auto_examples_01_tensors_plot_14_fancy_and_boolean_indexing.py`).
#
# >>> weights = torch.tensor([0.5, -1.0, 0.23])
# >>> (weights / 0.1).round().to(torch.int8)  # quantised with scale 0.1
# tensor([  5, -10,   2], dtype=torch.int8)
# >>> torch.fft.fft(torch.ones(4)).dtype, torch.fft.fft(torch.ones(4, dtype=torch.float64)).dtype
# (torch.complex64, torch.complex128)
# >>> weights.argmax().dtype, weights.nonzero().dtype, weights.sort().indices.dtype
# (torch.int64, torch.int64, torch.int64)
#
# .. pitfall:: ``bfloat16`` has a legacy tensor class too
#
#    A dtype table in one set of notes says that ``torch.bfloat16`` has no class name of
#    its own. Like the other common dtypes it has one, ``torch.BFloat16Tensor``, which
#    is what ``.type()`` reports. Only the long-standing dtypes have a class:
#    ``float16``, ``bfloat16``, ``float32``, ``float64``, ``int8`` to ``int64``,
#    ``uint8`` and ``bool``. The complex, ``float8``, ``float4``, sub-byte integer,
#    ``bits``, quantised and newer unsigned (``uint16`` to ``uint64``) dtypes have
#    none; ``.type()`` still prints a class name for them, but no such class exists.
#    New code rarely needs these names: use the dtype.
#
#    >>> torch.zeros(1, dtype=torch.bfloat16).type()
#    'torch.BFloat16Tensor'
#    >>> hasattr(torch, "BFloat16Tensor"), hasattr(torch, "ComplexFloatTensor")
#    (True, False)
#    >>> torch.zeros(1, dtype=torch.uint16).type(), hasattr(torch, "UInt16Tensor")
#    ('torch.UInt16Tensor', False)
#    >>> hasattr(torch, "Float8_e4m3fnTensor"), hasattr(torch, "Int4Tensor")
#    (False, False)

# %%
# Mixing dtypes: type promotion
# -----------------------------
# When the operands of an operation have different dtypes, PyTorch picks the result's
# dtype by :term:`type promotion`. It looks at the *category* first, in the order
# bool < integer < floating point < complex, and the higher category wins whatever the
# sizes: ``int64`` combined with ``float16`` gives ``float16``, although ``float16``
# cannot represent most ``int64`` values (its largest value is 65504, and from 65520
# on a value becomes ``inf``). Within one
# category the wider dtype wins: ``int32`` with ``int64`` gives ``int64``.

ints = torch.tensor([1, 2, 3])
halves = torch.tensor([0.5, 0.5, 0.5], dtype=torch.float16)
print(ints + halves)
print(ints + 0.5)

# %%
# >>> (ints + halves).dtype
# torch.float16
# >>> torch.tensor([100_000]) + torch.tensor([0.5], dtype=torch.float16)
# tensor([inf], dtype=torch.float16)
# >>> torch.promote_types(torch.int32, torch.float16), torch.promote_types(torch.int32, torch.int64)
# (torch.float16, torch.int64)
#
# The wider-dtype rule has an exception that surprises many people. Operands are also
# ranked by *kind*: a tensor with dimensions, then a 0-dimensional tensor, then a Python
# number. An operand of a lower kind never widens one of a higher kind *in the same
# category*: a Python number or a 0-dimensional tensor added to an ``int8`` tensor
# leaves it ``int8``, and the result wraps. When its category is higher, the lower kind
# does decide the result: a Python float turns an integer tensor into the default
# float dtype, and a 0-dimensional ``float64`` tensor turns it into ``float64``.
# ``torch.result_type`` gives the result's dtype without computing anything.
#
# >>> small = torch.tensor([1, 2, 3], dtype=torch.int8)
# >>> torch.result_type(small, 1000), torch.result_type(small, torch.tensor(1000))
# (torch.int8, torch.int8)
# >>> small + torch.tensor(1000)
# tensor([-23, -22, -21], dtype=torch.int8)
# >>> torch.result_type(small, torch.tensor([1000]))  # a 1-d tensor does widen
# torch.int64
# >>> (ints + 0.5).dtype, torch.result_type(ints, torch.tensor(0.5, dtype=torch.float64))
# (torch.float32, torch.float64)
# >>> torch.result_type(halves, torch.tensor(0.5, dtype=torch.float64))  # same category
# torch.float16
#
# Division with ``/`` never gives an integer result: integer inputs give the default
# float dtype. ``//`` is floor division and keeps integers.
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
#    track gradients. Convert first, with ``.float()`` (next page), or, for ``mean``,
#    pass the result's dtype: ``mean(dtype=torch.float32)``.
#
#    >>> torch.tensor([1, 2]).mean()
#    Traceback (most recent call last):
#        ...
#    RuntimeError: mean(): could not infer output dtype. Input dtype must be either a floating point or complex dtype. Got: Long
#    >>> torch.tensor([1, 2]).float().mean(), torch.tensor([1, 2]).mean(dtype=torch.float32)
#    (tensor(1.5000), tensor(1.5000))
#
# Summary
# -------
# * Floats default to ``float32``, integers to ``int64``; for a tensor with elements,
#   the printed form hides the dtype exactly when it is the default.
# * More bits: wider range, more memory; integer :term:`overflow` in arithmetic wraps
#   silently, an out-of-range integer value usually raises when the tensor is created,
#   a float value too large for its dtype becomes ``inf``.
# * Mixed operands promote by category (bool < integer < floating point < complex), then
#   by size; a Python number or 0-d tensor does not widen a tensor of its own category.
#   ``torch.result_type`` tells the outcome; ``/`` never gives integers.
