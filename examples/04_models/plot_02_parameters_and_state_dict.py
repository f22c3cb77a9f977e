"""
Inside a model: parameters, submodules and the state dict
=========================================================

A model is a tree of modules, and PyTorch gives you several ways to walk it:
``parameters`` and ``named_parameters`` for the trainable tensors, ``children`` and
``modules`` for the submodules, ``state_dict`` for everything that is saved. This page
uses them on a small nested classifier, pins what each one returns, and counts the
parameters by hand to check them.
"""

import matplotlib.pyplot as plt
import torch
from torch import nn

torch.manual_seed(0)

# %%
# A nested model
# --------------
# The classifier has two identical blocks (a linear layer, a
# batch normalisation layer and a ReLU) followed by a
# linear head. ``Block`` is itself a module, so the model is a tree three levels deep.


class Block(nn.Module):
    def __init__(self, n_in, n_out):
        super().__init__()
        self.linear = nn.Linear(n_in, n_out)
        self.norm = nn.BatchNorm1d(n_out)
        self.act = nn.ReLU()

    def forward(self, x):
        return self.act(self.norm(self.linear(x)))


class Classifier(nn.Module):
    def __init__(self, n_features, width, n_classes):
        super().__init__()
        self.block1 = Block(n_features, width)
        self.block2 = Block(width, width)
        self.head = nn.Linear(width, n_classes)

    def forward(self, x):
        return self.head(self.block2(self.block1(x)))


model = Classifier(n_features=4, width=8, n_classes=3)
print(model)
print(model(torch.randn(16, 4)).shape)

# %%
# Parameters and their names
# --------------------------
# ``parameters()`` yields every :term:`parameter` of the module and of all its
# submodules, recursively: a module's own parameters first, then those of each
# submodule in the order the submodules were assigned. ``named_parameters()`` yields
# the same tensors with their dotted paths through the tree, the names you see in
# error messages and in saved checkpoints.

for name, parameter in model.named_parameters():
    print(f"{name:22} {tuple(parameter.shape)}")

# %%
# >>> [name for name, _ in model.named_parameters()]  # doctest: +NORMALIZE_WHITESPACE
# ['block1.linear.weight', 'block1.linear.bias', 'block1.norm.weight', 'block1.norm.bias',
#  'block2.linear.weight', 'block2.linear.bias', 'block2.norm.weight', 'block2.norm.bias',
#  'head.weight', 'head.bias']
# >>> len(list(model.parameters()))
# 10
#
# A linear layer's weight has the shape ``[out_features, in_features]`` (the page on
# linear layers explains why), so ``block1.linear.weight`` is ``[8, 4]``:
#
# >>> model.block1.linear.weight.shape, model.head.weight.shape
# (torch.Size([8, 4]), torch.Size([3, 8]))
#
# ``recurse=False`` restricts the walk to the module's own parameters. The classifier
# has none of its own: all of them belong to its layers.
#
# >>> len(list(model.parameters(recurse=False))), len(list(model.head.parameters(recurse=False)))
# (0, 2)
#
# A dotted name leads back to its tensor or module:
#
# >>> model.get_parameter("block2.norm.weight").shape
# torch.Size([8])
# >>> model.get_submodule("block2.norm")
# BatchNorm1d(8, eps=1e-05, momentum=0.1, affine=True, bias=True, track_running_stats=True)

# %%
# Counting parameters, and checking by hand
# -----------------------------------------
# The usual one-liner adds up the number of elements of every parameter:

n_parameters = sum(p.numel() for p in model.parameters())
print(n_parameters)

# %%
# By hand: ``nn.Linear(n_in, n_out)`` has ``n_in * n_out`` weights and ``n_out``
# biases; ``nn.BatchNorm1d(n)`` has a scale and a shift per feature, ``2 * n``; ReLU has
# none. For the two blocks and the head:
#
# .. math::
#
#    \underbrace{(4\cdot 8 + 8) + 2\cdot 8}_{\text{block1}}
#    + \underbrace{(8\cdot 8 + 8) + 2\cdot 8}_{\text{block2}}
#    + \underbrace{8\cdot 3 + 3}_{\text{head}}
#    = 56 + 88 + 27 = 171.
#
# >>> (4 * 8 + 8) + 2 * 8 + (8 * 8 + 8) + 2 * 8 + (8 * 3 + 3)
# 171
# >>> n_parameters
# 171
#
# Only the parameters that require gradients are trained. Freezing the first block
# (a common step in fine-tuning) removes its 56 parameters from the trainable count,
# though not from the model:

for parameter in model.block1.parameters():
    parameter.requires_grad_(False)
n_trainable = sum(p.numel() for p in model.parameters() if p.requires_grad)
print(n_trainable)

# %%
# >>> n_trainable
# 115

for parameter in model.block1.parameters():
    parameter.requires_grad_(True)

# %%
# Submodules: ``children`` and ``modules``
# ----------------------------------------
# ``children()`` yields the direct submodules only; ``modules()`` walks the whole tree,
# depth first, *starting with the module itself*. The ``named_`` versions add the
# dotted names; the root's name is the empty string.
#
# >>> [type(m).__name__ for m in model.children()]
# ['Block', 'Block', 'Linear']
# >>> [name for name, _ in model.named_children()]
# ['block1', 'block2', 'head']
# >>> [type(m).__name__ for m in model.modules()]  # doctest: +NORMALIZE_WHITESPACE
# ['Classifier', 'Block', 'Linear', 'BatchNorm1d', 'ReLU',
#  'Block', 'Linear', 'BatchNorm1d', 'ReLU', 'Linear']
# >>> [name for name, _ in model.named_modules()][:5]
# ['', 'block1', 'block1.linear', 'block1.norm', 'block1.act']
#
# ``modules()`` is what to use to find every layer of a kind, for example to
# initialise all linear layers, wherever they sit in the tree:

linears = [m for m in model.modules() if isinstance(m, nn.Linear)]
print(len(linears))

# %%
# >>> len(linears)
# 3
#
# A module or parameter that appears twice in the tree (a layer shared by two
# branches, or tied weights) is yielded once: both walks remember what they have
# already visited, so a shared layer is not counted twice.
#
# >>> class Twice(nn.Module):
# ...     def __init__(self):
# ...         super().__init__()
# ...         self.first = nn.Linear(2, 2)
# ...         self.second = self.first  # the same layer under a second name
# >>> len(list(Twice().modules())), sum(p.numel() for p in Twice().parameters())
# (2, 6)

# %%
# The state dict: what gets saved
# -------------------------------
# ``state_dict()`` returns the model's :term:`state dict`, an ordered dictionary from
# dotted names to tensors: every parameter **and** every (persistent) *buffer*, the
# tensors a module keeps that are not trained. Batch normalisation keeps three buffers: the running mean and variance it
# uses in evaluation mode, and a counter of the batches it has seen (the
# :ref:`page on parameters and buffers <sphx_glr_auto_examples_04_models_plot_03_parameters_buffers_and_attributes.py>`
# explains buffers, the
# :ref:`page on modes <sphx_glr_auto_examples_04_models_plot_04_train_and_eval_modes.py>`
# what they do).

state = model.state_dict()
for name, tensor in state.items():
    print(f"{name:32} {tuple(tensor.shape)}")

# %%
# >>> type(state).__name__, len(state)
# ('OrderedDict', 16)
# >>> [name for name in state if name.startswith("block1.norm")]  # doctest: +NORMALIZE_WHITESPACE
# ['block1.norm.weight', 'block1.norm.bias', 'block1.norm.running_mean',
#  'block1.norm.running_var', 'block1.norm.num_batches_tracked']
# >>> [name for name, _ in model.named_buffers()][:3]
# ['block1.norm.running_mean', 'block1.norm.running_var', 'block1.norm.num_batches_tracked']
#
# So the state dict holds more numbers than ``parameters()``: the 171 parameters, plus
# two buffers of 8 values and one scalar counter per normalisation layer.
#
# >>> sum(t.numel() for t in state.values())
# 205
# >>> 171 + 2 * (8 + 8 + 1)
# 205
#
# ``load_state_dict`` copies such a dictionary into a model with the same structure,
# matching tensors by name. This is how a trained model is saved and restored; writing
# it to a file is shown in the chapter on training.

copy = Classifier(n_features=4, width=8, n_classes=3)  # different random weights
result = copy.load_state_dict(model.state_dict())
print(result)

# %%
# >>> result.missing_keys, result.unexpected_keys
# ([], [])
# >>> torch.equal(copy.head.weight, model.head.weight)
# True
#
# By default (``strict=True``) a missing or unexpected key is an error, so the
# returned lists of keys that did not match are empty unless ``strict=False``:
#
# >>> extra = dict(model.state_dict(), extra=torch.zeros(1))
# >>> copy.load_state_dict(extra)
# Traceback (most recent call last):
#     ...
# RuntimeError: Error(s) in loading state_dict for Classifier:...Unexpected key(s) in state_dict: "extra"...
# >>> copy.load_state_dict(extra, strict=False).unexpected_keys
# ['extra']
#
# .. pitfall:: ``state_dict()`` shares memory with the model; it is not a snapshot
#
#    ``state_dict()`` returns tensors *detached* from the graph but sharing memory
#    with the parameters. Code that keeps ``best = model.state_dict()`` during
#    training, to restore the best model later, keeps nothing: the optimiser updates
#    the parameters in place, and ``best`` changes with them. Copy the tensors
#    (``copy.deepcopy(model.state_dict())``, or ``{k: v.clone() for k, v in ...}``).
#
#    >>> best = model.state_dict()
#    >>> snapshot = {name: t.clone() for name, t in best.items()}
#    >>> with torch.no_grad():
#    ...     model.head.bias.add_(1.0)  # stands in for an optimiser step
#    Parameter containing:
#    tensor([...], requires_grad=True)
#    >>> torch.equal(best["head.bias"], model.head.bias), torch.equal(snapshot["head.bias"], model.head.bias)
#    (True, False)
#    >>> best["head.bias"].requires_grad
#    False

# %%
# The parameter tree as a picture
# -------------------------------
# Per layer, the number of trained parameters and of buffer elements (state that is
# saved but not trained). The linear layers hold most of the parameters; the
# normalisation layers hold all the buffers.

names, n_params, n_buffers = [], [], []
for name, module in model.named_modules():
    if not list(module.children()):  # the leaves of the tree: the layers
        names.append(name)
        n_params.append(sum(p.numel() for p in module.parameters()))
        n_buffers.append(sum(b.numel() for b in module.buffers()))

rows = torch.arange(len(names), dtype=torch.float32)
fig, ax = plt.subplots(figsize=(7, 3.6), layout="constrained")
ax.barh(rows - 0.2, n_params, height=0.4, label="parameters")
ax.barh(rows + 0.2, n_buffers, height=0.4, label="buffer elements")
ax.set_yticks(rows.tolist(), names)
ax.invert_yaxis()
for row, count, extra in zip(rows.tolist(), n_params, n_buffers):
    ax.text(count + 0.5, row - 0.2, str(count), va="center", fontsize=8)
    if extra:
        ax.text(extra + 0.5, row + 0.2, str(extra), va="center", fontsize=8)
ax.set_xlabel("number of values")
ax.set_title("What state_dict() holds, layer by layer")
ax.legend(loc="lower right")
plt.show()

# %%
# Summary
# -------
# * ``parameters()`` / ``named_parameters()`` walk the whole tree; names are dotted
#   paths such as ``block1.linear.weight``.
# * ``children()`` yields the direct submodules; ``modules()`` the whole tree,
#   starting with the model itself. Shared modules and parameters appear once.
# * Parameter count: ``sum(p.numel() for p in model.parameters())``; a linear layer
#   has ``in * out + out``. Add ``if p.requires_grad`` for the trainable ones.
# * ``state_dict()`` maps names to parameters *and* buffers; its tensors share memory
#   with the model, so clone them to keep a snapshot. ``load_state_dict`` restores one
#   into a model of the same structure.
