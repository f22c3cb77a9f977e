"""
Information, entropy, KL divergence and cross entropy
=====================================================

The cross-entropy loss of every classifier comes from information theory. This page
builds it up in four steps: the :term:`self-information` of one outcome, the
:term:`entropy` of a distribution, the :term:`KL divergence` between two
distributions and the :term:`cross entropy`, each with its formula and computed in
PyTorch. It then works through the notes' numeric example, shows why minimising cross
entropy is :term:`maximum likelihood estimation`, and why ``nn.CrossEntropyLoss``
gives a different number when it is handed the example's probabilities.
"""

import math

import matplotlib.pyplot as plt
import torch
import torch.nn.functional as F
from torch import nn

# %%
# Self-information
# ----------------
# An outcome of probability :math:`p` carries the information
#
# .. math::
#
#    I(p) = -\log p = \log \frac{1}{p} .
#
# A certain outcome (:math:`p = 1`) tells nothing, :math:`I = 0`; the rarer the
# outcome, the more it tells, without bound as :math:`p \to 0`. Because
# :math:`\log(pq) = \log p + \log q`, the information of two independent outcomes is
# the sum of their informations. With the natural logarithm (the one PyTorch's
# losses use) the unit is the *nat*; with :math:`\log_2` it is the *bit*: a fair coin
# toss is one bit.

p = torch.tensor([1.0, 0.5, 0.25, 0.01])
print(-torch.log(p))
print(-torch.log2(p))

# %%
# >>> -torch.log2(torch.tensor([1.0, 0.5, 0.25]))  # certain, a coin, two coins
# tensor([-0., 1., 2.])
# >>> round(math.log(2), 4)  # one bit in nats
# 0.6931

# %%
# Entropy
# -------
# The entropy of a distribution :math:`p = (p_1, \dots, p_K)` is its expected
# self-information, the average surprise of a draw:
#
# .. math::
#
#    H(p) = \mathbb{E}_{i \sim p}\bigl[-\log p_i\bigr] = -\sum_{i=1}^{K} p_i \log p_i ,
#    \qquad 0 \le H(p) \le \log K .
#
# It is 0 for a one-hot distribution (the outcome is certain) and largest, :math:`\log
# K`, for the uniform one. Terms with :math:`p_i = 0` count as 0 (the limit of
# :math:`p \log p`). Written naively in PyTorch they are ``0 * log(0) = 0 * (-inf)``,
# which is ``nan``; ``torch.special.entr`` (element-wise :math:`-p \log p`) and
# ``torch.xlogy`` (:math:`x \log y`, 0 where :math:`x = 0`) handle them:

one_hot = torch.tensor([1.0, 0.0, 0.0, 0.0, 0.0])
uniform = torch.full((5,), 0.2)
prediction = torch.tensor([0.4, 0.3, 0.05, 0.05, 0.2])


def entropy(p):
    return torch.special.entr(p).sum()


print(entropy(one_hot), entropy(uniform), entropy(prediction))

# %%
# >>> entropy(one_hot), -(one_hot * one_hot.log()).sum()
# (tensor(0.), tensor(nan))
# >>> torch.isclose(entropy(uniform), torch.tensor(math.log(5)))  # log 5 = 1.609
# tensor(True)
# >>> entropy(prediction)
# tensor(1.3492)

# %%
# KL divergence
# -------------
# The Kullback-Leibler divergence measures how much a distribution :math:`q` differs
# from a reference :math:`p`: the expected extra surprise when outcomes drawn from
# :math:`p` are scored with :math:`q`.
#
# .. math::
#
#    D_\mathrm{KL}(p \,\|\, q) = \sum_{i} p_i \log \frac{p_i}{q_i} \;\ge\; 0 ,
#    \qquad D_\mathrm{KL}(p \,\|\, q) = 0 \iff p = q .
#
# It is not symmetric: exchanging the two distributions changes the value.


def kl_divergence(p, q):
    return (torch.xlogy(p, p) - torch.xlogy(p, q)).sum()


a = torch.tensor([0.9, 0.1])
b = torch.tensor([0.5, 0.5])
print(kl_divergence(a, b), kl_divergence(b, a), kl_divergence(a, a))

# %%
# >>> kl_divergence(a, b), kl_divergence(b, a)
# (tensor(0.3681), tensor(0.5108))
# >>> kl_divergence(a, a)
# tensor(0.)
#
# .. pitfall:: KL divergence measures difference, not similarity, and is not symmetric
#
#    The notes call the KL divergence the "similarity between the two distributions".
#    It grows as the distributions become *less* alike and is 0 only when they are
#    equal. It is also not a distance: :math:`D_\mathrm{KL}(p\|q) \ne
#    D_\mathrm{KL}(q\|p)` in general, and it is infinite when :math:`q` gives
#    probability 0 to an outcome that :math:`p` allows. The order matters: the first
#    argument is the distribution the outcomes come from.
#
#    >>> bool(kl_divergence(a, b) != kl_divergence(b, a))
#    True
#    >>> kl_divergence(b, torch.tensor([1.0, 0.0]))
#    tensor(inf)

# %%
# Cross entropy
# -------------
# The cross entropy scores outcomes drawn from :math:`p` with the probabilities of
# :math:`q`:
#
# .. math::
#
#    H(p, q) = -\sum_{i} p_i \log q_i = H(p) + D_\mathrm{KL}(p \,\|\, q) .
#
# Since :math:`H(p)` does not depend on :math:`q`, minimising the cross entropy over
# :math:`q` is the same as minimising the KL divergence, and the minimum is reached at
# :math:`q = p`.


def cross_entropy(p, q):
    return -torch.xlogy(p, q).sum()


c = torch.tensor([0.7, 0.2, 0.1])
d = torch.tensor([0.4, 0.4, 0.2])
print(cross_entropy(c, d), entropy(c) + kl_divergence(c, d))

# %%
# >>> torch.isclose(cross_entropy(c, d), entropy(c) + kl_divergence(c, d))
# tensor(True)
# >>> bool(cross_entropy(c, c) < cross_entropy(c, d)), torch.isclose(cross_entropy(c, c), entropy(c))
# (True, tensor(True))
#
# **Multiclass classification.** The target is one-hot: class :math:`c` has
# probability 1 and every other class 0. Only one term of the sum survives,
#
# .. math::
#
#    H(y, q) = -\log q_c ,
#
# the self-information of the true class under the model. And because :math:`H(y) =
# 0` for a one-hot :math:`y`, here the cross entropy *equals* the KL divergence.
#
# **Binary classification.** With two classes and :math:`q` the predicted probability
# of the positive class, a target :math:`y \in \{0, 1\}` gives the binary cross
# entropy
#
# .. math::
#
#    \operatorname{BCE}(y, q) = -\bigl[\, y \log q + (1 - y) \log(1 - q) \,\bigr],
#
# which is :math:`H` of the two-class distributions :math:`(y, 1-y)` and
# :math:`(q, 1-q)` (``nn.BCELoss``, see
# :ref:`sphx_glr_auto_examples_04_models_plot_18_binary_cross_entropy.py`).

# %%
# The notes' example
# ------------------
# The target is class 0, ``[1, 0, 0, 0, 0]``, and the model predicts
# ``[0.4, 0.3, 0.05, 0.05, 0.2]``:

target = one_hot
ce = cross_entropy(target, prediction)
print(ce, -math.log(0.4), -math.log2(0.4))

# %%
# >>> ce  # -log 0.4, in nats
# tensor(0.9163)
# >>> round(-math.log2(0.4), 4)  # the same in bits
# 1.3219
# >>> torch.isclose(ce, kl_divergence(target, prediction))  # H(target) = 0
# tensor(True)
#
# Only the probability of the true class counts. Moving the other 0.6 around does not
# change the loss:
#
# >>> cross_entropy(target, torch.tensor([0.4, 0.6, 0.0, 0.0, 0.0]))
# tensor(0.9163)
#
# A confident correct prediction costs little, a confident wrong one a lot:
#
# >>> cross_entropy(target, torch.tensor([0.99, 0.01, 0, 0, 0])).item() < 0.011
# True
# >>> cross_entropy(target, torch.tensor([0.01, 0.99, 0, 0, 0]))  # -log 0.01
# tensor(4.6052)

fig, axes = plt.subplots(1, 3, figsize=(11, 3.3), layout="constrained")
classes = range(5)
axes[0].bar([i - 0.2 for i in classes], target.numpy(), width=0.4, label="target")
axes[0].bar([i + 0.2 for i in classes], prediction.numpy(), width=0.4, label="prediction")
axes[0].set_xticks(list(classes))
axes[0].set_xlabel("class")
axes[0].set_title(r"the notes' example: CE $= -\log 0.4$")
axes[0].legend()
ps = torch.linspace(0.001, 1, 500)
axes[1].plot(ps.numpy(), (-torch.log2(ps)).numpy())
axes[1].set_ylim(0, 8)
axes[1].set_xlabel("probability p")
axes[1].set_title(r"self-information $-\log_2 p$ (bits)")
binary = torch.stack([ps, 1 - ps], dim=1)
axes[2].plot(ps.numpy(), (torch.special.entr(binary).sum(dim=1) / math.log(2)).numpy())
axes[2].set_xlabel("probability of heads p")
axes[2].set_title("entropy of a coin (bits)")
plt.show()

# %%
# Minimum cross entropy is maximum likelihood
# -------------------------------------------
# Let a model give the probability :math:`q_\theta(c \mid x)` of class :math:`c` for
# input :math:`x`, and let the data be :math:`N` pairs :math:`(x_n, c_n)`. The
# likelihood of the parameters :math:`\theta` is the probability the model assigns to
# the observed classes, and its negative logarithm, divided by :math:`N`, is the mean
# cross entropy with one-hot targets:
#
# .. math::
#
#    -\frac{1}{N} \log \prod_{n=1}^{N} q_\theta(c_n \mid x_n)
#    = \frac{1}{N} \sum_{n=1}^{N} -\log q_\theta(c_n \mid x_n)
#    = \frac{1}{N} \sum_{n=1}^{N} H\bigl(y_n,\, q_\theta(\cdot \mid x_n)\bigr).
#
# The logarithm is increasing and :math:`1/N` is a positive constant, so the
# :math:`\theta` that minimises the mean cross entropy maximises the likelihood: the
# notes' "minimum cross-entropy loss = maximum likelihood estimation" holds, for
# one-hot targets. This is also why the loss is called the *negative log-likelihood*.
#
# The smallest model shows it concretely: no input, just four class probabilities
# :math:`\operatorname{softmax}(\theta)`. The maximum-likelihood estimate of a
# categorical distribution is the observed frequency of each class. Gradient descent
# on the mean cross entropy of 1000 sampled labels finds exactly those frequencies,
# and the minimum loss is the entropy of the observed frequencies.

generator = torch.Generator().manual_seed(0)
labels = torch.multinomial(torch.tensor([0.5, 0.25, 0.15, 0.1]), 1000, replacement=True, generator=generator)
frequencies = torch.bincount(labels, minlength=4) / len(labels)

theta = torch.zeros(4, requires_grad=True)
for step in range(40):
    loss = F.cross_entropy(theta.expand(len(labels), 4), labels)
    (grad,) = torch.autograd.grad(loss, theta)
    with torch.no_grad():
        theta -= 3.5 * grad
print(frequencies)
print(theta.softmax(dim=0).detach())

# %%
# >>> frequencies
# tensor([0.5000, 0.2580, 0.1320, 0.1100])
# >>> torch.allclose(theta.softmax(dim=0), frequencies, atol=1e-4)
# True
# >>> torch.isclose(loss, entropy(frequencies), atol=1e-5)
# tensor(True)

# %%
# What ``nn.CrossEntropyLoss`` expects
# ------------------------------------
# The notes end the example with ``criterion = nn.CrossEntropyLoss()``. Handing it the
# example's numbers does not give 0.9163:

criterion = nn.CrossEntropyLoss()
print(criterion(prediction.unsqueeze(0), torch.tensor([0])))
print(criterion(prediction.log().unsqueeze(0), torch.tensor([0])))

# %%
# >>> criterion(prediction.unsqueeze(0), torch.tensor([0]))
# tensor(1.4190)
# >>> criterion(prediction.log().unsqueeze(0), torch.tensor([0]))
# tensor(0.9163)
#
# .. pitfall:: ``nn.CrossEntropyLoss`` takes scores (logits), not probabilities
#
#    ``nn.CrossEntropyLoss`` applies ``log_softmax`` to its input itself. Given the
#    probabilities ``[0.4, 0.3, 0.05, 0.05, 0.2]`` it treats them as scores, turns
#    them into the much flatter distribution ``softmax([0.4, 0.3, ...])`` and reports
#    :math:`-\log 0.242 = 1.419` instead of :math:`-\log 0.4 = 0.916`. Pass the
#    model's raw outputs; if you only have probabilities, pass their logarithm (whose
#    softmax is the probabilities again).
#
#    >>> F.softmax(prediction, dim=0)[0]
#    tensor(0.2420)
#    >>> torch.allclose(F.softmax(prediction.log(), dim=0), prediction)
#    True
#
# The next page treats ``nn.CrossEntropyLoss`` in full: class indices or
# probabilities as targets, label smoothing, ignored positions, and its relation to
# ``log_softmax`` and ``nn.NLLLoss``.

# %%
# Summary
# -------
# * Self-information :math:`-\log p`; entropy :math:`H(p) = -\sum p_i \log p_i`
#   (0 for one-hot, :math:`\log K` for uniform); use ``torch.special.entr`` or
#   ``torch.xlogy`` so that :math:`0 \log 0 = 0`.
# * :math:`D_\mathrm{KL}(p\|q) = \sum p_i \log(p_i/q_i) \ge 0` measures difference and
#   is not symmetric.
# * :math:`H(p, q) = H(p) + D_\mathrm{KL}(p\|q)`; with a one-hot target it is
#   :math:`-\log q_c`: 0.9163 nats for the notes' example.
# * Minimising the mean cross entropy with one-hot targets maximises the likelihood.
# * ``nn.CrossEntropyLoss`` wants logits: probabilities in give a wrong value (1.4190
#   instead of 0.9163 here).
