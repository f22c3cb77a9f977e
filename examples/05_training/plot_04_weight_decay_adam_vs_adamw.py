"""
Weight decay: Adam with an L2 penalty vs AdamW
==============================================

:term:`Weight decay <weight decay>` shrinks the weights a little at every step, and for
plain SGD it is the same thing as adding an :term:`L2 penalty <L2 regularisation>` to
the loss. For Adam it is not: ``Adam(weight_decay=...)`` adds the penalty's gradient
*before* Adam rescales the step, ``AdamW`` shrinks the weights *after*. This page
computes one step of each by hand, checks it against torch, and shows what the
difference does over many steps: under Adam's L2 penalty, how strongly a weight decays
depends on its gradients.
"""

import matplotlib.pyplot as plt
import torch
from torch.optim import SGD, Adam, AdamW

# %%
# For SGD the two are one
# -----------------------
# An L2 penalty adds :math:`\frac{\lambda}{2}\lVert\theta\rVert^2` to the loss, hence
# :math:`\lambda\theta` to the gradient, and an SGD step becomes
#
# .. math::
#
#    \theta \leftarrow \theta - \eta\,(g + \lambda\theta) = (1 - \eta\lambda)\,\theta - \eta\, g :
#
# shrink the weight by the factor :math:`1 - \eta\lambda`, then take the usual step.
# ``SGD(weight_decay=λ)`` does exactly this, and it gives the same result as writing the
# penalty into the loss:

theta0 = torch.tensor([0.5, -1.0, 2.0], dtype=torch.float64)
g = torch.tensor([0.1, 0.0, -3.0], dtype=torch.float64)  # gradient of the data loss
lr, lam = 0.1, 0.5


def one_step(cls, penalty_in_loss=False, **options):
    theta = torch.nn.Parameter(theta0.clone())
    optimizer = cls([theta], lr=lr, **options)
    loss = (g * theta).sum()  # a loss whose gradient is exactly g
    if penalty_in_loss:
        loss = loss + lam / 2 * (theta**2).sum()
    loss.backward()
    optimizer.step()
    return theta.detach()


print(one_step(SGD, weight_decay=lam), one_step(SGD, penalty_in_loss=True))
print((1 - lr * lam) * theta0 - lr * g)

# %%
# >>> torch.allclose(one_step(SGD, weight_decay=lam), one_step(SGD, penalty_in_loss=True))
# True
# >>> torch.allclose(one_step(SGD, weight_decay=lam), (1 - lr * lam) * theta0 - lr * g)
# True

# %%
# One Adam step by hand, both ways
# --------------------------------
# Adam divides the (averaged) gradient by the square root of the (averaged) squared
# gradient. On the first step, with bias correction, that ratio is
# :math:`g / (\lvert g \rvert + \epsilon)`: the sign of the gradient. So:
#
# * **Adam with** ``weight_decay=λ`` (the L2 penalty) feeds :math:`g + \lambda\theta` into
#   that ratio. The decay term is rescaled together with the gradient: on the first
#   step every coordinate moves by :math:`\eta` in the direction of
#   :math:`-(g + \lambda\theta)`, however small or large either part is.
# * **AdamW** first shrinks the weights, :math:`\theta \leftarrow (1 - \eta\lambda)\,\theta`,
#   then takes the Adam step on :math:`g` alone. This is *decoupled* weight decay.

beta1, beta2, eps = 0.9, 0.999, 1e-8


def adam_first_step(theta, grad):
    m, v = (1 - beta1) * grad, (1 - beta2) * grad**2
    m_hat, v_hat = m / (1 - beta1), v / (1 - beta2)
    return theta - lr * m_hat / (v_hat.sqrt() + eps)


adam_l2_by_hand = adam_first_step(theta0, g + lam * theta0)
adamw_by_hand = adam_first_step((1 - lr * lam) * theta0, g)
print("Adam + L2:", adam_l2_by_hand, one_step(Adam, weight_decay=lam))
print("AdamW:    ", adamw_by_hand, one_step(AdamW, weight_decay=lam))

# %%
# Both hand computations match torch:
#
# >>> torch.allclose(adam_l2_by_hand, one_step(Adam, weight_decay=lam))
# True
# >>> torch.allclose(adamw_by_hand, one_step(AdamW, weight_decay=lam))
# True
# >>> [round(v, 4) for v in adam_l2_by_hand.tolist()]
# [0.4, -0.9, 2.1]
# >>> [round(v, 4) for v in adamw_by_hand.tolist()]
# [0.375, -0.95, 2.0]
#
# Read the coordinates one by one.
#
# * The first weight (0.5) has a small gradient (0.1). Adam + L2 moves it by 0.1; AdamW
#   shrinks it by 5 % to 0.475, then moves it by 0.1.
# * The second weight (-1) has no gradient at all. Under Adam + L2 its whole update is
#   decay, and the rescaling blows that decay up to a full step of :math:`\eta = 0.1`.
#   AdamW only shrinks it by 5 %, to -0.95; the Adam step is zero because its gradient
#   is zero.
# * The third weight (2) has a large gradient (-3). Under Adam + L2 the decay is
#   swamped: the weight moves by +0.1 as if there were no decay. AdamW shrinks it to
#   1.9 and then moves it up by 0.1, to 2.0.
#
# In ``torch.optim.Adam`` the switch ``decoupled_weight_decay=True`` gives AdamW's rule,
# bit for bit:
#
# >>> torch.equal(one_step(Adam, weight_decay=lam, decoupled_weight_decay=True),
# ...             one_step(AdamW, weight_decay=lam))
# True

# %%
# Over many steps: decay that depends on the gradients
# ----------------------------------------------------
# The first step exaggerates (in it every coordinate moves by exactly :math:`\eta`), but
# the effect persists: with an L2 penalty, the decay of a weight is roughly divided by
# the size of that weight's gradients. Two weights, both starting at 1, make this
# visible. The first gets no gradient from the data (a rarely used feature, say). The
# second gets large gradients of alternating sign, :math:`\pm 10`, that cancel out on
# average, so that without any decay it hardly moves. Both are trained for 300 steps
# with ``lr=0.01`` and ``weight_decay=0.1``.


def train_two_weights(cls, weight_decay, steps=300):
    theta = torch.nn.Parameter(torch.ones(2, dtype=torch.float64))
    optimizer = cls([theta], lr=0.01, weight_decay=weight_decay)
    history = [theta.detach().clone()]
    for t in range(steps):
        theta.grad = torch.tensor([0.0, 10.0 * (-1) ** t], dtype=torch.float64)
        optimizer.step()
        history.append(theta.detach().clone())
    return torch.stack(history)


runs = {
    "no decay": train_two_weights(Adam, 0.0),
    "Adam, L2 penalty": train_two_weights(Adam, 0.1),
    "AdamW": train_two_weights(AdamW, 0.1),
}

fig, axes = plt.subplots(1, 2, figsize=(10, 3.6), layout="constrained", sharey=True)
titles = ["weight with zero gradient", "weight with large gradients (±10)"]
for k, ax in enumerate(axes):
    for (name, history), style in zip(runs.items(), [":", "-", "--"]):
        ax.plot(history[:, k], style, label=name)
    ax.set_title(titles[k])
    ax.set_xlabel("step")
axes[0].set_ylabel("weight")
axes[1].legend()
plt.show()

# %%
# AdamW shrinks both weights by the same factor, :math:`(1 - \eta\lambda)^{300} =
# 0.999^{300} \approx 0.74`, whatever their gradients. Adam's L2 penalty drives the
# weight without gradients to almost zero (below 0.02 after 200 steps), and barely
# touches the one with large gradients:
#
# >>> {name: [round(w, 3) for w in history[-1].tolist()] for name, history in runs.items()}
# {'no decay': [1.0, 0.982], 'Adam, L2 penalty': [0.0, 0.953], 'AdamW': [0.741, 0.728]}
# >>> round(0.999**300, 3)
# 0.741
# >>> runs["Adam, L2 penalty"][200, 0].item() < 0.02
# True
#
# This is the observation behind AdamW (Loshchilov and Hutter, *Decoupled Weight Decay
# Regularization*): with adaptive methods an L2 penalty regularises weights with large
# gradients less than intended, and a decay applied directly to the weights does what
# weight decay is meant to do. It also means that a ``weight_decay`` value tuned for
# Adam does not carry over to AdamW, or the other way round.
#
# .. pitfall:: ``Adam(weight_decay=...)`` is an L2 penalty, not AdamW
#
#    It is easy to assume that Adam with weight decay and AdamW are the same optimizer,
#    or that AdamW is only Adam with a different default. Adam's ``weight_decay`` adds
#    :math:`\lambda\theta` to the gradient before the adaptive rescaling, so the decay
#    a weight receives depends on its gradient history; AdamW (or
#    ``Adam(decoupled_weight_decay=True)``) shrinks every weight by
#    :math:`1 - \eta\lambda` per step. The defaults differ too: ``weight_decay`` is 0
#    for Adam and 0.01 for AdamW.
#
#    >>> torch.equal(one_step(Adam, weight_decay=lam), one_step(AdamW, weight_decay=lam))
#    False
#    >>> Adam([torch.nn.Parameter(theta0)]).defaults["weight_decay"], AdamW([torch.nn.Parameter(theta0)]).defaults["weight_decay"]
#    (0, 0.01)
#
# The notes' training setup offers AdamW as an alternative to SGD, with
# ``AdamW(model.parameters(), lr=0.001, weight_decay=1e-5)``: a valid call, with a much
# weaker decay than AdamW's default of 0.01. Which weights should be decayed at all
# (usually not biases and normalisation weights) is set with parameter groups, on the
# :doc:`next page <plot_05_optimizer_state_and_param_groups>`.
#
# Summary
# -------
# * For SGD, ``weight_decay=λ`` equals an L2 penalty :math:`\frac{\lambda}{2}\lVert\theta\rVert^2`
#   in the loss: each step shrinks the weights by :math:`1 - \eta\lambda`.
# * ``Adam(weight_decay=λ)`` is an L2 penalty whose gradient Adam rescales: weights with
#   small gradients decay much faster than weights with large ones.
# * ``AdamW`` (= ``Adam(..., decoupled_weight_decay=True)``) decays every weight by the
#   same factor :math:`1 - \eta\lambda` per step, independently of its gradients.
