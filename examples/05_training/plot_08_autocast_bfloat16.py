"""
Mixed precision with ``torch.autocast``: bfloat16 on the CPU
=============================================================

:term:`Mixed precision <mixed precision>` runs the expensive operations (matrix
products, convolutions) in a 16-bit floating type and keeps the parameters, and the
operations that need range or precision, in float32. ``torch.autocast`` decides this per
operation. This page compares the two 16-bit types, float16 and bfloat16, then runs
operations inside and outside an ``autocast`` region on the CPU and prints the dtype
each one really produces, trains a small model with it, and shows what torch says about
the ``torch.cuda.amp.autocast`` spelling the notes use.
"""

import warnings

import matplotlib.pyplot as plt
import torch
import torch.nn.functional as F
from torch import nn

torch.manual_seed(0)

# %%
# Two 16-bit types: float16 and bfloat16
# --------------------------------------
# Both use 16 bits, split differently. float16 (IEEE half precision) has 5 exponent
# bits and 10 fraction bits; bfloat16 ("brain floating point") has float32's 8 exponent
# bits and only 7 fraction bits. So bfloat16 covers the same range as float32 with
# fewer digits, while float16 has more digits but a far smaller range. ``torch.finfo``
# gives the numbers:

kinds = [torch.float32, torch.float16, torch.bfloat16]
for dtype in kinds:
    info = torch.finfo(dtype)
    print(f"{str(dtype):15} max {info.max:.3g}  smallest normal {info.tiny:.3g}  eps {info.eps:.3g}")

# %%
# >>> torch.finfo(torch.float16).max, torch.finfo(torch.bfloat16).max
# (65504.0, 3.3895313892515355e+38)
# >>> torch.finfo(torch.float16).eps, torch.finfo(torch.bfloat16).eps
# (0.0009765625, 0.0078125)
#
# ``eps`` is the gap between 1 and the next number: about 3 significant decimal digits
# for float16, 2 to 3 for bfloat16. The range is what matters for training. float16's
# largest number is 65504; values up to just below 65520 round down to it, and from 65520
# on they overflow to ``inf``. It also loses small values: below its smallest normal
# number (about 6e-5) it keeps only a few bits, and below about 3e-8 it rounds to 0.
# bfloat16 keeps both ends:
#
# >>> torch.tensor([65504.0, 65519.0, 65520.0]).half()
# tensor([65504., 65504.,    inf], dtype=torch.float16)
# >>> values = torch.tensor([70000.0, 1e-8, 1.001])
# >>> values.half()
# tensor([   inf, 0.0000, 1.0010], dtype=torch.float16)
# >>> values.bfloat16()
# tensor([7.0144e+04, 1.0012e-08, 1.0000e+00], dtype=torch.bfloat16)

fig, ax = plt.subplots(figsize=(7.5, 2.6), layout="constrained")
for row, dtype in enumerate(kinds):
    info = torch.finfo(dtype)
    smallest = info.smallest_normal * info.eps  # the smallest subnormal number
    ax.plot([smallest, info.tiny], [row, row], color="tab:orange", linewidth=6, solid_capstyle="butt")
    ax.plot([info.tiny, info.max], [row, row], color="tab:blue", linewidth=6, solid_capstyle="butt")
labels = [f"{str(dtype).removeprefix('torch.')}\n$\\epsilon$ = {torch.finfo(dtype).eps:.1e}" for dtype in kinds]
ax.set_yticks(range(len(kinds)), labels)
ax.invert_yaxis()
ax.set_xscale("log")
ax.set_xlabel("magnitude of positive numbers (blue: normal, orange: subnormal)")
ax.set_title("Range of the floating-point types")
plt.show()

# %%
# This is why the notes' dtype table pairs float16 with "mixed precision / GPU": GPUs
# have long had fast float16 arithmetic, and float16 training needs the
# :term:`gradient scaling` of the :doc:`next page <plot_09_gradient_scaling>` to keep
# small gradients from vanishing. bfloat16, with float32's range, usually trains
# without scaling; it is the type that ``autocast`` uses on the CPU by default and is
# supported by recent GPUs too.

# %%
# What ``autocast`` does to each operation
# ----------------------------------------
# Inside ``with torch.autocast(device_type, dtype=...)``, each operation that autocast
# knows about is run in the dtype its category prescribes; the others run in the dtype of
# their inputs. Nothing is assumed here: the code below runs a set of operations
# outside the region, inside it on a float32 input, and inside it on the bfloat16
# output of a linear layer, and prints the dtypes that come out.

a = torch.randn(4, 4)
layer = nn.Linear(4, 4)
target = torch.tensor([0, 1, 2, 3])
operations = {
    "a @ a (matmul)": lambda t: t @ t,
    "nn.Linear": lambda t: layer(t),
    "torch.bmm": lambda t: torch.bmm(t[None], t[None]),
    "t + t": lambda t: t + t,
    "relu": F.relu,
    "exp": torch.exp,
    "sum": torch.sum,
    "softmax": lambda t: torch.softmax(t, dim=-1),
    "layer_norm": lambda t: F.layer_norm(t, (4,)),
    "cross_entropy": lambda t: F.cross_entropy(t, target),
    "mse_loss": lambda t: F.mse_loss(t, torch.zeros(4, 4)),
}


def short(dtype):
    return str(dtype).removeprefix("torch.")


table = {}
for name, op in operations.items():
    outside = op(a).dtype
    with torch.autocast("cpu", dtype=torch.bfloat16):
        on_float32 = op(a).dtype
        on_bfloat16 = op(layer(a)).dtype
    table[name] = (short(outside), short(on_float32), short(on_bfloat16))

print(f"{'operation':16} {'outside':9} {'inside, float32 in':19} {'inside, bfloat16 in'}")
for name, dtypes in table.items():
    print(f"{name:16} {dtypes[0]:9} {dtypes[1]:19} {dtypes[2]}")

# %%
# Three groups appear:
#
# * **Matrix products** (``matmul``, ``nn.Linear``, ``bmm``, and convolutions) are cast
#   to bfloat16, whether their inputs are float32 or bfloat16: this is where the speed
#   is.
#
#   >>> table["a @ a (matmul)"], table["nn.Linear"]
#   (('float32', 'bfloat16', 'bfloat16'), ('float32', 'bfloat16', 'bfloat16'))
#
# * **Losses** such as ``cross_entropy`` and ``mse_loss`` are cast to float32 from either
#   input, because they sum many terms (and cross-entropy takes logarithms):
#
#   >>> table["cross_entropy"], table["mse_loss"]
#   (('float32', 'float32', 'float32'), ('float32', 'float32', 'float32'))
#
# * **Everything else** (not on the CPU lists) is left alone and runs in the dtype of its
#   input: float32 stays float32, and the bfloat16 output of a linear layer stays
#   bfloat16 through ``relu``, ``exp``, ``sum``, ``softmax`` and ``layer_norm``.
#
#   >>> table["softmax"], table["sum"], table["layer_norm"]
#   (('float32', 'float32', 'bfloat16'), ('float32', 'float32', 'bfloat16'), ('float32', 'float32', 'bfloat16'))
#
# The last group is where the CPU and CUDA differ. On CUDA, autocast's lists put
# ``softmax``, ``sum``, ``exp``, ``layer_norm``, ``log_softmax`` and several more among
# the operations that run in float32 (see the "Autocast Op Reference" of the PyTorch
# AMP documentation); on the CPU they are not listed, so a bfloat16 input gives a
# bfloat16 result. Do not carry a table of dtypes from one device to the other: print
# them, as above.
#
# Operations that mix a bfloat16 and a float32 tensor follow ordinary
# :term:`type promotion`, and explicit ``dtype=`` arguments win over autocast:
#
# >>> with torch.autocast("cpu", dtype=torch.bfloat16):
# ...     h = layer(a)
# ...     print((h + a).dtype, torch.softmax(h, dim=-1, dtype=torch.float32).dtype)
# torch.float32 torch.float32

# %%
# Parameters stay float32, and so do their gradients
# --------------------------------------------------
# Autocast does not convert the model. Inside the region, ``nn.Linear`` casts a
# bfloat16 *copy* of its weight for the product; the parameter itself stays float32. The
# cast is recorded by autograd, so ``backward()`` (called after leaving the region)
# brings the gradients back to the parameters' dtype:

with torch.autocast("cpu", dtype=torch.bfloat16):
    out = layer(a)
    loss = F.cross_entropy(out, target)
loss.backward()
print(out.dtype, loss.dtype, layer.weight.dtype, layer.weight.grad.dtype)

# %%
# >>> out.dtype, loss.dtype, layer.weight.dtype, layer.weight.grad.dtype
# (torch.bfloat16, torch.float32, torch.float32, torch.float32)
#
# Outside the region the same layer computes in float32 again, and
# ``torch.autocast(..., enabled=False)`` switches it off for a part of the region (cast
# the inputs back with ``.float()`` there if they are bfloat16). The dtype argument
# defaults to bfloat16 on the CPU and float16 on CUDA:
#
# >>> layer(a).dtype
# torch.float32
# >>> with torch.autocast("cpu"):
# ...     inner = layer(a).dtype
# ...     with torch.autocast("cpu", enabled=False):
# ...         disabled = layer(a).dtype
# >>> inner, disabled
# (torch.bfloat16, torch.float32)
# >>> torch.get_autocast_dtype("cpu"), torch.get_autocast_dtype("cuda")
# (torch.bfloat16, torch.float16)
#
# CPU autocast accepts only the two 16-bit types; another dtype switches it off with a
# warning instead of an error:
#
# >>> with warnings.catch_warnings(record=True) as caught:
# ...     warnings.simplefilter("always")
# ...     with torch.autocast("cpu", dtype=torch.float64):
# ...         print(layer(a).dtype)
# torch.float32
# >>> print(caught[0].message)
# In CPU autocast, but the target dtype is not supported. Disabling autocast.
# CPU Autocast only supports dtypes of torch.bfloat16, torch.float16 currently.

# %%
# Training with bfloat16 autocast
# -------------------------------
# The usual pattern puts the forward pass and the loss inside the region, and
# ``backward()`` and ``optimizer.step()`` outside. No gradient scaling is needed with
# bfloat16. A small regression network trained both ways reaches the same loss:

gen = torch.Generator().manual_seed(0)
inputs = torch.randn(128, 8, generator=gen)
targets = torch.tanh(inputs @ torch.randn(8, 1, generator=gen)) + 0.05 * torch.randn(128, 1, generator=gen)


def train(use_autocast, steps=60):
    torch.manual_seed(0)
    model = nn.Sequential(nn.Linear(8, 16), nn.ReLU(), nn.Linear(16, 1))
    optimizer = torch.optim.Adam(model.parameters(), lr=1e-2)
    losses = []
    for _ in range(steps):
        optimizer.zero_grad()
        with torch.autocast("cpu", dtype=torch.bfloat16, enabled=use_autocast):
            loss = F.mse_loss(model(inputs), targets)
        loss.backward()
        optimizer.step()
        losses.append(loss.item())
    return losses


float32_losses, bfloat16_losses = train(False), train(True)
print(f"float32: {float32_losses[-1]:.4f}   bfloat16 autocast: {bfloat16_losses[-1]:.4f}")

fig, ax = plt.subplots(figsize=(6, 3.2), layout="constrained")
ax.semilogy(float32_losses, label="float32")
ax.semilogy(bfloat16_losses, "--", label="autocast, bfloat16")
ax.set_xlabel("step")
ax.set_ylabel("training loss")
ax.legend()
plt.show()

# %%
# >>> bfloat16_losses[-1] < float32_losses[0] / 5
# True
# >>> abs(bfloat16_losses[-1] - float32_losses[-1]) < 0.05 * float32_losses[-1]
# True
#
# On a CPU this is about memory and speed on hardware with bfloat16 instructions, not
# about accuracy: the curves agree, and on a CPU without such instructions the bfloat16
# run may even be slower.

# %%
# The ``torch.cuda.amp`` spelling
# -------------------------------
# The notes import ``from torch.cuda.amp import GradScaler, autocast``. The import
# works, but the names are deprecated aliases; using them makes torch say so, here on a
# build without CUDA:

with warnings.catch_warnings(record=True) as caught:
    warnings.simplefilter("always")
    from torch.cuda.amp import autocast

    with autocast():
        print("inside torch.cuda.amp.autocast:", layer(a).dtype)
for warning in caught:
    print(f"{warning.category.__name__}: {warning.message}")

# %%
# ``torch.cuda.amp.autocast(...)`` raises a ``FutureWarning`` that names its
# replacement, ``torch.amp.autocast("cuda", ...)`` (the same class as
# ``torch.autocast``). Where CUDA is missing, as on the machine that built this page, a
# second warning follows and the region is disabled: the layer above computed in
# float32. ``torch.cpu.amp.autocast`` is deprecated in the same way.
#
# >>> [str(w.message) for w in caught if w.category is FutureWarning]
# ["`torch.cuda.amp.autocast(args...)` is deprecated. Please use `torch.amp.autocast('cuda', args...)` instead."]
# >>> torch.amp.autocast is torch.autocast
# True
#
# .. pitfall:: ``torch.cuda.amp.autocast`` is deprecated; write ``torch.autocast("cuda")``
#
#    The notes' training script imports ``autocast`` (and ``GradScaler``) from
#    ``torch.cuda.amp``. Those names still work but raise a ``FutureWarning``, only
#    cover CUDA, and on a machine without a usable GPU ``autocast`` switches itself off
#    with another warning. The current spelling names the device:
#    ``torch.autocast(device_type, dtype=...)``, with the device type computed from
#    the device the model is on, so that the same code runs bfloat16 on a CPU and
#    float16 or bfloat16 on a GPU.
#
#    >>> device_type = "cuda" if torch.cuda.is_available() else "cpu"
#    >>> probe = nn.Linear(4, 4).to(device_type)
#    >>> with torch.autocast(device_type, dtype=torch.bfloat16):
#    ...     print(probe(a.to(device_type)).dtype)
#    torch.bfloat16
#
# Summary
# -------
# * float16: 5 exponent bits, max 65504, small values lost below about 6e-5; bfloat16:
#   float32's range with 2 to 3 significant digits.
# * ``torch.autocast("cpu", dtype=torch.bfloat16)`` runs matrix products in bfloat16,
#   losses in float32, and leaves other operations in their inputs' dtype (on the CPU,
#   ``softmax`` and ``sum`` of a bfloat16 tensor stay bfloat16; on CUDA they run in
#   float32). Print the dtypes rather than assume them.
# * Parameters and their gradients stay float32; call ``backward()`` outside the region.
# * ``torch.cuda.amp.autocast`` and ``torch.cpu.amp.autocast`` are deprecated: use
#   ``torch.autocast(device_type, ...)``.
