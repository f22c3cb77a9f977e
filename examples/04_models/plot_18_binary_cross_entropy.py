"""
Binary cross entropy: BCELoss or BCEWithLogitsLoss
==================================================

For yes/no targets PyTorch has two losses: ``nn.BCELoss``, which takes probabilities
(the output of a sigmoid), and ``nn.BCEWithLogitsLoss``, which takes the raw
:term:`logits` and applies the sigmoid inside. They agree for moderate scores, but in
float32 the sigmoid rounds to exactly 1.0 beyond a logit of about 16.6, and then
``BCELoss`` reports a clamped loss of 100 with a zero gradient. This page shows where
the two part ways and why the logits version is the one to use, then covers
``pos_weight`` and multi-label targets.
"""

import math

import matplotlib.pyplot as plt
import torch
import torch.nn.functional as F
from torch import nn

# %%
# Two losses, one formula
# -----------------------
# With :math:`z` the logit, :math:`q = \sigma(z)` the predicted probability of the
# positive class and :math:`y` the target, the binary cross entropy is
#
# .. math::
#
#    \ell(z, y) = -\bigl[\, y \log \sigma(z) + (1 - y) \log\bigl(1 - \sigma(z)\bigr) \bigr].
#
# ``nn.BCELoss`` receives :math:`q` and ``nn.BCEWithLogitsLoss`` receives :math:`z`.
# Targets are floats of the same shape as the input (0 and 1, or any value in between
# as a soft target).

logits = torch.tensor([2.0, -1.0, 0.5, -3.0])
targets = torch.tensor([1.0, 0.0, 0.0, 1.0])
from_probabilities = nn.BCELoss()(torch.sigmoid(logits), targets)
from_logits = nn.BCEWithLogitsLoss()(logits, targets)
print(from_probabilities, from_logits)

# %%
# >>> torch.isclose(from_probabilities, from_logits)
# tensor(True)
# >>> by_hand = -(targets * torch.sigmoid(logits).log() + (1 - targets) * (1 - torch.sigmoid(logits)).log()).mean()
# >>> torch.isclose(from_logits, by_hand)
# tensor(True)
#
# It is the two-class cross entropy of the
# :ref:`information page <sphx_glr_auto_examples_04_models_plot_16_information_and_cross_entropy.py>`:
# a logit :math:`z` is the same as the pair of class scores :math:`(0, z)`, because
# :math:`\operatorname{softmax}(0, z)_1 = e^z / (1 + e^z) = \sigma(z)`.
#
# >>> pairs = torch.stack([torch.zeros(4), logits], dim=1)  # scores (0, z)
# >>> torch.isclose(F.cross_entropy(pairs, targets.long()), from_logits)
# tensor(True)

# %%
# Where they part ways
# --------------------
# Mathematically :math:`\sigma(z) = 1 / (1 + e^{-z})` lies strictly between 0 and 1.
# In float32 it does not: float32 numbers just above 1 are :math:`2^{-23}` apart, so
# once :math:`e^{-z}` is at most half of that, :math:`2^{-24} \approx 6 \cdot
# 10^{-8}`, the sum :math:`1 + e^{-z}` rounds to 1 and :math:`\sigma(z)` is exactly
# ``1.0``. That happens from :math:`z = 24 \ln 2 \approx 16.64` on. Printed as
# :math:`1 - \sigma(z)`:

print(1 - torch.sigmoid(torch.tensor([10.0, 16.0, 16.7, 40.0])))

# %%
# >>> round(24 * math.log(2), 2)
# 16.64
# >>> torch.sigmoid(torch.tensor(16.0)).item() == 1.0, torch.sigmoid(torch.tensor(16.7)).item() == 1.0
# (False, True)
#
# A confident wrong prediction, logit 40 for a negative example, then needs
# :math:`\log(1 - 1) = \log 0`. ``BCELoss`` clamps the logarithm at :math:`-100` so as
# not to return ``inf``, and reports 100. The true loss is
# :math:`\log(1 + e^{40}) \approx 40`, which ``BCEWithLogitsLoss`` computes without
# forming :math:`\sigma(z)`, as :math:`(1 - y)\, z - \log \sigma(z)` with a
# numerically stable ``log_sigmoid`` (equivalently
# :math:`\max(z, 0) - z y + \log(1 + e^{-|z|})`).

z = torch.tensor([40.0], requires_grad=True)
y = torch.tensor([0.0])
bce = nn.BCELoss()(torch.sigmoid(z), y)
(bce_grad,) = torch.autograd.grad(bce, z)
bce_logits = nn.BCEWithLogitsLoss()(z, y)
(logits_grad,) = torch.autograd.grad(bce_logits, z)
print(bce.item(), bce_grad.item(), "|", bce_logits.item(), logits_grad.item())

# %%
# >>> bce.item(), bce_grad.item()
# (100.0, 0.0)
# >>> bce_logits.item(), logits_grad.item()
# (40.0, 1.0)
# >>> per_element = nn.BCEWithLogitsLoss(reduction="none")(logits, targets)
# >>> torch.allclose(per_element, (1 - targets) * logits - F.logsigmoid(logits))
# True
#
# The gradient is the worse problem: :math:`\partial\ell/\partial z = \sigma(z) - y`
# is 1 here, the strongest possible signal to fix the mistake, but through the
# rounded sigmoid ``BCELoss`` passes back exactly 0, and the model never learns from
# this example. The picture for a negative target over a range of logits:

zs = torch.linspace(-5, 40, 901, requires_grad=True)
negative = torch.zeros_like(zs)
curves = {
    "BCELoss(sigmoid(z))": nn.BCELoss(reduction="none")(torch.sigmoid(zs), negative),
    "BCEWithLogitsLoss(z)": nn.BCEWithLogitsLoss(reduction="none")(zs, negative),
}
fig, axes = plt.subplots(1, 2, figsize=(10, 3.8), layout="constrained")
for (name, values), style in zip(curves.items(), ("-", "--")):
    (grads,) = torch.autograd.grad(values.sum(), zs)
    axes[0].plot(zs.detach().numpy(), values.detach().numpy(), style, label=name)
    axes[1].plot(zs.detach().numpy(), grads.numpy(), style, label=name)
axes[0].set_title("loss for target y = 0")
axes[1].set_title("gradient with respect to the logit z")
for ax in axes:
    ax.axvline(16.64, color="0.6", lw=0.8)
    ax.set_xlabel("logit z")
    ax.legend()
plt.show()

# %%
# Left of the grey line the two curves coincide; right of it ``BCELoss`` jumps to
# the clamp value 100 and its gradient drops to 0, while the logits version keeps
# growing linearly with slope 1.
#
# .. pitfall:: ``sigmoid`` followed by ``BCELoss`` fails for large logits
#
#    Computing ``torch.sigmoid(logits)`` in the model and ``nn.BCELoss`` on the
#    result looks equivalent to ``nn.BCEWithLogitsLoss`` on the logits, and is for
#    moderate scores. But a sigmoid output is not "always in (0, 1)" in floating
#    point: in float32 it is exactly 1.0 from a logit of about 16.6 on (and exactly 0
#    for very negative logits), so a confidently wrong prediction gets the clamped
#    loss 100 and a gradient of 0. Return logits from the model, train with
#    ``nn.BCEWithLogitsLoss``, and apply ``torch.sigmoid`` only to report
#    probabilities.
#
#    >>> nn.BCELoss()(torch.sigmoid(torch.tensor([-120.0])), torch.tensor([1.0]))
#    tensor(100.)
#    >>> nn.BCEWithLogitsLoss()(torch.tensor([-120.0]), torch.tensor([1.0]))
#    tensor(120.)

# %%
# What the two losses refuse
# --------------------------
# ``BCELoss`` checks that its input is a probability, which catches logits passed by
# mistake. Both losses want float targets, and both insist that target and input have
# the same shape (unlike ``nn.MSELoss``, which only warns):
#
# >>> nn.BCELoss()(logits, targets)
# Traceback (most recent call last):
#     ...
# RuntimeError: all elements of input should be between 0 and 1
# >>> nn.BCELoss()(torch.sigmoid(logits), targets.long())
# Traceback (most recent call last):
#     ...
# RuntimeError: Found dtype Long but expected Float
# >>> nn.BCEWithLogitsLoss()(logits.unsqueeze(1), targets)
# Traceback (most recent call last):
#     ...
# ValueError: Target size (torch.Size([4])) must be the same as input size (torch.Size([4, 1]))
# >>> nn.BCELoss()(torch.sigmoid(logits).unsqueeze(1), targets)
# Traceback (most recent call last):
#     ...
# ValueError: Using a target size (torch.Size([4])) that is different to the input size (torch.Size([4, 1])) is deprecated. Please ensure they have the same size.

# %%
# Imbalanced classes: ``pos_weight``
# ----------------------------------
# ``pos_weight`` multiplies the positive term :math:`y \log \sigma(z)`. With one
# positive example for every three negatives, ``pos_weight=3`` makes the positives
# count as much as the negatives in total. For a logit of 0 and a positive target the
# loss becomes :math:`3 \log 2`:
#
# >>> nn.BCEWithLogitsLoss(pos_weight=torch.tensor([3.0]))(torch.tensor([0.0]), torch.tensor([1.0]))
# tensor(2.0794)
# >>> nn.BCEWithLogitsLoss(pos_weight=torch.tensor([3.0]))(torch.tensor([0.0]), torch.tensor([0.0]))
# tensor(0.6931)

# %%
# Several labels per sample
# -------------------------
# In multi-label classification a sample can belong to several classes at once (a
# photo with a cat *and* a dog). The model returns one logit per class, shape
# ``(N, K)``, the target is a multi-hot float tensor of the same shape, and
# ``BCEWithLogitsLoss`` treats every entry as its own yes/no problem and averages
# over all :math:`N K` of them. ``CrossEntropyLoss``, by contrast, makes the classes
# compete for one probability mass: one class per sample.

torch.manual_seed(0)
multi_logits = torch.randn(3, 4)
multi_hot = torch.tensor([[1.0, 0.0, 1.0, 0.0], [0.0, 0.0, 0.0, 0.0], [1.0, 1.0, 1.0, 0.0]])
multi_loss = nn.BCEWithLogitsLoss()(multi_logits, multi_hot)
per_class = nn.BCEWithLogitsLoss(reduction="none")(multi_logits, multi_hot)
print(per_class.shape, multi_loss)

# %%
# >>> per_class.shape
# torch.Size([3, 4])
# >>> torch.isclose(multi_loss, per_class.mean())
# tensor(True)
#
# At prediction time, ``logits > 0`` is the exact form of ``torch.sigmoid(logits) > 0.5``
# and skips the sigmoid. The two agree here:
#
# >>> torch.equal(torch.sigmoid(multi_logits) > 0.5, multi_logits > 0)
# True
#
# They differ only for tiny positive logits, below about ``9e-8`` in float32, whose
# sigmoid rounds to exactly 0.5:
#
# >>> tiny = torch.tensor([1e-8, 5e-8, 1e-7])
# >>> torch.sigmoid(tiny) > 0.5, tiny > 0
# (tensor([False, False,  True]), tensor([True, True, True]))

# %%
# Summary
# -------
# * ``nn.BCELoss(probabilities, targets)`` and ``nn.BCEWithLogitsLoss(logits,
#   targets)`` compute the same binary cross entropy; targets are floats of the
#   input's shape.
# * In float32 ``sigmoid(z)`` is exactly 1.0 for :math:`z \gtrsim 16.6`; ``BCELoss``
#   then returns the clamp value 100 with zero gradient. ``BCEWithLogitsLoss`` stays
#   accurate: prefer it, and apply the sigmoid only for reporting.
# * ``pos_weight`` reweights the positive term for imbalanced data; multi-label
#   problems use ``BCEWithLogitsLoss`` on ``(N, K)`` multi-hot targets.
