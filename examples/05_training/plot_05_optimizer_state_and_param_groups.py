"""
Inside an optimizer: state and parameter groups
===============================================

An :term:`optimizer` object holds two things: for every parameter, the tensors its
algorithm remembers between steps (the :term:`optimizer state`), and a list of
:term:`parameter groups <parameter group>`, each with its own hyperparameters. This page
opens both up for SGD with momentum and for Adam: the keys, shapes and dtypes of the
state, how steps are counted, when the state is created, how groups give biases a
different weight decay, and what ``state_dict()`` turns all of it into.
"""

import torch
from torch import nn

torch.manual_seed(0)

model = nn.Sequential(nn.Linear(3, 4), nn.ReLU(), nn.Linear(4, 1))
inputs = torch.randn(8, 3)


def train_steps(optimizer, steps):
    for _ in range(steps):
        optimizer.zero_grad()
        model(inputs).pow(2).mean().backward()
        optimizer.step()


for name, parameter in model.named_parameters():
    print(f"{name:9} {tuple(parameter.shape)}")

# %%
# ``optimizer.state``: what the algorithm remembers
# -------------------------------------------------
# ``optimizer.state`` is a dictionary keyed by the parameter tensors themselves. It
# starts empty: the state is created lazily, at the first ``step()``.

adam = torch.optim.Adam(model.parameters(), lr=0.01)
print(type(adam.state).__name__, len(adam.state))
train_steps(adam, 3)
for name, parameter in model.named_parameters():
    state = adam.state[parameter]
    print(f"{name:9}", {key: (tuple(value.shape), str(value.dtype)) for key, value in state.items()})

# %%
# For Adam every parameter has three entries: ``exp_avg`` and ``exp_avg_sq``, the moving
# averages :math:`m_t` and :math:`v_t` of the gradient and of its square, each with the
# parameter's shape, and ``step``, the step count :math:`t` for the bias correction,
# stored as a 0-dimensional float32 tensor:
#
# >>> sorted(adam.state[model[0].weight])
# ['exp_avg', 'exp_avg_sq', 'step']
# >>> adam.state[model[0].weight]["exp_avg"].shape == model[0].weight.shape
# True
# >>> adam.state[model[0].weight]["step"]
# tensor(3.)
#
# So Adam keeps two extra numbers per parameter: its state is twice as large as the
# model itself, a real cost for large models.
#
# >>> n_params = sum(p.numel() for p in model.parameters())
# >>> n_state = sum(s["exp_avg"].numel() + s["exp_avg_sq"].numel() for s in adam.state.values())
# >>> n_params, n_state
# (21, 42)
#
# Other optimizers remember other things. SGD with momentum keeps one
# ``momentum_buffer`` per parameter (and no step count); plain SGD keeps nothing at all:

sgd_momentum = torch.optim.SGD(model.parameters(), lr=0.01, momentum=0.9)
plain_sgd = torch.optim.SGD(model.parameters(), lr=0.01)
train_steps(sgd_momentum, 1)
train_steps(plain_sgd, 1)
print({name: list(sgd_momentum.state[p]) for name, p in model.named_parameters()})
print(len(plain_sgd.state))

# %%
# >>> list(sgd_momentum.state[model[2].bias])
# ['momentum_buffer']
# >>> len(plain_sgd.state)
# 0
#
# Adagrad is the exception to the lazy rule: it fills its state, the running sum of
# squared gradients (``sum``, started at ``initial_accumulator_value``) and a ``step``
# count, as soon as it is constructed:
#
# >>> adagrad = torch.optim.Adagrad(model.parameters())
# >>> len(adagrad.state), sorted(adagrad.state[model[0].bias])
# (4, ['step', 'sum'])

# %%
# Parameters without a gradient are skipped
# -----------------------------------------
# ``step()`` updates only parameters whose ``.grad`` is not ``None``: a frozen
# parameter (``requires_grad=False``), or one the loss does not depend on, stays in the
# optimizer's list but gets no state, no step count and no update.

model[0].weight.requires_grad_(False)
partly_frozen = torch.optim.Adam(model.parameters(), lr=0.01)
frozen_before = model[0].weight.clone()
train_steps(partly_frozen, 2)
print(len(partly_frozen.param_groups[0]["params"]), len(partly_frozen.state))
model[0].weight.requires_grad_(True)

# %%
# >>> len(partly_frozen.param_groups[0]["params"]), len(partly_frozen.state)
# (4, 3)
# >>> model[0].weight in partly_frozen.state, torch.equal(model[0].weight, frozen_before)
# (False, True)

# %%
# ``param_groups``: hyperparameters per group
# -------------------------------------------
# ``optimizer.param_groups`` is a list of dictionaries. Each has a ``params`` list and a
# full copy of the hyperparameters; when you pass ``model.parameters()`` there is one
# group with the constructor's values:
#
# >>> len(adam.param_groups), len(adam.param_groups[0]["params"])
# (1, 4)
# >>> adam.param_groups[0]["lr"], adam.param_groups[0]["betas"]
# (0.01, (0.9, 0.999))
#
# Passing a list of dictionaries instead creates several groups; keys missing from a
# group fall back to the constructor's keyword arguments. The common use is to exclude
# biases (and normalisation weights) from weight decay:

decay = [p for name, p in model.named_parameters() if name.endswith("weight")]
no_decay = [p for name, p in model.named_parameters() if name.endswith("bias")]
adamw = torch.optim.AdamW(
    [{"params": decay}, {"params": no_decay, "weight_decay": 0.0}],
    lr=1e-3,
    weight_decay=0.05,
)
for group in adamw.param_groups:
    print(len(group["params"]), "parameters, lr", group["lr"], "weight_decay", group["weight_decay"])

# %%
# >>> [(len(g["params"]), g["weight_decay"]) for g in adamw.param_groups]
# [(2, 0.05), (2, 0.0)]
#
# The values in a group are read at every step, so changing one changes the training
# from the next step on. This is how a learning-rate scheduler works: it writes a new
# ``lr`` into each group.
#
# >>> for group in adamw.param_groups:
# ...     group["lr"] = 1e-4
# >>> [g["lr"] for g in adamw.param_groups]
# [0.0001, 0.0001]
#
# ``add_param_group`` adds parameters later, for example a new layer while fine-tuning.
# A parameter may belong to one group only:
#
# >>> head = nn.Linear(1, 1)
# >>> adamw.add_param_group({"params": head.parameters(), "lr": 1e-3})
# >>> [(len(g["params"]), g["lr"], g["weight_decay"]) for g in adamw.param_groups]
# [(2, 0.0001, 0.05), (2, 0.0001, 0.0), (2, 0.001, 0.05)]
# >>> adamw.add_param_group({"params": [model[0].bias]})
# Traceback (most recent call last):
#     ...
# ValueError: some parameters appear in more than one parameter group
#
# One trap when building optimizers: ``model.parameters()`` is a generator, used up by
# the first optimizer that reads it. Passing the same generator to a second one gives
# it nothing:
#
# >>> parameters = model.parameters()
# >>> first = torch.optim.SGD(parameters, lr=0.1)
# >>> second = torch.optim.SGD(parameters, lr=0.1)
# Traceback (most recent call last):
#     ...
# ValueError: optimizer got an empty parameter list

# %%
# ``zero_grad()`` and ``step()`` act on every group
# -------------------------------------------------
# The update loop of an earlier chapter, ``optimizer.zero_grad()``, ``loss.backward()``,
# ``optimizer.step()``, goes through all groups: ``zero_grad()`` sets the ``.grad`` of
# each of their parameters to ``None`` (the default ``set_to_none=True``, see
# :doc:`../02_autograd/plot_04_accumulating_and_zeroing`), and ``step()`` updates each
# parameter with its group's values.
#
# >>> model(inputs).sum().backward()
# >>> adamw.zero_grad()
# >>> all(p.grad is None for g in adamw.param_groups for p in g["params"])
# True

# %%
# ``state_dict()``: the state without the tensors' identities
# -----------------------------------------------------------
# ``optimizer.state_dict()`` is what a checkpoint stores. Tensors as dictionary keys
# would not survive saving and loading (a loaded tensor is a new object), so the
# parameters are replaced by integers: their positions in the order of the groups'
# ``params`` lists. The state is keyed by those integers, and each group lists the
# integers of its parameters next to its hyperparameters:

saved = adam.state_dict()
print(list(saved), list(saved["state"]), saved["param_groups"][0]["params"])
print(sorted(saved["state"][0]))

# %%
# >>> list(saved)
# ['state', 'param_groups']
# >>> list(saved["state"]), saved["param_groups"][0]["params"]
# ([0, 1, 2, 3], [0, 1, 2, 3])
# >>> saved["state"][3]["step"]
# tensor(3.)
#
# Because the link between a saved state and a parameter is only its position,
# ``load_state_dict`` needs an optimizer built over the same parameters in the same
# order.
#
# Summary
# -------
# * ``optimizer.state[p]`` holds what the algorithm remembers for parameter ``p``:
#   Adam's ``exp_avg``, ``exp_avg_sq`` (parameter-shaped) and ``step`` (a float32
#   scalar tensor); SGD's ``momentum_buffer``; nothing for plain SGD.
# * State is created at the first ``step()`` (Adagrad's at construction); parameters
#   whose ``.grad`` is ``None`` get no state and no update.
# * ``optimizer.param_groups`` is a list of dictionaries of parameters and
#   hyperparameters; editing a group's ``lr`` is how schedulers work; groups give biases
#   ``weight_decay=0``.
# * ``state_dict()`` replaces parameters by their positions: ``{'state': {0: ...},
#   'param_groups': [{'params': [0, 1, ...], 'lr': ..., ...}]}``.
