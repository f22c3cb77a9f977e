"""
Reading printed tensors: scientific notation and print options
==============================================================

When the values of a tensor differ a lot in size, PyTorch prints them in
:term:`scientific notation`, such as ``8.1031e+03``. This page explains how to read that
notation, when PyTorch chooses it, and how ``torch.set_printoptions`` changes the
notation, the number of digits and the summarisation of large tensors, and how to
restore the defaults.
"""

import torch

# %%
# Reading ``e+03`` and ``e-05``
# -----------------------------
# ``8.1031e+03`` means :math:`8.1031 \times 10^{3} = 8103.1`: the number after ``e`` is
# the power of ten by which the part before it is multiplied. A negative exponent
# divides: ``8.1031e-05`` is :math:`8.1031 \times 10^{-5} = 0.000081031`. Python reads
# the same notation:
#
# >>> float("8.1031e+03")
# 8103.1
# >>> float("8.1031e-05") == 0.000081031
# True
#
# When does PyTorch use it?
# -------------------------
# A floating-point tensor is printed with one format for all its elements. PyTorch
# switches the whole tensor to scientific notation when its nonzero finite values span
# more than three orders of magnitude (largest / smallest absolute value above 1000),
# when the largest exceeds :math:`10^8`, or when the smallest is below
# :math:`10^{-4}`. Otherwise it uses fixed notation with four decimals (or none, when
# all values are whole numbers).

print(torch.tensor([1.0, 2.0, 3.0]))
print(torch.tensor([1.5, 20.25]))
print(torch.tensor([8103.1, 0.5]))
print(torch.tensor([5e-5, 1e-4]))

# %%
# >>> torch.tensor([8103.1, 0.5])
# tensor([8.1031e+03, 5.0000e-01])
# >>> torch.tensor([1.5, 20.25])
# tensor([ 1.5000, 20.2500])
#
# The value ``0.5`` did not change; only its display did, because it shares a tensor
# with ``8103.1``.
#
# Printing rounds, storing does not
# ---------------------------------
# Four decimals are a display choice. The stored float32 value is the nearest number
# float32 can represent, which ``.item()`` shows in full as a Python float:

x = torch.tensor([8103.1, 0.5])
print(x[0].item())

# %%
# >>> x[0].item()
# 8103.10009765625
#
# Changing the print options
# --------------------------
# ``torch.set_printoptions`` controls the display of all tensors printed afterwards:
# ``sci_mode=False`` forces fixed notation (``True`` forces scientific, ``None`` means
# automatic), ``precision`` is the number of decimals, and ``threshold`` /
# ``edgeitems`` decide when and how a large tensor is summarised with ``...``.

torch.set_printoptions(sci_mode=False)
print(x)

# %%
# >>> x
# tensor([8103.1001,    0.5000])
#
# .. pitfall:: Fixed notation can print small values as zero
#
#    Turning scientific notation off makes tensors easier to read, but a value smaller
#    than the last printed decimal then shows as ``0.0000`` although it is not zero.
#    Checking with a comparison, not by eye, tells the truth:
#
#    >>> tiny = torch.tensor([1e-7, 1.0])
#    >>> tiny
#    tensor([0.0000, 1.0000])
#    >>> bool(tiny[0] == 0)
#    False
#
# .. pitfall:: Every call to ``set_printoptions`` resets ``sci_mode``
#
#    The other options keep their values when a later call does not mention them, but
#    ``sci_mode`` does not: a call without it sets it back to automatic. Pass it again
#    in every call that should keep it.
#
#    >>> torch.set_printoptions(precision=2)
#    >>> x
#    tensor([8.10e+03, 5.00e-01])
#    >>> torch.set_printoptions(precision=2, sci_mode=False)
#    >>> x
#    tensor([8103.10,    0.50])

# %%
# Large tensors are summarised
# ----------------------------
# A tensor with more than ``threshold`` elements (1000 by default) is printed with only
# ``edgeitems`` values (3 by default) at the start and end of each dimension. Raising
# ``threshold`` prints everything; lowering it summarises smaller tensors.

torch.set_printoptions(threshold=5)
print(torch.arange(10))

# %%
# >>> torch.arange(10)
# tensor([0, 1, 2,  ..., 7, 8, 9])
#
# Restoring the defaults
# ----------------------
# Print options are global: they stay in force for the rest of the program. Restore the
# defaults when done; ``profile="default"`` resets precision, threshold, edge items and
# line width, and, as every call does, ``sci_mode``.

torch.set_printoptions(profile="default")
print(x)
print(torch.arange(10))

# %%
# >>> x
# tensor([8.1031e+03, 5.0000e-01])
# >>> torch.arange(10)
# tensor([0, 1, 2, 3, 4, 5, 6, 7, 8, 9])
#
# Summary
# -------
# * ``ae+b`` means :math:`a \times 10^{b}`; ``8.1031e+03`` is 8103.1.
# * PyTorch picks scientific notation for a whole tensor when its values span more than
#   a factor of 1000 or are very large or very small.
# * ``torch.set_printoptions(sci_mode=False, precision=..., threshold=...)`` changes the
#   display, never the values; ``profile="default"`` restores it.
