"""
Tensors and NumPy arrays: shared memory or copy?
================================================

PyTorch and NumPy convert into each other cheaply, often without copying a single byte:
the tensor and the array then use the *same* memory, and a change through one shows up
in the other. This page sorts the conversions into those that
:term:`share <shared memory>` and those that copy, proves each by changing an element,
and explains the familiar ``.detach().cpu().numpy()`` chain.
"""

import numpy as np
import torch

# %%
# Tensor to array: ``.numpy()`` shares
# ------------------------------------
# ``t.numpy()`` returns an ndarray that wraps the tensor's memory. Change the array and
# the tensor changes too.

data_tensor = torch.tensor([2, 3, 4])
data_numpy = data_tensor.numpy()
data_numpy[0] = 100
print(type(data_numpy).__name__, data_numpy, data_tensor)

# %%
# >>> data_tensor
# tensor([100,   3,   4])
# >>> data_numpy.dtype
# dtype('int64')
#
# When you need an independent array, copy it: ``t.numpy().copy()`` (NumPy's copy) or
# ``t.clone().numpy()``. ``np.asarray(t)`` shares like ``t.numpy()``; ``np.array(t)``
# copies.
#
# >>> independent = data_tensor.numpy().copy()
# >>> independent[1] = -1
# >>> data_tensor
# tensor([100,   3,   4])

# %%
# Array to tensor: ``from_numpy`` and ``as_tensor`` share, ``torch.tensor`` copies
# --------------------------------------------------------------------------------
# Three functions turn an ndarray into a tensor. ``torch.from_numpy`` always shares.
# ``torch.as_tensor`` shares when no dtype or device change is requested and copies when
# one is. ``torch.tensor`` always copies.

array = np.array([2.0, 3.0, 4.0])
shared = torch.from_numpy(array)
maybe_shared = torch.as_tensor(array)
converted = torch.as_tensor(array, dtype=torch.float32)
copied = torch.tensor(array)
array[0] = 100.0
for name, t in [("from_numpy", shared), ("as_tensor", maybe_shared),
                ("as_tensor(float32)", converted), ("tensor", copied)]:
    print(f"{name:>20}: {t}")

# %%
# >>> shared[0].item(), maybe_shared[0].item(), converted[0].item(), copied[0].item()
# (100.0, 100.0, 2.0, 2.0)
#
# Note the dtype: NumPy's default float type is ``float64``, and both ``from_numpy`` and
# ``torch.tensor`` keep it. Models use ``float32``, so arrays from NumPy usually need a
# ``.float()`` (which copies).
#
# >>> shared.dtype, copied.dtype
# (torch.float64, torch.float64)
#
# None of the three accepts an array with negative strides, such as a reversed view
# ``a[::-1]``: tensors cannot have negative strides, and even the copying functions
# raise instead of copying. Copy the array first with ``.copy()``:
#
# >>> torch.as_tensor(np.arange(3.0)[::-1])
# Traceback (most recent call last):
#     ...
# ValueError: At least one stride in the given numpy array is negative, ...
# >>> torch.tensor(np.arange(3.0)[::-1])
# Traceback (most recent call last):
#     ...
# ValueError: At least one stride in the given numpy array is negative, ...
# >>> torch.from_numpy(np.arange(3.0)[::-1].copy())
# tensor([2., 1., 0.], dtype=torch.float64)
#
# =============================  ==================================
# conversion                     memory
# =============================  ==================================
# ``t.numpy()``, ``np.asarray``  shared
# ``torch.from_numpy(a)``        shared
# ``torch.as_tensor(a)``         shared unless dtype/device change
# ``torch.tensor(a)``            copied
# ``np.array(t)``                copied
# =============================  ==================================
#
# .. pitfall:: ``from_numpy`` has no copy option: copy before or after
#
#    Notes say that ``from_numpy`` shares memory "by default" and that "the copy
#    function" avoids it, as if the sharing could be switched off. ``from_numpy`` takes
#    no options and always shares. What the notes mean is copying yourself: the array
#    before (``torch.from_numpy(a.copy())``), the tensor after
#    (``torch.from_numpy(a).clone()``), or converting with ``torch.tensor(a)``, which
#    copies.
#
#    >>> a = np.zeros(2)
#    >>> t = torch.from_numpy(a.copy())
#    >>> a[0] = 7.0
#    >>> t
#    tensor([0., 0.], dtype=torch.float64)
#    >>> torch.from_numpy(a, copy=True)
#    Traceback (most recent call last):
#        ...
#    TypeError: ...from_numpy() takes no keyword arguments

# %%
# Sharing survives in-place changes only
# --------------------------------------
# Sharing is a property of the memory, so it holds for changes *in place*:
# assignment to elements, ``+=``, methods ending in ``_``. An ordinary operation such as
# ``a = a * 2`` creates a new array and rebinds the name; the tensor keeps the old
# memory.

a = np.ones(3)
t = torch.from_numpy(a)
a += 1
print(t)
a = a * 10
print(t, a)

# %%
# >>> t
# tensor([2., 2., 2.], dtype=torch.float64)

# %%
# Tensors that track gradients: ``.detach().cpu().numpy()``
# ---------------------------------------------------------
# NumPy knows nothing about autograd or :term:`GPUs <GPU>`. Among the tensors that
# ``.numpy()`` refuses (others are sparse tensors, lazy conjugate or negated views, and
# dtypes NumPy lacks, such as ``bfloat16``), two kinds matter for model outputs; it
# refuses them instead of silently doing the wrong thing:
#
# * a tensor with ``requires_grad=True``: changes made through NumPy would be invisible to
#   autograd, so the gradient would be wrong. ``.detach()`` returns a tensor that shares
#   the memory but is cut from the graph.
# * a tensor that is not on the CPU (a GPU tensor): NumPy can only address host memory.
#   ``.cpu()`` copies it to the CPU; on a CPU tensor it returns the tensor itself.
#
# Hence the idiom for model outputs, which usually require grad and may sit on a GPU:
# ``output.detach().cpu().numpy()``.

weights = torch.tensor([10.0, 20.0], requires_grad=True)
try:
    weights.numpy()
except RuntimeError as err:
    print(err)
as_array = weights.detach().cpu().numpy()
print(as_array)

# %%
# >>> weights.numpy()
# Traceback (most recent call last):
#     ...
# RuntimeError: Can't call numpy() on Tensor that requires grad. Use tensor.detach().numpy() instead.
# >>> weights.detach().data_ptr() == weights.data_ptr()
# True
# >>> weights.detach().requires_grad
# False
#
# For a CPU tensor the whole chain makes no copy, so ``as_array`` still shares memory
# with ``weights``. Since PyTorch 1.13, ``t.numpy(force=True)`` does the same as
# ``t.detach().cpu().resolve_conj().resolve_neg().numpy()`` in one call; like the chain,
# it copies only if something (here: the device) requires it.
#
# >>> weights.numpy(force=True)
# array([10., 20.], dtype=float32)
#
# The ``meta`` device holds tensors without any data (it is the next page's subject),
# which makes the device rule easy to see on any machine:
#
# >>> torch.zeros(2, device="meta").numpy()
# Traceback (most recent call last):
#     ...
# TypeError: can't convert meta device type tensor to numpy. Use Tensor.cpu() to copy the tensor to host memory first.
#
# A dtype that NumPy does not have cannot be converted at all, not even with
# ``force=True``; cast the tensor first:
#
# >>> bf16 = torch.tensor([1.5, 2.0], dtype=torch.bfloat16)
# >>> bf16.numpy(force=True)
# Traceback (most recent call last):
#     ...
# TypeError: Got unsupported ScalarType BFloat16
# >>> bf16.float().numpy()
# array([1.5, 2. ], dtype=float32)
#
# .. note::
#
#    A chapter of one set of notes is titled "tensor type conversion" (张量类型转换) but
#    teaches the conversions on this page; changing the *element* type is
#    :term:`casting`, see the casting page.
#
# Summary
# -------
# * ``t.numpy()``, ``np.asarray(t)``, ``torch.from_numpy(a)`` and (usually)
#   ``torch.as_tensor(a)`` share memory; ``torch.tensor(a)`` and ``np.array(t)`` copy.
# * Shared memory reflects in-place changes only; copy explicitly with ``.copy()`` or
#   ``.clone()`` when you need independence.
# * Arrays from NumPy are ``float64`` by default.
# * Use ``t.detach().cpu().numpy()`` (or ``t.numpy(force=True)``) for tensors that track
#   gradients or live on a GPU.
