"""
Filled tensors, ranges and the legacy constructors
==================================================

Most tensors in a program are not typed in by hand: they start as zeros, ones, a
constant, a range of numbers, or a copy of another tensor's shape. This page covers the
:term:`factory functions <factory function>` for those, and explains why the old
``torch.Tensor(2, 3)`` style is best avoided.
"""

import torch

# %%
# Zeros, ones and a constant
# --------------------------
# ``torch.zeros``, ``torch.ones`` and ``torch.full`` take the shape either as separate
# integers or as one list or tuple. The shape is a sequence of integers (or a
# ``torch.Size``), not a 1-dimensional tensor of sizes (convert such a tensor with
# ``tolist()``).

print(torch.zeros(2, 3))
print(torch.ones([1, 2, 5]))
print(torch.full((2, 3), 7))

# %%
# >>> torch.zeros(2, 3).shape == torch.zeros([2, 3]).shape == torch.zeros((2, 3)).shape
# True
# >>> torch.zeros(torch.tensor([2, 3]))
# Traceback (most recent call last):
#     ...
# TypeError: zeros(): argument 'size' (position 1) must be tuple of ints, not Tensor
# >>> torch.zeros(torch.tensor([2, 3]).tolist()).shape
# torch.Size([2, 3])
#
# ``zeros`` and ``ones`` are ``float32`` by default, but ``full`` takes its dtype from
# the fill value: an integer fill makes an ``int64`` tensor.
#
# >>> torch.zeros(2).dtype, torch.full((2,), 7).dtype, torch.full((2,), 7.0).dtype
# (torch.float32, torch.int64, torch.float32)
# >>> torch.zeros(2, 3, dtype=torch.long)
# tensor([[0, 0, 0],
#         [0, 0, 0]])

# %%
# Shaped like another tensor
# --------------------------
# The ``*_like`` functions copy the shape, dtype and device of an existing tensor. The
# ``new_*`` methods are the other way round: they take a new shape but inherit the
# dtype and device of the tensor they are called on.

template = torch.tensor([[1, 2, 3], [4, 5, 6]])
print(torch.zeros_like(template))
print(torch.full_like(template, 20))
print(template.new_ones(4))

# %%
# >>> torch.ones_like(template).dtype, template.new_zeros(3, 3).dtype
# (torch.int64, torch.int64)
# >>> torch.zeros_like(template, dtype=torch.float32)
# tensor([[0., 0., 0.],
#         [0., 0., 0.]])
#
# To set an *existing* tensor to zero in place, call its method ``zero_()`` (the
# trailing underscore marks an :term:`in-place operation`):
#
# >>> filled = torch.full((2, 2), 5.0)
# >>> filled.zero_()
# tensor([[0., 0.],
#         [0., 0.]])
# >>> filled.sum().item()
# 0.0
#
# .. pitfall:: ``zeros_like(x)`` makes a new tensor and leaves ``x`` alone
#
#    One set of notes says that ``zero_()`` and ``torch.zeros_like()`` both turn an
#    existing tensor into zeros. Only the method ``zero_()`` writes into the tensor it
#    is called on. ``torch.zeros_like(x)`` returns a *new*
#    tensor of zeros with ``x``'s shape, dtype and device, in memory of its own, and
#    ``x`` keeps its values.
#
#    >>> values = torch.tensor([[1.0, 2.0], [3.0, 4.0]])
#    >>> zeros = torch.zeros_like(values)
#    >>> values
#    tensor([[1., 2.],
#            [3., 4.]])
#    >>> zeros.untyped_storage().data_ptr() == values.untyped_storage().data_ptr()
#    False
#    >>> values.zero_() is values, values.sum().item()
#    (True, 0.0)

# %%
# Uninitialised memory: ``torch.empty``
# -------------------------------------
# ``torch.empty`` allocates a tensor without writing anything into it. It is slightly
# faster than ``zeros`` when every element is about to be overwritten, but until then
# the elements are whatever bytes were in memory: do not read them. Only the shape and
# dtype are meaningful.

buffer = torch.empty(2, 3)
buffer.fill_(1.5)
print(buffer)

# %%
# >>> torch.empty(5, 3).shape
# torch.Size([5, 3])

# %%
# Ranges: ``arange`` and ``linspace``
# -----------------------------------
# ``torch.arange(start, end, step)`` counts from ``start`` up to, but **not including**,
# ``end``. ``torch.linspace(start, end, steps)`` instead takes the number of points and
# **includes** both ends, so the spacing is ``(end - start) / (steps - 1)``.

print(torch.arange(0, 10, 2))
print(torch.linspace(0, 11, 10))

# %%
# >>> torch.arange(5)
# tensor([0, 1, 2, 3, 4])
# >>> torch.arange(0, 10, 2)
# tensor([0, 2, 4, 6, 8])
# >>> torch.arange(0.0, 1.0, 0.25)
# tensor([0.0000, 0.2500, 0.5000, 0.7500])
# >>> torch.linspace(0, 1, 5)
# tensor([0.0000, 0.2500, 0.5000, 0.7500, 1.0000])
#
# ``arange`` with integer arguments gives ``int64``. ``linspace`` gives the default
# floating type unless ``dtype=`` names another one. With an integer dtype the two ends
# are first converted to integers and each point is then truncated towards zero: with
# the ends 0 and 10 the point 2.5 becomes 2, and the ends 0.6 and 1.6 become 0 and 1,
# so the middle point is 0 (from 0.5), not 1 (from 1.1):
#
# >>> torch.arange(0, 10, 2).dtype, torch.linspace(0, 10, 5).dtype
# (torch.int64, torch.float32)
# >>> torch.linspace(0, 10, 5, dtype=torch.int64)
# tensor([ 0,  2,  5,  7, 10])
# >>> torch.linspace(0.6, 1.6, 3), torch.linspace(0.6, 1.6, 3, dtype=torch.int64)
# (tensor([0.6000, 1.1000, 1.6000]), tensor([0, 0, 1]))
#
# .. pitfall:: It is ``torch.arange``, not ``torch.arrange``
#
#    One set of notes writes ``torch.arrange(0, 10)``. There is no such function: the
#    name is short for "array range", with one *r*.
#
#    >>> torch.arrange(0, 10)
#    Traceback (most recent call last):
#        ...
#    AttributeError: module 'torch' has no attribute 'arrange'

# %%
# The legacy constructors: ``torch.Tensor`` and ``torch.IntTensor``
# -----------------------------------------------------------------
# Older code creates tensors through the *class* ``torch.Tensor`` (capital T) or typed
# classes such as ``torch.IntTensor`` and ``torch.LongTensor``. Their meaning depends on
# the arguments: integers are read as a shape (and the memory is left uninitialised,
# like ``torch.empty``), while a list is read as data.

print(torch.Tensor(2, 3).shape)  # a shape: 2 x 3, uninitialised values
print(torch.Tensor([10]))  # data: one element, 10.0
print(torch.IntTensor([2.5, 3.3]))  # data, converted to int32

# %%
# >>> torch.Tensor([10, 20])
# tensor([10., 20.])
# >>> torch.LongTensor([0, 1, 2, 3]).dtype
# torch.int64
#
# .. pitfall:: ``torch.Tensor(2, 3)`` is not a tensor of the numbers 2 and 3
#
#    ``torch.Tensor(2, 3)`` is a 2 x 3 tensor of *uninitialised* memory, whereas
#    ``torch.Tensor([2, 3])`` holds the values 2 and 3, and ``torch.tensor(2)`` is a
#    scalar. A printed ``torch.Tensor(2, 3)`` shows arbitrary numbers (sometimes huge,
#    like ``3.6893e+19``) that change from run to run. The typed classes also convert
#    silently: ``torch.IntTensor([2.5, 3.3])`` truncates to ``[2, 3]``.
#    Prefer ``torch.tensor(data, dtype=...)`` for data and ``torch.zeros``,
#    ``torch.ones`` or ``torch.empty`` for shapes.
#
#    >>> torch.Tensor(2, 3).shape, torch.Tensor([2, 3]).shape, torch.tensor(2).shape
#    (torch.Size([2, 3]), torch.Size([2]), torch.Size([]))
#    >>> torch.IntTensor([2.5, 3.3])
#    tensor([2, 3], dtype=torch.int32)

# %%
# The notes' programs, run as written
# -----------------------------------
# Two listings in one set of notes show, as their "program output", what *every*
# function in the listing prints. Their last line, however, calls only one of them:
# ``if __name__ == '__main__': test02()``. Run as written, the listing on creating
# tensors prints only the three results of its ``test02`` (the uninitialised 2 x 3
# tensor, ``tensor([10.])`` and ``tensor([10., 20.])``), and none of the output shown
# for its ``test01`` (``tensor(10)`` ...) and ``test03`` (the ``IntTensor`` results).
# The functions, shortened, and the call as the listing makes it:
#
# >>> import contextlib, io
# >>> def test01():
# ...     print(torch.tensor(10))
# >>> def test02():
# ...     print(torch.Tensor(2, 3))
# ...     print(torch.Tensor([10]))
# ...     print(torch.Tensor([10, 20]))
# >>> def test03():
# ...     print(torch.IntTensor([2.5, 3.3]))
# >>> output = io.StringIO()
# >>> with contextlib.redirect_stdout(output):
# ...     test02()  # the listing's only call
# >>> printed = output.getvalue()
# >>> printed.count("tensor("), "tensor(10)" in printed, "int32" in printed
# (3, False, False)
# >>> printed.splitlines()[-2:]
# ['tensor([10.])', 'tensor([10., 20.])']
#
# The listing on ranges and random tensors has the same last line. Its ``test02`` draws
# a random tensor and prints the seed twice, and the ``arange`` and ``linspace`` results
# shown above them (from ``test01``) never appear:
#
# >>> def test01():
# ...     print(torch.arange(0, 10, 2))
# ...     print(torch.linspace(0, 11, 10))
# >>> def test02():
# ...     print(torch.randn(2, 3))
# ...     print("seed:", torch.random.initial_seed())
# ...     torch.random.manual_seed(100)
# ...     print("seed:", torch.random.initial_seed())
# >>> output = io.StringIO()
# >>> with contextlib.redirect_stdout(output):
# ...     test02()  # the listing's only call
# >>> printed = output.getvalue()
# >>> "tensor([0, 2, 4, 6, 8])" in printed, printed.splitlines()[-1]
# (False, 'seed: 100')
#
# To see every result, call every function (``test01()``, ``test02()``, ``test03()``).
#
# Summary
# -------
# * ``zeros``, ``ones``, ``full``, ``empty`` take a shape; ``full`` infers its dtype
#   from the fill value.
# * ``*_like(t)`` copies ``t``'s shape, dtype and device; ``t.new_*(shape)`` keeps only
#   its dtype and device.
# * ``arange`` excludes its end, ``linspace`` includes both ends and is floating-point
#   unless ``dtype=`` says otherwise.
# * ``torch.zeros_like(x)`` is a new tensor; ``x.zero_()`` zeroes ``x`` itself.
# * Use ``torch.tensor`` and the factory functions rather than ``torch.Tensor(...)``.
