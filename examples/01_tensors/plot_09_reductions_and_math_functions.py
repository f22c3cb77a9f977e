"""
Reductions over dimensions and element-wise math functions
==========================================================

A :term:`reduction` such as ``sum`` or ``mean`` combines many elements into fewer: all
of them into one number, or the elements along one :term:`dimension`. Which dimension,
and whether it is kept as a size-1 dimension, decides the shape of the result. The
second half of the page covers the :term:`element-wise <element-wise operation>` math
functions: ``pow``, ``sqrt``, ``exp`` and the logarithms.
"""

import torch

# %%
# Reducing everything, or one dimension
# -------------------------------------
# Without arguments, ``sum()`` and ``mean()`` reduce the whole tensor to a 0-dimensional
# tensor. With ``dim=d`` they reduce along dimension ``d`` only: that dimension
# *disappears* from the shape and every other dimension stays. For a matrix, ``dim=0``
# runs down the rows and leaves one value per column; ``dim=1`` runs along each row and
# leaves one value per row.

data = torch.tensor([[4.0, 0.0, 7.0], [6.0, 3.0, 5.0]])
print(data.sum(), data.sum(dim=0), data.sum(dim=1))
print(data.mean(), data.mean(dim=0), data.mean(dim=1))

# %%
# >>> data.shape, data.sum(dim=0).shape, data.sum(dim=1).shape
# (torch.Size([2, 3]), torch.Size([3]), torch.Size([2]))
# >>> data.sum(dim=0)
# tensor([10.,  3., 12.])
# >>> data.mean(dim=1)
# tensor([3.6667, 4.6667])
# >>> data.sum().shape
# torch.Size([])
#
# ``dim`` can be negative (``-1`` is the last dimension) or a tuple of dimensions:
#
# >>> data.sum(dim=-1)
# tensor([11., 14.])
# >>> data.sum(dim=(0, 1))
# tensor(25.)

# %%
# ``keepdim=True``: keep the reduced dimension with size 1
# --------------------------------------------------------
# With ``keepdim=True`` the reduced dimension stays in the shape with size 1. The
# values are the same; only the shape differs. The kept dimension makes the result
# line up with the original tensor again, which is what :term:`broadcasting` needs, for
# instance to divide every row by its own total.

row_totals = data.sum(dim=1, keepdim=True)
print(row_totals)
print(data / row_totals)  # each row now sums to 1

# %%
# >>> row_totals.shape
# torch.Size([2, 1])
# >>> (data / row_totals).sum(dim=1)
# tensor([1., 1.])
#
# .. pitfall:: Without ``keepdim`` the reduced result may not line up
#
#    It is tempting to normalise rows with ``data / data.sum(dim=1)``. The sum has
#    shape ``[2]``, which broadcasting lines up with the *last* dimension of ``data``
#    (size 3), not with its rows: here it fails, and for a square matrix it would
#    silently divide each *column* by a row total. Keep the dimension
#    (``keepdim=True``, shape ``[2, 1]``) to divide each row by its own total.
#
#    >>> data / data.sum(dim=1)
#    Traceback (most recent call last):
#        ...
#    RuntimeError: The size of tensor a (3) must match the size of tensor b (2) at non-singleton dimension 1
#    >>> square = torch.tensor([[1.0, 1.0], [3.0, 1.0]])
#    >>> square / square.sum(dim=1)  # wrong: divides columns
#    tensor([[0.5000, 0.2500],
#            [1.5000, 0.2500]])
#    >>> square / square.sum(dim=1, keepdim=True)  # right: each row sums to 1
#    tensor([[0.5000, 0.5000],
#            [0.7500, 0.2500]])

# %%
# Integer tensors
# ---------------
# ``sum`` of an integer tensor is an integer: ``int64``, even for smaller integer types,
# so that totals of small integers do not overflow. An ``int64`` sum can still wrap
# around, silently. ``mean`` has no integer version and raises, as explained on
# :ref:`sphx_glr_auto_examples_01_tensors_plot_05_dtypes_and_defaults.py`; convert the
# tensor, or pass the result's dtype.

counts = torch.tensor([[1, 2, 3], [4, 5, 6]])
print(counts.sum(dim=0))
print(counts.mean(dim=0, dtype=torch.float32))

# %%
# >>> counts.sum(dim=0).dtype
# torch.int64
# >>> torch.tensor([100, 100], dtype=torch.int8).sum()
# tensor(200)
# >>> torch.tensor([2**62, 2**62]).sum()  # 2**63 does not fit in int64
# tensor(-9223372036854775808)
# >>> counts.float().mean(), counts.mean(dtype=torch.float64)
# (tensor(3.5000), tensor(3.5000, dtype=torch.float64))
#
# .. pitfall:: ``mean`` is not limited to ``float32`` and ``float64``
#
#    A comment in one set of notes says that the tensor passed to ``mean`` "must be
#    Float or Double". ``float16`` and ``bfloat16`` work as well, and so do ``complex64``
#    and ``complex128``. (The exceptions are the ``float8`` types, which are meant for
#    storage and on the CPU lack ``mean`` and most other arithmetic, and ``complex32``,
#    whose support is experimental and which has no ``mean`` on the CPU.) For integer
#    input, ``dtype=`` names the floating-point (or complex) type of the result; an
#    integer ``dtype=`` is refused.
#
#    >>> [torch.tensor([1, 2], dtype=dt).mean().item()
#    ...  for dt in (torch.float16, torch.bfloat16, torch.float32, torch.float64)]
#    [1.5, 1.5, 1.5, 1.5]
#    >>> torch.tensor([1 + 1j, 2 + 3j]).mean()
#    tensor(1.5000+2.0000j)
#    >>> torch.tensor([1, 2], dtype=torch.complex128).mean().item()
#    (1.5+0j)
#    >>> torch.zeros(2, dtype=torch.float8_e4m3fn).mean()
#    Traceback (most recent call last):
#        ...
#    NotImplementedError: "sum_cpu" not implemented for 'Float8_e4m3fn'
#    >>> torch.tensor([1, 2]).mean(dtype=torch.float16)
#    tensor(1.5000, dtype=torch.float16)
#    >>> torch.tensor([1, 2]).mean(dtype=torch.int64)
#    Traceback (most recent call last):
#        ...
#    RuntimeError: mean(): could not infer output dtype. Optional dtype must be either a floating point or complex dtype. Got: Long
#
# Other reductions follow the same ``dim``/``keepdim`` pattern: ``prod``, ``amax``,
# ``amin``, ``std``, and ``max``/``min``, which with a ``dim`` return both the values
# and their positions.
#
# >>> counts.amax(dim=1)
# tensor([3, 6])
# >>> counts.max(dim=0).indices
# tensor([1, 1, 1])

# %%
# Element-wise math functions
# ---------------------------
# ``pow``, ``sqrt``, ``exp``, ``log`` (natural logarithm), ``log2`` and ``log10`` apply
# to every element and keep the shape. Each exists as a ``torch`` function, a method and
# an in-place method (``sqrt_`` ...); ``x ** 2`` is ``x.pow(2)``.

x = torch.tensor([[4.0, 0.0, 7.0], [6.0, 3.0, 5.0]])
print(x.pow(2))
print(x.sqrt())
print(x.exp())
print(x.log())

# %%
# >>> torch.tensor([1.0, 2.0, 3.0]) ** 2
# tensor([1., 4., 9.])
# >>> torch.tensor([0.0, 1.0]).exp()
# tensor([1.0000, 2.7183])
# >>> torch.tensor([8.0]).log2(), torch.tensor([100.0]).log10()
# (tensor([3.]), tensor([2.]))
#
# The logarithm of 0 is ``-inf`` and the square root or logarithm of a negative number
# is ``nan``; neither raises an error. ``exp`` of a large number overflows to ``inf``
# (``float32`` ends a little above ``exp(88)``).
#
# >>> torch.tensor([0.0, -1.0]).log()
# tensor([-inf, nan])
# >>> torch.tensor([-4.0]).sqrt()
# tensor([nan])
# >>> torch.tensor([88.0, 89.0]).exp()
# tensor([1.6516e+38,        inf])
#
# With an integer tensor, ``sqrt``, ``exp`` and the logarithms return floats, while
# ``pow`` with an integer exponent stays an integer. A negative Python integer exponent
# is refused for integer tensors. A negative exponent given as an integer *tensor* is
# accepted and silently gives 0 (or ±1 for the bases ±1), so convert to float first.
#
# >>> torch.tensor([4, 9]).sqrt()
# tensor([2., 3.])
# >>> torch.tensor([2, 3]).pow(2)
# tensor([4, 9])
# >>> torch.tensor([2]) ** -1
# Traceback (most recent call last):
#     ...
# RuntimeError: Integers to negative integer powers are not allowed.
# >>> torch.tensor([2, 1, -1, 0]) ** torch.tensor(-1)
# tensor([ 0,  1, -1,  0])
# >>> torch.tensor([2]) ** -1.0
# tensor([0.5000])
#
# Summary
# -------
# * ``t.sum(dim=d)`` removes dimension ``d``; ``dim=0`` of a matrix gives one value per
#   column, ``dim=1`` one value per row.
# * ``keepdim=True`` keeps it with size 1, so the result broadcasts against ``t``.
# * Integer ``sum`` gives ``int64`` (which can still wrap); integer ``mean`` needs
#   ``.float()`` or a floating ``dtype=``; ``float16``, ``bfloat16``, ``float32``,
#   ``float64``, ``complex64`` and ``complex128`` tensors have a ``mean`` (``float8``
#   and ``complex32`` tensors do not, on the CPU).
# * ``sqrt``, ``exp``, ``log`` return floats; ``log(0)`` is ``-inf``, ``sqrt(-1)`` is
#   ``nan``.
