"""
Choosing a device and a GPU
===========================

Every tensor lives on a :term:`device`: the CPU or an accelerator such as a
:term:`GPU`, and
operations run where their inputs are. This page shows how to describe devices with
``torch.device``, how to pick the best available one without hard-coding it, and how to
choose among several GPUs, preferably with the ``CUDA_VISIBLE_DEVICES`` environment
variable rather than ``torch.cuda.set_device``.
"""

import os
import subprocess
import sys

import torch

# %%
# Describing a device
# -------------------
# A ``torch.device`` is a small object with a *type* (``"cpu"``, ``"cuda"``, ``"mps"``,
# ...) and an optional *index* that numbers the devices of that type from 0. Creating
# one does not touch any hardware, so ``"cuda:1"`` can be described on any machine.

second_gpu = torch.device("cuda:1")
print(second_gpu, second_gpu.type, second_gpu.index)

# %%
# >>> second_gpu.type, second_gpu.index
# ('cuda', 1)
# >>> torch.device("cuda", 1) == second_gpu
# True
# >>> print(torch.device("cuda").index)  # no index: "the current GPU"
# None
#
# The type names are fixed; there is no ``"gpu"``:
#
# >>> torch.device("gpu")
# Traceback (most recent call last):
#     ...
# RuntimeError: Expected one of cpu, cuda, ... device type at start of device string: gpu

# %%
# Picking the best available device
# ---------------------------------
# Code that hard-codes ``"cuda"`` fails on a machine without a GPU. Compute the device
# once instead and pass it everywhere. ``torch.accelerator`` returns whichever
# accelerator this build and machine provide (CUDA, ROCm, Apple MPS, Intel XPU, ...),
# so the same line works everywhere:

device = (
    torch.accelerator.current_accelerator()
    if torch.accelerator.is_available()
    else torch.device("cpu")
)
print("using", device)

# %%
# Tensors are created on a device with ``device=`` or copied there with ``.to()``.
# ``.to()`` returns a *new* tensor on the target device and leaves the original where it
# was; if the tensor is already there, it returns the tensor itself without copying.

x = torch.ones(2, 3, device=device)
cpu_tensor = torch.zeros(3)
moved = cpu_tensor.to(device)
print(x.device, cpu_tensor.device, moved.device)

# %%
# >>> x.device.type == device.type
# True
# >>> cpu_tensor.device.type
# 'cpu'
# >>> cpu_tensor.to("cpu") is cpu_tensor
# True
#
# Operations need all their tensor inputs on the same device; mixing a CUDA tensor with
# a CPU tensor raises an error instead of copying silently. The main exception is a
# zero-dimensional CPU tensor, which is accepted like a Python number. A few operations
# are made to work across devices: ``.to()`` itself, ``dst.copy_(src)``, and indexing a
# GPU tensor with CPU index tensors or masks.
#
# The ``meta`` device, which exists in every build and holds shapes but no data, follows
# the same rules, so it can show them on any machine:
#
# >>> on_meta = torch.ones(3, device="meta")
# >>> on_meta + torch.ones(3)
# Traceback (most recent call last):
#     ...
# RuntimeError: Tensor on device cpu is not on the expected device meta!
# >>> (on_meta + torch.tensor(2.0)).device
# device(type='meta')
# >>> on_meta[torch.tensor([0, 2])].shape
# torch.Size([2])
# >>> on_meta.copy_(torch.ones(3)).device
# device(type='meta')

# %%
# Several GPUs
# ------------
# On a machine with several GPUs they are ``cuda:0``, ``cuda:1``, ...;
# ``torch.cuda.device_count()`` says how many this process can see. There are two ways
# to run on, say, the second one:
#
# * name it explicitly: ``torch.device("cuda:1")``, and move the model and data there;
# * or hide the others *before the process starts*, with the environment variable
#   ``CUDA_VISIBLE_DEVICES``::
#
#       CUDA_VISIBLE_DEVICES=1 python train.py
#
#   Inside ``train.py`` only that GPU exists, and it is called ``cuda:0``. The code needs
#   no GPU number at all, and other processes can use the other GPUs.
#
# The variable is read when CUDA is initialised, so it must be set before the program
# starts (or at least before its first CUDA call). The cell below compares this process
# with a fresh Python process started with every GPU hidden. On a machine with a GPU the
# two lines differ; on one without (the machine that built this page may be one), both
# say ``0 False``, and the comparison shows nothing.

child = subprocess.run(
    [sys.executable, "-c", "import torch; print(torch.cuda.device_count(), torch.cuda.is_available())"],
    env={**os.environ, "CUDA_VISIBLE_DEVICES": ""},
    capture_output=True,
    text=True,
    check=True,
)
print("this process:         ", torch.cuda.device_count(), torch.cuda.is_available())
print("with every GPU hidden:", child.stdout.strip())

# %%
# Whatever the machine, the process with every GPU hidden sees none:
#
# >>> child.stdout.split()
# ['0', 'False']
#
# .. pitfall:: Prefer explicit devices and ``CUDA_VISIBLE_DEVICES`` to ``torch.cuda.set_device``
#
#    Notes often select a GPU with ``torch.cuda.set_device(0)``. It changes the
#    *current* GPU of the calling thread, the one that a bare ``"cuda"`` refers to, which
#    makes code depend on a hidden setting and is easy to get wrong when libraries,
#    threads or several GPUs are involved (CUDA keeps the current device per host
#    thread, so a thread started later begins again on GPU 0). PyTorch's own
#    documentation of the function discourages it in favour of the ``torch.cuda.device``
#    context manager and recommends ``CUDA_VISIBLE_DEVICES`` in most cases:
#
#    >>> doc = " ".join(torch.cuda.set_device.__doc__.split())
#    >>> "discouraged in favor of :any:`device`" in doc, "CUDA_VISIBLE_DEVICES" in doc
#    (True, True)
#
#    Simpler still: write ``device = torch.device("cuda:1")`` and ``tensor.to(device)``,
#    or start the process with ``CUDA_VISIBLE_DEVICES=1`` and use ``"cuda"``.
#
# What does ``torch.cuda.set_device(0)`` do where there is no GPU? The cell below makes
# the call and prints what happened on the machine that built this page.

try:
    torch.cuda.set_device(0)
    outcome = f"current GPU: {torch.cuda.current_device()}"
except (AttributeError, RuntimeError) as error:
    outcome = f"{type(error).__name__}: {error}"
print("CUDA in this build:", torch.backends.cuda.is_built())
print(outcome)

# %%
# .. pitfall:: ``torch.cuda.set_device(0)`` fails on a build without CUDA
#
#    The same notes call ``torch.cuda.set_device(0)`` *before* checking
#    ``torch.cuda.is_available()``, as if selecting a GPU were harmless everywhere. In a
#    CPU-only build the call raises at once, with an unhelpful message: the function
#    looks for a CUDA binding that such a build does not contain. (A CUDA build on a
#    machine without a usable GPU raises too, with a different message.) Check
#    availability first, or better, compute a device as above. On every build without
#    CUDA the outcome is this ``AttributeError``:
#
#    >>> cpu_only_build = not torch.backends.cuda.is_built()
#    >>> expected = "AttributeError: module 'torch._C' has no attribute '_cuda_setDevice'"
#    >>> outcome == expected or not cpu_only_build
#    True
#
#    A negative index makes the call do nothing, on any build:
#
#    >>> torch.cuda.set_device(-1)
#
# Summary
# -------
# * A ``torch.device`` is a type plus an optional index: ``torch.device("cuda:1")``.
# * Compute the device once (``torch.accelerator.current_accelerator()`` or the CPU) and
#   create or move tensors with ``device=`` / ``.to(device)``.
# * Choose among GPUs with explicit device objects or ``CUDA_VISIBLE_DEVICES`` set before
#   the process starts, not with ``torch.cuda.set_device`` (which, in a build without
#   CUDA, raises).
