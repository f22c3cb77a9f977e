"""
nn.KLDivLoss: log-probabilities in, and 'batchmean' for the real KL
===================================================================

``nn.KLDivLoss`` measures how far a model's distribution is from a target
distribution, for example in knowledge distillation. Its conventions surprise almost
everyone: the *input* must be log-probabilities while the *target* is plain
probabilities (unless ``log_target=True``), the arguments are in the opposite order
of the :math:`D_\\mathrm{KL}(p\\,\\|\\,q)` notation, and the default reduction
``'mean'`` does not give the KL divergence (PyTorch warns about it). This page checks
each convention numerically.
"""

import warnings

import matplotlib.pyplot as plt
import torch
import torch.nn.functional as F
from torch import nn

torch.manual_seed(0)

# %%
# What the loss computes
# ----------------------
# For a target distribution :math:`p` (the reference) and a model distribution
# :math:`q`, the :term:`KL divergence` is
# :math:`D_\mathrm{KL}(p\,\|\,q) = \sum_i p_i (\log p_i - \log q_i)`. ``F.kl_div`` and
# ``nn.KLDivLoss`` are called as ``loss(input, target)`` with **input** :math:`= \log
# q` (what the model returns through ``log_softmax``) and **target** :math:`= p`, and
# compute the terms :math:`p_i (\log p_i - \text{input}_i)` element by element.

model_logits = torch.randn(4, 5)  # a batch of 4 samples, 5 classes
log_q = F.log_softmax(model_logits, dim=-1)
p = F.softmax(torch.randn(4, 5), dim=-1)  # the target distributions

kl = F.kl_div(log_q, p, reduction="batchmean")
by_hand = (p * (p.log() - log_q)).sum(dim=-1).mean()
print(kl, by_hand)

# %%
# >>> torch.isclose(kl, by_hand)
# tensor(True)
# >>> kl
# tensor(0.5777)
#
# With ``log_target=True`` the target is given as log-probabilities too, which is
# more accurate when :math:`p` itself comes from a ``log_softmax`` (a teacher model):
#
# >>> torch.isclose(F.kl_div(log_q, p.log(), reduction="batchmean", log_target=True), kl)
# tensor(True)
#
# .. pitfall:: The input of ``KLDivLoss`` is log-probabilities, and it comes first
#
#    The math is written :math:`D_\mathrm{KL}(p\|q)` with the reference first, and
#    it is natural to call ``F.kl_div(q, p)`` with two probability tensors. The
#    function expects ``(log q, p)``: the model's log-probabilities first, the target
#    second. Given probabilities as input it silently computes
#    :math:`\sum p (\log p - q)`, which is not a divergence at all and can be
#    negative. Apply ``log_softmax`` to the model's scores (not ``log`` of a softmax,
#    which can produce ``-inf``).
#
#    >>> F.kl_div(log_q.exp(), p, reduction="batchmean")  # probabilities by mistake
#    tensor(-1.5629)

# %%
# ``'batchmean'``, not ``'mean'``
# -------------------------------
# The KL divergence of one sample is a *sum* over the classes; averaged over a batch
# of :math:`N` samples it is the total divided by :math:`N`. That is
# ``reduction='batchmean'``. The default, ``'mean'``, divides by the number of
# *elements*, :math:`N \times C`, so it is :math:`C` times too small, and PyTorch
# raises a ``UserWarning`` when it is used:

with warnings.catch_warnings(record=True) as caught:
    warnings.simplefilter("always")
    default_mean = nn.KLDivLoss()(log_q, p)
batchmean = nn.KLDivLoss(reduction="batchmean")(log_q, p)
total = nn.KLDivLoss(reduction="sum")(log_q, p)
print(default_mean, batchmean, total)
print(caught[0].category.__name__ + ":", caught[0].message)

# %%
# >>> torch.isclose(batchmean, total / 4), torch.isclose(default_mean, total / 20)
# (tensor(True), tensor(True))
# >>> str(caught[0].message)
# "reduction: 'mean' divides the total loss by both the batch size and the support size.'batchmean' divides only by the batch size, and aligns with the KL div math definition.'mean' will be changed to behave the same as 'batchmean' in the next major release."
#
# (The missing spaces between the sentences are in PyTorch's message.) ``'mean'``
# still gives the right *direction* for the gradient, but scaled by :math:`1/C`,
# which silently changes the effective learning rate whenever the number of classes
# changes.

# %%
# KL, cross entropy and entropy
# -----------------------------
# The cross entropy with probability targets is the KL divergence plus the entropy of
# the target, :math:`H(p, q) = D_\mathrm{KL}(p\|q) + H(p)` (see the
# :ref:`information page <sphx_glr_auto_examples_04_models_plot_16_information_and_cross_entropy.py>`).
# ``F.cross_entropy`` with soft targets and ``F.kl_div`` therefore differ by a constant
# that does not depend on the model, and give the same gradients:

logits = model_logits.clone().requires_grad_()
ce = F.cross_entropy(logits, p)
(ce_grad,) = torch.autograd.grad(ce, logits)
kl = F.kl_div(F.log_softmax(logits, dim=-1), p, reduction="batchmean")
(kl_grad,) = torch.autograd.grad(kl, logits)
entropy = torch.special.entr(p).sum(dim=-1).mean()
print(ce.item(), kl.item(), entropy.item())

# %%
# >>> torch.isclose(ce, kl + entropy)
# tensor(True)
# >>> torch.allclose(ce_grad, kl_grad, atol=1e-7)
# True
#
# Which loss to report is a matter of taste: KL is 0 for a perfect model, cross
# entropy bottoms out at :math:`H(p)`.

# %%
# Direction matters
# -----------------
# The KL divergence is not symmetric, and the order of the arguments chooses which
# distribution is the reference. For two coins, a reference :math:`p` with
# :math:`P(\text{heads}) = 0.3` and a model :math:`q` whose probability varies,
# :math:`D_\mathrm{KL}(p\|q)` (what ``F.kl_div(log q, p)`` computes) and
# :math:`D_\mathrm{KL}(q\|p)` are both 0 at :math:`q = p` but grow differently:
# :math:`D_\mathrm{KL}(p\|q)` becomes infinite as :math:`q` approaches 0 or 1, where it
# gives no probability to an outcome that :math:`p` allows.

heads = torch.linspace(0.001, 0.999, 999)
model = torch.stack([heads, 1 - heads], dim=1)
reference = torch.tensor([0.3, 0.7]).expand_as(model)
forward = F.kl_div(model.log(), reference, reduction="none").sum(dim=1)
backward = F.kl_div(reference.log(), model, reduction="none").sum(dim=1)

fig, ax = plt.subplots(figsize=(7, 4), layout="constrained")
ax.plot(heads.numpy(), forward.numpy(), label="KL(p || q) = kl_div(log q, p)")
ax.plot(heads.numpy(), backward.numpy(), "--", label="KL(q || p) = kl_div(log p, q)")
ax.axvline(0.3, color="0.6", lw=0.8)
ax.set_ylim(0, 3)
ax.set_xlabel("model probability of heads q")
ax.set_ylabel("KL divergence (nats)")
ax.set_title("Reference p: P(heads) = 0.3")
ax.legend()
plt.show()

# %%
# >>> heads[forward.argmin()].item(), heads[backward.argmin()].item()  # both 0 at q = p
# (0.3, 0.3)
# >>> forward[0] > backward[0]  # near q = 0, KL(p||q) is much larger
# tensor(True)

# %%
# Knowledge distillation
# ----------------------
# The typical use: a small *student* model learns to match the softened output
# distribution of a large *teacher*. Both sets of logits are divided by a temperature
# :math:`T > 1` to soften them, and the loss is multiplied by :math:`T^2`, as Hinton
# et al. (2015) propose, because the gradients of the softened loss scale as
# :math:`1/T^2`.

teacher_logits = torch.randn(4, 5) * 3
student_logits = torch.randn(4, 5, requires_grad=True)
T = 2.0
distillation = F.kl_div(
    F.log_softmax(student_logits / T, dim=-1),
    F.log_softmax(teacher_logits / T, dim=-1),
    reduction="batchmean",
    log_target=True,
) * T**2
print(distillation)

# %%
# >>> round(distillation.item(), 4)
# 1.253
# >>> soft_teacher = F.softmax(teacher_logits / T, dim=-1)
# >>> soft_student = F.log_softmax(student_logits / T, dim=-1)
# >>> torch.isclose(distillation, T**2 * (soft_teacher * (soft_teacher.log() - soft_student)).sum(dim=-1).mean())
# tensor(True)

# %%
# Summary
# -------
# * ``F.kl_div(input, target)`` computes :math:`D_\mathrm{KL}(\text{target} \,\|\,
#   \text{model})` with ``input`` the model's **log**-probabilities
#   (``log_softmax``) and ``target`` probabilities, or log-probabilities with
#   ``log_target=True``.
# * Use ``reduction='batchmean'``: the default ``'mean'`` divides by batch × classes
#   and warns.
# * Cross entropy with soft targets = KL + entropy of the target: the same gradients.
# * Distillation: ``kl_div(log_softmax(s/T), log_softmax(t/T), 'batchmean',
#   log_target=True) * T**2``.
