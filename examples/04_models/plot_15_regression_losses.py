"""
Regression losses: MSE, L1 and Huber, and the graph behind a loss
=================================================================

A :term:`loss function` turns a model's output and the target into one number to
minimise. This page covers the losses for predicting real numbers: the :term:`mean
squared error` (``nn.MSELoss``), its robust relatives ``nn.L1Loss``, ``nn.HuberLoss``
and ``nn.SmoothL1Loss``, the silent broadcasting bug that a ``(N, 1)`` output and a
``(N,)`` target cause, and the chain of ``grad_fn`` nodes that ``loss.backward()``
walks through a LeNet.
"""

import warnings

import matplotlib.pyplot as plt
import torch
from torch import nn

torch.manual_seed(0)

# %%
# Calling a loss
# --------------
# A loss is created once (``criterion = nn.MSELoss()``) and called with the model's
# output first and the target second: ``criterion(input, target)``. ``nn.MSELoss``
# averages the squared differences,
#
# .. math::
#
#    \operatorname{MSE}(\hat y, y) = \frac{1}{N} \sum_{i=1}^{N} (\hat y_i - y_i)^2 ,
#
# where the mean runs over *all* elements of the tensors, whatever their shape.

criterion = nn.MSELoss()
prediction = torch.tensor([1.0, 2.0, 3.0, 4.0], requires_grad=True)
target = torch.tensor([1.5, 2.0, 2.5, 5.0])
loss = criterion(prediction, target)
print(loss)

# %%
# >>> loss  # (0.25 + 0 + 0.25 + 1) / 4
# tensor(0.3750, grad_fn=<MseLossBackward0>)
# >>> torch.equal(loss, ((prediction - target) ** 2).mean())
# True
#
# ``reduction`` chooses what happens to the per-element losses: ``'mean'`` (the
# default), ``'sum'``, or ``'none'`` to get them all back:
#
# >>> nn.MSELoss(reduction="sum")(prediction, target).item()
# 1.5
# >>> nn.MSELoss(reduction="none")(prediction, target)
# tensor([0.2500, 0.0000, 0.2500, 1.0000], grad_fn=<MseLossBackward0>)
#
# The gradient with respect to the prediction is :math:`2(\hat y_i - y_i)/N`: large
# errors pull hard, and the pull fades as the prediction approaches the target.

loss.backward()
print(prediction.grad)

# %%
# >>> prediction.grad  # 2 * (prediction - target) / 4
# tensor([-0.2500,  0.0000,  0.2500, -0.5000])
#
# The shape trap
# --------------
# A regression model usually ends in ``nn.Linear(..., 1)`` and returns shape
# ``(N, 1)``, while the targets loaded from a table often have shape ``(N,)``. The two
# shapes broadcast to ``(N, N)``: every prediction is compared with every target.
# PyTorch only warns, and the loss is wrong.

column = prediction.detach().unsqueeze(1)  # (4, 1), as nn.Linear(..., 1) returns it
with warnings.catch_warnings(record=True) as caught:
    warnings.simplefilter("always")
    broadcast_loss = criterion(column, target)
print(broadcast_loss, criterion(column.squeeze(1), target))
print(caught[0].message)

# %%
# >>> broadcast_loss  # the mean over a 4 x 4 table of differences
# tensor(3.1250)
# >>> criterion(column.squeeze(1), target)
# tensor(0.3750)
#
# .. pitfall:: An ``(N, 1)`` output against an ``(N,)`` target is a wrong loss, not an error
#
#    ``criterion(model_output, target)`` does not check that the two tensors have the
#    same shape; element-wise losses broadcast them. With ``(N, 1)`` and ``(N,)`` the
#    result is the mean over all :math:`N^2` pairs, the model is trained towards the
#    mean target, and the only sign is a ``UserWarning`` that is easy to miss in a
#    training log. Make the shapes equal: ``output.squeeze(-1)``, or targets of shape
#    ``(N, 1)``.
#
#    >>> str(caught[0].message)
#    'Using a target size (torch.Size([4])) that is different to the input size (torch.Size([4, 1])). This will likely lead to incorrect results due to broadcasting. Please ensure they have the same size.'

# %%
# L1, Huber and smooth L1
# -----------------------
# The square makes MSE sensitive to outliers: one error of 10 counts as much as a
# hundred errors of 1. ``nn.L1Loss`` averages :math:`|\hat y - y|` instead, and
# ``nn.HuberLoss`` is quadratic for small errors and linear beyond ``delta``:
#
# .. math::
#
#    \operatorname{Huber}_\delta(e) =
#    \begin{cases}
#       \tfrac12 e^2 & |e| \le \delta \\
#       \delta \bigl(|e| - \tfrac12 \delta\bigr) & |e| > \delta
#    \end{cases}
#    \qquad (e = \hat y - y).
#
# ``nn.SmoothL1Loss(beta)`` is the same curve divided by ``beta`` (so that its linear
# part has slope 1); the two agree exactly when :math:`\beta = \delta = 1`, both
# defaults.

errors = torch.linspace(-3, 3, 601, requires_grad=True)
zeros = torch.zeros_like(errors)
losses = {
    "MSE": nn.MSELoss(reduction="none"),
    "L1": nn.L1Loss(reduction="none"),
    "Huber, delta=1": nn.HuberLoss(reduction="none", delta=1.0),
}
fig, axes = plt.subplots(1, 2, figsize=(10, 3.8), layout="constrained")
for name, loss_fn in losses.items():
    values = loss_fn(errors, zeros)
    (slopes,) = torch.autograd.grad(values.sum(), errors)
    axes[0].plot(errors.detach().numpy(), values.detach().numpy(), label=name)
    axes[1].plot(errors.detach().numpy(), slopes.numpy(), label=name)
axes[0].set_title("loss of one error e")
axes[1].set_title("gradient d loss / d e")
axes[0].set_ylim(0, 4)
for ax in axes:
    ax.set_xlabel("e = prediction - target")
    ax.legend()
    ax.grid(alpha=0.3)
plt.show()

# %%
# The gradients tell the story: MSE pulls in proportion to the error, L1 always with
# the same force, Huber like MSE near zero and like L1 far away.
#
# >>> p, t = prediction.detach(), target
# >>> nn.HuberLoss(delta=2.0)(p, t).item(), 2.0 * nn.SmoothL1Loss(beta=2.0)(p, t).item()
# (0.1875, 0.1875)
# >>> torch.equal(nn.HuberLoss()(p, t), nn.SmoothL1Loss()(p, t))
# True
#
# What each loss estimates
# ~~~~~~~~~~~~~~~~~~~~~~~~
# A model that predicts one constant :math:`c` for every sample shows the difference
# best. The :math:`c` with the smallest MSE is the mean of the targets; the :math:`c`
# with the smallest L1 loss is their median. One outlier moves the mean a long way
# and the median not at all. A search over a grid of constants:

observations = torch.tensor([1.0, 2.0, 3.0, 4.0, 100.0])
candidates = torch.linspace(0, 30, 3001)  # steps of 0.01
table = candidates[:, None].expand(-1, len(observations))
targets = observations.expand_as(table)
best_mse = candidates[nn.MSELoss(reduction="none")(table, targets).mean(dim=1).argmin()]
best_l1 = candidates[nn.L1Loss(reduction="none")(table, targets).mean(dim=1).argmin()]
print(best_mse.item(), best_l1.item())

# %%
# >>> round(best_mse.item(), 2), observations.mean().item()
# (22.0, 22.0)
# >>> round(best_l1.item(), 2), observations.median().item()
# (3.0, 3.0)

# %%
# The graph behind a loss
# -----------------------
# PyTorch's 60-minute blitz, from which the notes take this part, computes an MSE
# loss on the output of a LeNet and follows ``loss.grad_fn`` backwards. The same
# network as on the
# :ref:`LeNet page <sphx_glr_auto_examples_04_models_plot_12_conv2d_pooling_lenet.py>`,
# written as an ``nn.Sequential``, with a random target:

lenet = nn.Sequential(
    nn.Conv2d(1, 6, 5), nn.ReLU(), nn.MaxPool2d(2),
    nn.Conv2d(6, 16, 5), nn.ReLU(), nn.MaxPool2d(2),
    nn.Flatten(),
    nn.Linear(400, 120), nn.ReLU(),
    nn.Linear(120, 84), nn.ReLU(),
    nn.Linear(84, 10),
)
output = lenet(torch.randn(1, 1, 32, 32))
target = torch.randn(1, 10)  # the same shape as the output
loss = criterion(output, target)
print(loss.grad_fn.name())

# %%
# Every recorded operation left a node; ``next_functions`` lists, for each input of
# the operation, the node that produced it. Printing node names with ``name()``
# (their default representation contains a memory address that changes on every run)
# and following the data path from the loss back to the input image gives the
# network in reverse. At each step the walk skips the two kinds of side branch:
# ``AccumulateGrad`` nodes, which store a gradient into a parameter's ``.grad``, and
# ``TBackward0``, the transpose of a ``Linear`` weight.


def data_path(node):
    names = []
    while node is not None:
        names.append(node.name())
        inputs = [n for n, _ in node.next_functions if n is not None]
        data = [n for n in inputs if n.name() not in ("torch::autograd::AccumulateGrad", "TBackward0")]
        node = data[0] if data else None
    return names


for name in data_path(loss.grad_fn):
    print(name)

# %%
# >>> data_path(loss.grad_fn)
# ['MseLossBackward0', 'AddmmBackward0', 'ReluBackward0', 'AddmmBackward0',
#  'ReluBackward0', 'AddmmBackward0', 'ViewBackward0', 'MaxPool2DWithIndicesBackward0',
#  'ReluBackward0', 'ConvolutionBackward0', 'MaxPool2DWithIndicesBackward0',
#  'ReluBackward0', 'ConvolutionBackward0']
#
# Read from the bottom, this is the blitz's diagram: ``conv2d -> relu -> maxpool2d ->
# conv2d -> relu -> maxpool2d -> view -> linear -> relu -> linear -> relu -> linear
# -> MSELoss``. Each ``nn.Linear`` on a batch records one ``AddmmBackward0`` (a
# matrix multiply plus the bias), ``nn.Flatten`` a ``ViewBackward0``. The chain ends
# at the first convolution, because the input image does not require gradients.
#
# .. pitfall:: ``next_functions[0][0]`` twice from the loss is a bias, not the ReLU
#
#    The blitz follows ``loss.grad_fn.next_functions[0][0]`` twice and labels the
#    results "Linear" and "ReLU". The first step is right: the node behind the MSE is
#    the ``AddmmBackward0`` of the last linear layer. But index 0 of *its*
#    ``next_functions`` is the first input of ``addmm``, the bias, so the second step
#    reaches the ``AccumulateGrad`` node of the last layer's bias (``fc3.bias`` in the
#    blitz). The ReLU is the second entry, and the third is the transposed weight.
#
#    >>> addmm = loss.grad_fn.next_functions[0][0]
#    >>> addmm.name()
#    'AddmmBackward0'
#    >>> [n.name() for n, _ in addmm.next_functions]
#    ['torch::autograd::AccumulateGrad', 'ReluBackward0', 'TBackward0']
#    >>> addmm.next_functions[0][0].variable is lenet[-1].bias
#    True
#
# ``loss.backward()`` walks all of these nodes, side branches included, and fills the
# ``.grad`` of every parameter. How the graph is recorded, and why a loss *module* is
# not itself an autograd ``Function``, is the subject of
# :ref:`sphx_glr_auto_examples_02_autograd_plot_02_computational_graph.py`.

loss.backward()
print(lenet[0].bias.grad.shape, lenet[-1].bias.grad.shape)

# %%
# >>> all(p.grad is not None for p in lenet.parameters())
# True

# %%
# Summary
# -------
# * ``criterion(output, target)``: output first. ``nn.MSELoss`` averages
#   :math:`(\hat y - y)^2` over all elements; ``reduction`` can be ``'mean'``,
#   ``'sum'`` or ``'none'``.
# * Give output and target the same shape: ``(N, 1)`` against ``(N,)`` broadcasts to
#   ``(N, N)`` with only a warning.
# * ``nn.L1Loss`` estimates the median and ignores how far an outlier is;
#   ``nn.HuberLoss`` is quadratic near zero and linear beyond ``delta``;
#   ``nn.SmoothL1Loss`` is Huber divided by ``beta``.
# * ``loss.grad_fn`` and ``next_functions`` expose the recorded graph; print nodes
#   with ``name()``, and note that index 0 of an ``AddmmBackward0`` is the bias.
