"""
detach(), .data and .numpy(): leaving the graph
===============================================

Sometimes one tensor, rather than a block of code, must leave the
:term:`graph <computational graph>`: to convert it to NumPy, to log it, or to use its
value as a constant. ``detach()`` does this without copying. This page shows that the
:term:`detached <detach>` tensor :term:`shares memory <shared memory>` with the
original, the safety check that catches :term:`in-place <in-place operation>` changes,
why the older ``.data`` lacks that check, and the error that ``.numpy()`` raises on a
tensor that requires gradients.
"""

import torch

# %%
# ``.numpy()`` needs a tensor that does not require gradients
# -----------------------------------------------------------
# A NumPy array cannot record operations, so converting a tensor that requires gradients
# would silently cut it out of the graph. PyTorch refuses and says what to do:

x = torch.tensor([10.0, 20.0], requires_grad=True, dtype=torch.float64)
try:
    x.numpy()
except RuntimeError as error:
    print("RuntimeError:", error)
print(x.detach().numpy())

# %%
# >>> x.numpy()
# Traceback (most recent call last):
#     ...
# RuntimeError: Can't call numpy() on Tensor that requires grad. Use tensor.detach().numpy() instead.
# >>> print(x.detach().numpy())
# [10. 20.]
#
# For a tensor on a GPU the full recipe is ``t.detach().cpu().numpy()``: ``numpy()``
# only works on CPU tensors, and detaching first means the copy to the CPU is not
# recorded either. ``t.numpy(force=True)`` does all three steps in one call.
#
# >>> x.numpy(force=True)
# array([10., 20.])

# %%
# ``detach()`` shares memory with the original
# --------------------------------------------
# ``detach()`` returns a new tensor object that has no ``grad_fn``, does not require
# gradients (so it is a leaf), and uses the *same memory* as the original. The data
# pointer proves the sharing, and so does an in-place change:

x1 = torch.tensor([10.0, 20.0], requires_grad=True, dtype=torch.float64)
x2 = x1.detach()
print(x2.requires_grad, x2.is_leaf, x2.data_ptr() == x1.data_ptr())
x2[0] = 100.0
print(x1)

# %%
# >>> x2.requires_grad, x2.is_leaf, x2.data_ptr() == x1.data_ptr()
# (False, True, True)
# >>> x1
# tensor([100.,  20.], dtype=torch.float64, requires_grad=True)
#
# The same holds for the NumPy array obtained through ``detach().numpy()``: it is a
# view of the tensor's memory, not a copy.

array = x1.detach().numpy()
array[1] = -1.0
print(x1)

# %%
# >>> x1
# tensor([100.,  -1.], dtype=torch.float64, requires_grad=True)
#
# .. pitfall:: Sharing is shown by ``data_ptr()`` or a mutation, not by ``id()``
#
#    A popular demonstration prints ``id(x1.data), id(x2.data)``, sees equal numbers
#    and concludes that the two tensors share memory. ``id()`` identifies a Python
#    object, not its memory, and every access to ``.data`` creates a new, short-lived
#    object; CPython often reuses the address of one that was just freed, so the ids can
#    match for any two tensors. The same demonstration then runs ``x2.data =
#    torch.tensor([100, 200])`` and finds ``x1`` unchanged: assigning to ``.data``
#    rebinds ``x2`` to *new* memory (here even with a new dtype); it does not write into
#    the shared memory. An in-place write such as ``x2[0] = 100.0`` does.
#
#    >>> x1.data is x1.data
#    False
#    >>> x2.data = torch.tensor([100, 200])
#    >>> x1, x2
#    (tensor([100.,  -1.], dtype=torch.float64, requires_grad=True), tensor([100, 200]))
#    >>> x2.data_ptr() == x1.data_ptr()
#    False

# %%
# In-place changes after ``detach()``: the version counter
# --------------------------------------------------------
# Because the memory is shared, modifying a detached tensor in place can destroy a value
# that the graph saved for the backward pass. Autograd detects this: every tensor has a
# version counter, which in-place operations increment, and ``backward()`` checks that
# saved tensors still have the version they had when they were saved.
#
# The derivative of :math:`\sigma(a)` is :math:`\sigma(a)(1 - \sigma(a))`, so
# ``sigmoid`` saves its output. Zeroing that output through a detached alias makes the
# saved value wrong, and ``backward()`` refuses to use it:

a = torch.tensor([1.0, 2.0], requires_grad=True)
b = a.sigmoid()
print(b._version)
b.detach().zero_()
print(b._version)
try:
    b.sum().backward()
except RuntimeError as error:
    print("RuntimeError:", str(error)[:170], "...")

# %%
# >>> b = a.sigmoid()
# >>> b.detach().zero_()
# tensor([0., 0.])
# >>> b.sum().backward()
# Traceback (most recent call last):
#     ...
# RuntimeError: one of the variables needed for gradient computation has been modified by an inplace operation: [torch.FloatTensor [2]], which is output 0 of Sigmoid, is at version 1; expected version 0 instead. ...

# %%
# ``.data``: the same sharing, without the check
# ----------------------------------------------
# ``tensor.data`` also returns a tensor that shares memory and does not require
# gradients. It dates from before PyTorch 0.4, when tensors were wrapped in
# ``Variable`` objects and ``.data`` unwrapped them. The difference from ``detach()``
# is that changes made through ``.data`` are hidden from autograd: the version counter
# is not incremented. The same experiment now runs without complaint and returns a
# wrong gradient (zero instead of :math:`\sigma(a)(1 - \sigma(a))`):

a = torch.tensor([1.0, 2.0], requires_grad=True)
b = a.sigmoid()
expected = (b * (1 - b)).detach()
b.data.zero_()
b.sum().backward()
print(a.grad, expected)

# %%
# >>> a.grad
# tensor([0., 0.])
# >>> expected
# tensor([0.1966, 0.1050])
#
# .. pitfall:: ``.data`` can give silently wrong gradients
#
#    ``.data`` is often presented as the way to "take the value without the
#    gradient". It works, but it bypasses autograd's in-place check, so a mistake
#    produces wrong numbers instead of an error. Use ``detach()`` to get a tensor
#    outside the graph, and ``with torch.no_grad():`` to modify parameters in place
#    (as the next page does for gradient descent).
#
#    >>> torch.allclose(a.grad, expected)
#    False
#
# Summary
# -------
# * ``.numpy()`` refuses a tensor that requires gradients; use
#   ``t.detach().cpu().numpy()`` or ``t.numpy(force=True)``.
# * ``detach()`` returns a leaf that shares memory with the original; check sharing
#   with ``data_ptr()``, not ``id()``.
# * In-place changes through a detached alias are caught by the version counter;
#   through ``.data`` they are not, which makes ``.data`` risky.
# * Assigning ``t.data = other`` replaces ``t``'s memory; it does not write into the
#   memory it used to share.
