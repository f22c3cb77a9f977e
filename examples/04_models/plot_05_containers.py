"""
Containers: ``Sequential``, ``ModuleList`` and ``ModuleDict``
=============================================================

Three modules exist to hold other modules. ``nn.Sequential`` chains layers and is a
model by itself; ``nn.ModuleList`` and ``nn.ModuleDict`` are a list and a dictionary of
layers that *register* what they hold, for a ``forward`` you write yourself. This page
shows each, the names they give to the parameters, and what goes wrong with a plain
Python list instead.
"""

from collections import OrderedDict

import torch
from torch import nn

torch.manual_seed(0)

# %%
# ``nn.Sequential``: a chain of layers
# ------------------------------------
# ``nn.Sequential(a, b, c)`` is a module whose ``forward`` calls ``a``, then ``b`` on
# the result, then ``c``. For a network that is a simple chain, it replaces a whole
# class. The classic MNIST classifier, from 784 pixels to 10 classes:

net = nn.Sequential(
    nn.Linear(784, 256),
    nn.ReLU(),
    nn.Linear(256, 10),
)
print(net)
print(net(torch.randn(32, 784)).shape)

# %%
# >>> net(torch.randn(32, 784)).shape
# torch.Size([32, 10])
#
# Passed as positional arguments, the layers are named by their position, ``0``, ``1``,
# ``2``, and so are their parameters. The ReLU has no parameters, hence the gap:
#
# >>> [name for name, _ in net.named_parameters()]
# ['0.weight', '0.bias', '2.weight', '2.bias']
#
# A ``Sequential`` can be indexed and sliced like a list; a slice is a ``Sequential``
# again, for example the network without its output layer:
#
# >>> net[0]
# Linear(in_features=784, out_features=256, bias=True)
# >>> net[:2]
# Sequential(
#   (0): Linear(in_features=784, out_features=256, bias=True)
#   (1): ReLU()
# )
# >>> len(net), net[-1].out_features
# (3, 10)

# %%
# Names with an ``OrderedDict``
# -----------------------------
# Given an ``OrderedDict`` instead, ``Sequential`` uses its keys as the names. The
# layers are then reachable as attributes and the parameter names say what they are:

named = nn.Sequential(
    OrderedDict(
        [
            ("hidden", nn.Linear(784, 256)),
            ("act", nn.ReLU()),
            ("output", nn.Linear(256, 10)),
        ]
    )
)
print(named)

# %%
# >>> [name for name, _ in named.named_parameters()]
# ['hidden.weight', 'hidden.bias', 'output.weight', 'output.bias']
# >>> named.output is named[2]
# True
#
# Integer indices still work; the names are attributes, not keys:
#
# >>> named["output"]
# Traceback (most recent call last):
#     ...
# TypeError: 'str' object cannot be interpreted as an integer
#
# ``Sequential`` passes exactly one value from layer to layer, so it fits only
# networks that are a single chain. A module that needs two inputs, or a skip
# connection, needs its own ``forward``:
#
# >>> net(torch.randn(2, 784), torch.randn(2, 784))
# Traceback (most recent call last):
#     ...
# TypeError: Sequential.forward() takes 2 positional arguments but 3 were given
#
# ``append``, ``extend`` and ``insert`` add layers to an existing ``Sequential``.

# %%
# ``nn.ModuleList``: a list that registers its layers
# ---------------------------------------------------
# When ``forward`` is more than a chain, for example a loop over a variable number of
# layers, keep the layers in an ``nn.ModuleList``. It behaves like a Python list
# (indexing, iteration, ``append``, ``extend``, ``insert``), and it registers every
# layer it holds as a submodule. The example of the PyTorch documentation reuses the
# layers in an unusual pattern: step ``i`` adds the outputs of layer ``i // 2`` and
# layer ``i``.


class MyModule(nn.Module):
    def __init__(self):
        super().__init__()
        self.linears = nn.ModuleList([nn.Linear(10, 10) for _ in range(10)])

    def forward(self, x):
        for i, layer in enumerate(self.linears):
            x = self.linears[i // 2](x) + layer(x)
        return x


looped = MyModule()
print(looped(torch.randn(3, 10)).shape)

# %%
# The parameters of all ten layers are registered, named by the attribute and the
# position:
#
# >>> sum(p.numel() for p in looped.parameters())  # 10 * (10 * 10 + 10)
# 1100
# >>> [name for name, _ in looped.named_parameters()][:3]
# ['linears.0.weight', 'linears.0.bias', 'linears.1.weight']
#
# Unlike ``Sequential``, a ``ModuleList`` has no ``forward``: it is storage, and the
# owning module decides how to use it.
#
# >>> layers = nn.ModuleList([nn.Linear(2, 2)])
# >>> layers.extend([nn.ReLU(), nn.Linear(2, 3)])
# ModuleList(
#   (0): Linear(in_features=2, out_features=2, bias=True)
#   (1): ReLU()
#   (2): Linear(in_features=2, out_features=3, bias=True)
# )
# >>> layers(torch.ones(2))
# Traceback (most recent call last):
#     ...
# NotImplementedError: Module [ModuleList] is missing the required "forward" function

# %%
# A plain Python list hides the layers
# ------------------------------------
# The same model written with a plain list looks identical and even runs, but
# ``nn.Module`` registers only values that are modules, parameters or buffers
# themselves; it does not look inside lists. The layers are invisible:


class ListModel(nn.Module):
    def __init__(self):
        super().__init__()
        self.layers = [nn.Linear(10, 10) for _ in range(3)]  # a plain list

    def forward(self, x):
        for layer in self.layers:
            x = layer(x)
        return x


hidden = ListModel()
print(hidden(torch.randn(3, 10)).shape)
print(hidden)
print(len(list(hidden.parameters())), list(hidden.state_dict()))

# %%
# >>> len(list(hidden.parameters())), list(hidden.state_dict())
# (0, [])
#
# An optimiser receives its parameters from ``parameters()``. Here it gets none and
# refuses to start:
#
# >>> torch.optim.SGD(hidden.parameters(), lr=0.1)
# Traceback (most recent call last):
#     ...
# ValueError: optimizer got an empty parameter list
#
# The dangerous case is a model that also has registered layers: an optimiser then
# starts without complaint and trains only part of the model, ``model.to(device)``
# leaves the listed layers behind, and a saved checkpoint lacks them.


class PartlyHidden(nn.Module):
    def __init__(self):
        super().__init__()
        self.blocks = [nn.Linear(10, 10) for _ in range(3)]  # not registered
        self.head = nn.Linear(10, 2)  # registered

    def forward(self, x):
        for block in self.blocks:
            x = torch.tanh(block(x))
        return self.head(x)


partly = PartlyHidden()
trained = sum(p.numel() for p in partly.parameters())  # what an optimiser would get
used = sum(p.numel() for layer in [*partly.blocks, partly.head] for p in layer.parameters())
print(f"an optimiser built from parameters() updates {trained} of the {used} parameters in use")

# %%
# >>> trained, used
# (22, 352)
# >>> partly.double().blocks[0].weight.dtype  # .double() did not reach the list
# torch.float32
#
# .. pitfall:: Layers in a Python list are not part of the model
#
#    Keeping layers in a plain ``list`` (or ``dict``) instead of ``nn.ModuleList``
#    (``nn.ModuleDict``) gives no error: ``forward`` runs. But ``parameters()``,
#    ``state_dict()``, ``.to()``, ``train()``/``eval()`` and printing all skip those
#    layers, so the optimiser never updates them and checkpoints do not contain them.
#    Wrap the list: ``self.blocks = nn.ModuleList([...])``.
#
#    >>> partly.blocks = nn.ModuleList(partly.blocks)
#    >>> sum(p.numel() for p in partly.parameters())
#    352
#
# For lists and dictionaries of bare ``nn.Parameter`` objects there are
# ``nn.ParameterList`` and ``nn.ParameterDict``, which register the same way.
#
# >>> scales = nn.ParameterList([nn.Parameter(torch.ones(4)) for _ in range(3)])
# >>> [name for name, _ in scales.named_parameters()]
# ['0', '1', '2']

# %%
# ``nn.ModuleDict``: layers chosen by name
# ----------------------------------------
# ``nn.ModuleDict`` is the dictionary counterpart: string keys, modules as values,
# registered under their keys, in insertion order. It supports ``d[key]``,
# ``d[key] = module``, ``in``, ``keys()``, ``items()``, ``pop`` and ``update``, and each
# value is also reachable as an attribute.

layers = nn.ModuleDict({"linear": nn.Linear(784, 256), "act": nn.ReLU()})
layers["output"] = nn.Linear(256, 10)  # added like a dict item
print(layers["linear"])  # accessed like a dict item
print(layers.output)  # or as an attribute
print(layers)

# %%
# >>> list(layers.keys())
# ['linear', 'act', 'output']
# >>> [name for name, _ in layers.named_parameters()]
# ['linear.weight', 'linear.bias', 'output.weight', 'output.bias']
#
# The keys become parts of dotted parameter names, so they may not contain a dot:
#
# >>> layers["a.b"] = nn.ReLU()
# Traceback (most recent call last):
#     ...
# KeyError: 'module name can\'t contain ".", got: a.b'
#
# Like ``ModuleList``, a ``ModuleDict`` has no ``forward``, and calling it raises
# ``NotImplementedError``, as the notes say. The order of its items does not make it a
# pipeline:
#
# >>> layers(torch.zeros(1, 784))
# Traceback (most recent call last):
#     ...
# NotImplementedError: Module [ModuleDict] is missing the required "forward" function
#
# Its purpose is a ``forward`` that picks a layer by name. A model with one shared
# body and one output head per task is a typical case:


class MultiTask(nn.Module):
    def __init__(self):
        super().__init__()
        self.body = nn.Sequential(nn.Linear(16, 32), nn.ReLU())
        self.heads = nn.ModuleDict({"sentiment": nn.Linear(32, 2), "topic": nn.Linear(32, 5)})

    def forward(self, x, task):
        return self.heads[task](self.body(x))


multitask = MultiTask()
features = torch.randn(4, 16)
print(multitask(features, "sentiment").shape, multitask(features, "topic").shape)

# %%
# >>> multitask(features, "sentiment").shape, multitask(features, "topic").shape
# (torch.Size([4, 2]), torch.Size([4, 5]))
# >>> [name for name, _ in multitask.named_parameters()]  # doctest: +NORMALIZE_WHITESPACE
# ['body.0.weight', 'body.0.bias', 'heads.sentiment.weight', 'heads.sentiment.bias',
#  'heads.topic.weight', 'heads.topic.bias']
#
# Summary
# -------
# * ``nn.Sequential(...)`` chains layers and has a ``forward``; positional layers are
#   named ``0``, ``1``, ...; an ``OrderedDict`` gives them names (attributes).
# * ``nn.ModuleList`` and ``nn.ModuleDict`` register the modules they hold but have no
#   ``forward``: calling them raises ``NotImplementedError``. Use them in your own
#   ``forward``.
# * A plain ``list`` or ``dict`` of layers is invisible to ``parameters()``,
#   ``state_dict()`` and ``.to()``: the optimiser does not train those layers.
