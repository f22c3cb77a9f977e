"""
Gradient scaling: when float16 needs ``GradScaler``, and when bfloat16 does not
===============================================================================

Under float16 autocast, the gradients that flow back through float16 operations are
float16 too, and small ones :term:`underflow` to zero. :term:`Gradient scaling <gradient
scaling>` multiplies the loss by a large factor before ``backward()`` and divides the
gradients by it before the update. This page makes a gradient underflow and rescues it
with scaling, watches ``torch.amp.GradScaler`` find its scale and skip overflowing
steps, shows why bfloat16 does not need it, and runs the notes'
``torch.cuda.amp.GradScaler()`` to see what torch says. The CUDA float16 recipe at the
end runs where a GPU is present.
"""

import warnings

import matplotlib.pyplot as plt
import torch
import torch.nn.functional as F
from torch import nn

torch.manual_seed(0)

# %%
# A gradient that float16 cannot hold
# -----------------------------------
# The smallest positive float16 number is :math:`2^{-24} \approx 6 \cdot 10^{-8}`;
# anything up to half of it rounds to zero. A gradient of :math:`10^{-8}` is therefore
# lost in float16, while bfloat16 and float32 keep it. Multiplied by :math:`2^{16}`
# first, it becomes :math:`6.55 \cdot 10^{-4}`, which float16 represents to about three
# digits; dividing by the same factor afterwards, in float32, gives the gradient back
# with that precision:

gradient = torch.tensor(1e-8)
scale = 2.0**16
print(gradient.half(), gradient.bfloat16())
print((gradient * scale).half(), (gradient * scale).half().float() / scale)

# %%
# >>> gradient.half().item(), round((gradient * scale).half().item(), 7)
# (0.0, 0.0006552)
# >>> f"{(gradient * scale).half().float().item() / scale:.3e}"
# '9.997e-09'
#
# On a real backward pass
# -----------------------
# The same happens inside a network. A linear layer runs in float16 under
# ``torch.autocast("cpu", dtype=torch.float16)``, so the gradient arriving at its
# output is float16. To make gradients small, as they can be deep in large networks or
# for a loss term with a small weight, the loss is multiplied by a weight :math:`w`.
# For each :math:`w` the weight gradient is compared with the float32 computation, in
# three ways: float16 without scaling, float16 with the loss scaled by :math:`2^{16}`,
# and bfloat16 without scaling.

layer = nn.Linear(16, 1)
inputs = torch.randn(64, 16)
targets = torch.randn(64, 1)


def weight_gradient(dtype, loss_weight, scale=1.0):
    layer.zero_grad()
    with torch.autocast("cpu", dtype=dtype, enabled=dtype is not torch.float32):
        out = layer(inputs)
    out.retain_grad()
    loss = loss_weight * F.mse_loss(out.float(), targets)
    (loss * scale).backward()
    return out.grad, layer.weight.grad / scale


def relative_error(dtype, loss_weight, scale=1.0):
    reference = weight_gradient(torch.float32, loss_weight)[1]
    approximation = weight_gradient(dtype, loss_weight, scale)[1]
    return ((approximation - reference).norm() / reference.norm()).item()


loss_weights = [10.0**-k for k in range(0, 10)]
errors = {
    "float16": [relative_error(torch.float16, w) for w in loss_weights],
    "float16, loss scaled by 2**16": [relative_error(torch.float16, w, 2.0**16) for w in loss_weights],
    "bfloat16": [relative_error(torch.bfloat16, w) for w in loss_weights],
}

fig, ax = plt.subplots(figsize=(7, 3.8), layout="constrained")
for (name, values), marker in zip(errors.items(), "osd"):
    ax.loglog(loss_weights, values, marker=marker, label=name)
ax.invert_xaxis()
ax.set_xlabel("loss weight w (smaller = smaller gradients)")
ax.set_ylabel("relative error of weight.grad")
ax.set_title("Gradients under autocast, compared with float32")
ax.legend()
plt.show()

# %%
# Read from left to right, the gradients get smaller. Unscaled float16 is fine at
# first, loses precision once the gradients reach float16's subnormal range (below about
# 6e-5) and ends with an error of 100 %: every gradient has become zero. Scaled float16
# and bfloat16 keep a small error (float16's is the smaller one, because it has more
# significant bits); only at the smallest weight do even the scaled float16 gradients
# reach the subnormal range and start to lose digits. At :math:`w = 10^{-7}` all 64
# gradients at the layer's output are zero in float16, and none is with scaling or in
# bfloat16:
#
# >>> grad_out, grad_weight = weight_gradient(torch.float16, 1e-7)
# >>> grad_out.dtype, int((grad_out == 0).sum()), bool((grad_weight == 0).all())
# (torch.float16, 64, True)
# >>> int((weight_gradient(torch.float16, 1e-7, 2.0**16)[0] == 0).sum())
# 0
# >>> int((weight_gradient(torch.bfloat16, 1e-7)[0] == 0).sum())
# 0
# >>> [round(errors[name][7], 2) for name in errors]
# [1.0, 0.0, 0.0]
#
# The parameters' own gradients are float32 in every case (the parameters are
# float32); the information is lost earlier, in the float16 gradients of the
# activations.

# %%
# ``torch.amp.GradScaler``
# ------------------------
# Picking a fixed factor by hand is fragile: too small and gradients still underflow,
# too large and they overflow to ``inf`` (float16 stops at 65504). ``GradScaler``
# chooses the factor dynamically. Its three calls replace ``loss.backward()`` and
# ``optimizer.step()``:
#
# * ``scaler.scale(loss).backward()``: backward on the loss times the current scale;
# * ``scaler.step(optimizer)``: divide the gradients by the scale (unscale), and if any
#   of them is ``inf`` or ``nan`` skip the update, otherwise call ``optimizer.step()``;
# * ``scaler.update()``: halve the scale after a skipped step, double it after
#   ``growth_interval`` good steps in a row.

scaler = torch.amp.GradScaler("cpu")
print(scaler.is_enabled(), scaler.get_scale(), scaler.state_dict())

# %%
# >>> sd = torch.amp.GradScaler("cpu").state_dict()
# >>> sd["scale"], sd["growth_factor"], sd["backoff_factor"], sd["growth_interval"]
# (65536.0, 2.0, 0.5, 2000)
#
# To watch it work, a small network is trained with float16 autocast on the CPU,
# starting from a deliberately large scale of :math:`2^{24}` and with
# ``growth_interval=10`` so that growth shows within 40 steps:

data_gen = torch.Generator().manual_seed(0)
x = torch.randn(128, 8, generator=data_gen)
y = torch.tanh(x @ torch.randn(8, 1, generator=data_gen)) + 0.05 * torch.randn(128, 1, generator=data_gen)


def train_with_scaler(init_scale, growth_interval, steps=40):
    torch.manual_seed(0)
    model = nn.Sequential(nn.Linear(8, 16), nn.ReLU(), nn.Linear(16, 1))
    optimizer = torch.optim.SGD(model.parameters(), lr=0.1)
    scaler = torch.amp.GradScaler("cpu", init_scale=init_scale, growth_interval=growth_interval)
    log = {"scale": [], "updated": [], "loss": []}
    for _ in range(steps):
        optimizer.zero_grad()
        with torch.autocast("cpu", dtype=torch.float16):
            loss = F.mse_loss(model(x), y)
        log["scale"].append(scaler.get_scale())
        before = model[0].weight.detach().clone()
        scaler.scale(loss).backward()
        scaler.step(optimizer)
        scaler.update()
        log["updated"].append(not torch.equal(before, model[0].weight))
        log["loss"].append(loss.item())
    return log


log = train_with_scaler(2.0**24, growth_interval=10)
skipped = [k for k, updated in enumerate(log["updated"]) if not updated]
print("skipped steps:", skipped)
print("scales:", sorted(set(log["scale"]), reverse=True))

fig, (ax_scale, ax_loss) = plt.subplots(1, 2, figsize=(10, 3.4), layout="constrained")
ax_scale.semilogy(log["scale"], drawstyle="steps-post")
ax_scale.plot(skipped, [log["scale"][k] for k in skipped], "x", color="tab:red", label="step skipped (inf)")
ax_scale.set_xlabel("step")
ax_scale.set_ylabel("scale")
ax_scale.set_title("GradScaler(init_scale=2**24, growth_interval=10)")
ax_scale.legend()
ax_loss.plot(log["loss"])
ax_loss.set_xlabel("step")
ax_loss.set_ylabel("training loss")
plt.show()

# %%
# The first eight steps overflow: the scaled gradients exceed 65504, become ``inf``,
# and ``scaler.step`` skips the update while ``update()`` halves the scale, from
# :math:`2^{24}` down to :math:`2^{16}`, where the gradients fit. From then on every step
# updates the model, and after each run of 10 good steps the scale doubles:
#
# >>> skipped
# [0, 1, 2, 3, 4, 5, 6, 7]
# >>> [log["scale"][k] for k in (0, 8, 18, 28, 38)]
# [16777216.0, 65536.0, 131072.0, 262144.0, 524288.0]
# >>> log["loss"][0] == log["loss"][7], log["loss"][-1] < log["loss"][0] / 4
# (True, True)
#
# Skipped steps at the start of a float16 run are therefore normal, and so is a rare
# skip later. With the default ``init_scale`` of :math:`2^{16}` this small model skips
# no step at all:
#
# >>> all(train_with_scaler(2.0**16, growth_interval=2000)["updated"])
# True
#
# Between ``scaler.scale(loss).backward()`` and ``scaler.step`` the gradients are still
# multiplied by the scale. Anything that reads them, such as gradient clipping, must
# call ``scaler.unscale_(optimizer)`` first (``step`` then does not unscale again;
# unscaling twice before an ``update()`` is an error):

model = nn.Linear(8, 1)
optimizer = torch.optim.SGD(model.parameters(), lr=0.1)
scaler = torch.amp.GradScaler("cpu")
with torch.autocast("cpu", dtype=torch.float16):
    loss = F.mse_loss(model(x), y)
scaler.scale(loss).backward()
scaled_norm = model.weight.grad.norm().item()
scaler.unscale_(optimizer)
true_norm = model.weight.grad.norm().item()
torch.nn.utils.clip_grad_norm_(model.parameters(), max_norm=1.0)
scaler.step(optimizer)
scaler.update()
print(f"gradient norm while scaled {scaled_norm:.1f}, after unscale_ {true_norm:.4f}")

# %%
# >>> round(scaled_norm / true_norm)
# 65536
# >>> scaler.scale(F.mse_loss(model(x), y)).backward()
# >>> scaler.unscale_(optimizer)
# >>> scaler.unscale_(optimizer)
# Traceback (most recent call last):
#     ...
# RuntimeError: unscale_() has already been called on this optimizer since the last update().

# %%
# bfloat16 does not need it
# -------------------------
# bfloat16 has float32's exponent range, so a gradient too small for
# bfloat16 (below about 1e-38) would be one that float32 could barely hold either; the
# figure above showed no loss. Mixed precision with bfloat16
# (the CPU default, and common on recent GPUs) therefore uses ``autocast`` alone, as on
# the :doc:`previous page <plot_08_autocast_bfloat16>`. A scaler can be left in the
# code and switched off with ``enabled=False``; then ``scale`` returns the loss
# unchanged and ``step`` just calls ``optimizer.step()``:
#
# >>> off = torch.amp.GradScaler("cpu", enabled=False)
# >>> off.scale(torch.tensor(2.0)), off.is_enabled()
# (tensor(2.), False)

# %%
# The notes' ``GradScaler()``
# ---------------------------
# The notes create the scaler with ``from torch.cuda.amp import GradScaler`` and
# ``scaler = GradScaler()``. Run here, on a build without CUDA:

with warnings.catch_warnings(record=True) as caught:
    warnings.simplefilter("always")
    from torch.cuda.amp import GradScaler

    notes_scaler = GradScaler()
for warning in caught:
    print(f"{warning.category.__name__}: {warning.message}")
print("enabled:", notes_scaler.is_enabled())

# %%
# Two warnings: the ``FutureWarning`` of the deprecated spelling, which names its
# replacement ``torch.amp.GradScaler('cuda', ...)``, and, without CUDA, a
# ``UserWarning`` saying that the scaler disables itself. The replacement with no
# arguments behaves the same way, because its ``device`` defaults to ``"cuda"``:
#
# >>> [str(w.message) for w in caught if w.category is FutureWarning]
# ["`torch.cuda.amp.GradScaler(args...)` is deprecated. Please use `torch.amp.GradScaler('cuda', args...)` instead."]
# >>> notes_scaler.is_enabled() == torch.cuda.is_available()
# True
# >>> import inspect
# >>> inspect.signature(torch.amp.GradScaler).parameters["device"].default
# 'cuda'
# >>> with warnings.catch_warnings():
# ...     warnings.simplefilter("ignore")
# ...     default_scaler = torch.amp.GradScaler()
# >>> default_scaler.is_enabled() == torch.cuda.is_available()
# True
#
# .. pitfall:: ``torch.cuda.amp.GradScaler()`` is deprecated and, without CUDA, does nothing
#
#    The notes build ``GradScaler()`` from ``torch.cuda.amp``. That name raises a
#    ``FutureWarning``, and on a machine without a usable GPU the scaler switches
#    itself off (with a ``UserWarning``): ``scale(loss)`` returns the loss unchanged
#    and nothing is scaled, silently if warnings are filtered. Write
#    ``torch.amp.GradScaler(device_type)`` with the device type you train on, and
#    enable it only for float16.
#
#    >>> with warnings.catch_warnings():
#    ...     warnings.simplefilter("ignore")
#    ...     silent = torch.cuda.amp.GradScaler()
#    >>> scaled = silent.scale(torch.tensor(3.0)).item()
#    >>> scaled == (3.0 * 65536 if torch.cuda.is_available() else 3.0)
#    True

# %%
# The float16 recipe on a GPU
# ---------------------------
# The standard CUDA recipe combines float16 autocast with a scaler. The function below
# is written for any device type, and the page runs it on the CUDA device when one is
# present; on a machine without one (like the machine that built this page) it runs
# the same code on the CPU, where float16 autocast is supported as well.


def amp_training(device_type, dtype=torch.float16, steps=30):
    torch.manual_seed(0)
    model = nn.Sequential(nn.Linear(8, 16), nn.ReLU(), nn.Linear(16, 1)).to(device_type)
    optimizer = torch.optim.SGD(model.parameters(), lr=0.1)
    scaler = torch.amp.GradScaler(device_type, enabled=dtype == torch.float16)
    inputs, targets = x.to(device_type), y.to(device_type)
    losses = []
    for _ in range(steps):
        optimizer.zero_grad()
        with torch.autocast(device_type, dtype=dtype):
            out = model(inputs)
            loss = F.mse_loss(out, targets)
        scaler.scale(loss).backward()
        scaler.step(optimizer)
        scaler.update()
        losses.append(loss.item())
    dtypes = (out.dtype, loss.dtype, model[0].weight.grad.dtype)
    return losses, dtypes, scaler.get_scale()


amp_device = "cuda" if torch.cuda.is_available() else "cpu"
if amp_device == "cpu":
    print("No CUDA device here: running the float16 recipe on the CPU instead.")
losses, dtypes, final_scale = amp_training(amp_device)
print(f"device {amp_device}: output, loss, weight.grad dtypes {dtypes}, scale {final_scale}")
print(f"loss {losses[0]:.4f} -> {losses[-1]:.4f}")

# %%
# On either device the linear layers compute in float16, the loss (``mse_loss`` is on
# the float32 lists of both devices) and the parameters' gradients are float32, and the
# loss falls:
#
# >>> dtypes
# (torch.float16, torch.float32, torch.float32)
# >>> losses[-1] < losses[0] / 4
# True
#
# On a GPU this is where mixed precision pays off: float16 matrix products run on the
# tensor cores, much faster than float32, and activations take half the memory. On a
# CPU, float16 autocast works, but bfloat16 is the usual choice there, because it needs
# no scaler.
#
# Summary
# -------
# * Under float16 autocast, activation gradients are float16; values below about 6e-5
#   lose precision, values below about 3e-8 become zero, and with them the update.
#   Scaling the loss by a large factor before ``backward()`` and dividing the gradients
#   by it afterwards keeps them.
# * ``torch.amp.GradScaler(device_type)``: ``scaler.scale(loss).backward()``,
#   ``scaler.step(optimizer)``, ``scaler.update()``. It halves its scale and skips the
#   step when a gradient is ``inf``/``nan``, doubles it after ``growth_interval`` good
#   steps; call ``scaler.unscale_(optimizer)`` before clipping.
# * bfloat16 has float32's range and needs no scaling.
# * ``torch.cuda.amp.GradScaler()`` is deprecated, and ``torch.amp.GradScaler()``
#   defaults to ``device="cuda"``: both disable themselves without CUDA.
