"""
Parameters, buffers and plain tensor attributes
===============================================

A module can hold a tensor in three ways: as an ``nn.Parameter`` (trained), as a
registered *buffer* (state that is saved and moved, but not trained), or as a plain
attribute (which the module does not know about). The choice decides what
``parameters()``, ``state_dict()`` and ``.to()`` see, and a wrong choice fails only
later: after a move to another device or dtype, or after loading a checkpoint.
"""

import matplotlib.pyplot as plt
import torch
from torch import nn

torch.manual_seed(0)

# %%
# One module, four tensors
# ------------------------
# The module below standardises its input with a learned scale. It keeps:
#
# * ``scale``, an ``nn.Parameter``: it should be learned;
# * ``mean``, a buffer registered with ``register_buffer``: a statistic that is not
#   learned but belongs to the model's state;
# * ``mask``, a buffer registered with ``persistent=False``: needed for the
#   computation, but cheap to rebuild, so not worth saving;
# * ``proj``, a plain tensor attribute.


class Standardise(nn.Module):
    def __init__(self, n):
        super().__init__()
        self.scale = nn.Parameter(torch.ones(n))
        self.register_buffer("mean", torch.zeros(n))
        self.register_buffer("mask", torch.ones(n), persistent=False)
        self.proj = torch.eye(n)

    def forward(self, x):
        return ((x - self.mean) * self.scale * self.mask) @ self.proj


module = Standardise(3)
print([name for name, _ in module.named_parameters()])
print([name for name, _ in module.named_buffers()])
print(list(module.state_dict()))

# %%
# Each of the walks of the previous page sees a different subset:
#
# >>> [name for name, _ in module.named_parameters()]
# ['scale']
# >>> [name for name, _ in module.named_buffers()]
# ['mean', 'mask']
# >>> list(module.state_dict())
# ['scale', 'mean']
#
# The plain attribute ``proj`` appears in none of them. An optimiser built from
# ``module.parameters()`` updates only ``scale``; ``mean`` and ``mask`` do not even
# require gradients:
#
# >>> module.scale.requires_grad, module.mean.requires_grad
# (True, False)

# %%
# What ``.to()`` moves
# --------------------
# ``module.to(...)``, ``.double()``, ``.half()``, ``.cuda()`` and friends convert the
# parameters and **all** buffers, persistent or not (a change of dtype applies to the
# floating-point ones), and leave every other attribute alone. A change of dtype shows
# it on any machine:

module.to(torch.float64)
for name in ("scale", "mean", "mask", "proj"):
    print(f"{name:6} {getattr(module, name).dtype}")

# %%
# >>> module.scale.dtype, module.mean.dtype, module.mask.dtype
# (torch.float64, torch.float64, torch.float64)
# >>> module.proj.dtype
# torch.float32
#
# The forgotten tensor breaks the forward pass: the matrix product now mixes float64
# and float32.

x = torch.randn(2, 3, dtype=torch.float64)
try:
    module(x)
except RuntimeError as error:
    print(error)

# %%
# >>> module(x)
# Traceback (most recent call last):
#     ...
# RuntimeError: expected m1 and m2 to have the same dtype, but got: double != float
#
# Devices behave the same way: on a machine with an accelerator, ``module.to(device)``
# moves ``scale``, ``mean`` and ``mask`` and leaves ``proj`` on the CPU, and the forward
# pass fails with "Expected all tensors to be on the same device". The cell below moves
# a fresh module to the accelerator if this machine has one (to the CPU otherwise) and
# shows where each tensor ends up.

device = torch.accelerator.current_accelerator() if torch.accelerator.is_available() else torch.device("cpu")
moved = Standardise(3).to(device)
for name in ("scale", "mean", "mask", "proj"):
    print(f"{name:6} {getattr(moved, name).device}")

# %%
# >>> moved.scale.device.type == moved.mask.device.type == device.type
# True
# >>> moved.proj.device.type
# 'cpu'
#
# .. pitfall:: A tensor attribute that is not registered is not moved
#
#    Storing a constant tensor as ``self.proj = torch.eye(n)`` looks harmless and works
#    as long as everything stays on the CPU in float32. ``model.to("cuda")`` (or
#    ``.double()``) converts only parameters and buffers, so the forward pass then
#    fails, and the tensor is missing from the state dict as well. Register tensors
#    that are part of the model with ``register_buffer`` (``persistent=False`` if they
#    need not be saved).
#
#    >>> "proj" in dict(module.named_buffers()), "proj" in module.state_dict()
#    (False, False)

# %%
# Saving and loading: persistent and non-persistent buffers
# ---------------------------------------------------------
# The state dict carries the parameter and the persistent buffer, so loading it into a
# fresh module restores both; the non-persistent ``mask`` keeps the value that
# ``__init__`` gave it.

trained = Standardise(3)
with torch.no_grad():
    trained.scale.fill_(2.0)
trained.mean.fill_(0.5)
trained.mask[0] = 0.0

restored = Standardise(3)
restored.load_state_dict(trained.state_dict())
print(restored.scale, restored.mean, restored.mask, sep="\n")

# %%
# >>> restored.scale.tolist(), restored.mean.tolist()
# ([2.0, 2.0, 2.0], [0.5, 0.5, 0.5])
# >>> restored.mask.tolist()  # rebuilt by __init__, not loaded
# [1.0, 1.0, 1.0]
#
# Use persistent buffers for state that cannot be recomputed, such as batch
# normalisation's running statistics, and non-persistent ones for tensors derived from
# the configuration, such as an attention mask or a table of positional encodings.

# %%
# ``nn.Parameter`` is a tensor that registers itself
# --------------------------------------------------
# ``nn.Parameter`` is a subclass of ``torch.Tensor``. Assigning one to an attribute of a
# module registers it, because ``nn.Module.__setattr__`` checks the type of every
# value it is given; that is why the ``super().__init__()`` call must come first. It
# requires gradients by default, and it is a :term:`leaf tensor`.
#
# >>> isinstance(module.scale, torch.Tensor), type(module.scale).__name__
# (True, 'Parameter')
# >>> nn.Parameter(torch.zeros(2)).requires_grad, nn.Parameter(torch.zeros(2)).is_leaf
# (True, True)
# >>> nn.Parameter(torch.zeros(2), requires_grad=False).requires_grad
# False
#
# A parameter that requires gradients (the default) must be floating point or complex;
# an integer parameter is only possible with ``requires_grad=False``:
#
# >>> nn.Parameter(torch.arange(3))
# Traceback (most recent call last):
#     ...
# RuntimeError: Only Tensors of floating point and complex dtype can require gradients
# >>> nn.Parameter(torch.arange(3), requires_grad=False).dtype
# torch.int64
#
# Once a name is a parameter, ``__setattr__`` accepts only another parameter (or
# ``None``) for it. A name that is a buffer stays a buffer when a plain tensor is
# assigned to it, which is how code updates a buffer:
#
# >>> module.scale = torch.ones(3)
# Traceback (most recent call last):
#     ...
# TypeError: cannot assign 'torch.FloatTensor' as parameter 'scale' (torch.nn.Parameter or None expected)
# >>> module.mean = torch.full((3,), 5.0)
# >>> module.mean.tolist(), [name for name, _ in module.named_buffers()]
# ([5.0, 5.0, 5.0], ['mean', 'mask'])
#
# ``register_parameter(name, p)`` does the same as assigning ``p``, with the name given
# as a string (useful in loops). A buffer is created either with
# ``register_buffer(name, t)`` or by assigning ``nn.Buffer(t)``, which the module
# stores as a plain tensor; both accept ``persistent=False``. Assigning a plain tensor
# to a new name never creates one:
#
# >>> class WithBuffers(nn.Module):
# ...     def __init__(self):
# ...         super().__init__()
# ...         self.total = nn.Buffer(torch.zeros(2))
# ...         self.cache = nn.Buffer(torch.zeros(2), persistent=False)
# ...         self.plain = torch.zeros(2)
# >>> buffered = WithBuffers()
# >>> [name for name, _ in buffered.named_buffers()], list(buffered.state_dict())
# (['total', 'cache'], ['total'])
# >>> type(buffered.total).__name__
# 'Tensor'

# %%
# The notes' summary, checked
# ---------------------------
# The recap at the end of the 60-minute tutorial describes ``nn.Module`` as a
# convenient way to package parameters, with helpers to move them to a GPU, export and
# load them, and ``nn.Parameter`` as a kind of tensor that is registered automatically
# when assigned as an attribute of a module. Both hold, with two refinements from this
# page: the helpers also cover *buffers*, and only what is registered (parameters and
# buffers) is moved, saved and loaded.
#
# The table below collects the answers, each computed from a fresh module: which walk
# sees which kind of tensor, and whether ``.to()`` converts it.

probe = Standardise(3).to(torch.float64)
kinds = {"nn.Parameter": "scale", "buffer": "mean", "buffer, persistent=False": "mask", "plain tensor": "proj"}
checks = {
    "module.parameters()": lambda name: name in dict(probe.named_parameters()),
    "module.buffers()": lambda name: name in dict(probe.named_buffers()),
    "module.state_dict()": lambda name: name in probe.state_dict(),
    "module.to(float64)": lambda name: getattr(probe, name).dtype == torch.float64,
}
table = torch.tensor([[check(name) for check in checks.values()] for name in kinds.values()])
print(table)

fig, ax = plt.subplots(figsize=(7, 3), layout="constrained")
ax.imshow(table.numpy(), cmap="Greens", vmin=-0.3, vmax=1.4, aspect="auto")
cells = torch.cartesian_prod(torch.arange(4), torch.arange(4)).tolist()
for (row, col), seen in zip(cells, table.flatten().tolist()):
    mark, colour = ("✓", "white") if seen else ("✗", "black")
    ax.text(col, row, mark, ha="center", va="center", fontsize=14, color=colour)
ax.set_xticks(range(len(checks)), list(checks), fontsize=9)
ax.set_yticks(range(len(kinds)), list(kinds))
ax.xaxis.tick_top()
ax.set_title("Which tensors a module tracks", pad=24)
plt.show()

# %%
# >>> table.int().tolist()
# [[1, 0, 1, 1], [0, 1, 1, 1], [0, 1, 0, 1], [0, 0, 0, 0]]
#
# Summary
# -------
# * ``nn.Parameter``: trained; seen by ``parameters()``, ``state_dict()`` and ``.to()``.
# * ``register_buffer(name, tensor)``: not trained, but saved and moved with the model;
#   ``persistent=False`` moves it without saving it.
# * A plain tensor attribute is invisible to all three: it stays behind on ``.to()``
#   and is not saved. Register every tensor the forward pass needs.
