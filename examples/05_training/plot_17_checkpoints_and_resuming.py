"""
Checkpoints: resuming training exactly
======================================

A long training run should survive being stopped. A :term:`checkpoint` saves everything
the run needs to continue: the model's state dict, the optimizer's (momentum and
adaptive statistics live there), the scheduler's, the epoch, and the state of the random
number generators that decide dropout and the order of the data. This page saves one,
resumes from it in a fresh model, and checks that the resumed run computes exactly the
same losses as a run that was never interrupted, and which omissions break that.
"""

import math
import tempfile
from pathlib import Path

import matplotlib.pyplot as plt
import torch
from torch import nn
from torch.utils.data import DataLoader, TensorDataset

workdir = tempfile.TemporaryDirectory()
folder = Path(workdir.name)

# %%
# A run with state everywhere
# ---------------------------
# The rings data of the earlier pages, a network with dropout (random masks drawn from
# the global generator), a shuffling ``DataLoader`` (its order drawn from its own
# generator), AdamW (two running averages per parameter) and a learning rate that
# halves every two epochs. Every one of these carries state from one epoch to the next.

config = {"seed": 0, "epochs": 6, "interrupt_after": 3, "batch_size": 50, "lr": 0.03}
device = (
    torch.accelerator.current_accelerator()
    if torch.accelerator.is_available()
    else torch.device("cpu")
)


def make_rings(n, generator):
    labels = torch.randint(0, 3, (n,), generator=generator)
    radius = 0.5 + labels + 0.3 * torch.randn(n, generator=generator)
    angle = 2 * math.pi * torch.rand(n, generator=generator)
    points = torch.stack([radius * angle.cos(), radius * angle.sin()], dim=1)
    return points, labels


dataset = TensorDataset(*make_rings(400, torch.Generator().manual_seed(config["seed"])))
criterion = nn.CrossEntropyLoss()


def build(seed):
    """Everything a run needs, freshly made; the seed sets the initial weights."""
    torch.manual_seed(seed)
    model = nn.Sequential(nn.Linear(2, 64), nn.ReLU(), nn.Dropout(0.2), nn.Linear(64, 3)).to(device)
    optimizer = torch.optim.AdamW(model.parameters(), lr=config["lr"])
    scheduler = torch.optim.lr_scheduler.StepLR(optimizer, step_size=2, gamma=0.5)
    order = torch.Generator().manual_seed(seed)
    loader = DataLoader(dataset, batch_size=config["batch_size"], shuffle=True, generator=order)
    return model, optimizer, scheduler, loader


def train_epoch(model, optimizer, scheduler, loader):
    model.train()
    losses = []
    for inputs, targets in loader:
        inputs, targets = inputs.to(device), targets.to(device)
        optimizer.zero_grad()
        loss = criterion(model(inputs), targets)
        loss.backward()
        optimizer.step()
        losses.append(loss.item())
    scheduler.step()
    return losses


# %%
# The reference: six epochs without interruption, recording the loss of every step.

model, optimizer, scheduler, loader = build(config["seed"])
uninterrupted = []
for epoch in range(config["epochs"]):
    uninterrupted += train_epoch(model, optimizer, scheduler, loader)
steps_per_epoch = len(loader)
print(len(uninterrupted), "steps; last loss", round(uninterrupted[-1], 4))

# %%
# What the optimizer and the scheduler keep
# -----------------------------------------
# An optimizer's state dict has two parts: ``"state"``, the per-parameter buffers (for
# Adam and AdamW the step count and the running averages ``exp_avg`` and
# ``exp_avg_sq``), and ``"param_groups"``, the hyper-parameters. Parameters appear as
# numbers, in the order in which they were given to the optimizer, so the state only
# fits an optimizer built for the same model in the same way.

optimizer_state = optimizer.state_dict()
print(list(optimizer_state))
print({key: tuple(value.shape) for key, value in optimizer_state["state"][0].items()})
print({key: value for key, value in optimizer_state["param_groups"][0].items()
       if key in ("lr", "betas", "weight_decay", "params")})
print(scheduler.state_dict())

# %%
# >>> list(optimizer_state), sorted(optimizer_state["state"][0])
# (['state', 'param_groups'], ['exp_avg', 'exp_avg_sq', 'step'])
# >>> optimizer_state["param_groups"][0]["params"]
# [0, 1, 2, 3]
# >>> optimizer_state["state"][0]["step"].item() == config["epochs"] * steps_per_epoch
# True
# >>> optimizer.param_groups[0]["lr"] == config["lr"] * 0.5**3
# True
#
# Saving a checkpoint
# -------------------
# The interrupted run trains three epochs and then saves a checkpoint: a plain
# dictionary of state dicts, numbers and tensors, which ``torch.load`` can read with
# ``weights_only=True``. The random states are saved too: the global CPU generator
# (dropout on the CPU), the generator of the accelerator the model runs on when there is
# one (dropout there), and the loader's generator, which decides the shuffled order of
# every later epoch. ``torch.get_device_module(device)`` is the module of the device's
# type (``torch.cuda``, ``torch.mps``, ``torch.xpu``, ...), and each of these has its
# own ``get_rng_state`` and ``set_rng_state``, so the same code serves every
# accelerator. (A run that uses several GPUs saves each one's generator, for example
# with ``torch.cuda.get_rng_state_all()``.)


def random_state(loader):
    state = {"torch": torch.get_rng_state(), "loader": loader.generator.get_state()}
    if device.type != "cpu":
        state["device"] = torch.get_device_module(device).get_rng_state(device)
    return state


def set_random_state(state, loader):
    torch.set_rng_state(state["torch"])
    loader.generator.set_state(state["loader"])
    if "device" in state:
        torch.get_device_module(device).set_rng_state(state["device"], device)


model, optimizer, scheduler, loader = build(config["seed"])
first_part = []
for epoch in range(config["interrupt_after"]):
    first_part += train_epoch(model, optimizer, scheduler, loader)

checkpoint = {
    "epoch": config["interrupt_after"],
    "model": model.state_dict(),
    "optimizer": optimizer.state_dict(),
    "scheduler": scheduler.state_dict(),
    "random": random_state(loader),
    "config": config,
}
torch.save(checkpoint, folder / "checkpoint.pt")
del model, optimizer, scheduler, loader, checkpoint

# %%
# Resuming
# --------
# A new process would start from nothing, so everything is built again, here even with
# a *different* seed, to prove that the initial weights and the data order really come
# from the file. The states are loaded in the order they depend on each other: the
# model (already on its device), then the optimizer built for it, then the scheduler
# and the random states.

model, optimizer, scheduler, loader = build(seed=123)
checkpoint = torch.load(folder / "checkpoint.pt", map_location="cpu", weights_only=True)
model.load_state_dict(checkpoint["model"])
optimizer.load_state_dict(checkpoint["optimizer"])
scheduler.load_state_dict(checkpoint["scheduler"])
set_random_state(checkpoint["random"], loader)

resumed = list(first_part)
for epoch in range(checkpoint["epoch"], config["epochs"]):
    resumed += train_epoch(model, optimizer, scheduler, loader)
print("largest difference from the uninterrupted run:",
      max(abs(a - b) for a, b in zip(resumed, uninterrupted)))

# %%
# Every loss of the resumed run equals the uninterrupted run's, bit for bit, and so do
# the final weights:
#
# >>> resumed == uninterrupted
# True
#
# The checkpoint is loaded onto the CPU (``map_location="cpu"``), which works on every
# machine. That is also where the random states must be: they are CPU byte tensors,
# even that of the accelerator's generator. The rest finds its device by itself:
# ``model.load_state_dict`` copies into the model's own tensors, wherever they are, and
# ``optimizer.load_state_dict`` moves the optimizer's buffers to the device of the
# parameters they belong to.
#
# What breaks exactness
# ---------------------
# Two shortcuts are common: saving only the model, and forgetting the random states.
# Each is tried below from the same checkpoint.


def resume(load_optimizer, load_random):
    model, optimizer, scheduler, loader = build(seed=123)
    saved = torch.load(folder / "checkpoint.pt", map_location="cpu", weights_only=True)
    model.load_state_dict(saved["model"])
    scheduler.load_state_dict(saved["scheduler"])
    if load_optimizer:
        optimizer.load_state_dict(saved["optimizer"])
    if load_random:
        set_random_state(saved["random"], loader)
    losses = list(first_part)
    for epoch in range(saved["epoch"], config["epochs"]):
        losses += train_epoch(model, optimizer, scheduler, loader)
    return losses


without_optimizer = resume(load_optimizer=False, load_random=True)
without_random = resume(load_optimizer=True, load_random=False)
restart = config["interrupt_after"] * steps_per_epoch
print("first resumed step, uninterrupted:    ", round(uninterrupted[restart], 6))
print("first resumed step, no optimizer state:", round(without_optimizer[restart], 6))
print("first resumed step, no random states:  ", round(without_random[restart], 6))

# %%
# >>> without_optimizer == uninterrupted, without_random == uninterrupted
# (False, False)
#
# Without the optimizer state, the first step after resuming is already different:
# AdamW starts again with zero averages (and a step count of zero, which changes its
# bias correction), so the update differs even though the first loss, computed
# before that update, still matches. Without the random states, the data come in
# another order and the dropout masks differ, so the very first loss after resuming
# differs:
#
# >>> without_optimizer[restart] == uninterrupted[restart]
# True
# >>> without_optimizer[restart + 1] == uninterrupted[restart + 1]
# False
# >>> without_random[restart] == uninterrupted[restart]
# False
#
# Both variants still train; their losses wander around the reference's. The
# difference matters for reproducibility: a result that cannot be reproduced cannot be
# checked, and a change in the code cannot be told apart from the noise of a restart.

steps = range(len(uninterrupted))
fig, ax = plt.subplots(figsize=(7, 3.8), layout="constrained")
ax.plot(steps, uninterrupted, color="black", linewidth=3, alpha=0.35, label="uninterrupted")
ax.plot(steps[restart:], resumed[restart:], "o", markersize=3, label="resumed from checkpoint")
ax.plot(steps[restart:], without_optimizer[restart:], label="resumed, no optimizer state")
ax.plot(steps[restart:], without_random[restart:], label="resumed, no random states")
ax.axvline(restart - 0.5, color="gray", linestyle=":")
ax.set_xlabel("step")
ax.set_ylabel("training loss")
ax.set_title("Resuming after epoch 3")
ax.legend()
plt.show()

# %%
# A few practical points
# ----------------------
# * Save at the end of an epoch; resuming in the middle of one would also need the
#   position inside the loader.
# * Write the checkpoint to a temporary name and rename it (``os.replace``) when it is
#   complete, so that a crash while saving never destroys the previous checkpoint.
# * The loader's generator also provides the base seed of its worker processes when
#   ``num_workers > 0``, so saving it keeps their random augmentations reproducible
#   too.
# * Exactness holds on one machine and one software version. Another GPU, another
#   library version or nondeterministic kernels change the last bits, and the runs
#   then drift apart slowly.

workdir.cleanup()

# %%
# Summary
# -------
# * A checkpoint is a dictionary: model, optimizer and scheduler state dicts, the epoch,
#   the random states (CPU, the accelerator's, the loader's generator) and the
#   configuration.
# * Resume by rebuilding everything, then loading each state; the optimizer state is
#   what keeps momentum and Adam's averages, the random states keep dropout and the
#   data order.
# * Done completely, the resumed run reproduces the uninterrupted one exactly; without
#   the optimizer state or the random states it does not.
