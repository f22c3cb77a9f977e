"""
Installing PyTorch and checking the build
=========================================

PyTorch is installed like any Python package, but it comes in several *builds*: for the
CPU only, for NVIDIA :term:`GPUs <GPU>` with a particular CUDA version, for AMD GPUs
(ROCm), for Apple silicon. This page shows how to install it into an isolated
environment and how to ask an installed PyTorch which version and build it is and what
hardware it can use.
"""

import torch

# %%
# An environment per project
# --------------------------
# Install PyTorch into a *virtual environment*, a private folder of packages for one
# project, so that projects with different versions do not interfere. With the standard
# library's ``venv`` (on Windows the activation script is ``.venv\Scripts\activate``)::
#
#     python -m venv .venv
#     source .venv/bin/activate
#     python -m pip install torch
#     python -m pip list        # what is installed in this environment
#     deactivate
#
# Conda is an alternative that also manages the Python interpreter itself::
#
#     conda create -n dl python=3.12
#     conda activate dl
#     python -m pip install torch
#     conda deactivate
#
# Shell commands are case-sensitive (``conda``, ``pip``, not ``Conda``, ``Pip``),
# ``conda deactivate`` takes no environment name, and ``source activate`` is the old
# spelling from before conda 4.4. A conda environment is just a folder with its own
# Python and packages, not a virtual machine. Any editor or IDE works, as long as it is
# pointed at the environment's interpreter.
#
# Choosing the build
# ------------------
# Which build ``pip install torch`` fetches from PyPI depends on the platform. Other
# builds (CPU-only, another CUDA version, ROCm) are served from PyTorch's own package
# index, which pip reaches through an ``--index-url`` option. You do not need to
# remember these options: the *Get Started* selector on pytorch.org asks for your
# operating system, package manager and compute platform and prints the exact command.
# For a CUDA build, the NVIDIA *driver* must be installed on the machine; the CUDA
# runtime libraries come with the PyTorch packages.
#
# .. pitfall:: Old install commands install old PyTorch
#
#    Notes written a few years ago install PyTorch with lines such as
#    ``conda install pytorch cudatoolkit=11.3 -c pytorch`` (or ``-c pytorch-lts`` for a
#    long-term-support line that has since been discontinued), or pin
#    ``pip install torch==2.1.0``. These commands fetch old releases built for old CUDA
#    versions, and pins may have no package at all for a recent Python. PyTorch stopped
#    publishing to its own ``pytorch`` conda channel after version 2.5; conda users get
#    current builds from the community ``conda-forge`` channel or install the pip
#    packages inside a conda environment. Take the command from the selector, and pin a
#    version only when a project needs exactly that one.
#
#    >>> torch.__version__ > "2.5"   # this site is built with a newer version
#    True

# %%
# Which version and build is this?
# --------------------------------
# ``torch.__version__`` is the version; a suffix after ``+`` names the build (for
# example ``+cpu``, or ``+cu`` followed by a CUDA version). ``torch.version.cuda`` is the
# CUDA version the build was compiled for, and ``None`` in a CPU-only or ROCm build
# (ROCm builds report theirs in ``torch.version.hip``).

print("PyTorch:", torch.__version__)
print("built for CUDA:", torch.version.cuda)
print("built for ROCm:", torch.version.hip)

# %%
# ``torch.__version__`` is a string, but it compares like a version number, which plain
# strings do not:
#
# >>> torch.__version__ >= "2.0"
# True
# >>> from torch.torch_version import TorchVersion
# >>> TorchVersion("2.10.0") > "2.9", "2.10.0" > "2.9"
# (True, False)
#
# What can it use?
# ----------------
# Whether the build *contains* support for a backend and whether that backend *works* on
# this machine are separate questions. ``torch.backends.cuda.is_built()`` answers the
# first; ``torch.cuda.is_available()`` the second: it is ``True`` only when the build has
# GPU support, a working driver is installed and at least one GPU is visible. The other
# backends have similar functions.

print("CUDA built:         ", torch.backends.cuda.is_built())
print("CUDA available:     ", torch.cuda.is_available())
print("GPUs visible:       ", torch.cuda.device_count())
print("cuDNN available:    ", torch.backends.cudnn.is_available())
print("Apple MPS available:", torch.backends.mps.is_available())
print("oneDNN (mkldnn):    ", torch.backends.mkldnn.is_available())
print("OpenMP:             ", torch.backends.openmp.is_available())
print("any accelerator:    ", torch.accelerator.is_available())

# %%
# The output above is from the machine that built this page. ``torch.accelerator`` is
# the device-neutral interface: it reports the accelerator of whatever kind (CUDA, ROCm,
# MPS, XPU, ...) the build and machine provide.
#
# .. pitfall:: ``torch.cuda.is_available()`` tests the build and the driver, not only the hardware
#
#    Notes often say that ``torch.cuda.is_available()`` checks "whether the computer has
#    an NVIDIA GPU". It checks whether *this PyTorch* can use one: a CPU-only build
#    returns ``False`` on a machine full of GPUs, and so does a CUDA build whose driver
#    is missing or too old, or a process whose GPUs are hidden by
#    ``CUDA_VISIBLE_DEVICES``. ROCm builds for AMD GPUs also answer through
#    ``torch.cuda``. A build without GPU support can never report a GPU:
#
#    >>> torch.cuda.is_available() and not torch.backends.cuda.is_built()
#    False
#
# For a bug report, ``python -m torch.utils.collect_env`` prints all of this and more
# (operating system, compiler, driver and library versions) in one go.
#
# Summary
# -------
# * Install into a virtual environment (``venv`` or conda) with the command from the
#   pytorch.org selector; the build must match your hardware.
# * ``torch.__version__`` and ``torch.version.cuda`` say what is installed.
# * ``torch.cuda.is_available()`` / ``torch.accelerator.is_available()`` say whether a
#   GPU can actually be used, from this build, with this driver, in this process.
