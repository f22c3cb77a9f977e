"""
The computational graph: grad_fn, next_functions and the chain rule
===================================================================

While the forward pass runs, autograd records a :term:`graph <computational graph>` of
the operations that need :term:`gradients <gradient>`. This page looks inside that
graph: what ``grad_fn`` and ``next_functions`` contain, how :term:`backpropagation`
applies the :term:`chain rule` node by node, why the graph is rebuilt on every forward
pass, and how models and losses relate to it. The graph drawn at the end is read from a
real ``grad_fn`` chain.
"""

import matplotlib.pyplot as plt
import torch
from torch import nn

torch.manual_seed(0)

# %%
# Recorded operations: ``grad_fn``
# --------------------------------
# With grad mode on, almost every floating-point (or complex) tensor computed from
# tensors that require gradients carries a ``grad_fn``: the backward node that knows
# how to turn the gradient of this output into gradients of that operation's inputs.
# Tensors created directly by you have ``grad_fn = None``. Printing a node shows its
# memory address, which changes from run to run, so the cells print its ``name()``
# instead.

x = torch.tensor([[1.0, 0.0], [-1.0, 1.0]], requires_grad=True)
squares = x.pow(2)
z = squares.sum()
print(x.grad_fn)
print(squares.grad_fn.name())
print(z.grad_fn.name())

# %%
# >>> x.grad_fn is None
# True
# >>> squares.grad_fn.name(), z.grad_fn.name()
# ('PowBackward0', 'SumBackward0')
# >>> type(squares.grad_fn).__name__
# 'PowBackward0'
#
# Results that cannot have a gradient get no ``grad_fn``, even from inputs that require
# gradients: integer and boolean results such as ``argmax``, comparisons or
# ``nonzero``. The path of the gradient ends there.
#
# >>> x.argmax().grad_fn is None, (x > 0).grad_fn is None, x.nonzero().grad_fn is None
# (True, True, True)
# >>> x.argmax().dtype, x.argmax().requires_grad
# (torch.int64, False)
#
# A few floating-point results get none either: those of the rare operations that
# autograd treats as non-differentiable, such as the histogram ``torch.histc``, and of
# factories like ``torch.zeros_like``, which read only the input's shape and dtype.
#
# >>> torch.histc(x, bins=4).grad_fn is None, torch.zeros_like(x).grad_fn is None
# (True, True)
#
# ``grad_fn.next_functions`` lists the nodes that come next on the way back to the
# inputs, one pair ``(node, index)`` per input of the operation. The chain of ``z`` ends
# in an ``AccumulateGrad`` node, whose job is to add the arriving gradient into the
# ``.grad`` of a leaf; its ``variable`` attribute is that leaf.

node = z.grad_fn
while node is not None:
    print(type(node).__name__)
    node = node.next_functions[0][0] if node.next_functions else None

# %%
# >>> z.grad_fn.next_functions[0][0] is squares.grad_fn
# True
# >>> accumulate = squares.grad_fn.next_functions[0][0]
# >>> type(accumulate).__name__, accumulate.variable is x
# ('AccumulateGrad', True)

# %%
# Backpropagation: the chain rule, node by node
# ---------------------------------------------
# Backpropagation is the chain rule applied node by node along this chain. Write
# :math:`s = x^2` (element-wise) and :math:`z = \sum_{i,j} s_{ij}`. ``SumBackward0``
# starts from :math:`\partial z / \partial z = 1` and passes
# :math:`\partial z / \partial s_{ij} = 1` on; ``PowBackward0`` multiplies by
# :math:`\partial s_{ij} / \partial x_{ij} = 2 x_{ij}`; ``AccumulateGrad`` stores the
# product in ``x.grad``:
#
# .. math::
#
#    \frac{\partial z}{\partial x_{ij}}
#    = \frac{\partial z}{\partial s_{ij}}\,\frac{\partial s_{ij}}{\partial x_{ij}}
#    = 1 \cdot 2 x_{ij}.
#
# A node can be called with the gradient of its output, which performs exactly one of
# these steps:

with torch.no_grad():
    grad_squares = z.grad_fn(torch.tensor(1.0))
    grad_x = squares.grad_fn(grad_squares)
print(grad_squares)
print(grad_x)

# %%
# >>> grad_x
# tensor([[ 2.,  0.],
#         [-2.,  2.]])

# %%
# A new graph on every forward pass
# ---------------------------------
# The graph is recorded anew on every forward pass, while the code runs
# ("define-by-run"). Ordinary Python control flow therefore decides which operations
# end up in it:


def forward(t):
    if t.sum() > 0:
        return t.exp().sum()
    return (t**2).sum()


print(type(forward(x).grad_fn.next_functions[0][0]).__name__)
print(type(forward(-x - 1).grad_fn.next_functions[0][0]).__name__)

# %%
# >>> type(forward(x).grad_fn.next_functions[0][0]).__name__
# 'ExpBackward0'
# >>> type(forward(-x - 1).grad_fn.next_functions[0][0]).__name__
# 'PowBackward0'

# %%
# Modules, losses and autograd Functions
# --------------------------------------
# ``grad_fn`` nodes come from individual operations, not from models. An ``nn.Module``
# (a model, a layer or a loss such as ``nn.CrossEntropyLoss``) is an ordinary Python
# object whose ``forward`` calls tensor operations; each of those operations records
# its own backward node. A custom differentiable operation is written by subclassing
# ``torch.autograd.Function`` (with ``forward`` and ``backward`` static methods), which
# is a different thing from ``nn.Module``.
#
# A tiny linear model with a cross-entropy loss shows the chain that ``loss.backward()``
# walks. The loss contributes two nodes (log-softmax, then negative log-likelihood), and
# the ``nn.Linear`` layer one matrix-multiply-add node plus a transpose of its weight.

model = nn.Linear(3, 2)
inputs = torch.randn(4, 3)
targets = torch.tensor([0, 1, 1, 0])
loss = nn.CrossEntropyLoss()(model(inputs), targets)
print(loss)

node = loss.grad_fn
while node is not None:
    print(type(node).__name__)
    children = [child for child, _ in node.next_functions if child is not None]
    node = children[-1] if children else None

# %%
# >>> type(loss.grad_fn).__name__
# 'NllLossBackward0'
# >>> type(loss.grad_fn.next_functions[0][0]).__name__
# 'LogSoftmaxBackward0'
# >>> isinstance(model, torch.autograd.Function), isinstance(model, nn.Module)
# (False, True)
#
# The input batch ``inputs`` (like a batch from a ``DataLoader``) does not require
# gradients; only the parameters do. That is why ``next_functions`` of the matrix
# multiply contains ``None`` in the position of the input:
#
# >>> inputs.requires_grad, model.weight.requires_grad, model.bias.requires_grad
# (False, True, True)
# >>> addmm = loss.grad_fn.next_functions[0][0].next_functions[0][0]
# >>> [type(n).__name__ if n is not None else None for n, _ in addmm.next_functions]
# ['AccumulateGrad', None, 'TBackward0']
#
# .. pitfall:: A model is an ``nn.Module``, not an autograd Function
#
#    It is tempting to say that the model or the loss "is a Function object" with its
#    own backward method. A model is an ``nn.Module``; the graph consists of one node
#    per recorded tensor operation inside its ``forward``. A loss module likewise
#    records the nodes of the operations it performs (two for cross-entropy). Tensors
#    are not Function objects either: a non-leaf tensor *refers* to the node that
#    created it through ``grad_fn``.
#
#    >>> isinstance(loss.grad_fn, torch.autograd.Function)
#    False
#    >>> isinstance(nn.CrossEntropyLoss(), nn.Module)
#    True

# %%
# Drawing the graph
# -----------------
# The function below walks ``next_functions`` from a tensor's ``grad_fn`` and draws
# every node it meets, placing each node one row below the deepest node that points to
# it. Arrows follow the direction in which gradients flow, from the output towards the
# leaves. Leaves appear as ``AccumulateGrad`` nodes labelled with the parameter they
# feed.


def graph_of(tensor, names):
    """Nodes, edges and depth of the backward graph that ends in ``tensor``."""
    order, edges = [tensor.grad_fn], []
    for node in order:
        for child, _ in node.next_functions:
            if child is None:
                continue
            edges.append((node, child))
            if child not in order:
                order.append(child)
    depth = {node: 0 for node in order}
    for _ in order:  # longest path from the output; a graph has no cycles
        for parent, child in edges:
            depth[child] = max(depth[child], depth[parent] + 1)
    labels = {}
    for node in order:
        label = type(node).__name__
        if hasattr(node, "variable"):
            label += "\n" + names.get(id(node.variable), "leaf")
        labels[node] = label
    return depth, edges, labels


def draw_graph(tensor, names, ax):
    depth, edges, labels = graph_of(tensor, names)
    rows = {}
    for node, level in depth.items():
        rows.setdefault(level, []).append(node)
    position = {}
    for level, nodes in rows.items():
        for i, node in enumerate(nodes):
            position[node] = (i - (len(nodes) - 1) / 2, -level)
    for parent, child in edges:
        ax.annotate("", xy=position[child], xytext=position[parent],
                    arrowprops=dict(arrowstyle="-|>", color="0.4", shrinkA=18, shrinkB=18))
    for node, (px, py) in position.items():
        leaf = hasattr(node, "variable")
        ax.text(px, py, labels[node], ha="center", va="center", fontsize=9,
                bbox=dict(boxstyle="round", fc="#d9f2d9" if leaf else "#dbe8f7", ec="0.3"))
    ax.set_xlim(-1.8, 1.8)
    ax.set_ylim(-max(depth.values()) - 0.6, 0.6)
    ax.axis("off")


names = {id(model.weight): "weight", id(model.bias): "bias"}
fig, ax = plt.subplots(figsize=(6, 5))
draw_graph(loss, names, ax)
ax.set_title("Backward graph of loss = CrossEntropyLoss(Linear(inputs), targets)")
plt.show()

# %%
# The two green boxes are the only places where gradients are stored. After
# ``loss.backward()`` the parameters have gradients of their own shapes and the input
# batch has none:

loss.backward()
print(model.weight.grad.shape, model.bias.grad.shape, inputs.grad)

# %%
# >>> model.weight.grad.shape, model.bias.grad.shape, inputs.grad
# (torch.Size([2, 3]), torch.Size([2]), None)
#
# Summary
# -------
# * Floating-point results of recorded operations have a ``grad_fn`` (integer and
#   boolean results do not); ``next_functions`` links the nodes back to
#   ``AccumulateGrad`` nodes, one per leaf that requires gradients.
# * ``backward()`` applies the chain rule node by node along these links.
# * The graph is recorded anew on every forward pass, so Python control flow shapes it.
# * Modules (models, layers, losses) are not autograd Functions; the graph is made of
#   the operations they run.
