"""
Warm-up, cosine annealing, and where ``scheduler.step()`` goes
==============================================================

Most :term:`learning-rate schedulers <learning-rate scheduler>` follow a fixed curve:
a :term:`warm-up` that raises the rate over the first steps, then a decay such as
:term:`cosine annealing`. This page builds warm-up with ``LambdaLR`` and with
``LinearLR`` + ``SequentialLR``, cosine with ``CosineAnnealingLR``, plots the curves, and
shows the two ways to misplace ``scheduler.step()``: before ``optimizer.step()`` (torch
warns once, and the first rate is skipped) and per batch with a schedule sized in
epochs (the cosine runs out and climbs back up).
"""

import inspect
import math
import warnings

import matplotlib.pyplot as plt
import torch
from torch.optim.lr_scheduler import CosineAnnealingLR, LambdaLR, LinearLR, SequentialLR

# %%
# A scheduler rewrites ``lr`` in the parameter groups
# ---------------------------------------------------
# A scheduler is attached to an optimizer. Each call of ``scheduler.step()`` advances
# its counter by one and writes a new ``lr`` into every parameter group. The counter
# knows nothing about epochs or batches: it counts calls. The helper below runs a
# scheduler for a number of steps and records the rate that each ``optimizer.step()``
# used.


def schedule(make_scheduler, steps=20, lr=0.1):
    parameter = torch.nn.Parameter(torch.zeros(1))
    optimizer = torch.optim.SGD([parameter], lr=lr)
    scheduler = make_scheduler(optimizer)
    used = []
    for _ in range(steps):
        parameter.grad = torch.ones(1)
        used.append(optimizer.param_groups[0]["lr"])
        optimizer.step()
        scheduler.step()
    return used


# %%
# Warm-up with ``LambdaLR``
# -------------------------
# ``LambdaLR(optimizer, lr_lambda)`` sets the rate to ``base_lr * lr_lambda(step)``,
# where ``step`` counts the calls so far (0 at construction). A linear warm-up over
# five steps multiplies by :math:`(s + 1)/5` until it reaches 1:

warmup_steps = 5
lambda_warmup = schedule(lambda opt: LambdaLR(opt, lambda s: min(1.0, (s + 1) / warmup_steps)))
print([round(lr, 4) for lr in lambda_warmup[:8]])

# %%
# >>> [round(lr, 4) for lr in lambda_warmup[:7]]
# [0.02, 0.04, 0.06, 0.08, 0.1, 0.1, 0.1]
#
# Why warm up at all: at the start the weights are random, and the statistics that
# adaptive optimizers such as Adam divide by are estimated from only a handful of
# gradients, so full-size steps can throw a model far off (large-batch training and
# transformers are the classic cases). A few small steps first make the start stable.

# %%
# Cosine annealing
# ----------------
# ``CosineAnnealingLR(optimizer, T_max, eta_min=0)`` follows half a cosine from the base
# rate down to ``eta_min`` in ``T_max`` steps:
#
# .. math::
#
#    \eta_t = \eta_{\min} + \tfrac12(\eta_{\max} - \eta_{\min})\left(1 + \cos\frac{\pi t}{T_{\max}}\right).

for cls in (LambdaLR, LinearLR, CosineAnnealingLR, SequentialLR):
    arguments = inspect.signature(cls).parameters.items()
    print(cls.__name__, {n: "required" if p.default is p.empty else p.default for n, p in arguments if n != "optimizer"})

cosine = schedule(lambda opt: CosineAnnealingLR(opt, T_max=20))

# %%
# >>> defaults = inspect.signature(CosineAnnealingLR).parameters
# >>> defaults["eta_min"].default
# 0.0
# >>> round(cosine[10], 6), round(cosine[-1], 6)
# (0.05, 0.000616)
#
# Warm-up, then cosine: ``LinearLR`` + ``SequentialLR``
# -----------------------------------------------------
# ``LinearLR`` scales the rate linearly from ``start_factor * lr`` to
# ``end_factor * lr`` over ``total_iters`` steps (defaults 1/3, 1 and 5).
# ``SequentialLR`` runs a list of schedulers one after the other, switching at the
# ``milestones``:


def warmup_then_cosine(opt):
    warmup = LinearLR(opt, start_factor=0.1, total_iters=warmup_steps)
    decay = CosineAnnealingLR(opt, T_max=20 - warmup_steps)
    return SequentialLR(opt, [warmup, decay], milestones=[warmup_steps])


combined = schedule(warmup_then_cosine)
print([round(lr, 4) for lr in combined])

# %%
# >>> [round(lr, 4) for lr in combined[:7]]
# [0.01, 0.028, 0.046, 0.064, 0.082, 0.1, 0.0989]
#
# The same curve written as one formula in ``LambdaLR`` gives the same rates, which is a
# good way to check what a combination of schedulers really does:


def warmup_cosine_factor(s):
    if s < warmup_steps:
        return 0.1 + 0.9 * s / warmup_steps
    return 0.5 * (1 + math.cos(math.pi * (s - warmup_steps) / (20 - warmup_steps)))


as_one_lambda = schedule(lambda opt: LambdaLR(opt, warmup_cosine_factor))

# %%
# >>> max(abs(a - b) for a, b in zip(combined, as_one_lambda)) < 1e-12
# True

fig, ax = plt.subplots(figsize=(7, 3.6), layout="constrained")
ax.plot(lambda_warmup, ".-", label="LambdaLR warm-up")
ax.plot(cosine, ".-", label="CosineAnnealingLR(T_max=20)")
ax.plot(combined, ".-", label="LinearLR + CosineAnnealingLR")
ax.set_xlabel("optimizer step")
ax.set_ylabel("learning rate")
ax.set_title("Learning-rate schedules (base lr 0.1)")
ax.legend()
plt.show()

# %%
# Call ``optimizer.step()`` first, then ``scheduler.step()``
# ----------------------------------------------------------
# Since PyTorch 1.1 a scheduler is meant to be stepped *after* the optimizer. Done the
# other way round, the first rate of the schedule is never used, and torch warns.


def schedule_wrong_order(make_scheduler, steps=20, lr=0.1):
    parameter = torch.nn.Parameter(torch.zeros(1))
    optimizer = torch.optim.SGD([parameter], lr=lr)
    scheduler = make_scheduler(optimizer)
    used = []
    for _ in range(steps):
        parameter.grad = torch.ones(1)
        scheduler.step()  # too early
        used.append(optimizer.param_groups[0]["lr"])
        optimizer.step()
    return used


with warnings.catch_warnings(record=True) as caught:
    warnings.simplefilter("always")
    wrong = schedule_wrong_order(lambda opt: LambdaLR(opt, lambda s: min(1.0, (s + 1) / warmup_steps)))
for warning in caught:
    print(f"{warning.category.__name__}: {warning.message}")
print([round(lr, 4) for lr in wrong[:6]])

# %%
# The warning is a ``UserWarning``, and it comes only once: torch checks the order at
# the scheduler's first ``step()`` call (has the optimizer stepped yet?) and never
# again, so the rest of the run is silent:
#
# >>> len(caught), caught[0].category.__name__
# (1, 'UserWarning')
# >>> print(caught[0].message)
# Detected call of `lr_scheduler.step()` before `optimizer.step()`. In PyTorch 1.1.0 and later, you should call them in the opposite order: `optimizer.step()` before `lr_scheduler.step()`.  Failure to do this will result in PyTorch skipping the first value of the learning rate schedule. See more details at https://pytorch.org/docs/stable/optim.html#how-to-adjust-learning-rate
#
# What it costs: the warm-up starts at its second value, 0.04 instead of 0.02, and the
# whole schedule is shifted by one step:
#
# >>> [round(lr, 4) for lr in wrong[:5]], [round(lr, 4) for lr in lambda_warmup[:5]]
# ([0.04, 0.06, 0.08, 0.1, 0.1], [0.02, 0.04, 0.06, 0.08, 0.1])

# %%
# Per epoch or per batch?
# -----------------------
# Both are correct, as long as the schedule's length is counted in the same unit as the
# calls. The textbook loop steps the scheduler once per epoch, after the loop over the
# batches; warm-up schedules are usually stepped once per batch, because their length is
# usually given in optimizer steps. The mistake is to mix the two: a cosine sized in
# epochs (``T_max=10``) but stepped after every batch reaches its minimum after 10
# *batches*, and because ``CosineAnnealingLR`` keeps following the cosine past
# ``T_max``, the rate then climbs back up to the base rate.

epochs, batches_per_epoch = 10, 4


def per_epoch_and_per_batch():
    runs = {}
    for where in ("per epoch", "per batch"):
        parameter = torch.nn.Parameter(torch.zeros(1))
        optimizer = torch.optim.SGD([parameter], lr=0.1)
        scheduler = CosineAnnealingLR(optimizer, T_max=epochs)
        used = []
        for epoch in range(epochs):
            for batch in range(batches_per_epoch):
                parameter.grad = torch.ones(1)
                used.append(optimizer.param_groups[0]["lr"])
                optimizer.step()
                if where == "per batch":
                    scheduler.step()
            if where == "per epoch":
                scheduler.step()
        runs[where] = used
    return runs


runs = per_epoch_and_per_batch()
fig, ax = plt.subplots(figsize=(7, 3.4), layout="constrained")
batch_axis = [k / batches_per_epoch for k in range(epochs * batches_per_epoch)]
for where, used in runs.items():
    ax.step(batch_axis, used, where="post", label=f"scheduler.step() {where}")
ax.set_xlabel("epoch")
ax.set_ylabel("learning rate")
ax.set_ylim(0, 0.125)
ax.set_title("CosineAnnealingLR(T_max=10), 4 batches per epoch")
ax.legend(loc="upper center", ncol=2)
plt.show()

# %%
# Stepped per batch, the rate reaches 0 after 10 batches, halfway through the third
# epoch, and is back at 0.1 after 20 batches, at the start of the sixth:
#
# >>> round(runs["per batch"][10], 6), round(runs["per batch"][20], 6)
# (0.0, 0.1)
# >>> round(runs["per epoch"][-1], 6)
# 0.002447
#
# If you step per batch, size the schedule in batches: ``CosineAnnealingLR(optimizer,
# T_max=epochs * len(train_loader))``. ``ReduceLROnPlateau`` is the exception to all of
# this: it needs a validation metric, so it is stepped once per validation, usually once
# per epoch (see the :doc:`previous page <plot_06_reduce_lr_on_plateau>`).
#
# Summary
# -------
# * A scheduler counts its ``step()`` calls and writes ``base_lr * factor(count)`` into
#   every parameter group; read the current rate with ``get_last_lr()``.
# * Warm-up: ``LambdaLR`` with a ramp, or ``LinearLR`` (defaults: ``start_factor=1/3``,
#   ``total_iters=5``) chained with ``SequentialLR``. Cosine: ``CosineAnnealingLR(T_max,
#   eta_min=0)``, which rises again after ``T_max`` steps.
# * Call ``optimizer.step()`` before ``scheduler.step()``; the reverse order skips the
#   first rate and triggers one ``UserWarning``.
# * Step per epoch or per batch, but size ``T_max`` / ``total_iters`` in the same unit.
