"""
Evaluation metrics: accuracy, precision, recall, F1
===================================================

A loss is what training minimises; a *metric* is what people want to know about the
result. This page trains a small classifier on data with one rare class, then computes
the :term:`confusion matrix`, accuracy, precision, recall and F1 score with plain torch
operations, shows why accuracy alone can mislead, and says briefly what BLEU and ROUGE
measure for generated text.
"""

import math

import matplotlib.pyplot as plt
import torch
from torch import nn

# %%
# A classifier to evaluate
# ------------------------
# The three noisy rings of the earlier pages, written again, but with unequal classes:
# 60 % of the points are on the inner ring, 30 % on the middle one and only 10 % on the
# outer one. A small network is trained full-batch for a few hundred steps.

CLASSES = ["inner", "middle", "outer"]


def make_rings(n, generator, shares=(0.6, 0.3, 0.1)):
    labels = torch.multinomial(torch.tensor(shares), n, replacement=True, generator=generator)
    radius = 0.5 + labels + 0.4 * torch.randn(n, generator=generator)
    angle = 2 * math.pi * torch.rand(n, generator=generator)
    points = torch.stack([radius * angle.cos(), radius * angle.sin()], dim=1)
    return points, labels


generator = torch.Generator().manual_seed(0)
train_x, train_y = make_rings(1000, generator)
test_x, test_y = make_rings(1000, generator)

torch.manual_seed(0)
model = nn.Sequential(nn.Linear(2, 32), nn.ReLU(), nn.Linear(32, 3))
optimizer = torch.optim.Adam(model.parameters(), lr=0.02)
for step in range(300):
    optimizer.zero_grad()
    nn.functional.cross_entropy(model(train_x), train_y).backward()
    optimizer.step()

model.eval()
with torch.no_grad():
    predictions = model(test_x).argmax(dim=1)
print("test class counts:", torch.bincount(test_y).tolist())

# %%
# The confusion matrix
# --------------------
# Every metric below is computed from one table: how many test points of true class
# :math:`i` were predicted as class :math:`j`. With :math:`C` classes, the pair
# :math:`(i, j)` can be encoded as the single number :math:`iC + j`, and
# ``torch.bincount`` counts all pairs at once. Rows are true classes, columns
# predicted ones; the diagonal holds the correct predictions.


def confusion_matrix(targets, predictions, num_classes):
    pairs = targets * num_classes + predictions
    return torch.bincount(pairs, minlength=num_classes**2).reshape(num_classes, num_classes)


matrix = confusion_matrix(test_y, predictions, len(CLASSES))
print(matrix)

# %%
# >>> matrix.sum().item(), matrix.sum(dim=1).tolist() == torch.bincount(test_y).tolist()
# (1000, True)
#
# Accuracy
# --------
# :term:`Accuracy <accuracy>` is the share of correct predictions: the diagonal over
# the total.

accuracy = (matrix.diag().sum() / matrix.sum()).item()
print(f"accuracy {accuracy:.3f}")

# %%
# >>> accuracy == (predictions == test_y).float().mean().item()
# True
# >>> 0.8 < accuracy < 0.95
# True
#
# Precision, recall and F1, class by class
# ----------------------------------------
# Looking at one class :math:`k` against all the others gives four counts:
# *true positives* :math:`TP` (class :math:`k`, predicted :math:`k`), *false positives*
# :math:`FP` (predicted :math:`k`, but another class), *false negatives* :math:`FN`
# (class :math:`k`, predicted as another) and true negatives (the rest). Then
#
# .. math::
#
#    \text{precision} = \frac{TP}{TP + FP}, \qquad
#    \text{recall} = \frac{TP}{TP + FN}, \qquad
#    F_1 = \frac{2 \cdot \text{precision} \cdot \text{recall}}{\text{precision} + \text{recall}}.
#
# :term:`Precision <precision>` answers "when the model says :math:`k`, how often is it right?";
# :term:`recall` answers "of all the :math:`k`, how many did it find?". The
# :term:`F1 score` is their harmonic mean, high only when both are. In the confusion
# matrix, :math:`TP` is the diagonal entry, :math:`TP + FP` the column sum and
# :math:`TP + FN` the row sum.

true_positives = matrix.diag().float()
precision = true_positives / matrix.sum(dim=0)
recall = true_positives / matrix.sum(dim=1)
f1 = 2 * precision * recall / (precision + recall)
for name, p, r, f in zip(CLASSES, precision, recall, f1):
    print(f"{name:>6}: precision {p:.3f}  recall {r:.3f}  F1 {f:.3f}")

# %%
# The middle ring borders both others, so its points are confused in both directions
# (its row and its column of the matrix): it has the lowest F1. The large inner class
# has the highest.
#
# >>> f1.argmin().item(), f1.argmax().item()
# (1, 0)
#
# One number for all classes
# ~~~~~~~~~~~~~~~~~~~~~~~~~~
# There are three common ways to average:
#
# * *macro*: the plain mean over classes, so a rare class counts as much as a common one;
# * *weighted*: the mean weighted by each class's number of true points (its support);
# * *micro*: pool the counts of all classes first. For single-label classification every
#   false positive of one class is a false negative of another, so micro precision,
#   micro recall and micro F1 all equal the accuracy.

support = matrix.sum(dim=1).float()
macro_f1 = f1.mean().item()
weighted_f1 = (f1 * support / support.sum()).sum().item()
micro_precision = (true_positives.sum() / matrix.sum()).item()
print(f"macro F1 {macro_f1:.3f}, weighted F1 {weighted_f1:.3f}, micro F1 {micro_precision:.3f}")

# %%
# >>> micro_precision == accuracy
# True
# >>> macro_f1 < weighted_f1
# True
#
# Why accuracy alone can mislead
# ------------------------------
# A "model" that always answers "inner" is right for 60 % of the points, which sounds
# respectable, yet it never finds a single point of the other classes. Their recall is
# zero, and their precision is not even defined: it never predicts them, so
# :math:`TP + FP = 0` and the division gives ``nan``. A common convention reports such
# an undefined value as 0; the macro F1 then shows how useless the model is.

constant = torch.zeros_like(test_y)
constant_matrix = confusion_matrix(test_y, constant, len(CLASSES))
constant_accuracy = (constant_matrix.diag().sum() / constant_matrix.sum()).item()
constant_precision = constant_matrix.diag() / constant_matrix.sum(dim=0)
constant_recall = constant_matrix.diag() / constant_matrix.sum(dim=1)
print(f"accuracy {constant_accuracy:.3f}")
print("precision", constant_precision, "recall", constant_recall)

# %%
# >>> round(constant_accuracy, 1)
# 0.6
# >>> constant_precision.isnan().tolist()
# [False, True, True]
# >>> constant_recall.tolist()[1:]
# [0.0, 0.0]
# >>> p, r = constant_precision.nan_to_num(0.0), constant_recall
# >>> constant_f1 = (2 * p * r / (p + r)).nan_to_num(0.0)
# >>> constant_f1.mean().item() < 0.3
# True
#
# Pictures
# --------
# Left, the confusion matrix of the trained model, with the counts written in; right,
# the three per-class metrics.

fig, (ax_matrix, ax_bars) = plt.subplots(1, 2, figsize=(10, 4), layout="constrained")
ax_matrix.imshow(matrix.numpy(), cmap="Blues")
for i in range(len(CLASSES)):
    for j in range(len(CLASSES)):
        color = "white" if matrix[i, j] > matrix.max() / 2 else "black"
        ax_matrix.text(j, i, int(matrix[i, j]), ha="center", va="center", color=color)
ax_matrix.set_xticks(range(len(CLASSES)), CLASSES)
ax_matrix.set_yticks(range(len(CLASSES)), CLASSES)
ax_matrix.set_xlabel("predicted class")
ax_matrix.set_ylabel("true class")
ax_matrix.set_title("Confusion matrix (test set)")

positions = range(len(CLASSES))
for offset, (name, values) in zip([-0.27, 0.0, 0.27],
                                  [("precision", precision), ("recall", recall), ("F1", f1)]):
    ax_bars.bar([p + offset for p in positions], values.tolist(), width=0.27, label=name)
ax_bars.set_xticks(positions, CLASSES)
ax_bars.set_ylim(0, 1.15)
ax_bars.set_ylabel("score")
ax_bars.set_title("Per-class metrics")
ax_bars.legend(loc="upper center", ncols=3)
plt.show()

# %%
# Metrics for generated text
# --------------------------
# The notes also name BLEU and ROUGE, the usual scores when the output is text rather
# than a class. Both compare a generated text with one or more human-written
# references by counting shared *n*-grams (runs of *n* words). BLEU, from machine
# translation, is precision-oriented: the share of the candidate's 1- to 4-grams found
# in a reference, each *n*-gram counted at most as often as it occurs there (clipped
# precision: against the reference "the cat", the candidate "the the the" has a
# unigram precision of 1/3, not 3/3), combined by a geometric mean, with a penalty for
# candidates shorter than the reference. ROUGE, from summarisation, is recall-oriented:
# ROUGE-1 and ROUGE-2 count how many of the reference's unigrams and bigrams the
# candidate recovers, and ROUGE-L scores the longest common subsequence of the two
# texts.
#
# Summary
# -------
# * The confusion matrix (true class × predicted class) holds everything; build it with
#   ``torch.bincount(targets * C + predictions, minlength=C * C).reshape(C, C)``.
# * Accuracy is its diagonal over its total; precision divides the diagonal by the
#   column sums, recall by the row sums; F1 is their harmonic mean.
# * Macro averages treat every class alike, weighted averages follow the class sizes,
#   and micro averages equal the accuracy for single-label tasks.
# * On imbalanced data report per-class or macro scores: a constant answer can have a
#   high accuracy and no recall at all on the rare classes.
