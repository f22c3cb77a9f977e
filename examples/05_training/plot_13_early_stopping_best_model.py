"""
Early stopping and keeping the best model
=========================================

A network that trains for too long on too little data starts to memorise it: the
training loss keeps falling while the validation loss turns and rises, a sign of
:term:`overfitting`. :term:`Early stopping <early stopping>` watches the validation
loss, stops when it has not improved for a while, and goes back to the weights of the
best epoch. This page shows the overfitting, writes the stopping
rule, and shows why the best weights must be copied, not merely referenced.
"""

import copy
import math

import matplotlib.pyplot as plt
import torch
from torch import nn

# %%
# A model that overfits
# ---------------------
# The three noisy rings of the previous pages again, but with only 90 training points
# and a network with two hidden layers of 128 units: far more capacity than the data
# justify. Training is full-batch, so each epoch is one step and the run is
# deterministic.

config = {"seed": 0, "n_train": 90, "n_val": 300, "hidden_size": 128, "lr": 1e-2,
          "max_epochs": 100, "patience": 10}


def make_rings(n, generator):
    labels = torch.randint(0, 3, (n,), generator=generator)
    radius = 0.5 + labels + 0.4 * torch.randn(n, generator=generator)
    angle = 2 * math.pi * torch.rand(n, generator=generator)
    points = torch.stack([radius * angle.cos(), radius * angle.sin()], dim=1)
    return points, labels


device = (
    torch.accelerator.current_accelerator()
    if torch.accelerator.is_available()
    else torch.device("cpu")
)
generator = torch.Generator().manual_seed(config["seed"])
train_x, train_y = (t.to(device) for t in make_rings(config["n_train"], generator))
val_x, val_y = (t.to(device) for t in make_rings(config["n_val"], generator))
criterion = nn.CrossEntropyLoss()


def new_model():
    torch.manual_seed(config["seed"])
    hidden = config["hidden_size"]
    model = nn.Sequential(nn.Linear(2, hidden), nn.ReLU(), nn.Linear(hidden, hidden), nn.ReLU(),
                          nn.Linear(hidden, 3)).to(device)
    return model, torch.optim.Adam(model.parameters(), lr=config["lr"])


def train_step(model, optimizer):
    model.train()
    optimizer.zero_grad()
    loss = criterion(model(train_x), train_y)
    loss.backward()
    optimizer.step()
    return loss.item()


def validation_loss(model):
    model.eval()
    with torch.no_grad():
        return criterion(model(val_x), val_y).item()


# %%
# First, train for the full 100 epochs and record both losses.

model, optimizer = new_model()
full_run = {"train": [], "val": []}
for epoch in range(config["max_epochs"]):
    full_run["train"].append(train_step(model, optimizer))
    full_run["val"].append(validation_loss(model))

lowest = min(full_run["val"])
print(f"lowest validation loss {lowest:.3f} at epoch {full_run['val'].index(lowest)}")
print(f"after 100 epochs: train {full_run['train'][-1]:.4f}, val {full_run['val'][-1]:.3f}")

# %%
# The training loss goes almost to zero, but the validation loss reaches its minimum
# early and then grows to more than twice that value: the network becomes ever more
# confident in its mistakes on new points (and makes a few more of them).
#
# >>> full_run["train"][-1] < 0.05
# True
# >>> full_run["val"][-1] > 2 * lowest
# True
#
# The stopping rule
# -----------------
# Early stopping keeps the lowest validation loss seen so far and counts the epochs
# since it last improved. When the count reaches the *patience*, training stops.
# Whenever the loss improves, the current weights are saved as the best ones, with
# ``copy.deepcopy(model.state_dict())``; after the loop, they are loaded back.


def fit_with_early_stopping(model, optimizer, max_epochs, patience):
    history = {"train": [], "val": []}
    best_loss, best_epoch, best_state = float("inf"), -1, None
    for epoch in range(max_epochs):
        history["train"].append(train_step(model, optimizer))
        loss = validation_loss(model)
        history["val"].append(loss)
        if loss < best_loss:
            best_loss, best_epoch = loss, epoch
            best_state = copy.deepcopy(model.state_dict())
        elif epoch - best_epoch >= patience:
            break
    model.load_state_dict(best_state)
    return history, best_epoch, best_loss


model, optimizer = new_model()
history, best_epoch, best_loss = fit_with_early_stopping(
    model, optimizer, config["max_epochs"], config["patience"])
stopped_epoch = len(history["val"]) - 1
print(f"best epoch {best_epoch} (val loss {best_loss:.3f}), stopped after epoch {stopped_epoch}")

# %%
# The run stopped ``patience`` epochs after the best one, and it followed exactly the
# same path as the full run up to there (same initial weights, same data):
#
# >>> stopped_epoch == best_epoch + config["patience"]
# True
# >>> history["val"] == full_run["val"][: stopped_epoch + 1]
# True
# >>> 5 <= best_epoch <= 30
# True
#
# The model now holds the weights of the best epoch, not of the last one, so its
# validation loss is the lowest one seen:

restored = validation_loss(model)
print(f"validation loss of the restored model: {restored:.3f}")

# %%
# >>> restored == best_loss == lowest
# True
#
# The number of epochs has been chosen on the validation set, which is therefore no
# longer an unbiased judge; a separate test set (previous page) still is.
#
# A reference is not a copy
# -------------------------
# ``model.state_dict()`` does not copy anything. It returns an ordered dictionary whose
# values are the model's own parameter tensors (detached from autograd, but sharing
# their memory). Keeping that dictionary as "the best weights" keeps a window onto the
# *current* weights, which the next optimizer step changes in place:

reference = model.state_dict()
snapshot = copy.deepcopy(model.state_dict())
before = model[0].weight.detach().clone()
train_step(model, optimizer)

print("weights changed:        ", not torch.equal(model[0].weight, before))
print("reference follows them: ", torch.equal(reference["0.weight"], model[0].weight))
print("snapshot kept the old:  ", torch.equal(snapshot["0.weight"], before))

# %%
# >>> reference["0.weight"].data_ptr() == model[0].weight.data_ptr()
# True
# >>> torch.equal(reference["0.weight"], before), torch.equal(snapshot["0.weight"], before)
# (False, True)
#
# A shallow copy such as ``dict(model.state_dict())`` or ``model.state_dict().copy()``
# has the same problem: a new dictionary holding the same tensors. A deep copy, or
# ``{name: tensor.clone() for name, tensor in model.state_dict().items()}``, copies
# the tensors themselves. (Saving the state with ``torch.save`` also makes a copy, on
# disk; the saving pages of this chapter cover that.)
#
# >>> shallow = dict(model.state_dict())
# >>> shallow["0.weight"].data_ptr() == model[0].weight.data_ptr()
# True
#
# Picture
# -------
# The full run's curves, with the best epoch and the epoch at which early stopping
# ended training.

fig, ax = plt.subplots(figsize=(6.4, 3.8), layout="constrained")
ax.plot(full_run["train"], label="training loss")
ax.plot(full_run["val"], label="validation loss")
ax.axvline(best_epoch, color="green", linestyle="--", label="best epoch (weights kept)")
ax.axvline(stopped_epoch, color="red", linestyle=":", label="stopped (patience 10)")
ax.set_yscale("log")
ax.set_xlabel("epoch")
ax.set_ylabel("cross-entropy loss (log scale)")
ax.set_title("Overfitting and early stopping")
ax.legend()
plt.show()

# %%
# Summary
# -------
# * With too little data for its size, a network's validation loss rises while its
#   training loss keeps falling: it overfits.
# * Early stopping tracks the best validation loss, stops after ``patience`` epochs
#   without improvement and restores the best weights.
# * Save the best weights with ``copy.deepcopy(model.state_dict())`` (or clone each
#   tensor): ``state_dict()`` and shallow copies of it share memory with the live
#   parameters and change with every step.
