"""
Defining a model: subclassing ``nn.Module``
===========================================

Every PyTorch model, from a two-layer network to a large language model, is a class
derived from :class:`torch.nn.Module`: ``__init__`` creates the layers, ``forward`` says
how an input becomes an output. This page builds a small network that way, shows why
``super().__init__()`` has to come first, and why you call ``model(x)`` rather than
``model.forward(x)``.
"""

from types import SimpleNamespace

import torch
import torch.nn.functional as F
from torch import nn

torch.manual_seed(0)

# %%
# A model is a class with two methods
# -----------------------------------
# A *module* owns its layers and :term:`parameters <parameter>`, and knows how to
# compute its output. To write one, subclass ``nn.Module``:
#
# * ``__init__`` calls ``super().__init__()`` and then creates the layers, assigning
#   each one to an attribute;
# * ``forward`` takes the input and returns the output, using those layers and any
#   tensor operations.
#
# The network below has two fully connected layers with a ReLU between them. With 10
# input features, 20 hidden units and 1 output, a batch of 5 samples gives 5 outputs.


class MyNet(nn.Module):
    def __init__(self, input_size, hidden_size, output_size):
        super().__init__()
        self.fc1 = nn.Linear(input_size, hidden_size)
        self.fc2 = nn.Linear(hidden_size, output_size)

    def forward(self, x):
        x = F.relu(self.fc1(x))
        x = self.fc2(x)
        return x


model = MyNet(10, 20, 1)
x = torch.randn(5, 10)  # 5 samples, 10 features each
y = model(x)
print(model)
print(y.shape)

# %%
# >>> y.shape
# torch.Size([5, 1])
# >>> isinstance(model, nn.Module), isinstance(model.fc1, nn.Module)
# (True, True)
#
# The layers are modules themselves: a model is a tree of modules, and printing it
# shows the tree (the layers assigned in ``__init__``, in that order; ``F.relu`` is a
# function, not a layer, so it does not appear). The next pages walk this tree.
#
# ``super(MyNet, self).__init__()``, the spelling of older code, does exactly the same
# as ``super().__init__()``; in Python 3 the arguments are optional.

# %%
# You write ``forward``; autograd gives you ``backward``
# ------------------------------------------------------
# There is no ``backward`` method to write. While ``forward`` runs, autograd records
# the operations on the layers' weights (they require gradients), so the output
# carries a :term:`computational graph` and ``backward()`` fills every weight's
# ``.grad``:

y.sum().backward()
print(y.grad_fn.name(), model.fc1.weight.grad.shape)

# %%
# >>> y.grad_fn.name()
# 'AddmmBackward0'
# >>> model.fc1.weight.grad.shape
# torch.Size([20, 10])
#
# The nodes of the graph (``AddmmBackward0`` here, a ``torch.autograd.graph.Node``,
# which PyTorch's tutorial calls a ``Function`` node) are created by *operations*. The
# weights are :term:`leaf tensors <leaf tensor>` made by the user, so they have none:
#
# >>> isinstance(y.grad_fn, torch.autograd.graph.Node)
# True
# >>> model.fc1.weight.grad_fn is None
# True
#
# .. pitfall:: Operations create graph nodes, not every tensor
#
#    A Chinese rendering of PyTorch's 60-minute tutorial says that every tensor creates
#    at least one ``Function`` node. The original says every tensor *operation* does.
#    Tensors that no operation produced, such as a model's weights or its input, have
#    ``grad_fn`` equal to ``None``. Even an operation creates a node only when gradient
#    tracking is on and at least one of its inputs requires gradients: the result of
#    ``x + 1`` has none, and neither has anything computed with tracking off.
#
#    >>> x.grad_fn is None, model.fc1.weight.grad_fn is None
#    (True, True)
#    >>> print((x + 1).grad_fn)
#    None
#    >>> with torch.no_grad():
#    ...     print(model(x).grad_fn)
#    None

# %%
# ``super().__init__()`` comes first
# ----------------------------------
# ``nn.Module.__init__`` creates the dictionaries in which a module keeps its
# parameters, submodules, buffers and hooks. Assigning a layer before they exist
# fails at once. Several model classes in the notes (a classification head and two
# feed-forward blocks of a Transformer) leave the call out entirely:


class MLP(nn.Module):  # written like the notes' feed-forward block
    def __init__(self, config):
        self.up_proj = nn.Linear(config.hidden_size, config.intermediate_size)
        self.down_proj = nn.Linear(config.intermediate_size, config.hidden_size)


config = SimpleNamespace(hidden_size=8, intermediate_size=32)
try:
    MLP(config)
except AttributeError as error:
    print(error)

# %%
# >>> MLP(config)
# Traceback (most recent call last):
#     ...
# AttributeError: cannot assign module before Module.__init__() call
#
# A parameter assigned too early fails the same way:
#
# >>> class Scale(nn.Module):
# ...     def __init__(self):
# ...         self.gain = nn.Parameter(torch.ones(3))
# >>> Scale()
# Traceback (most recent call last):
#     ...
# AttributeError: cannot assign parameters before Module.__init__() call
#
# A subclass that assigns neither can still be *created* without the call, but it
# breaks later, the first time it is called, with a less helpful message:
#
# >>> class Identity(nn.Module):
# ...     def __init__(self):
# ...         self.name = "identity"
# ...     def forward(self, x):
# ...         return x
# >>> Identity()(torch.ones(2))
# Traceback (most recent call last):
#     ...
# AttributeError: 'Identity' object has no attribute '_backward_hooks'
#
# .. pitfall:: A module that assigns layers before ``super().__init__()`` cannot be created
#
#    The notes' ``ModelHead`` and both ``MLP`` feed-forward blocks define ``__init__``
#    without calling ``super().__init__()``, so none of them can even be instantiated:
#    the first ``self.... = nn.Linear(...)`` raises ``AttributeError``. Call
#    ``super().__init__()`` as the first line of ``__init__``. (Their ``forward``
#    methods also pass ``dim=-1`` to ``F.tanh``, ``F.relu`` and ``F.silu``, which
#    take no such argument; that is a separate mistake, corrected on this chapter's
#    activation-functions page.)
#
#    >>> class FixedMLP(nn.Module):
#    ...     def __init__(self, config):
#    ...         super().__init__()
#    ...         self.up_proj = nn.Linear(config.hidden_size, config.intermediate_size)
#    ...         self.down_proj = nn.Linear(config.intermediate_size, config.hidden_size)
#    ...     def forward(self, x):
#    ...         return self.down_proj(F.relu(self.up_proj(x)))
#    >>> FixedMLP(config)(torch.randn(2, 4, 8)).shape
#    torch.Size([2, 4, 8])
#
# A class without ``forward`` can be created, but calling it tells you what is missing:
#
# >>> class NoForward(nn.Module):
# ...     def __init__(self):
# ...         super().__init__()
# ...         self.fc = nn.Linear(2, 2)
# >>> NoForward()(torch.ones(2))
# Traceback (most recent call last):
#     ...
# NotImplementedError: Module [NoForward] is missing the required "forward" function

# %%
# Call the module, not ``forward``
# --------------------------------
# ``model(x)`` does not go straight to ``forward``. ``nn.Module.__call__`` runs the
# :term:`hooks <hook>` registered on the module around it: *forward pre-hooks* before
# (they may change the input), *forward hooks* after (they may read or replace the
# output), and it sets up the backward hooks. ``model.forward(x)`` is a plain method
# call that skips all of them.
#
# Hooks are how tools observe or change a model without editing its code: activation
# recorders, the pruning utilities of ``torch.nn.utils.prune`` (a forward pre-hook
# recomputes the masked weight before every call), the observers of eager-mode
# quantisation. Here a forward hook records the shape of
# every output it sees, on the model and on its first layer:

seen = []


def record(module, inputs, output):
    seen.append((type(module).__name__, tuple(output.shape)))


handles = [model.register_forward_hook(record), model.fc1.register_forward_hook(record)]

model(x)
print("model(x):        ", seen)
seen.clear()
model.forward(x)
print("model.forward(x):", seen)

# %%
# Calling the model runs both hooks: the layer's first (it finishes first), then the
# model's. Calling ``forward`` directly skips the model's own hook; the layer's hook
# still runs only because ``forward`` calls ``self.fc1(...)``, the layer's
# ``__call__``:
#
# >>> seen.clear(); _ = model(x); seen
# [('Linear', (5, 20)), ('MyNet', (5, 1))]
# >>> seen.clear(); _ = model.forward(x); seen
# [('Linear', (5, 20))]
#
# A hook that returns a value replaces the output, so the two calls can even return
# different results:


def double(module, inputs, output):
    return 2 * output


doubling = model.register_forward_hook(double)
print(torch.equal(model(x), 2 * model.forward(x)))

# %%
# >>> torch.equal(model(x), 2 * model.forward(x))
# True
#
# ``register_forward_hook`` returns a handle; ``remove()`` unregisters the hook.

doubling.remove()
for handle in handles:
    handle.remove()

# %%
# >>> seen.clear(); _ = model(x); seen
# []
#
# So always call a module as ``module(input)``, also inside your own ``forward`` (as
# ``self.fc1(x)`` above): only then do its hooks, and the tools built on them, run.

# %%
# ``forward`` is ordinary Python
# ------------------------------
# Nothing forces ``forward`` to be a simple chain of layers. It can reuse a layer,
# add a skip connection, branch on a Python value or loop: autograd records whatever
# operations actually ran. The block below applies *the same* linear layer
# ``n_steps`` times with a residual connection; reusing a layer shares its weights, so
# the number of parameters does not depend on ``n_steps``.


class ResidualRepeat(nn.Module):
    def __init__(self, width, n_steps):
        super().__init__()
        self.layer = nn.Linear(width, width)
        self.n_steps = n_steps

    def forward(self, x):
        for _ in range(self.n_steps):
            x = x + torch.tanh(self.layer(x))
        return x


short, long = ResidualRepeat(4, n_steps=1), ResidualRepeat(4, n_steps=10)
inputs = torch.randn(3, 4)
print(long(inputs).shape)
print(sum(p.numel() for p in short.parameters()), sum(p.numel() for p in long.parameters()))

# %%
# >>> long(inputs).shape
# torch.Size([3, 4])
# >>> sum(p.numel() for p in long.parameters())  # 4 * 4 weights + 4 biases
# 20
#
# The recorded graph, on the other hand, does grow: the gradient of ``long`` flows
# through ten applications of the layer, and the layer's ``.grad`` sums the
# contributions of all ten.
#
# Summary
# -------
# * A model subclasses ``nn.Module``: ``__init__`` calls ``super().__init__()`` first,
#   then assigns layers to attributes; ``forward`` computes the output.
# * ``backward`` is not written by hand: autograd records ``forward``'s operations.
# * Call ``model(x)``, not ``model.forward(x)``: only ``__call__`` runs the module's
#   hooks.
# * ``forward`` is plain Python; reusing a layer reuses (shares) its parameters.
