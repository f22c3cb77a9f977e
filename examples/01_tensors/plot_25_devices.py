"""
Devices: CPU, GPU and moving tensors between them
=================================================

Every tensor lives on a :term:`device`: the CPU's memory by default, or a
:term:`GPU`'s memory, where
large matrix operations run much faster. This page shows how to name a device, create
tensors on it, move them, and what happens when an operation mixes devices. The code
runs on any machine: it picks the GPU when there is one and the CPU otherwise.
"""

import torch

# %%
# Pick the device once
# --------------------
# Decide the device in one place and use the variable everywhere. Writing ``"cuda"``
# into the code makes it crash wherever ``torch.cuda.is_available()`` is ``False``: with
# a CPU-only build of PyTorch, on a machine without a GPU, and on machines whose
# accelerator has another device type, such as Apple silicon (``"mps"``) or Intel GPUs
# (``"xpu"``). AMD GPUs, with a ROCm build of PyTorch, do use the device type
# ``"cuda"``. The line below picks a CUDA (or ROCm) GPU when there is one;
# ``torch.accelerator.current_accelerator()``, shown on the getting-started page, picks
# whatever accelerator the machine has.

device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
print("This page was built on:", device)
if device.type == "cuda":
    print("GPU:", torch.cuda.get_device_name(device))

# %%
# ``torch.device`` objects
# ------------------------
# A device has a *type* (``"cpu"``, ``"cuda"``, ``"mps"``, ``"meta"``, ...) and, for
# devices that come in several copies, an optional *index*: ``"cuda:1"`` is the second
# GPU. Creating a device object needs no hardware, only using it does.
#
# >>> torch.device("cuda:1")
# device(type='cuda', index=1)
# >>> torch.device("cuda", 1) == torch.device("cuda:1")
# True
# >>> torch.device("cpu").type, torch.device("cpu").index is None
# ('cpu', True)
#
# .. pitfall:: ``"cuda"`` and ``"cuda:0"`` are not equal devices
#
#    A tensor created with ``device="cuda"`` reports ``cuda:0``: the index is filled in
#    with the current GPU. Comparing ``x.device == torch.device("cuda")`` is therefore
#    ``False`` even for a tensor on the GPU. To ask "is it on a GPU?", compare the type.
#
#    >>> torch.device("cuda") == torch.device("cuda:0")
#    False
#    >>> torch.device("cuda:0").type == torch.device("cuda").type
#    True

# %%
# Creating tensors on a device
# ----------------------------
# Tensors are created on the CPU unless you say otherwise.
# :term:`Factory functions <factory function>` such as ``zeros``, ``ones``, ``rand`` and
# ``arange`` take ``device=``, and so does ``torch.tensor``. A factory function then allocates and fills
# the tensor on the GPU directly, with no transfer. ``torch.tensor(data, device=...)``
# still builds the tensor on the CPU from the Python data and copies it over; it only
# saves you the extra step.

x = torch.tensor([10, 20, 30])
y = torch.tensor([10, 20, 30], device=device)
z = torch.zeros(3, device=device)
print(x.device, y.device, z.device)

# %%
# >>> x.device
# device(type='cpu')
# >>> y.device.type == device.type, z.device.type == device.type
# (True, True)

# %%
# Moving tensors: ``.to()``, ``.cpu()``, ``.cuda()``
# --------------------------------------------------
# ``.to(device)`` returns a copy on the target device; if the tensor is already there, it
# returns the tensor itself. ``.to`` can change device and dtype in one call.
# ``.cpu()`` is short for ``.to("cpu")`` and ``.cuda()`` for ``.to("cuda")``.

moved = x.to(device)
both = x.to(device, torch.float32)
back = moved.cpu()
print(moved.device, both.device, both.dtype, back.device)

# %%
# >>> moved.device.type == device.type, both.dtype
# (True, torch.float32)
# >>> back.device
# device(type='cpu')
# >>> x.to("cpu") is x, x.cpu() is x
# (True, True)
#
# ``.to`` never moves a tensor in place: the original stays where it was, so write
# ``x = x.to(device)``.
#
# That makes three ways to get a tensor onto a GPU: create it there (``device=``), move
# it with ``.to(device)``, or call ``.cuda()``. One set of notes announces "two ways"
# and then shows these three. Only ``.to(device)`` and ``device=`` also work when the
# device turns out to be the CPU. (The same listing calls only its last function,
# ``test04``, yet shows the output of all four as its result.)
#
# .. pitfall:: ``.cuda()`` fails on a machine without a GPU
#
#    Notes often move tensors with ``data.cuda()`` or create them with
#    ``device='cuda:0'``, with a remark that this "may" fail without a GPU. It always
#    does: on a CPU-only machine (or build) these lines raise an error. Compute the
#    device once, as at the top of this page, and use ``.to(device)``; the same script
#    then runs on both kinds of machines. The cell below runs ``.cuda()`` only where it
#    can work and shows the error elsewhere. The doctests after it hold on every
#    machine: ``.cuda()`` succeeds exactly when a CUDA GPU is available, and a build of
#    PyTorch with neither CUDA nor ROCm support raises an ``AssertionError`` with the
#    message shown. (A CUDA build on a machine without a GPU raises a
#    ``RuntimeError`` instead.)

if torch.cuda.is_available():
    print(x.cuda().device)
else:
    try:
        x.cuda()
    except (AssertionError, RuntimeError) as err:
        print(type(err).__name__, err)

# %%
# >>> def cuda_or_error(t):
# ...     try:
# ...         return str(t.cuda().device)
# ...     except (AssertionError, RuntimeError) as err:
# ...         return f"{type(err).__name__}: {err}"
# >>> outcome = cuda_or_error(x)
# >>> outcome.startswith("cuda") == torch.cuda.is_available()
# True
# >>> cpu_only_build = torch.version.cuda is None and torch.version.hip is None
# >>> not cpu_only_build or outcome == "AssertionError: Torch not compiled with CUDA enabled"
# True

# %%
# Operations need their operands on one device
# --------------------------------------------
# An operation runs on one device and does not copy its inputs there for you: mixing a
# tensor on one device with a tensor on another raises a ``RuntimeError``. The ``meta``
# device, which exists on every machine, makes this visible without a GPU. A meta tensor
# has a shape and a dtype but no data at all.

meta = torch.ones(3, device="meta")
cpu = torch.ones(3)
print(meta)
try:
    meta + cpu
except RuntimeError as err:
    print(err)

# %%
# >>> meta + cpu
# Traceback (most recent call last):
#     ...
# RuntimeError: Tensor on device ... is not on the expected device ...!
#
# With a GPU, the same mistake typically reports ``Expected all tensors to be on the
# same device, but found at least two devices, cuda:0 and cpu!`` (the exact wording
# depends on the operation and the PyTorch version). The cell below shows it when the
# page is built on a machine with a GPU.

if device.type == "cuda":
    try:
        torch.ones(3, device=device) + cpu
    except RuntimeError as err:
        print(err)
else:
    print("no GPU on this machine: CUDA example skipped")

# %%
# The main exception: a 0-dimensional CPU tensor (a scalar such as
# ``torch.tensor(2.0)``) may be combined with a tensor on any device, like a Python
# number. A few operations are also meant to cross devices: ``.to()`` itself,
# ``dst.copy_(src)``, which copies from any device into ``dst``, and indexing a tensor
# with a CPU tensor of indices or a CPU mask.
#
# >>> (meta + torch.tensor(2.0)).device
# device(type='meta')
# >>> meta.copy_(cpu).device
# device(type='meta')
# >>> meta[torch.tensor([0, 2])].shape, meta[torch.tensor([True, False, True])].shape
# (torch.Size([2]), torch.Size([2]))
#
# The fix for the error is always the same: move one operand with ``.to(...)``, best
# the smaller one, and keep data and model on the same device from the start.
#
# >>> (torch.ones(3, device=device) + cpu.to(device)).device.type == device.type
# True

# %%
# Choosing one GPU among several
# ------------------------------
# On a machine with several GPUs, name the one you want in the device:
# ``torch.device("cuda:1")``. To restrict a whole program to certain GPUs, set the
# environment variable ``CUDA_VISIBLE_DEVICES`` before starting it
# (``CUDA_VISIBLE_DEVICES=1 python train.py``); the program then sees that GPU as
# ``cuda:0``.
#
# .. pitfall:: Prefer device objects to ``torch.cuda.set_device``
#
#    Notes select a GPU with ``torch.cuda.set_device(0)``. That changes a hidden
#    "current device" that every later ``"cuda"`` without an index silently depends on,
#    and it changes it only for the calling thread: CUDA keeps one current device per
#    thread, so a thread started later begins on GPU 0 again. PyTorch's own
#    documentation discourages the function in favour of the ``torch.cuda.device``
#    context manager or, in most cases, the ``CUDA_VISIBLE_DEVICES`` variable. Explicit
#    device objects such as ``torch.device("cuda:0")`` avoid the hidden state
#    altogether.
#
#    >>> doc = torch.cuda.set_device.__doc__
#    >>> "discouraged" in doc, "CUDA_VISIBLE_DEVICES" in doc
#    (True, True)
#
# Summary
# -------
# * Compute ``device = torch.device("cuda" if torch.cuda.is_available() else "cpu")``
#   once and pass it to ``device=`` and ``.to(device)``.
# * ``.to``, ``.cpu()`` and ``.cuda()`` return a tensor on the target device (the tensor
#   itself if it is already there); they do not move it in place.
# * Operands of an operation must share a device (a 0-dimensional CPU tensor counts as a
#   number; ``.to``, ``copy_`` and CPU index tensors work across devices); compare
#   devices by ``.type`` when the index does not matter.
