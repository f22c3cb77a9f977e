"""
Activation functions: curves, derivatives, modules and functions
================================================================

Without a non-linear :term:`activation function` between them, stacked linear layers
collapse into a single linear layer. This page plots sigmoid, tanh, ReLU, GELU and SiLU
with their derivatives (computed by autograd), compares the module form
(``nn.ReLU()``) with the functional form (``F.relu``), shows which functions take a
``dim`` argument (only those that combine elements along a dimension, such as softmax
or GLU), and what softmax does when the dimension is wrong or missing.
"""

import warnings

import matplotlib.pyplot as plt
import torch
import torch.nn.functional as F
from torch import nn

torch.manual_seed(0)

# %%
# Why a non-linearity
# -------------------
# Two linear layers in a row compute :math:`W_2 (W_1 x + b_1) + b_2 = (W_2 W_1) x +
# (W_2 b_1 + b_2)`, which is again one linear layer. However many are stacked, the
# model can only represent linear functions. Checking it numerically:

first, second = nn.Linear(4, 8), nn.Linear(8, 3)
merged = nn.Linear(4, 3)
with torch.no_grad():
    merged.weight.copy_(second.weight @ first.weight)
    merged.bias.copy_(second.weight @ first.bias + second.bias)

x = torch.randn(5, 4)
print(second(first(x))[0])
print(merged(x)[0])

# %%
# >>> torch.allclose(second(first(x)), merged(x), atol=1e-6)
# True
#
# An element-wise non-linear function between the layers breaks this collapse. That
# function is the activation.

# %%
# Five activations
# ----------------
# With :math:`\sigma` the logistic sigmoid and :math:`\Phi` the cumulative distribution
# function of the standard normal distribution:
#
# .. math::
#
#    \sigma(x) = \frac{1}{1 + e^{-x}}, \qquad
#    \tanh(x) = \frac{e^{x} - e^{-x}}{e^{x} + e^{-x}} = 2\sigma(2x) - 1, \qquad
#    \operatorname{ReLU}(x) = \max(0, x),
#
#    \operatorname{GELU}(x) = x\,\Phi(x), \qquad
#    \operatorname{SiLU}(x) = x\,\sigma(x).
#
# * :term:`Sigmoid <sigmoid>` squashes to :math:`(0, 1)`: the probability of the
#   positive class in binary classification, or a gate.
# * Tanh squashes to :math:`(-1, 1)` and is centred at 0; it is used in recurrent
#   networks and in classification heads (next page).
# * ReLU is the default choice for hidden layers of MLPs and CNNs (the feed-forward
#   block of the original Transformer uses it).
# * GELU (BERT, GPT-2) and SiLU, also called *swish* (the gated feed-forward block of
#   LLaMA), are smooth versions of ReLU that let a little negative signal through.
#
# Derivatives from autograd
# -------------------------
# Because each function acts on every element separately, output :math:`i` depends
# only on input :math:`i`. The gradient of the *sum* of the outputs is therefore the
# vector of derivatives :math:`f'(x_i)`, and one ``torch.autograd.grad`` call gives
# the whole derivative curve:

activations = {
    "sigmoid": torch.sigmoid,
    "tanh": torch.tanh,
    "ReLU": F.relu,
    "GELU": F.gelu,
    "SiLU": F.silu,
}
xs = torch.linspace(-5, 5, 1001, requires_grad=True)
curves, slopes = {}, {}
for name, f in activations.items():
    ys = f(xs)
    (dys,) = torch.autograd.grad(ys.sum(), xs)
    curves[name], slopes[name] = ys.detach(), dys

fig, axes = plt.subplots(1, 2, figsize=(10, 3.8), layout="constrained")
for name in activations:
    axes[0].plot(xs.detach().numpy(), curves[name].numpy(), label=name)
    axes[1].plot(xs.detach().numpy(), slopes[name].numpy(), label=name)
axes[0].set_title("activation f(x)")
axes[1].set_title("derivative f'(x), from autograd")
axes[0].set_ylim(-1.5, 3)
for ax in axes:
    ax.axhline(0, color="0.6", lw=0.8)
    ax.axvline(0, color="0.6", lw=0.8)
    ax.set_xlabel("x")
    ax.legend()
plt.show()

# %%
# The autograd derivatives match the textbook formulas
# :math:`\sigma' = \sigma(1 - \sigma)` and :math:`\tanh' = 1 - \tanh^2`:
#
# >>> s, t = curves["sigmoid"], curves["tanh"]
# >>> torch.allclose(slopes["sigmoid"], s * (1 - s), atol=1e-6)
# True
# >>> torch.allclose(slopes["tanh"], 1 - t**2, atol=1e-6)
# True
#
# At zero, and for large inputs:

x0 = torch.tensor([0.0, 10.0], requires_grad=True)
for name, f in activations.items():
    (d,) = torch.autograd.grad(f(x0).sum(), x0)
    print(f"{name:8} f'(0) = {d[0].item():.4f}   f'(10) = {d[1].item():.2e}")

# %%
# >>> def slope(f, value):
# ...     point = torch.tensor(value, requires_grad=True)
# ...     return torch.autograd.grad(f(point), point)[0].item()
# >>> slope(torch.sigmoid, 0.0), slope(torch.tanh, 0.0), slope(F.gelu, 0.0), slope(F.silu, 0.0)
# (0.25, 1.0, 0.5, 0.5)
# >>> f"{slope(torch.sigmoid, 10.0):.1e}", slope(torch.tanh, 10.0)
# ('4.5e-05', 0.0)
#
# Three things to read from the curves:
#
# * The sigmoid's slope is at most 0.25, and sigmoid and tanh are nearly flat for
#   large :math:`|x|`. A gradient that passes through many such layers is multiplied
#   by many small factors and shrinks (the *vanishing gradient* problem), one reason
#   ReLU-like activations replaced them in hidden layers.
# * ReLU's derivative is 0 for negative inputs and 1 for positive ones. At exactly
#   0 the derivative does not exist; PyTorch uses 0 there:
#
#   >>> slope(F.relu, 0.0)
#   0.0
#
# * GELU and SiLU dip slightly below zero before rising (SiLU's minimum is about
#   :math:`-0.278` near :math:`x = -1.28`) and have slope 0.5 at the origin. GELU also
#   has a cheaper tanh approximation, ``F.gelu(x, approximate="tanh")``, which on the
#   plotted range differs from the exact one by less than :math:`10^{-3}`:
#
#   >>> round(curves["SiLU"].min().item(), 3)
#   -0.278
#   >>> (F.gelu(xs, approximate="tanh") - F.gelu(xs)).abs().max() < 1e-3
#   tensor(True)

# %%
# Module or function
# ------------------
# Every activation exists twice. ``torch.nn`` has a module class (``nn.Sigmoid``,
# ``nn.Tanh``, ``nn.ReLU``, ``nn.GELU``, ``nn.SiLU``, ``nn.Softmax``) that is created
# once, usually in ``__init__``, and then called like a function; calling a module runs
# its ``forward``. ``torch.nn.functional`` (imported as ``F``) has plain functions
# (``F.sigmoid``, ``F.relu``, ...) that are called directly inside ``forward``. Some
# also exist as ``torch.sigmoid``, ``torch.tanh`` and ``torch.relu``, and as tensor
# methods. All forms compute the same numbers:

relu = nn.ReLU()
z = torch.randn(3, 4)
print(relu, torch.equal(relu(z), F.relu(z)), torch.equal(F.relu(z), z.relu()))

# %%
# >>> torch.equal(relu(z), F.relu(z)) and torch.equal(F.relu(z), torch.relu(z))
# True
# >>> list(nn.ReLU().parameters()), list(nn.Sigmoid().parameters())
# ([], [])
#
# These activation modules hold no parameters, so the choice is about the code, not
# the model. A module appears when the model is printed, can sit inside an
# ``nn.Sequential`` and can carry a hook; a function keeps ``forward`` short. A small
# regression network written with modules, as the notes write it:

model = nn.Sequential(nn.Linear(10, 32), nn.Sigmoid(), nn.Linear(32, 1))
print(model)
print(model(torch.randn(5, 10)).shape)

# %%
# >>> model(torch.randn(5, 10)).shape
# torch.Size([5, 1])
#
# ``nn.ReLU(inplace=True)`` (and ``F.relu(x, inplace=True)``, ``F.relu_``) overwrites
# its input instead of allocating a new tensor, which saves memory but destroys the
# input:
#
# >>> w = torch.tensor([-1.0, 2.0])
# >>> nn.ReLU(inplace=True)(w) is w, w
# (True, tensor([0., 2.]))
#
# .. pitfall:: Element-wise activations take no ``dim`` argument
#
#    Code that passes ``dim=-1`` to every activation, as in ``F.tanh(x, dim=-1)``,
#    ``F.relu(x, dim=-1)`` or ``F.silu(x, dim=-1)``, does not run. These functions
#    act on each element on its own, so there is no dimension to choose; besides the
#    input they accept at most an ``inplace`` flag (``F.relu``, ``F.silu``) or GELU's
#    ``approximate``. ``dim`` belongs to functions
#    that combine elements along a dimension: ``softmax``, ``log_softmax``, ``glu``.
#    (The same mistake with ``F.sigmoid`` is shown in
#    :ref:`the NumPy backward page <sphx_glr_auto_examples_02_autograd_plot_08_sigmoid_softmax_backward_numpy.py>`.)
#
#    >>> F.tanh(z, dim=-1)
#    Traceback (most recent call last):
#        ...
#    TypeError: tanh() got an unexpected keyword argument 'dim'
#    >>> F.relu(z, dim=-1)
#    Traceback (most recent call last):
#        ...
#    TypeError: relu() got an unexpected keyword argument 'dim'
#    >>> F.silu(z, dim=-1)
#    Traceback (most recent call last):
#        ...
#    TypeError: silu() got an unexpected keyword argument 'dim'
#    >>> F.gelu(z, dim=-1)
#    Traceback (most recent call last):
#        ...
#    TypeError: gelu() got an unexpected keyword argument 'dim'

# %%
# Softmax and its ``dim``
# -----------------------
# :term:`Softmax <softmax>` is not element-wise: it exponentiates a vector and divides
# by the sum, :math:`\operatorname{softmax}(z)_i = e^{z_i} / \sum_j e^{z_j}`, turning
# scores into a probability distribution. ``dim`` says which dimension holds the
# vector. For classifier scores of shape ``(batch, classes)`` it is the class
# dimension, ``dim=-1``: every row sums to one.

logits = torch.tensor([[1.0, 2.0, 3.0], [1.0, 1.0, 1.0]])
print(F.softmax(logits, dim=-1))
print(F.softmax(logits, dim=0))

# %%
# >>> F.softmax(logits, dim=-1).sum(dim=-1)
# tensor([1., 1.])
# >>> F.softmax(logits, dim=-1)[1]
# tensor([0.3333, 0.3333, 0.3333])
#
# With ``dim=0`` each *column* is normalised over the samples of the batch. Nothing
# fails, but the numbers mean nothing, and each sample's result now depends on the
# other samples in the batch:
#
# >>> F.softmax(logits, dim=0).sum(dim=0)
# tensor([1., 1., 1.])
# >>> F.softmax(logits, dim=0)[1]  # the uniform second row is no longer uniform
# tensor([0.5000, 0.2689, 0.1192])
#
# The notes write ``nn.Softmax()`` and ``F.softmax(logits)`` without ``dim``. That
# form is deprecated: PyTorch warns, then *guesses* the dimension, and the guess is
# dimension 0 for 0-, 1- and 3-dimensional inputs and dimension 1 otherwise. For the
# ``(batch, sequence, vocabulary)`` scores of a language model it normalises over the
# batch.

scores = torch.randn(2, 4, 5)  # (batch, sequence, vocabulary)
with warnings.catch_warnings(record=True) as caught:
    warnings.simplefilter("always")
    guessed = nn.Softmax()(scores)
print(caught[0].category.__name__, caught[0].message)

# %%
# >>> torch.allclose(guessed, F.softmax(scores, dim=0))
# True
# >>> torch.allclose(guessed.sum(dim=-1), torch.ones(2, 4))
# False
#
# .. pitfall:: Always pass ``dim`` to softmax
#
#    ``nn.Softmax()`` and ``F.softmax(x)`` without ``dim`` are not "softmax over the
#    last dimension". They raise a deprecation warning and pick a dimension from the
#    number of dimensions of the input: 1 for a 2-D ``(batch, classes)`` tensor, which
#    happens to be right, but 0 (the batch) for a 3-D ``(batch, sequence, classes)``
#    tensor. Write ``nn.Softmax(dim=-1)`` and ``F.softmax(logits, dim=-1)``.
#
#    >>> str(caught[0].message)
#    'Implicit dimension choice for softmax has been deprecated. Change the call to include dim=X as an argument.'
#    >>> nn.Softmax()
#    Softmax(dim=None)
#
# Softmax rarely needs to be applied by hand before a loss: ``nn.CrossEntropyLoss``
# takes the raw scores and applies ``log_softmax`` itself (see
# :ref:`sphx_glr_auto_examples_04_models_plot_17_cross_entropy_loss.py`). Its
# derivative, the softmax Jacobian, is derived and implemented from scratch in NumPy
# on :ref:`sphx_glr_auto_examples_02_autograd_plot_08_sigmoid_softmax_backward_numpy.py`,
# together with the sigmoid's.

# %%
# Summary
# -------
# * An activation between linear layers is what makes a network non-linear; without
#   one, two ``nn.Linear`` layers equal one.
# * Sigmoid (0, 1), tanh (−1, 1), ReLU, GELU and SiLU: element-wise, with derivatives
#   :math:`\sigma(1-\sigma)` (at most 0.25), :math:`1-\tanh^2`, a step (0 at 0 in
#   PyTorch), and smooth curves with slope 0.5 at 0 for GELU and SiLU.
# * ``nn.ReLU()`` (a parameter-free module) and ``F.relu`` (a function) compute the
#   same thing. Element-wise activations have no ``dim`` argument.
# * Softmax normalises along ``dim``; pass it explicitly (``dim=-1`` for
#   ``(..., classes)`` scores). Without it PyTorch warns and may normalise over the
#   batch.
