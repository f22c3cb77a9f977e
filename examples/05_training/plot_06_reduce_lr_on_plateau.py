"""
Reducing the learning rate on a plateau
=======================================

``ReduceLROnPlateau`` is a :term:`learning-rate scheduler` that watches a metric, usually
the validation loss, and divides the :term:`learning rate` by a factor when the metric
stops improving. This page shows it on a noisy training run, takes its arguments apart
(``mode``, ``factor``, ``patience``, ``threshold``, ``cooldown``, ``min_lr``) and measures
where the rate really stops: with the default ``eps`` the notes' ``min_lr=1e-9`` is never
reached.
"""

import inspect

import matplotlib.pyplot as plt
import torch
from torch.optim.lr_scheduler import ReduceLROnPlateau

# %%
# A run that needs it
# -------------------
# A noisy quadratic stands in for a training run: 1000 parameters, the loss
# :math:`\frac12\lVert\theta\rVert^2` (reported as a mean over the parameters), and a
# gradient that is exact plus random noise, as a mini-batch gradient is. With noise, SGD
# cannot settle at the minimum: the loss falls to a level that depends on the learning
# rate and then stays there, a *plateau*. The scheduler sees the plateau and halves the
# rate, which lowers the level; the staircase repeats. ``scheduler.step(val_loss)`` is
# called once per epoch, after the validation loss is known.

theta = torch.nn.Parameter(torch.full((1000,), 3.0))
optimizer = torch.optim.SGD([theta], lr=0.5)
scheduler = ReduceLROnPlateau(optimizer, factor=0.5, patience=3)
noise = torch.Generator().manual_seed(0)

history = {"lr": [], "loss": []}
for epoch in range(40):
    for _ in range(5):
        optimizer.zero_grad()
        theta.grad = theta.detach() + torch.randn(1000, generator=noise)
        optimizer.step()
    val_loss = 0.5 * theta.detach().pow(2).mean().item()
    history["lr"].append(optimizer.param_groups[0]["lr"])
    history["loss"].append(val_loss)
    scheduler.step(val_loss)

fig, (ax_loss, ax_lr) = plt.subplots(2, 1, figsize=(7, 4.6), sharex=True, layout="constrained")
ax_loss.semilogy(history["loss"], ".-")
ax_loss.set_ylabel("validation loss")
ax_loss.set_title("ReduceLROnPlateau(factor=0.5, patience=3)")
ax_lr.step(range(40), history["lr"], where="post", color="tab:red")
ax_lr.set_yscale("log")
ax_lr.set_ylabel("learning rate")
ax_lr.set_xlabel("epoch")
plt.show()

# %%
# Each time the loss stops improving for more than ``patience`` epochs, the rate is
# halved and the loss drops to a new, lower plateau:
#
# >>> sorted(set(history["lr"]), reverse=True)
# [0.5, 0.25, 0.125, 0.0625]
# >>> history["loss"][-1] < history["loss"][5] / 4
# True
#
# ``get_last_lr()`` returns the current rate of every parameter group, like every
# scheduler's:
#
# >>> scheduler.get_last_lr() == [optimizer.param_groups[0]["lr"]]
# True

# %%
# The arguments, read from torch
# ------------------------------

for name, parameter in inspect.signature(ReduceLROnPlateau).parameters.items():
    if name != "optimizer":
        print(f"{name:15} {parameter.default!r}")

# %%
# * ``mode``: ``"min"`` for a metric that should fall (a loss), ``"max"`` for one that
#   should rise (an accuracy).
# * ``factor``: the new rate is ``lr * factor`` (default 0.1, so a reduction is a
#   division by 10; it must be below 1).
# * ``patience``: how many epochs without improvement are *tolerated*; the reduction
#   happens at the next one.
# * ``threshold`` and ``threshold_mode``: what counts as an improvement. In the default
#   relative mode a new loss must be below ``best * (1 - threshold)``, that is 0.01 %
#   better than the best so far.
# * ``cooldown``: epochs to wait after a reduction before counting bad epochs again.
# * ``min_lr``: a lower bound for the rate (one value, or one per parameter group).
# * ``eps``: "minimal decay": a reduction smaller than ``eps`` is skipped.
#
# >>> defaults = {n: p.default for n, p in inspect.signature(ReduceLROnPlateau).parameters.items()}
# >>> defaults["mode"], defaults["factor"], defaults["patience"], defaults["threshold"]
# ('min', 0.1, 10, 0.0001)
# >>> defaults["min_lr"], defaults["eps"]
# (0, 1e-08)
#
# ``factor`` must be smaller than 1, and ``step()`` needs the metric: without it there
# is nothing to compare.
#
# >>> ReduceLROnPlateau(optimizer, factor=2.0)
# Traceback (most recent call last):
#     ...
# ValueError: Factor should be < 1.0.
# >>> scheduler.step()
# Traceback (most recent call last):
#     ...
# TypeError: ReduceLROnPlateau.step() missing 1 required positional argument: 'metrics'

# %%
# Patience, threshold and mode, measured
# --------------------------------------
# A small helper feeds a list of metric values to a fresh scheduler and records the
# rate after each call.


def rates(metrics, lr=0.1, **options):
    parameter = torch.nn.Parameter(torch.zeros(1))
    optimizer = torch.optim.SGD([parameter], lr=lr)
    scheduler = ReduceLROnPlateau(optimizer, **options)
    recorded = []
    for value in metrics:
        scheduler.step(value)
        recorded.append(optimizer.param_groups[0]["lr"])
    return recorded


print(rates([1.0] * 9, patience=5))

# %%
# With ``patience=5`` and a metric that never improves, the first call sets the best
# value, calls 2 to 6 are the five tolerated bad epochs, and the rate falls at call 7,
# the sixth epoch in a row without improvement:
#
# >>> rates([1.0] * 9, patience=5)
# [0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.01, 0.01, 0.01]
#
# After a reduction the count of bad epochs starts again, and ``cooldown`` adds a
# waiting period on top:
#
# >>> rates([1.0] * 8, patience=1)
# [0.1, 0.1, 0.01, 0.01, 0.001, 0.001, 0.0001, 0.0001]
# >>> rates([1.0] * 8, patience=1, cooldown=2)
# [0.1, 0.1, 0.01, 0.01, 0.01, 0.01, 0.001, 0.001]
#
# The threshold makes tiny improvements count as no improvement. 0.99995 is better than
# 1.0, but not by 0.01 %, so with ``patience=0`` the rate is reduced anyway; 0.9998 is
# better by more and keeps it:
#
# >>> rates([1.0, 0.99995], patience=0), rates([1.0, 0.9998], patience=0)
# ([0.1, 0.01], [0.1, 0.1])
#
# In ``"max"`` mode rising values are the improvements, so an accuracy that keeps
# rising keeps the rate, and the same sequence in ``"min"`` mode is all bad epochs:
#
# >>> accuracy = [0.50, 0.60, 0.70, 0.80]
# >>> rates(accuracy, mode="max", patience=0), rates(accuracy, mode="min", patience=0)
# ([0.1, 0.1, 0.1, 0.1], [0.1, 0.01, 0.001, 0.0001])

# %%
# Where the rate really stops: ``min_lr`` and ``eps``
# ---------------------------------------------------
# The notes' configuration reduces by a factor 10 after 5 epochs without improvement,
# down to a "minimum learning rate" of ``1e-9``:

config = {"lr": 0.01, "scheduler_mode": "min", "lr_factor": 0.1, "lr_patience": 5, "min_lr": 1e-9}
notes_rates = rates(
    [1.0] * 80,
    lr=config["lr"],
    mode=config["scheduler_mode"],
    factor=config["lr_factor"],
    patience=config["lr_patience"],
    min_lr=config["min_lr"],
)
print(sorted(set(notes_rates), reverse=True))

# %%
# The rate goes 1e-2, 1e-3, ..., 1e-8 and stops there, ten times above ``min_lr``:
#
# >>> f"{notes_rates[-1]:.1e}", f"{min(notes_rates):.1e}"
# ('1.0e-08', '1.0e-08')
#
# The reason is ``eps``. Reducing the rate from :math:`\eta` to
# :math:`\max(\eta \cdot \text{factor}, \text{min\_lr})` is *skipped* when the change is
# at most ``eps`` (1e-8 by default). With factor 0.1 the step from 1e-8 to 1e-9 changes
# the rate by 9e-9, less than 1e-8, so it never happens. In general reductions stop once
# :math:`\eta\,(1 - \text{factor}) \le \text{eps}`, so the rate ends somewhere in
# :math:`\left(\text{factor}\cdot\text{eps}/(1-\text{factor}),\ \text{eps}/(1-\text{factor})\right]`,
# whatever ``min_lr`` below that range says. Measured with a metric that never improves
# and ``patience=0``:

cases = {
    "min_lr=0 (default), eps=1e-8": {},
    "min_lr=1e-9, eps=1e-8": {"min_lr": 1e-9},
    "min_lr=1e-9, eps=0": {"min_lr": 1e-9, "eps": 0.0},
    "factor=0.5, eps=1e-8": {"factor": 0.5},
    "min_lr=0, eps=0": {"eps": 0.0},
}
measured = {name: rates([1.0] * 30, lr=0.01, patience=0, **options) for name, options in cases.items()}
for name, values in measured.items():
    print(f"{name:30} stops at {values[-1]:.3g}")

fig, ax = plt.subplots(figsize=(7, 3.6), layout="constrained")
for name, values in measured.items():
    ax.step(range(1, 31), values, where="post", label=name)
ax.axhline(1e-8, color="0.6", linestyle=":")
ax.set_yscale("log")
ax.set_ylim(1e-11, 0.05)
ax.set_xlabel("epoch (metric never improves, patience=0)")
ax.set_ylabel("learning rate")
ax.set_title("Where ReduceLROnPlateau stops")
ax.legend(fontsize=8)
plt.show()

# %%
# >>> {name: f"{values[-1]:.2g}" for name, values in measured.items()}
# {'min_lr=0 (default), eps=1e-8': '1e-08', 'min_lr=1e-9, eps=1e-8': '1e-08', 'min_lr=1e-9, eps=0': '1e-09', 'factor=0.5, eps=1e-8': '1.9e-08', 'min_lr=0, eps=0': '1e-31'}
#
# (The last case leaves the figure at the bottom.) So with the defaults the rate never
# falls below about 1e-8 even though ``min_lr`` is 0; with ``factor=0.5`` it stops near
# 2e-8; ``min_lr`` is the floor only when it lies above the ``eps`` range or when
# ``eps`` is made smaller; and with ``eps=0`` and ``min_lr=0`` nothing stops the rate at
# all.
#
# .. pitfall:: With the default ``eps``, ``min_lr=1e-9`` is never reached
#
#    The notes set ``min_lr`` to 1e-9 and describe it as the minimum learning rate.
#    The rate actually stops at 1e-8: ``eps=1e-8`` skips every reduction that would
#    change the rate by less than 1e-8, and 1e-8 to 1e-9 is such a reduction. A floor
#    below about ``eps / (1 - factor)`` needs a smaller ``eps`` as well. In practice a
#    rate of 1e-8 has long stopped training, so the lesson is to read the floor off the
#    scheduler rather than off its argument.
#
#    >>> f"{rates([1.0] * 80, lr=0.01, patience=5, min_lr=1e-9)[-1]:.1e}"
#    '1.0e-08'
#    >>> f"{rates([1.0] * 80, lr=0.01, patience=5, min_lr=1e-9, eps=1e-12)[-1]:.1e}"
#    '1.0e-09'
#
# Summary
# -------
# * ``ReduceLROnPlateau(optimizer, mode, factor, patience, ...)`` multiplies the rate by
#   ``factor`` after more than ``patience`` epochs without an improvement of at least
#   ``threshold`` (relative, 0.01 % by default); call ``scheduler.step(val_metric)``
#   once per epoch, after validation.
# * ``mode="max"`` is for metrics that should rise; ``cooldown`` pauses the counting
#   after a reduction.
# * Reductions smaller than ``eps`` (1e-8) are skipped, so the rate stops near
#   ``eps / (1 - factor)`` unless ``min_lr`` is higher: with the defaults at 1e-8, not 0,
#   and the notes' ``min_lr=1e-9`` has no effect.
