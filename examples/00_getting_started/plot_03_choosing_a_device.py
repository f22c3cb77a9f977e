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
# a CPU tensor raises an error instead of copying silently. (A zero-dimensional CPU
# tensor, such as a scalar, is the one exception.)

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
# starts (or at least before its first CUDA call). The effect can be seen on any
# machine by starting a fresh Python process with every GPU hidden:

child = subprocess.run(
    [sys.executable, "-c", "import torch; print(torch.cuda.device_count(), torch.cuda.is_available())"],
    env={**os.environ, "CUDA_VISIBLE_DEVICES": ""},
    capture_output=True,
    text=True,
    check=True,
)
print("with every GPU hidden:", child.stdout.strip())

# %%
# >>> child.stdout.split()
# ['0', 'False']
#
# .. pitfall:: Prefer explicit devices and ``CUDA_VISIBLE_DEVICES`` to ``torch.cuda.set_device``
#
#    Notes often select a GPU with ``torch.cuda.set_device(0)``. It changes the
#    process-wide *current* GPU, the one that a bare ``"cuda"`` refers to, which makes
#    code depend on a hidden global setting and is easy to get wrong when libraries or
#    several GPUs are involved. PyTorch's own documentation of the function says its use
#    "is discouraged in favor of device" and recommends ``CUDA_VISIBLE_DEVICES`` in most
#    cases:
#
#    >>> "discouraged" in torch.cuda.set_device.__doc__
#    True
#
#    Write ``device = torch.device("cuda:1")`` and ``tensor.to(device)`` instead, or
#    start the process with ``CUDA_VISIBLE_DEVICES=1`` and use ``"cuda"``.
#
# Summary
# -------
# * A ``torch.device`` is a type plus an optional index: ``torch.device("cuda:1")``.
# * Compute the device once (``torch.accelerator.current_accelerator()`` or the CPU) and
#   create or move tensors with ``device=`` / ``.to(device)``.
# * Choose among GPUs with explicit device objects or ``CUDA_VISIBLE_DEVICES`` set before
#   the process starts, not with ``torch.cuda.set_device``.
