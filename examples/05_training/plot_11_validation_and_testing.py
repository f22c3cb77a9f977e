"""
Validation and testing: ``train()``, ``eval()`` and ``no_grad``
===============================================================

A model is judged on data it was not trained on. This page runs the complete procedure
of the notes: split the data into training, validation and test sets, train for a few
epochs while measuring the validation loss after each one, and evaluate on the test set
once at the end. It also shows what ``model.eval()`` and ``torch.no_grad()`` each do,
and why an evaluation loop needs both.
"""

import math

import matplotlib.pyplot as plt
import torch
from torch import nn
from torch.utils.data import DataLoader, TensorDataset, random_split

# %%
# Setup: three splits, three loaders
# ----------------------------------
# The data are the three noisy rings of the previous page, written again here: 1000
# points in the plane, three classes. ``random_split`` with fractions divides them into
# a :term:`training set` (to fit the parameters), a :term:`validation set` (to watch
# progress and choose settings such as the number of epochs) and a :term:`test set`
# (touched once, at the very end, for an unbiased final score). A seeded generator makes
# the split the same on every run.

config = {"seed": 0, "n_samples": 1000, "hidden_size": 64, "dropout": 0.1,
          "lr": 0.05, "momentum": 0.9, "batch_size": 32, "epochs": 15}


def make_rings(n, generator):
    labels = torch.randint(0, 3, (n,), generator=generator)
    radius = 0.5 + labels + 0.3 * torch.randn(n, generator=generator)
    angle = 2 * math.pi * torch.rand(n, generator=generator)
    points = torch.stack([radius * angle.cos(), radius * angle.sin()], dim=1)
    return points, labels


generator = torch.Generator().manual_seed(config["seed"])
dataset = TensorDataset(*make_rings(config["n_samples"], generator))
train_set, val_set, test_set = random_split(dataset, [0.6, 0.2, 0.2], generator=generator)
print(len(train_set), len(val_set), len(test_set))

# %%
# >>> len(train_set), len(val_set), len(test_set)
# (600, 200, 200)
#
# Only the training loader shuffles: the order of the training batches matters for
# stochastic gradient descent, while the order of evaluation data does not change a
# mean.

train_loader = DataLoader(train_set, batch_size=config["batch_size"], shuffle=True,
                          generator=torch.Generator().manual_seed(config["seed"]))
val_loader = DataLoader(val_set, batch_size=config["batch_size"], shuffle=False)
test_loader = DataLoader(test_set, batch_size=config["batch_size"], shuffle=False)

device = (
    torch.accelerator.current_accelerator()
    if torch.accelerator.is_available()
    else torch.device("cpu")
)

torch.manual_seed(config["seed"])
model = nn.Sequential(
    nn.Linear(2, config["hidden_size"]),
    nn.ReLU(),
    nn.Dropout(config["dropout"]),
    nn.Linear(config["hidden_size"], 3),
).to(device)
criterion = nn.CrossEntropyLoss()
optimizer = torch.optim.SGD(model.parameters(), lr=config["lr"], momentum=config["momentum"])

# %%
# ``train()`` and ``eval()``: the mode of the layers
# --------------------------------------------------
# A module has a ``training`` flag; ``model.train()`` and ``model.eval()`` set it on the
# module and all its submodules. A few layers behave differently in the two modes
# (:ref:`sphx_glr_auto_examples_04_models_plot_04_train_and_eval_modes.py` looks at
# them in detail). :term:`Dropout <dropout>` zeroes a random fraction of its inputs during training (and scales the
# others up), but passes everything through in evaluation mode. The network above has a
# dropout layer, so in training mode the same input gives a different output each time:

x = torch.tensor([[1.0, 0.5]], device=device)
model.train()
print("train mode:", model(x), model(x), sep="\n")
model.eval()
print("eval mode:", model(x), model(x), sep="\n")

# %%
# >>> model.training, model[2].training
# (False, False)
# >>> torch.equal(model(x), model(x))  # eval mode: deterministic
# True
# >>> model.train()[2].training
# True
#
# Batch normalisation is the other common case: in training mode it normalises with the
# statistics of the current batch and updates its running averages; in evaluation mode
# it uses the stored averages and changes nothing.

norm = nn.BatchNorm1d(2)
batch = torch.tensor([[1.0, 2.0], [3.0, 6.0]])
norm.eval()
norm(batch)
print("after an eval-mode pass: ", norm.running_mean)
norm.train()
norm(batch)
print("after a train-mode pass:", norm.running_mean)

# %%
# >>> norm.running_mean  # moved 10 % (momentum=0.1) towards the batch mean [2, 4]
# tensor([0.2000, 0.4000])
#
# ``no_grad``: no graph
# ---------------------
# ``torch.no_grad()`` is about autograd, not about layers: inside it, operations are not
# recorded, so no graph is built and nothing is kept in memory for a backward pass that
# will never come. A saved-tensor hook adds up the sizes of the tensors that autograd
# saves for the backward pass during one forward pass of a batch: the input of the
# first layer, the weight of the last one, and the ReLU's output, which is saved twice,
# by the ReLU and (as its input) by the linear layer after it. The sum counts that
# shared output twice, so it is an upper bound on the memory kept rather than the exact
# figure; what matters here is that under ``no_grad`` it is zero.


def bytes_saved_for_backward(model, inputs):
    total = 0

    def pack(tensor):
        nonlocal total
        total += tensor.numel() * tensor.element_size()
        return tensor

    with torch.autograd.graph.saved_tensors_hooks(pack, lambda tensor: tensor):
        model(inputs)
    return total


model.eval()
inputs = torch.randn(256, 2, device=device)
print("with autograd:", bytes_saved_for_backward(model, inputs), "bytes")
with torch.no_grad():
    print("under no_grad:", bytes_saved_for_backward(model, inputs), "bytes")

# %%
# >>> with torch.no_grad():
# ...     bytes_saved_for_backward(model, inputs)
# 0
# >>> bytes_saved_for_backward(model, inputs) > 100_000
# True
#
# .. pitfall:: ``eval()`` and ``no_grad()`` do different things; evaluation needs both
#
#    ``model.eval()`` is often taken to switch off gradients, and ``no_grad`` is
#    sometimes explained as the thing that keeps a model from "accidentally training"
#    on validation data. Neither is how it works. ``eval()`` only changes layers such as
#    dropout and batch normalisation; autograd still records everything. ``no_grad``
#    only stops the recording, which saves the memory and time of a graph; dropout stays
#    active under it. What keeps the parameters from learning from validation data is
#    that the evaluation loop never calls ``backward()`` and ``optimizer.step()``; what
#    keeps batch-normalisation buffers from absorbing validation statistics is
#    ``eval()``, because a training-mode pass updates them even under ``no_grad``.
#
#    >>> model.eval()[2].training, model(inputs).requires_grad
#    (False, True)
#    >>> _ = model.train()
#    >>> with torch.no_grad():
#    ...     print(model[2].training, model(inputs).requires_grad)
#    True False
#    >>> with torch.no_grad():
#    ...     _ = norm(torch.tensor([[0.0, 0.0], [2.0, 2.0]]))  # norm is in training mode
#    >>> norm.running_mean  # moved again: 0.9 * [0.2, 0.4] + 0.1 * [1, 1]
#    tensor([0.2800, 0.4600])
#
# The evaluation loop
# -------------------
# The validation loop of the notes puts both together: ``eval()`` first, the forward
# passes under ``no_grad``, and the loss summed as "batch mean × batch size" and divided
# by the number of samples. That is the exact mean over the validation set even when
# the last batch is smaller (here 200 = 6 × 32 + 8); the mean of the batch means would
# give the small last batch as much weight as a full one. ``loss.item()`` copies the
# value to the CPU by itself, so the ``.cpu()`` before it in the notes is not needed.


def evaluate(model, loader):
    model.eval()
    total_loss, total_correct = 0.0, 0
    with torch.no_grad():
        for inputs, targets in loader:
            inputs, targets = inputs.to(device), targets.to(device)
            outputs = model(inputs)
            total_loss += criterion(outputs, targets).item() * len(inputs)
            total_correct += (outputs.argmax(dim=1) == targets).sum().item()
    n = len(loader.dataset)
    return total_loss / n, total_correct / n


def train_one_epoch(model, loader):
    model.train()
    total_loss = 0.0
    for inputs, targets in loader:
        inputs, targets = inputs.to(device), targets.to(device)
        optimizer.zero_grad()
        loss = criterion(model(inputs), targets)
        loss.backward()
        optimizer.step()
        total_loss += loss.item() * len(inputs)
    return total_loss / len(loader.dataset)


# %%
# ``train_one_epoch`` calls ``model.train()`` at its start, every epoch. Without it the
# model would stay in evaluation mode after the first validation pass, and dropout would
# be silently off for the rest of training.
#
# Train, validate, test
# ---------------------
# Each epoch trains on the training set and then measures the loss on the validation
# set. Dropout draws its random masks from the global generator, so it is seeded right
# before training: the run is then the same whatever the cells above did.

torch.manual_seed(config["seed"])
history = {"train": [], "val": []}
for epoch in range(config["epochs"]):
    history["train"].append(train_one_epoch(model, train_loader))
    val_loss, val_accuracy = evaluate(model, val_loader)
    history["val"].append(val_loss)
    if epoch % 5 == 0 or epoch == config["epochs"] - 1:
        print(f"epoch {epoch:2}: train loss {history['train'][-1]:.3f}, "
              f"val loss {val_loss:.3f}, val accuracy {val_accuracy:.3f}")

# %%
# Both losses fall together: the network is learning the rings, not memorising the
# training points. The validation loss is mostly a little lower (the curves cross a few
# times), because it is measured at the end of each epoch without dropout, while the
# training loss is averaged over the epoch, with dropout on and the weights still
# improving:
#
# >>> lower = [val < train for train, val in zip(history["train"], history["val"])]
# >>> sum(lower) > len(lower) / 2, all(lower)
# (True, False)

fig, ax = plt.subplots(figsize=(6, 3.6), layout="constrained")
epochs = range(1, config["epochs"] + 1)
ax.plot(epochs, history["train"], marker="o", label="training")
ax.plot(epochs, history["val"], marker="s", label="validation")
ax.set_xlabel("epoch")
ax.set_ylabel("cross-entropy loss")
ax.set_title("Training and validation loss")
ax.legend()
plt.show()

# %%
# When the settings are final, the model is evaluated once on the test set. The
# validation set has influenced decisions (here, how long to train); the test set has
# not, so its score is the honest estimate of how the model does on new data.

test_loss, test_accuracy = evaluate(model, test_loader)
print(f"test loss {test_loss:.3f}, test accuracy {test_accuracy:.3f}")

# %%
# The noisy rings overlap a little, so no model can classify every point correctly;
# this one gets about nine in ten right. The value is checked with a tolerance
# that holds across machines:
#
# >>> 0.88 <= test_accuracy <= 0.98
# True
#
# Collecting predictions
# ----------------------
# The test loop of the notes gathers the predictions instead of a loss, moving each
# batch of outputs back to the CPU. Its ``for x in tt_set`` suits a test set without
# labels. A loader over ``(input, target)`` pairs yields a *list* of two tensors per
# batch, which has no ``.to``; unpack it instead:
#
# >>> batch = next(iter(test_loader))
# >>> type(batch).__name__, len(batch)
# ('list', 2)
# >>> batch.to(device)
# Traceback (most recent call last):
#     ...
# AttributeError: 'list' object has no attribute 'to'

model.eval()
predictions = []
with torch.no_grad():
    for inputs, _ in test_loader:
        predictions.append(model(inputs.to(device)).argmax(dim=1).cpu())
predictions = torch.cat(predictions)
print(predictions.shape, predictions[:10])

# %%
# >>> predictions.shape
# torch.Size([200])
#
# :ref:`sphx_glr_auto_examples_05_training_plot_15_evaluation_metrics.py` turns such
# predictions into more than an accuracy: precision, recall and a confusion matrix.
#
# Summary
# -------
# * Split the data three ways: fit on the training set, decide on the validation set,
#   report the test set once.
# * ``model.train()`` / ``model.eval()`` switch layers such as dropout and batch norm;
#   ``torch.no_grad()`` stops autograd from recording. They are independent, and an
#   evaluation loop uses both; call ``model.train()`` again before training.
# * Average a loss over samples (``loss.item() * len(inputs)``, divided by the dataset
#   size), not over batches.
# * A loader of ``(input, target)`` pairs yields lists: unpack them in the loop.
