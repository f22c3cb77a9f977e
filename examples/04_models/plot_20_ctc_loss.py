"""
nn.CTCLoss on a tiny example: shapes, blank and zero_infinity
=============================================================

Speech and handwriting recognisers produce one prediction per time frame, but the
transcript is shorter and nobody says which frame belongs to which letter. The
:term:`CTC <connectionist temporal classification>` loss sums over every alignment
that spells the target. This page computes it by brute force for a three-frame
example and checks ``nn.CTCLoss`` against it, then goes through the arguments the
notes use (``blank``, ``reduction``, ``zero_infinity``), the shapes of the inputs, and
what happens when a target cannot fit into the input.
"""

import inspect
import itertools

import matplotlib.pyplot as plt
import torch
import torch.nn.functional as F
from torch import nn

torch.manual_seed(0)

# %%
# Paths and the collapse rule
# ---------------------------
# The model outputs, for each of :math:`T` frames, a distribution over :math:`C`
# classes: the labels plus one extra class, the :term:`blank`, which means "no label
# in this frame". A *path* picks one class per frame. It is turned into a label
# sequence by merging repeated classes and then removing the blanks:


def collapse(path, blank=0):
    labels, previous = [], None
    for symbol in path:
        if symbol != previous and symbol != blank:
            labels.append(symbol)
        previous = symbol
    return labels


# %%
# With 0 the blank, 1 = "a" and 2 = "b":
#
# >>> collapse([1, 1, 0, 2]), collapse([0, 1, 2, 2])  # both spell "ab"
# ([1, 2], [1, 2])
# >>> collapse([1, 0, 1]), collapse([1, 1, 1])  # a blank keeps a doubled letter
# ([1, 1], [1])
#
# The CTC probability of a target :math:`y` is the sum over every path :math:`\pi`
# that collapses to it, each path's probability being the product of its frames'
# probabilities, and the loss is the negative logarithm:
#
# .. math::
#
#    P(y \mid x) = \sum_{\pi:\ \mathcal{B}(\pi) = y} \ \prod_{t=1}^{T} q_t(\pi_t),
#    \qquad \ell = -\log P(y \mid x) .

# %%
# Checked by brute force
# ----------------------
# Three frames, three classes, target "ab": out of the :math:`3^3 = 27` paths, five
# collapse to ``[1, 2]``.

T, C = 3, 3
logits = torch.randn(T, 1, C)  # (time, batch, classes)
log_probs = logits.log_softmax(dim=2)
target = [1, 2]

paths = [p for p in itertools.product(range(C), repeat=T) if collapse(p) == target]
print(paths)
probability = sum(torch.exp(sum(log_probs[t, 0, s] for t, s in enumerate(p))) for p in paths)
brute_force = -probability.log()

ctc = nn.CTCLoss(reduction="sum")
loss = ctc(log_probs, torch.tensor([target]), torch.tensor([T]), torch.tensor([len(target)]))
print(brute_force, loss)

# %%
# >>> paths
# [(0, 1, 2), (1, 0, 2), (1, 1, 2), (1, 2, 0), (1, 2, 2)]
# >>> torch.isclose(loss, brute_force)
# tensor(True)
#
# ``nn.CTCLoss`` gets the same number without listing the paths: it runs a dynamic
# programme (the forward algorithm) whose cost grows with :math:`T` times the target
# length, not with :math:`C^T`.

# %%
# The arguments and the shapes
# ----------------------------
# The constructor takes three arguments; their defaults, read from torch:

print(inspect.signature(nn.CTCLoss))

# %%
# The notes create ``nn.CTCLoss(blank=0, reduction='mean', zero_infinity=True)``:
# only ``zero_infinity`` differs from the default. The call takes four tensors:
#
# * ``log_probs``: shape ``(T, N, C)``, **time first**, then batch, then classes, and
#   already passed through ``log_softmax(dim=2)``;
# * ``targets``: the label sequences, either padded to shape ``(N, S)`` or all
#   concatenated into one 1-D tensor;
# * ``input_lengths`` and ``target_lengths``: shape ``(N,)``, the real number of frames
#   and of labels of each sample (padding beyond them is ignored).
#
# Two sequences, of 6 and 5 frames, with targets "abc" and "bb":

T, N, C = 6, 2, 4
batch_log_probs = torch.randn(T, N, C).log_softmax(dim=2)
padded_targets = torch.tensor([[1, 2, 3], [2, 2, 0]])  # the 0 after "bb" is padding
concatenated_targets = torch.tensor([1, 2, 3, 2, 2])
input_lengths = torch.tensor([6, 5])
target_lengths = torch.tensor([3, 2])

mean_loss = nn.CTCLoss()(batch_log_probs, padded_targets, input_lengths, target_lengths)
same_loss = nn.CTCLoss()(batch_log_probs, concatenated_targets, input_lengths, target_lengths)
per_sample = nn.CTCLoss(reduction="none")(batch_log_probs, padded_targets, input_lengths, target_lengths)
print(mean_loss, same_loss, per_sample)

# %%
# >>> torch.isclose(mean_loss, same_loss)
# tensor(True)
# >>> per_sample.shape
# torch.Size([2])
#
# ``reduction='mean'`` is not the plain mean of the per-sample losses: each loss is
# first divided by its target length, then the batch is averaged. ``'sum'`` adds the
# per-sample losses.
#
# >>> torch.isclose(mean_loss, (per_sample / target_lengths).mean())
# tensor(True)
# >>> torch.isclose(mean_loss, per_sample.mean())
# tensor(False)
#
# An input length larger than the tensor is an error:
#
# >>> nn.CTCLoss()(batch_log_probs, padded_targets, torch.tensor([7, 5]), target_lengths)
# Traceback (most recent call last):
#     ...
# RuntimeError: Expected input_lengths to have value at most 6, but got value 7 (while checking arguments for ctc_loss_allocate_outputs)

# %%
# ``blank`` and what the loss does not check
# ------------------------------------------
# ``blank`` is the index of the blank class (0 by default; some code uses the last
# index, ``C - 1``). It must never appear in a target, and the input must be
# log-probabilities. Neither rule is checked: breaking one gives no error, only a
# meaningless number, here a *negative* loss, which no :math:`-\log P` can be.

with_blank = ctc(log_probs, torch.tensor([[0, 1]]), torch.tensor([3]), torch.tensor([2]))
from_raw_logits = ctc(logits, torch.tensor([target]), torch.tensor([3]), torch.tensor([2]))
print(with_blank, from_raw_logits)

# %%
# >>> with_blank  # target contains the blank index 0
# tensor(-0.1240)
# >>> from_raw_logits  # logits instead of log_softmax(logits)
# tensor(-0.6410)

# %%
# Targets that do not fit: ``zero_infinity``
# ------------------------------------------
# A path has one symbol per frame, so a target of :math:`S` labels needs at least
# :math:`S` frames, plus one blank frame between every pair of equal neighbours
# ("bb" needs ``b - b``). If the input is shorter, no path spells the target:
# :math:`P = 0` and the loss is infinite, and its gradient is ``nan``, which would
# ruin the parameters at the next optimizer step.

too_short = torch.randn(2, 1, 3).log_softmax(dim=2).requires_grad_()  # 2 frames
impossible = torch.tensor([[1, 2, 1]])  # 3 labels
loss = nn.CTCLoss()(too_short, impossible, torch.tensor([2]), torch.tensor([3]))
loss.backward()
print(loss, too_short.grad.isnan().all())

# %%
# >>> loss
# tensor(inf, grad_fn=<MeanBackward0>)
# >>> bool(too_short.grad.isnan().all())
# True
# >>> doubled = torch.tensor([[1, 1]])  # "aa" needs 3 frames: a - a
# >>> [ctc(torch.randn(t, 1, 3).log_softmax(2), doubled, torch.tensor([t]), torch.tensor([2])).isinf().item() for t in (2, 3)]
# [True, False]
#
# ``zero_infinity=True`` replaces infinite losses (and their gradients) by zero:

too_short.grad = None
loss = nn.CTCLoss(zero_infinity=True)(too_short, impossible, torch.tensor([2]), torch.tensor([3]))
loss.backward()
print(loss, too_short.grad.abs().max())

# %%
# >>> loss.item(), too_short.grad.abs().max().item()
# (0.0, 0.0)
#
# .. pitfall:: ``zero_infinity=True`` hides impossible samples; it does not fix them
#
#    ``zero_infinity=True`` (as in the notes' training setup) keeps one impossible
#    sample from turning the whole batch's loss into ``inf`` and its gradients into
#    ``nan``. But the sample is not learned from: it contributes 0 to the loss and
#    nothing to the gradient, and with ``reduction='mean'`` it still counts in the
#    average. If many targets are too long for their inputs (for example because the
#    model downsamples the audio too much), the loss looks fine while those samples
#    are silently ignored. Check ``input_lengths >= target_lengths`` (plus repeats)
#    for the data instead of relying on the flag.
#
#    >>> mixed_log_probs = torch.randn(3, 2, 3).log_softmax(dim=2)
#    >>> mixed_targets = torch.tensor([[1, 2], [1, 1]])  # "ab" fits, "aa" needs 3
#    >>> per = nn.CTCLoss(reduction="none", zero_infinity=True)(
#    ...     mixed_log_probs, mixed_targets, torch.tensor([3, 2]), torch.tensor([2, 2]))
#    >>> per[1].item()
#    0.0
#    >>> torch.isclose(
#    ...     nn.CTCLoss(zero_infinity=True)(mixed_log_probs, mixed_targets, torch.tensor([3, 2]), torch.tensor([2, 2])),
#    ...     per[0] / 2 / 2)  # the impossible sample still counts as one of the two
#    tensor(True)

# %%
# What CTC learns
# ---------------
# Fitting free per-frame scores for 12 frames to the target "abbc" shows the typical
# CTC output: each label is predicted in a few frames, with blanks in between, and a
# blank necessarily separates the two b's. Reading the most likely class of every
# frame and collapsing (greedy decoding) recovers the target.

frames, classes = 12, 4  # blank, a, b, c
word = torch.tensor([[1, 2, 2, 3]])
start = torch.randn(frames, 1, classes, generator=torch.Generator().manual_seed(0))
scores = (0.1 * start).requires_grad_()
for step in range(60):  # plain gradient descent
    loss = F.ctc_loss(scores.log_softmax(2), word, torch.tensor([frames]), torch.tensor([4]))
    (grad,) = torch.autograd.grad(loss, scores)
    with torch.no_grad():
        scores -= 10.0 * grad

greedy = scores.argmax(dim=2)[:, 0].tolist()
print(greedy, collapse(greedy), loss.item())

fig, ax = plt.subplots(figsize=(7, 2.8), layout="constrained")
image = ax.imshow(scores.detach().softmax(2)[:, 0].T.numpy(), cmap="Blues", vmin=0, vmax=1, aspect="auto")
ax.set_yticks(range(classes), ["blank", "a", "b", "c"])
ax.set_xticks(range(frames))
ax.set_xlabel("frame t")
ax.set_title("Per-frame probabilities after fitting the target 'abbc'")
fig.colorbar(image, ax=ax)
plt.show()

# %%
# >>> collapse(greedy)
# [1, 2, 2, 3]
# >>> loss.item() < 0.05
# True
#
# Summary
# -------
# * ``nn.CTCLoss()(log_probs, targets, input_lengths, target_lengths)`` with
#   ``log_probs`` of shape ``(T, N, C)`` from ``log_softmax(dim=2)``; targets padded
#   ``(N, S)`` or concatenated; lengths of shape ``(N,)``.
# * The loss is :math:`-\log` of the summed probability of every path that collapses
#   (merge repeats, drop blanks) to the target; checked here by brute force.
# * ``blank`` (default 0) must not occur in targets; ``reduction='mean'`` divides by
#   the target lengths, then averages over the batch.
# * A target longer than its input (counting a blank between repeats) gives ``inf``
#   and ``nan`` gradients; ``zero_infinity=True`` turns them into zeros, which hides
#   such samples rather than training on them.
