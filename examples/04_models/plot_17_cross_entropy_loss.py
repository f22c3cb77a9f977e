"""
nn.CrossEntropyLoss: logits, targets, label smoothing and ignored positions
===========================================================================

``nn.CrossEntropyLoss`` is the loss of almost every classifier. It takes raw scores
(:term:`logits`) and either class indices or class probabilities as targets. For
class-index targets without label smoothing it is exactly ``log_softmax`` followed by
``nn.NLLLoss``. This page checks that relation numerically, shows the shapes it
accepts (including sequences, where the class dimension must come second), the errors
a wrong target gives, :term:`label smoothing`, ``ignore_index`` and class weights.
"""

import inspect

import matplotlib.pyplot as plt
import torch
import torch.nn.functional as F
from torch import nn

torch.manual_seed(0)

# %%
# Logits in, class indices as targets
# -----------------------------------
# The input has shape ``(N, C)``: for each of ``N`` samples one unnormalised score per
# class, as the last ``nn.Linear`` of a classifier produces it. The target has shape
# ``(N,)`` and holds the index of the correct class, an integer from 0 to ``C - 1``
# of dtype ``torch.long``. The loss is the mean over the samples of
# :math:`-\log \operatorname{softmax}(z_n)_{c_n}`, the cross entropy of the
# :ref:`previous page <sphx_glr_auto_examples_04_models_plot_16_information_and_cross_entropy.py>`.

logits = torch.tensor([[2.0, 1.0, 0.1], [0.5, 2.5, 0.3], [0.1, 0.2, 3.0]], requires_grad=True)
target = torch.tensor([0, 1, 1])
criterion = nn.CrossEntropyLoss()
loss = criterion(logits, target)
print(loss)

# %%
# >>> loss
# tensor(1.1822, grad_fn=<NllLossBackward0>)
# >>> by_hand = -F.softmax(logits, dim=1)[torch.arange(3), target].log().mean()
# >>> torch.isclose(loss, by_hand)
# tensor(True)
#
# The defaults, read from torch:

print(inspect.signature(nn.CrossEntropyLoss))

# %%
# ``log_softmax`` + ``NLLLoss``
# -----------------------------
# The ``grad_fn`` above is ``NllLossBackward0``: the loss is computed in two steps.
# ``F.log_softmax`` turns scores into log-probabilities, and ``nn.NLLLoss`` (negative
# log-likelihood) picks the log-probability of the target class, negates it and
# averages. Nothing else happens:

log_probs = F.log_softmax(logits, dim=1)
nll = nn.NLLLoss()(log_probs, target)
picked = -log_probs[torch.arange(3), target].mean()
print(loss.item(), nll.item(), picked.item())

# %%
# >>> torch.equal(loss, nll), torch.isclose(nll, picked)
# (True, tensor(True))
# >>> loss.grad_fn.name(), loss.grad_fn.next_functions[0][0].name()
# ('NllLossBackward0', 'LogSoftmaxBackward0')
#
# So a model that already ends in ``nn.LogSoftmax`` is trained with ``nn.NLLLoss``,
# and a model that returns logits with ``nn.CrossEntropyLoss``. Do not add a softmax
# before ``nn.CrossEntropyLoss``: the loss would apply a second one.
#
# ``log_softmax`` is also more accurate than ``log(softmax(...))``. With a large gap
# between scores the softmax of the smaller one underflows to 0 and its logarithm
# becomes ``-inf``, while ``log_softmax`` computes
# :math:`z_i - \log\sum_j e^{z_j}` directly:
#
# >>> wide = torch.tensor([0.0, 200.0])
# >>> F.log_softmax(wide, dim=0), torch.log(F.softmax(wide, dim=0))
# (tensor([-200.,    0.]), tensor([-inf, 0.]))
#
# The gradient with respect to the logits is the famous
# :math:`\operatorname{softmax}(z) - \text{one-hot}(c)`, divided by ``N`` for the
# mean:

loss.backward()
print(logits.grad)

# %%
# >>> expected = (F.softmax(logits, dim=1) - F.one_hot(target, 3)) / 3
# >>> torch.allclose(logits.grad, expected.detach(), atol=1e-7)
# True

# %%
# Targets: the errors
# -------------------
# Class-index targets must be integers of dtype ``torch.long`` (``torch.uint8`` is
# accepted too). A float tensor of shape ``(N,)`` is rejected, and so is an ``int32``
# tensor (for example one converted from a NumPy array created with ``dtype=np.int32``,
# or on Windows with NumPy older than 2.0); so is an index outside ``[0, C)``.

z = logits.detach()  # the same scores, without the graph

# %%
# >>> criterion(z, target.float())
# Traceback (most recent call last):
#     ...
# RuntimeError: expected target dtype to be Long or Byte, but got Float
# >>> criterion(z, target.int())
# Traceback (most recent call last):
#     ...
# RuntimeError: expected target dtype to be Long or Byte, but got Int
# >>> criterion(z, torch.tensor([0, 1, 3]))
# Traceback (most recent call last):
#     ...
# IndexError: Target 3 is out of bounds.
#
# The order of the arguments matters: ``criterion(output, target)``. Swapped, the
# integer targets are taken as the scores:
#
# >>> criterion(target, z)
# Traceback (most recent call last):
#     ...
# NotImplementedError: "log_softmax_lastdim_kernel_impl" not implemented for 'Long'
#
# A single sample without a batch dimension is accepted: scores of shape ``(C,)`` and
# a 0-dimensional target.
#
# >>> criterion(z[0], target[0])
# tensor(0.4170)

# %%
# Probabilities as targets
# ------------------------
# The target may also be a float tensor of the same shape as the input, one
# probability distribution per sample. The loss is then the full cross entropy
# :math:`-\sum_i p_i \log \operatorname{softmax}(z)_i`, computed directly and not
# through ``nn.NLLLoss``. Without class weights a one-hot target gives the same value
# as its class index, and soft targets (the averaged labels of several annotators,
# mixup, distillation) work too.

one_hot = F.one_hot(target, num_classes=3).float()
soft = torch.tensor([[0.7, 0.2, 0.1], [0.1, 0.8, 0.1], [0.0, 0.5, 0.5]])
print(criterion(z, one_hot), criterion(z, soft))

# %%
# >>> torch.isclose(criterion(z, one_hot), criterion(z, target))
# tensor(True)
# >>> torch.isclose(criterion(z, soft), -(soft * F.log_softmax(z, dim=1)).sum(dim=1).mean())
# tensor(True)
#
# The two kinds of target are told apart by their shape: a target with the same shape
# as the input is taken as probabilities and must then be a float tensor, so an integer
# one-hot target needs ``.float()``. (A float target of shape ``(N,)``, in the
# previous section, was taken as class indices and rejected for its dtype.)
#
# >>> criterion(z, F.one_hot(target, num_classes=3))
# Traceback (most recent call last):
#     ...
# RuntimeError: Expected floating point type for target with class probabilities, got Long
#
# ``nn.NLLLoss`` itself accepts only class indices:
#
# >>> nn.NLLLoss()(F.log_softmax(z, dim=1), one_hot)
# Traceback (most recent call last):
#     ...
# RuntimeError: 0D or 1D target tensor expected, multi-target not supported

# %%
# Label smoothing
# ---------------
# A one-hot target asks for probability 1 on the true class, which softmax reaches
# only as the logit gap goes to infinity, so training keeps pushing the logits apart.
# ``label_smoothing=ε`` mixes the target with the uniform distribution: the true
# class gets :math:`1 - \varepsilon + \varepsilon/C` and every class at least
# :math:`\varepsilon / C`. Without class weights it equals passing that smoothed
# distribution as a probability target:

eps = 0.1
smoothed = one_hot * (1 - eps) + eps / 3
print(nn.CrossEntropyLoss(label_smoothing=eps)(z, target), criterion(z, smoothed))

# %%
# >>> torch.isclose(nn.CrossEntropyLoss(label_smoothing=eps)(z, target), criterion(z, smoothed))
# tensor(True)
#
# It is then no longer ``log_softmax`` followed by ``nn.NLLLoss``:
#
# >>> bool(torch.isclose(nn.CrossEntropyLoss(label_smoothing=eps)(z, target), nll))
# False
#
# With smoothing the loss has a minimum at a *finite* logit gap. For one sample with
# five classes and scores ``[m, 0, 0, 0, 0]``, the best gap is where the softmax
# equals the smoothed target, :math:`e^m = (1 - \varepsilon + \varepsilon/5) /
# (\varepsilon / 5)`; for :math:`\varepsilon = 0.1` that is :math:`m = \log 46
# \approx 3.83`. Without smoothing the loss only decreases.

margins = torch.linspace(0, 12, 1201)
scores = torch.zeros(len(margins), 5)
scores[:, 0] = margins
true_class = torch.zeros(len(margins), dtype=torch.long)
fig, ax = plt.subplots(figsize=(7, 4), layout="constrained")
curves = {}
for eps in (0.0, 0.1, 0.2):
    curves[eps] = F.cross_entropy(scores, true_class, reduction="none", label_smoothing=eps)
    ax.plot(margins.numpy(), curves[eps].numpy(), label=f"label_smoothing={eps}")
    best = curves[eps].argmin()
    if eps > 0:
        ax.plot(margins[best].item(), curves[eps][best].item(), "ko", markersize=4)
ax.set_xlabel("logit of the true class minus the others, m")
ax.set_ylabel("cross-entropy loss")
ax.set_title("Five classes: label smoothing puts the minimum at a finite gap")
ax.legend()
ax.grid(alpha=0.3)
plt.show()

# %%
# >>> round(margins[curves[0.1].argmin()].item(), 2), round(torch.log(torch.tensor(46.0)).item(), 2)
# (3.83, 3.83)
# >>> bool((curves[0.0].diff() <= 0).all())  # never rises without smoothing
# True

# %%
# Sequences: the class dimension comes second
# -------------------------------------------
# For a sequence model the scores have shape ``(batch, length, classes)`` (a language
# model: one score per vocabulary entry at every position) and the targets
# ``(batch, length)``. ``nn.CrossEntropyLoss`` expects the class dimension at
# position 1: ``(N, C, d1, d2, ...)`` with targets ``(N, d1, d2, ...)``. Transpose the
# scores, or flatten both to ``(N * length, C)`` and ``(N * length,)``:

batch, length, vocabulary = 2, 4, 6
sequence_logits = torch.randn(batch, length, vocabulary)
sequence_targets = torch.randint(0, vocabulary, (batch, length))
transposed = criterion(sequence_logits.transpose(1, 2), sequence_targets)
flattened = criterion(sequence_logits.reshape(-1, vocabulary), sequence_targets.reshape(-1))
print(transposed, flattened)

# %%
# >>> torch.isclose(transposed, flattened)
# tensor(True)
# >>> criterion(sequence_logits, sequence_targets)
# Traceback (most recent call last):
#     ...
# RuntimeError: Expected target size [2, 6], got [2, 4]
#
# .. pitfall:: ``(batch, length, classes)`` scores must be transposed for ``CrossEntropyLoss``
#
#    Passing ``(batch, length, classes)`` scores as they come out of a model usually
#    fails with the size error above, because the loss reads dimension 1 (the length)
#    as the classes. When the length happens to equal the number of classes there is
#    no error at all and the loss is simply wrong.
#
#    >>> square = torch.randn(2, 4, 4)  # length 4 and 4 classes
#    >>> square_targets = torch.randint(0, 4, (2, 4))
#    >>> wrong = criterion(square, square_targets)
#    >>> right = criterion(square.transpose(1, 2), square_targets)
#    >>> bool(torch.isclose(wrong, right))
#    False

# %%
# Ignored positions: ``ignore_index``
# -----------------------------------
# Padded positions of a batch of sequences have no real target. Giving them the
# target ``ignore_index`` (``-100`` by default) removes them from the loss *and* from
# the count the mean divides by, so the loss is the mean over the real positions only:

padded_targets = sequence_targets.clone()
padded_targets[1, 2:] = -100  # the second sequence is only 2 tokens long
masked = criterion(sequence_logits.transpose(1, 2), padded_targets)
real = padded_targets != -100
only_real = criterion(sequence_logits[real], sequence_targets[real])
print(masked, only_real, real.sum().item())

# %%
# >>> torch.isclose(masked, only_real), real.sum().item()
# (tensor(True), 6)
#
# If *every* target is ignored the mean divides by zero and the loss is ``nan``, and
# ``ignore_index`` exists only for class-index targets:
#
# >>> criterion(z, torch.full((3,), -100))
# tensor(nan)
# >>> nn.CrossEntropyLoss(ignore_index=1)(z, one_hot)
# Traceback (most recent call last):
#     ...
# RuntimeError: ignore_index is not supported for floating point target

# %%
# Class weights
# -------------
# ``weight`` gives each class a factor, to make rare classes count more. With
# ``reduction='mean'`` the weighted losses are divided by the *sum of the weights* of
# the targets, not by ``N``:

weight = torch.tensor([1.0, 2.0, 3.0])
per_sample = F.cross_entropy(z, target, reduction="none")
weighted = F.cross_entropy(z, target, weight=weight)
print(per_sample, weighted)

# %%
# >>> w = weight[target]  # [1, 2, 2]
# >>> torch.isclose(weighted, (w * per_sample).sum() / w.sum())
# tensor(True)
# >>> torch.isclose(weighted, (w * per_sample).mean())
# tensor(False)
#
# Probability targets are weighted per class inside the sum
# :math:`-\sum_i w_i p_i \log \operatorname{softmax}(z)_i` and then averaged over
# ``N``, so with ``weight`` a one-hot target no longer gives the same loss as its class
# index:
#
# >>> weighted_one_hot = F.cross_entropy(z, one_hot, weight=weight)
# >>> torch.isclose(weighted_one_hot, (w * per_sample).mean()), torch.isclose(weighted_one_hot, weighted)
# (tensor(True), tensor(False))

# %%
# Summary
# -------
# * ``nn.CrossEntropyLoss()(logits, target)``: logits ``(N, C)`` (or ``(C,)``, or
#   ``(N, C, d1, ...)`` with the class dimension second), target class indices of
#   dtype ``long`` or float probabilities of the input's shape.
# * For class indices without label smoothing it is
#   ``nn.NLLLoss()(F.log_softmax(logits, dim=1), target)``, with the gradient
#   ``softmax - one_hot`` (over ``N``); probability targets ``p`` give
#   ``-(p * F.log_softmax(logits, dim=1)).sum(1)``, averaged. Never put a softmax in
#   front of it.
# * ``label_smoothing=ε`` equals the target ``(1-ε)·one_hot + ε/C`` (without
#   ``weight``) and gives the loss a minimum at a finite logit gap.
# * ``ignore_index`` (default ``-100``) drops positions from the loss and from the
#   mean. With ``weight`` and ``reduction='mean'``, class-index losses are divided by
#   the summed weights of the targets, probability-target losses by ``N``.
