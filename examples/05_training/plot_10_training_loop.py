"""
The training loop
=================

Training a network repeats one step over and over: a forward pass, a loss, a backward
pass and a parameter update. This page builds that loop the way the notes describe it,
with a configuration dictionary, the device chosen in one place and a ``DataLoader``,
on synthetic data that a small network really learns, and checks each line of the step
against what it is supposed to do.
"""

import inspect
import math

import matplotlib.pyplot as plt
import torch
from torch import nn
from torch.utils.data import DataLoader, TensorDataset

# %%
# The procedure
# -------------
# Every supervised training procedure has the same shape:
#
# 1. define a network with learnable parameters (its weights);
# 2. iterate over the training data, usually in mini-batches, several times (each full
#    pass over the data is an *epoch*);
# 3. for each batch, compute the network's output (the forward pass);
# 4. compute the *loss* with a :term:`loss function`, a number that says how far the
#    output is from the target;
# 5. :term:`backpropagate <backpropagation>` to get the gradient of the loss with respect
#    to every parameter;
# 6. update the parameters, in the simplest case with the rule of
#    :term:`gradient descent`,
#
# .. math::
#
#    w \leftarrow w - \eta \, \frac{\partial L}{\partial w},
#
# where :math:`\eta` is the :term:`learning rate`. PyTorch splits steps 3–6 between a
# model (an ``nn.Module``), a loss function, ``loss.backward()`` and an optimizer from
# ``torch.optim``.
#
# A configuration dictionary
# --------------------------
# The notes collect every hyper-parameter in one dictionary before anything else is
# built. That is a good habit: the values live in one place, the code below reads them
# by name, and the dictionary can be printed, logged or saved with a checkpoint, so a
# result can always be traced back to the settings that produced it. (The notes'
# dictionary also holds scheduler settings and the beam width of a speech decoder;
# :ref:`sphx_glr_auto_examples_05_training_plot_14_ctc_toy_pipeline.py` uses it with
# all its keys.)

config = {
    "seed": 0,
    "n_train": 600,
    "hidden_size": 32,
    "lr": 0.05,
    "momentum": 0.9,
    "weight_decay": 1e-4,
    "batch_size": 32,
    "epochs": 15,
}
print(config)

# %%
# Reading a key that was never defined fails loudly, which is what you want from a
# misspelt setting:
#
# >>> config["learning_rate"]
# Traceback (most recent call last):
#     ...
# KeyError: 'learning_rate'
#
# The device, decided once
# ------------------------
# The device is chosen in exactly one place. Everything else refers to the variable
# ``device``, so the same script trains on a GPU where there is one and on the CPU
# otherwise.

device = (
    torch.accelerator.current_accelerator()
    if torch.accelerator.is_available()
    else torch.device("cpu")
)
print("training on", device.type)

# %%
# Data that a small network can learn
# -----------------------------------
# The data are points in the plane in three classes: three noisy rings around the
# origin. No straight line separates them, so a linear model cannot solve the task, but
# a network with one hidden layer can. A seeded generator makes the data the same on
# every run.


def make_rings(n, generator):
    labels = torch.randint(0, 3, (n,), generator=generator)
    radius = 0.5 + labels + 0.25 * torch.randn(n, generator=generator)
    angle = 2 * math.pi * torch.rand(n, generator=generator)
    points = torch.stack([radius * angle.cos(), radius * angle.sin()], dim=1)
    return points, labels


data_generator = torch.Generator().manual_seed(config["seed"])
points, labels = make_rings(config["n_train"], data_generator)
train_set = TensorDataset(points, labels)
train_loader = DataLoader(
    train_set,
    batch_size=config["batch_size"],
    shuffle=True,
    generator=torch.Generator().manual_seed(config["seed"]),
)
print(len(train_set), "samples in", len(train_loader), "batches")

# %%
# >>> points.shape, points.dtype, labels.dtype
# (torch.Size([600, 2]), torch.float32, torch.int64)
# >>> len(train_loader)  # ceil(600 / 32): the last batch has 24 samples
# 19
#
# The model, the loss and the optimizer are built next, from the configuration. The
# model is moved to the device once, and only then are its parameters handed to the
# optimizer: finish setting up the model first, then build what depends on it.

torch.manual_seed(config["seed"])
model = nn.Sequential(
    nn.Linear(2, config["hidden_size"]),
    nn.ReLU(),
    nn.Linear(config["hidden_size"], 3),
).to(device)
criterion = nn.CrossEntropyLoss()
optimizer = torch.optim.SGD(
    model.parameters(),
    lr=config["lr"],
    momentum=config["momentum"],
    weight_decay=config["weight_decay"],
)
print(model)

# %%
# ``SGD``'s keyword defaults, read from its signature: plain gradient descent unless
# ``momentum`` or ``weight_decay`` is given.
#
# >>> signature = inspect.signature(torch.optim.SGD)
# >>> {name: signature.parameters[name].default for name in ("lr", "momentum", "weight_decay", "nesterov")}
# {'lr': 0.001, 'momentum': 0, 'weight_decay': 0, 'nesterov': False}

# %%
# One step, line by line
# ----------------------
# Take the first batch and run the five lines of a training step (``zero_grad``, forward
# pass, loss, ``backward``, ``step``) one at a time, looking at what each one changes.

inputs, targets = next(iter(train_loader))
inputs, targets = inputs.to(device), targets.to(device)
weight = model[2].weight

optimizer.zero_grad()
print("after zero_grad:", weight.grad)

outputs = model(inputs)
loss = criterion(outputs, targets)
first_loss = loss.item()
print("outputs:", tuple(outputs.shape), "loss:", round(first_loss, 4))

# %%
# ``zero_grad()`` sets the gradients to ``None`` (they would otherwise keep the sum of
# every earlier backward pass). The model maps the ``[32, 2]`` batch to 32 rows of three
# scores (logits), and the loss reduces them to one number that remembers how it was
# computed. An untrained network is close to a uniform guess among three classes, whose
# cross-entropy is :math:`\ln 3 \approx 1.10`:
#
# >>> outputs.shape, loss.shape
# (torch.Size([32, 3]), torch.Size([]))
# >>> abs(first_loss - math.log(3)) < 0.1
# True
# >>> loss.grad_fn.name()
# 'NllLossBackward0'
#
# ``loss.backward()`` fills the ``.grad`` of every parameter; nothing has changed in the
# weights yet.

loss.backward()
before = weight.detach().clone()
gradient = weight.grad.clone()
print("gradient of the last layer's weight:", tuple(gradient.shape))

# %%
# >>> gradient.shape == weight.shape
# True
#
# ``optimizer.step()`` applies the update. On the first step, momentum has no history
# yet, so the update is the gradient-descent rule above, with the weight-decay term
# :math:`\lambda w` added to the gradient:

optimizer.step()
expected = before - config["lr"] * (gradient + config["weight_decay"] * before)
print("largest change:", (weight.detach() - before).abs().max().item())

# %%
# >>> torch.allclose(weight.detach(), expected)
# True
#
# The step also started SGD's *momentum buffer*, which for now holds just that gradient
# (weight decay included):
#
# >>> buffer = optimizer.state[weight]["momentum_buffer"]
# >>> torch.allclose(buffer, gradient + config["weight_decay"] * before)
# True
#
# From the second step on, SGD moves along this buffer instead of the gradient: each
# step multiplies it by the momentum :math:`\mu` and adds the new gradient
# (:math:`b \leftarrow \mu b + g`). That is an exponentially decaying *sum* of past
# gradients, not an average: for a steady gradient it grows to about
# :math:`1/(1-\mu)` times it, 10 times with the :math:`\mu = 0.9` used here. The
# optimizers page of this chapter compares the update rules.
#
# .. pitfall:: A model is an ``nn.Module``, not an autograd ``Function``
#
#    One explanation of the training step calls the model "a Function object" and says
#    that every loss function has its own ``Function`` with a forward and a backward
#    method. Neither is right. The model and the loss are both ``nn.Module`` objects:
#    containers of parameters with a ``forward`` method that you write (or PyTorch
#    provides). Running them makes autograd record *graph nodes*, one per differentiable
#    operation, and those nodes (the ``grad_fn`` chain) compute the backward pass. Here
#    the cross-entropy loss was recorded as a log-softmax followed by a negative
#    log-likelihood. You subclass ``torch.autograd.Function`` only to define a new
#    differentiable operation yourself.
#
#    >>> isinstance(model, nn.Module), isinstance(criterion, nn.Module)
#    (True, True)
#    >>> isinstance(model, torch.autograd.Function)
#    False
#    >>> loss.grad_fn.name(), loss.grad_fn.next_functions[0][0].name()
#    ('NllLossBackward0', 'LogSoftmaxBackward0')

# %%
# The loop
# --------
# The step goes into a function that runs one epoch. ``model.train()`` puts the model in
# training mode (the next page shows what the modes change). The batches are moved to
# the device right where they enter the step, the one place where that happens. The
# epoch's loss is the average over *samples*: each batch's mean loss is weighted by the
# batch size, because the last batch is smaller than the others.


def train_one_epoch(model, loader, criterion, optimizer):
    model.train()
    total_loss, total_correct = 0.0, 0
    for inputs, targets in loader:
        inputs, targets = inputs.to(device), targets.to(device)
        optimizer.zero_grad()
        outputs = model(inputs)
        loss = criterion(outputs, targets)
        loss.backward()
        optimizer.step()
        total_loss += loss.item() * len(inputs)
        total_correct += (outputs.argmax(dim=1) == targets).sum().item()
    n = len(loader.dataset)
    return total_loss / n, total_correct / n


history = []
for epoch in range(config["epochs"]):
    epoch_loss, epoch_accuracy = train_one_epoch(model, train_loader, criterion, optimizer)
    history.append(epoch_loss)
    if epoch % 5 == 0 or epoch == config["epochs"] - 1:
        print(f"epoch {epoch:2}: loss {epoch_loss:.3f}, accuracy {epoch_accuracy:.3f}")

# %%
# The epoch loss falls to a small fraction of its first value, and during the last
# epoch the network classifies most training points correctly. The exact numbers depend on the machine's floating-point
# arithmetic, so they are checked with a tolerance:
#
# >>> history[-1] < 0.25 * history[0]
# True
# >>> 0.85 < epoch_accuracy <= 1.0
# True
#
# Picture
# -------
# Left, the training loss per epoch. Right, what the network learned: the class it
# predicts at each point of the plane, with the training points on top.

grid = torch.linspace(-4, 4, 161)
grid_x, grid_y = torch.meshgrid(grid, grid, indexing="xy")
grid_points = torch.stack([grid_x.flatten(), grid_y.flatten()], dim=1).to(device)
with torch.no_grad():
    regions = model(grid_points).argmax(dim=1).reshape(grid_x.shape).cpu()

fig, (ax_loss, ax_map) = plt.subplots(1, 2, figsize=(9, 3.8), layout="constrained")
ax_loss.plot(range(1, len(history) + 1), history, marker="o")
ax_loss.set_xlabel("epoch")
ax_loss.set_ylabel("training loss")
ax_loss.set_title("Training loss")
ax_map.contourf(grid_x.numpy(), grid_y.numpy(), regions.numpy(), levels=[-0.5, 0.5, 1.5, 2.5],
                colors=["#fbb4ae", "#b3cde3", "#ccebc5"])
ax_map.scatter(points[:, 0].numpy(), points[:, 1].numpy(), s=6,
               c=[["#e41a1c", "#377eb8", "#4daf4a"][label] for label in labels])
ax_map.set_aspect("equal")
ax_map.set_title("Predicted class")
ax_map.set_xlabel("$x_1$")
ax_map.set_ylabel("$x_2$")
plt.show()

# %%
# Summary
# -------
# * A training step is ``zero_grad()``, forward pass, loss, ``backward()``,
#   ``step()``; the gradients must be cleared before ``backward()`` because they
#   accumulate.
# * Keep the hyper-parameters in one configuration dictionary and read them by name.
# * Decide the device once; move the model before building the optimizer, and move each
#   batch where it enters the step.
# * Average the epoch's loss over samples (batch mean × batch size), since the last
#   batch can be smaller.
# * The model and the loss are ``nn.Module`` objects; autograd records the graph nodes
#   that compute the backward pass.
