"""
SGD, Adagrad, RMSprop, Adam and AdamW: names, arguments, defaults
==================================================================

Every :term:`optimizer` in ``torch.optim`` turns gradients into parameter updates, and
the five classic ones differ in what they remember between steps: nothing, a running
sum or average of squared gradients, a running average of the gradients, or both. This
page lists their real names and arguments with the defaults read from torch, writes each
update rule out and checks it against torch for a few steps, and runs the notes'
constructor calls, two of which fail.
"""

import inspect

import torch
from torch.optim import SGD, Adagrad, Adam, AdamW, RMSprop

torch.manual_seed(0)

# %%
# The names
# ---------
# Training scripts often import the optimizers by name, as this page does at the top:
# ``from torch.optim import SGD, Adagrad, Adam, AdamW, RMSprop``. Note the lower-case
# *prop*:

classes = [SGD, Adagrad, RMSprop, Adam, AdamW]
print([cls.__name__ for cls in classes])

# %%
# .. pitfall:: The class is ``RMSprop``, not ``RMSProp``
#
#    The algorithm is usually written "RMSProp" in papers and lectures, and notes
#    import it under that name. Python names are case-sensitive, and torch spells the
#    class ``RMSprop``, so the notes' import line fails before any training starts:
#
#    >>> from torch.optim import SGD, Adagrad, RMSProp, Adam, AdamW
#    Traceback (most recent call last):
#        ...
#    ImportError: cannot import name 'RMSProp' from 'torch.optim' (...)
#    >>> hasattr(torch.optim, "RMSprop"), hasattr(torch.optim, "RMSProp")
#    (True, False)

# %%
# Arguments and defaults, read from torch
# ---------------------------------------
# ``inspect.signature`` reads the constructor of each class. Leaving out ``params`` and
# the arguments that choose an implementation rather than the algorithm (``foreach``,
# ``fused``, ``capturable``, ``differentiable``, and ``maximize``, which flips the sign
# of the gradient to maximise instead), what remains are the hyperparameters:

IMPLEMENTATION = {"self", "params", "foreach", "fused", "capturable", "differentiable", "maximize"}


def hyperparameters(cls):
    parameters = inspect.signature(cls).parameters
    return {name: p.default for name, p in parameters.items() if name not in IMPLEMENTATION}


for cls in classes:
    print(f"{cls.__name__:8}", hyperparameters(cls))

# %%
# The defaults that matter most are the learning rates, and they are not all the same:
#
# >>> {cls.__name__: hyperparameters(cls)["lr"] for cls in classes}
# {'SGD': 0.001, 'Adagrad': 0.01, 'RMSprop': 0.01, 'Adam': 0.001, 'AdamW': 0.001}
# >>> hyperparameters(Adam)["betas"], hyperparameters(Adam)["eps"]
# ((0.9, 0.999), 1e-08)
# >>> hyperparameters(Adam)["weight_decay"], hyperparameters(AdamW)["weight_decay"]
# (0, 0.01)
# >>> hyperparameters(Adagrad)["eps"], hyperparameters(RMSprop)["alpha"]
# (1e-10, 0.99)
#
# An optimizer object keeps the same values in its ``defaults`` dictionary (including
# the implementation switches); each parameter group starts from them:
#
# >>> weight = torch.nn.Parameter(torch.zeros(3))
# >>> SGD([weight]).defaults["momentum"], SGD([weight]).defaults["nesterov"]
# (0, False)
#
# Adam's two extra switches are variants: ``amsgrad=True`` divides by the running
# *maximum* of :math:`v_t` instead of :math:`v_t` itself, and
# ``decoupled_weight_decay=True`` turns Adam into AdamW.
#
# Two details of the signatures surprise people. ``SGD``'s ``lr`` has a default
# (0.001): in older releases it was a required argument, so code like the notes'
# ``torch.optim.SGD(model.parameters(), lr, momentum=0)`` always passes it, and
# ``momentum=0`` there is simply the default. And ``AdamW`` is the only one of the five
# whose weight decay is on by default.

# %%
# What each optimizer computes
# ----------------------------
# Write :math:`\theta` for a parameter, :math:`g_t` for its gradient at step :math:`t`
# (after adding :math:`\lambda\theta` when ``weight_decay`` :math:`\lambda` is not 0,
# except in AdamW), :math:`\eta` for ``lr``, and let squares, square roots and divisions
# act element by element.
#
# **SGD** (``momentum`` :math:`\mu`, ``dampening`` :math:`\tau`, ``nesterov``). Without
# momentum, :math:`\theta \leftarrow \theta - \eta g_t`. With :term:`momentum` it keeps
# a buffer :math:`b`, started at :math:`b_1 = g_1`:
#
# .. math::
#
#    b_t = \mu\, b_{t-1} + (1 - \tau)\, g_t, \qquad
#    \theta \leftarrow \theta - \eta\, d_t, \qquad
#    d_t = \begin{cases} g_t + \mu\, b_t & \text{Nesterov}\\ b_t & \text{otherwise.}\end{cases}
#
# **Adagrad** (``lr_decay``, ``initial_accumulator_value`` :math:`s_0`, ``eps``
# :math:`\epsilon`) sums all squared gradients, so every coordinate gets its own,
# ever-shrinking step:
#
# .. math::
#
#    s_t = s_{t-1} + g_t^2, \qquad
#    \theta \leftarrow \theta - \frac{\eta}{1 + (t-1)\,\text{lr\_decay}}\,
#    \frac{g_t}{\sqrt{s_t} + \epsilon}.
#
# **RMSprop** (``alpha`` :math:`\alpha`, ``eps``; also ``momentum`` and ``centered``)
# replaces Adagrad's sum by an exponential moving average, so old gradients are
# forgotten and the step does not shrink for ever:
#
# .. math::
#
#    v_t = \alpha\, v_{t-1} + (1 - \alpha)\, g_t^2, \qquad
#    \theta \leftarrow \theta - \eta\, \frac{g_t}{\sqrt{v_t} + \epsilon}.
#
# **Adam** (``betas`` :math:`(\beta_1, \beta_2)`, ``eps``) keeps a moving average of
# the gradients (like momentum) *and* of their squares (like RMSprop), and corrects both
# for having started at zero:
#
# .. math::
#
#    m_t = \beta_1 m_{t-1} + (1-\beta_1)\, g_t, \quad
#    v_t = \beta_2 v_{t-1} + (1-\beta_2)\, g_t^2, \quad
#    \theta \leftarrow \theta - \eta\, \frac{m_t / (1-\beta_1^t)}{\sqrt{v_t / (1-\beta_2^t)} + \epsilon}.
#
# **AdamW** is Adam with :term:`weight decay` taken out of the gradient: it shrinks the
# parameter directly, :math:`\theta \leftarrow \theta\,(1 - \eta\lambda)`, before the
# Adam step. The :doc:`page on weight decay <plot_04_weight_decay_adam_vs_adamw>` shows
# why that matters.
#
# Checking the formulas against torch
# -----------------------------------
# The rules above, written out in a few lines each, are run next to torch's optimizers
# on the same sequence of gradients (five steps, in ``float64`` so that only the last
# bits may differ). The gradients are set by hand, which is all an optimizer ever sees.

steps = 5
theta0 = torch.randn(4, dtype=torch.float64)
gradients = torch.randn(steps, 4, dtype=torch.float64)


def sgd_by_hand(lr, momentum=0.0, dampening=0.0, weight_decay=0.0, nesterov=False):
    theta, buffer = theta0.clone(), None
    for g in gradients:
        g = g + weight_decay * theta
        if momentum:
            buffer = g.clone() if buffer is None else momentum * buffer + (1 - dampening) * g
            g = g + momentum * buffer if nesterov else buffer
        theta = theta - lr * g
    return theta


def adagrad_by_hand(lr, lr_decay=0.0, eps=1e-10):
    theta, total = theta0.clone(), torch.zeros(4, dtype=torch.float64)
    for t, g in enumerate(gradients, start=1):
        total = total + g**2
        theta = theta - lr / (1 + (t - 1) * lr_decay) * g / (total.sqrt() + eps)
    return theta


def rmsprop_by_hand(lr, alpha=0.99, eps=1e-8):
    theta, average = theta0.clone(), torch.zeros(4, dtype=torch.float64)
    for g in gradients:
        average = alpha * average + (1 - alpha) * g**2
        theta = theta - lr * g / (average.sqrt() + eps)
    return theta


def adam_by_hand(lr, betas=(0.9, 0.999), eps=1e-8):
    (beta1, beta2), theta = betas, theta0.clone()
    m = v = torch.zeros(4, dtype=torch.float64)
    for t, g in enumerate(gradients, start=1):
        m = beta1 * m + (1 - beta1) * g
        v = beta2 * v + (1 - beta2) * g**2
        theta = theta - lr * (m / (1 - beta1**t)) / ((v / (1 - beta2**t)).sqrt() + eps)
    return theta


def with_torch(cls, **options):
    theta = torch.nn.Parameter(theta0.clone())
    optimizer = cls([theta], **options)
    for g in gradients:
        theta.grad = g.clone()
        optimizer.step()
    return theta.detach()


checks = {
    "SGD": (sgd_by_hand(0.1), with_torch(SGD, lr=0.1)),
    "SGD, momentum": (
        sgd_by_hand(0.1, momentum=0.9, dampening=0.1, weight_decay=0.01),
        with_torch(SGD, lr=0.1, momentum=0.9, dampening=0.1, weight_decay=0.01),
    ),
    "SGD, Nesterov": (
        sgd_by_hand(0.1, momentum=0.9, nesterov=True),
        with_torch(SGD, lr=0.1, momentum=0.9, nesterov=True),
    ),
    "Adagrad": (adagrad_by_hand(0.1, lr_decay=0.01), with_torch(Adagrad, lr=0.1, lr_decay=0.01)),
    "RMSprop": (rmsprop_by_hand(0.01), with_torch(RMSprop, lr=0.01)),
    "Adam": (adam_by_hand(0.01), with_torch(Adam, lr=0.01)),
}
for name, (by_hand, by_torch) in checks.items():
    print(f"{name:14} largest difference {(by_hand - by_torch).abs().max().item():.1e}")

# %%
# Every rule agrees with torch to rounding error:
#
# >>> all(torch.allclose(a, b, rtol=1e-12, atol=1e-14) for a, b in checks.values())
# True
#
# Two details show in the code. The momentum buffer *starts* at the first gradient
# instead of at zero, so dampening only acts from the second step on. And PyTorch
# multiplies the learning rate outside the buffer (:math:`\theta \leftarrow \theta -
# \eta\, b_t`), where some textbooks and frameworks write
# :math:`v_t = \mu v_{t-1} + \eta g_t,\ \theta \leftarrow \theta - v_t`: the two agree
# while :math:`\eta` is constant, and differ once a scheduler changes it.
#
# Adam's bias correction makes its first step exactly :math:`\eta` long in every
# coordinate (up to :math:`\epsilon`), whatever the size of the gradient:
#
# >>> theta = torch.nn.Parameter(theta0.clone())
# >>> theta.grad = torch.tensor([1e-3, -5.0, 200.0, 0.5], dtype=torch.float64)
# >>> Adam([theta], lr=0.01).step()
# >>> (theta.detach() - theta0).abs()
# tensor([0.0100, 0.0100, 0.0100, 0.0100], dtype=torch.float64)

# %%
# The notes' constructor calls, run
# ---------------------------------
# The notes configure each optimizer with explicit keyword arguments. Most of those
# calls just restate the defaults; two fail.
#
# The SGD of the notes' training setup (``lr`` 0.01, ``momentum`` 0.9,
# ``weight_decay`` 1e-5 from its config dictionary) is valid. Nesterov momentum, which
# one note lists as a separate method "Nesterov-SGD", is a flag of the same class and
# needs a non-zero momentum (and no dampening):
#
# >>> params = [torch.nn.Parameter(torch.zeros(3))]
# >>> SGD(params, lr=0.01, momentum=0.9, weight_decay=1e-5).defaults["weight_decay"]
# 1e-05
# >>> SGD(params, lr=0.01, nesterov=True)
# Traceback (most recent call last):
#     ...
# ValueError: Nesterov momentum requires a momentum and zero dampening
#
# The Adagrad, RMSprop and AdamW calls pass exactly the default values, so they build
# the same optimizers as ``Adagrad(params)``, ``RMSprop(params)`` and ``AdamW(params)``
# (once ``RMSProp`` is spelled ``RMSprop``):
#
# >>> notes_adagrad = Adagrad(params, lr=0.01, lr_decay=0, weight_decay=0,
# ...                         initial_accumulator_value=0, eps=1e-10)
# >>> notes_adagrad.defaults == Adagrad(params).defaults
# True
# >>> notes_rmsprop = RMSprop(params, lr=0.01, alpha=0.99, eps=1e-08, weight_decay=0, momentum=0)
# >>> notes_rmsprop.defaults == RMSprop(params).defaults
# True
# >>> notes_adamw = AdamW(params, lr=0.001, betas=(0.9, 0.999), eps=1e-08, weight_decay=0.01)
# >>> notes_adamw.defaults == AdamW(params).defaults
# True
#
# .. pitfall:: Adam's argument is ``betas``, a pair; ``beta=`` is an error
#
#    One note builds Adam with ``beta=(0.9, 0.999)``. The argument is called
#    ``betas``: a tuple :math:`(\beta_1, \beta_2)` for the averages of the gradient
#    and of its square. Python rejects the unknown keyword, and a single number in
#    ``betas`` fails too.
#
#    >>> Adam(params, lr=0.001, beta=(0.9, 0.999), eps=1e-08, weight_decay=0)
#    Traceback (most recent call last):
#        ...
#    TypeError: Adam.__init__() got an unexpected keyword argument 'beta'
#    >>> Adam(params, betas=0.9)
#    Traceback (most recent call last):
#        ...
#    TypeError: 'float' object is not subscriptable
#    >>> Adam(params, lr=0.001, betas=(0.9, 0.999), eps=1e-08, weight_decay=0).defaults["betas"]
#    (0.9, 0.999)

# %%
# Which one to use
# ----------------
# There is no winner on every problem, but there are habits. SGD with momentum 0.9 is
# the classic choice for convolutional networks and needs a tuned learning rate and
# schedule. Adam and AdamW adapt the step of every coordinate to the size of its
# gradients, which makes them forgiving of the learning rate; AdamW (decoupled weight
# decay) is the usual choice for transformers. Adagrad's ever-growing sum makes its steps
# shrink towards zero on long runs; RMSprop's moving average forgets old gradients and
# so avoids that (Hinton introduced it as a mini-batch version of Rprop). The
# :doc:`next page <plot_03_optimizer_trajectories>` lets you see the differences on a
# 2-D function.
#
# Summary
# -------
# * The five classes are ``SGD``, ``Adagrad``, ``RMSprop`` (not ``RMSProp``), ``Adam``
#   and ``AdamW``. Read their defaults with ``inspect.signature`` or
#   ``optimizer.defaults`` instead of copying them from notes.
# * Default learning rates: 0.001 (SGD, Adam, AdamW) and 0.01 (Adagrad, RMSprop).
#   Only AdamW decays weights by default (0.01).
# * SGD's momentum buffer starts at the first gradient; Nesterov momentum is
#   ``SGD(..., momentum=μ, nesterov=True)`` and requires ``momentum > 0``.
# * Adam's coefficients are ``betas=(0.9, 0.999)``; ``beta=`` raises a ``TypeError``.
