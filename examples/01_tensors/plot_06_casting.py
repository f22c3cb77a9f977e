"""
Casting: changing a tensor's dtype
==================================

Converting a tensor to another :term:`dtype` is called
:term:`casting`. PyTorch offers one general
method, ``.to(dtype)``, a family of shortcut methods (``.float()``, ``.long()``, ...)
and the older ``.type()``. This page shows them side by side and what happens to the
values: truncation, rounding to fewer digits, and when no copy is made at all.
"""

import torch

torch.manual_seed(0)

# %%
# ``.to(dtype)``
# --------------
# ``.to`` returns a tensor with the requested dtype (``.to`` can also move a tensor to
# another device; see the devices page).

t = torch.randn(3, 4)
t_double = t.to(torch.float64)
t_int = t.to(torch.int32)
print(t_int)

# %%
# >>> t.dtype, t_double.dtype, t_int.dtype
# (torch.float32, torch.float64, torch.int32)
#
# Casting a float to an integer type *truncates toward zero*: it drops the fraction, it
# does not round.
#
# >>> torch.tensor([-1.7, -0.2, 0.2, 2.9]).to(torch.int64)
# tensor([-1,  0,  0,  2])
# >>> torch.tensor([-1.7, 2.9]).round().long()
# tensor([-2,  3])

# %%
# Shortcut methods
# ----------------
# Each common dtype has a method of the same short name. Note the two whose names do not
# match the dtype: ``.byte()`` is ``uint8`` and ``.char()`` is ``int8``.

x = torch.ones(2, 2)
shortcuts = {
    "float": x.float(), "double": x.double(), "half": x.half(),
    "bfloat16": x.bfloat16(), "int": x.int(), "long": x.long(),
    "short": x.short(), "byte": x.byte(), "char": x.char(), "bool": x.bool(),
}
for name, value in shortcuts.items():
    print(f".{name}() -> {value.dtype}")

# %%
# >>> x.long().dtype, x.half().dtype, x.byte().dtype, x.char().dtype
# (torch.int64, torch.float16, torch.uint8, torch.int8)
#
# .. pitfall:: ``torch.double`` is a dtype, not a function
#
#    A summary in one set of notes lists "``torch.double()``" as the way to convert. The
#    method lives on the tensor: ``x.double()``. ``torch.double`` itself is simply
#    another name for the dtype ``torch.float64``, and calling it fails.
#
#    >>> torch.double is torch.float64
#    True
#    >>> torch.double(x)
#    Traceback (most recent call last):
#        ...
#    TypeError: 'torch.dtype' object is not callable
#
# .. pitfall:: ``float32 x = x.long()`` is not Python
#
#    A slide in one set of notes writes a cast as ``float32 x = x.long()``, as if it
#    declared a variable's type in C. Python has no type declarations: the line is a
#    syntax error. Read as two statements, it says that ``x`` is a ``float32`` tensor and
#    that ``x = x.long()`` rebinds the name ``x`` to an ``int64`` copy. The cast itself
#    never changes the tensor it is called on.
#
#    >>> compile("float32 x = x.long()", "<notes>", "exec")
#    Traceback (most recent call last):
#        ...
#    SyntaxError: invalid syntax
#    >>> x.dtype, x.long().dtype, x.dtype
#    (torch.float32, torch.int64, torch.float32)

# %%
# The legacy ``.type()``
# ----------------------
# ``.type()`` with no argument returns the name of the legacy tensor class as a string;
# with a class such as ``torch.DoubleTensor`` (or a dtype) it casts. ``.to`` and the
# ``dtype`` attribute say the same more directly.

data = torch.full([2, 3], 10)
print(data.dtype, data.type())
data = data.type(torch.DoubleTensor)
print(data.dtype)

# %%
# >>> torch.full([2, 3], 10).type()
# 'torch.LongTensor'
# >>> torch.full([2, 3], 10).type(torch.float16).dtype
# torch.float16

# %%
# When casting copies, and when it does not
# -----------------------------------------
# A cast to a *different* dtype always allocates a new tensor. A cast to the dtype the
# tensor already has returns the very same tensor: nothing is copied, so changing the
# result changes the original. Pass ``copy=True`` when you need an independent tensor.

original = torch.zeros(3)
same = original.to(torch.float32)
same[0] = 99.0
print(original)

# %%
# >>> same is original
# True
# >>> original
# tensor([99.,  0.,  0.])
# >>> original.to(torch.float32, copy=True) is original
# False
#
# .. pitfall:: ``.to()`` and ``.float()`` are not always copies
#
#    It is tempting to use ``y = x.float()`` as "a float copy of ``x``". If ``x`` is
#    already ``float32``, ``y`` *is* ``x``, and an in-place change of ``y`` shows up in
#    ``x``. Use ``x.clone()`` (or ``.to(..., copy=True)``) for a copy.
#
#    >>> x.float() is x, x.clone() is x
#    (True, False)

# %%
# Fewer bits: fewer digits, and a smaller range
# ---------------------------------------------
# Casting to a narrower floating type rounds to fewer significant digits, and it can
# also shrink the range. ``float16`` ends at 65504: larger values round down to 65504
# up to 65520, and from 65520 on they become ``inf``, without an error. Likewise,
# ``float64`` values beyond about 3.4e38 become ``inf`` in ``float32``. ``bfloat16``
# keeps the range of ``float32`` (up to about 3.4e38) but has only 8 significant bits,
# two to three significant decimal digits. Values that silently turn into ``inf`` are
# a common source of ``inf`` and ``nan`` in half-precision code.

third = torch.tensor([1 / 3], dtype=torch.float64)
print(third, third.float(), third.half(), third.bfloat16(), sep="\n")
large = torch.tensor([65504.0, 65519.0, 65520.0, 1e5])
print(large.half(), large.bfloat16(), sep="\n")

# %%
# >>> third.half().item(), third.bfloat16().item()
# (0.333251953125, 0.333984375)
# >>> large.half()
# tensor([65504., 65504.,    inf,    inf], dtype=torch.float16)
# >>> torch.finfo(torch.float16).max, torch.finfo(torch.bfloat16).max
# (65504.0, 3.3895313892515355e+38)
# >>> torch.finfo(torch.bfloat16).eps, torch.finfo(torch.bfloat16).resolution
# (0.0078125, 0.01)
# >>> torch.tensor([1e5, 3e38]).bfloat16()
# tensor([9.9840e+04, 3.0041e+38], dtype=torch.bfloat16)
# >>> torch.tensor([1e300], dtype=torch.float64).float()
# tensor([inf])
#
# Among integers, a value too large for the target type wraps around:
#
# >>> torch.tensor([300]).to(torch.uint8)
# tensor([44], dtype=torch.uint8)
#
# .. note::
#
#    A chapter of one set of notes titled "tensor type conversion" (张量类型转换) is
#    really about converting between tensors and NumPy arrays. That is a different
#    topic (the container changes, not the element type); it has its own page in this
#    chapter.
#
# Summary
# -------
# * ``t.to(dtype)`` is the general cast; ``.float()``, ``.long()``, ``.half()``... are
#   shortcuts; ``.type(...)`` is the legacy spelling.
# * Float to integer truncates toward zero; narrower floats keep fewer digits, and
#   ``float16`` also has a much smaller range (its largest value is 65504; larger values
#   can become ``inf``), while ``bfloat16`` keeps ``float32``'s range.
# * A cast to the current dtype returns the same tensor; use ``clone()`` for a copy.
