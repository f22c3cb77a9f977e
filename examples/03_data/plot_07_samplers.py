"""
Samplers: the order in which a DataLoader reads a dataset
=========================================================

A :term:`sampler` decides which samples a ``DataLoader`` reads, and in which order:
it yields indices, and a batch sampler groups them into batches. ``shuffle=True`` is
only a shortcut for one particular sampler. This page goes through
``SequentialSampler``, ``RandomSampler`` (with and without
:term:`replacement <sampling with replacement>`), ``BatchSampler`` and
``WeightedRandomSampler``, which rebalances a dataset with a
:term:`class imbalance`, and checks what study notes say about ``RandomSampler``.
"""

import inspect
import math

import matplotlib.pyplot as plt
import torch
from torch.utils.data import (
    BatchSampler,
    DataLoader,
    DistributedSampler,
    RandomSampler,
    SequentialSampler,
    TensorDataset,
    WeightedRandomSampler,
)

ten = TensorDataset(torch.arange(10))
# sphinx_gallery_thumbnail_number = 2

# %%
# What a DataLoader does with ``shuffle``
# ---------------------------------------
# A ``DataLoader`` never decides the order itself. It asks a *sampler* for indices and a
# *batch sampler* for lists of them. Without ``sampler=``, ``shuffle`` picks one of two
# samplers, and ``batch_size`` and ``drop_last`` configure a ``BatchSampler`` around it:

for shuffle in (False, True):
    loader = DataLoader(ten, batch_size=4, shuffle=shuffle)
    print(f"shuffle={shuffle}: {type(loader.sampler).__name__}, {type(loader.batch_sampler).__name__}")

# %%
# >>> type(DataLoader(ten).sampler).__name__, type(DataLoader(ten, shuffle=True).sampler).__name__
# ('SequentialSampler', 'RandomSampler')
#
# ``SequentialSampler``
# ---------------------
# The simplest sampler yields ``0, 1, ..., len(dataset) - 1``, the same order every
# time. It is what validation and test loaders use.
#
# >>> list(SequentialSampler(ten))
# [0, 1, 2, 3, 4, 5, 6, 7, 8, 9]
#
# ``RandomSampler``
# -----------------
# ``RandomSampler(data_source, replacement=False, num_samples=None, generator=None)``
# yields a random permutation of the indices, a new one each time it is iterated. Its
# ``generator`` makes the sequence of permutations reproducible; without one, each
# iteration seeds a private generator from the global one.

signature = inspect.signature(RandomSampler)
print(signature)
sampler = RandomSampler(ten, generator=torch.Generator().manual_seed(0))
first, second = list(sampler), list(sampler)
print(first, second)

# %%
# >>> list(signature.parameters)
# ['data_source', 'replacement', 'num_samples', 'generator']
# >>> first
# [4, 1, 7, 5, 3, 9, 0, 8, 6, 2]
# >>> second != first, sorted(second) == list(range(10))
# (True, True)
#
# ``num_samples`` sets how many indices one pass yields (by default, the length of the
# dataset). Without replacement, a pass longer than the dataset is made of several
# permutations one after another, so every index appears either
# :math:`\lfloor m/n \rfloor` or :math:`\lceil m/n \rceil` times:

long_pass = list(RandomSampler(ten, num_samples=25, generator=torch.Generator().manual_seed(0)))
print(long_pass)

# %%
# >>> sorted({long_pass.count(i) for i in range(10)})
# [2, 3]
#
# With ``replacement=True`` each index is drawn independently, uniformly: some come up
# several times and others not at all.

with_replacement = list(RandomSampler(ten, replacement=True, generator=torch.Generator().manual_seed(0)))
print(with_replacement, "never drawn:", sorted(set(range(10)) - set(with_replacement)))

# %%
# >>> with_replacement
# [4, 9, 3, 0, 3, 9, 7, 3, 7, 3]
# >>> sorted(set(range(10)) - set(with_replacement))
# [1, 2, 5, 6, 8]
#
# What the notes say about ``RandomSampler``
# ------------------------------------------
# A set of notes lists the parameters as ``data_source``, ``num_samples`` (default: all)
# and ``replacement``, and explains that sampling with replacement may miss some
# samples, "so set ``num_samples`` larger so that every sample can be drawn". The
# parameters are right, but two points need care.
#
# First, the order: ``replacement`` comes *before* ``num_samples``. A call that follows
# the notes' order positionally passes the number as ``replacement`` and is rejected:
#
# >>> RandomSampler(ten, 20)
# Traceback (most recent call last):
#     ...
# TypeError: replacement should be a boolean value, but got replacement=20
# >>> len(RandomSampler(ten, replacement=True, num_samples=20))
# 20
#
# Second, a larger ``num_samples`` makes misses *rarer*, never impossible. With
# :math:`m` draws with replacement from :math:`n` samples, each sample is missed with
# probability :math:`(1 - 1/n)^m \approx e^{-m/n}`: drawing as many indices as there are
# samples leaves about 37 % unseen, three times as many still about 5 %. Without
# replacement, :math:`m \ge n` draws see every sample. Measured on 100 samples:

n = 100
draw_counts = [25, 50, 100, 150, 200, 300, 400, 500]


def never_drawn(replacement, m, seed):
    sampler = RandomSampler(range(n), replacement=replacement, num_samples=m,
                            generator=torch.Generator().manual_seed(seed))
    return (n - len(set(sampler))) / n


measured = {r: [sum(never_drawn(r, m, seed) for seed in range(20)) / 20 for m in draw_counts]
            for r in (True, False)}
for m, with_r, without_r in zip(draw_counts, measured[True], measured[False]):
    print(f"m = {m:3}: never drawn {with_r:6.1%} with replacement "
          f"(theory {(1 - 1 / n) ** m:6.1%}), {without_r:6.1%} without")

fig, ax = plt.subplots(figsize=(6, 3.6), layout="constrained")
grid = torch.linspace(0, 500, 101)
ax.plot(grid / n, (1 - 1 / n) ** grid, color="tab:blue", label="(1 - 1/n)^m")
ax.plot([m / n for m in draw_counts], measured[True], "o", color="tab:blue", label="replacement=True")
ax.plot([m / n for m in draw_counts], measured[False], "s", color="tab:orange", label="replacement=False")
ax.set_xlabel("num_samples / len(dataset)")
ax.set_ylabel("share of samples never drawn")
ax.legend()
plt.show()

# %%
# >>> never_drawn(True, 100, seed=0), never_drawn(True, 300, seed=0), never_drawn(False, 100, seed=0)
# (0.41, 0.04, 0.0)
# >>> round((1 - 1 / n) ** 100, 3), round(math.exp(-3), 3)
# (0.366, 0.05)
#
# .. pitfall:: With replacement, a larger ``num_samples`` makes missed samples rarer, never impossible
#
#    Notes suggest raising ``num_samples`` so that sampling with replacement reaches
#    every sample. Each sample is still missed with probability
#    :math:`(1 - 1/n)^m`, which shrinks but never reaches zero. If every sample must be
#    seen, sample *without* replacement (the default): ``num_samples`` larger than the
#    dataset then yields whole permutations one after another. (Note also that
#    ``RandomSampler``'s second positional parameter is ``replacement``, not
#    ``num_samples``.)
#
#    >>> min(never_drawn(True, 500, seed) for seed in range(20)) == 0, max(never_drawn(True, 500, seed) for seed in range(20)) > 0
#    (True, True)
#    >>> all(never_drawn(False, 100, seed) == 0 for seed in range(20))
#    True

# %%
# ``BatchSampler`` and ``batch_sampler=``
# ---------------------------------------
# ``BatchSampler(sampler, batch_size, drop_last)`` groups the indices of any sampler
# into lists. The ``DataLoader`` builds one from ``batch_size`` and ``drop_last``; you
# can also pass one, or any iterable of index lists, as ``batch_sampler=``, which then
# replaces ``batch_size``, ``shuffle``, ``sampler`` and ``drop_last``.
#
# >>> list(BatchSampler(SequentialSampler(ten), batch_size=4, drop_last=False))
# [[0, 1, 2, 3], [4, 5, 6, 7], [8, 9]]
# >>> list(BatchSampler(SequentialSampler(ten), batch_size=4, drop_last=True))
# [[0, 1, 2, 3], [4, 5, 6, 7]]
# >>> DataLoader(ten, batch_size=4, batch_sampler=BatchSampler(SequentialSampler(ten), 4, False))
# Traceback (most recent call last):
#     ...
# ValueError: batch_sampler option is mutually exclusive with batch_size, shuffle, sampler, and drop_last
#
# A batch sampler of your own is how batches are made of samples that belong together,
# for example texts of similar length, which need less padding. Here the ten samples
# are put in batches by a rule of our own (even indices first):

by_parity = [[0, 2, 4], [6, 8], [1, 3, 5], [7, 9]]
print([batch[0].tolist() for batch in DataLoader(ten, batch_sampler=by_parity)])

# %%
# >>> [batch[0].tolist() for batch in DataLoader(ten, batch_sampler=by_parity)]
# [[0, 2, 4], [6, 8], [1, 3, 5], [7, 9]]

# %%
# ``sampler=`` and ``shuffle=`` do not mix
# ----------------------------------------
# Passing a sampler means taking charge of the order, so ``shuffle=True`` alongside it
# is contradictory, and the loader says so. ``shuffle=False`` (or leaving it out) is
# accepted, and ``len(loader)`` then follows the sampler's length:
#
# >>> DataLoader(ten, sampler=RandomSampler(ten), shuffle=True)
# Traceback (most recent call last):
#     ...
# ValueError: sampler option is mutually exclusive with shuffle
# >>> len(DataLoader(ten, batch_size=4, sampler=RandomSampler(ten, replacement=True, num_samples=20)))
# 5

# %%
# ``WeightedRandomSampler`` for an imbalanced dataset
# ---------------------------------------------------
# In a dataset with 70 samples of class 0, 20 of class 1 and 10 of class 2, a uniformly
# shuffled epoch shows the model class 2 only one time in ten, and a classifier can
# score 70 % by always answering 0. ``WeightedRandomSampler(weights, num_samples)``
# draws index ``i`` with probability proportional to ``weights[i]``. Giving each sample
# the weight :math:`1 / (\text{size of its class})` makes every class equally likely:

labels = torch.cat([torch.zeros(70), torch.ones(20), torch.full((10,), 2.0)]).long()
imbalanced = TensorDataset(torch.arange(100), labels)
class_counts = torch.bincount(labels)
weights = 1.0 / class_counts[labels].double()
print("class counts:", class_counts.tolist(), "| weight of a sample of each class:",
      [round(w, 3) for w in (1.0 / class_counts.double()).tolist()])

balanced = WeightedRandomSampler(weights, num_samples=len(imbalanced),
                                 generator=torch.Generator().manual_seed(0))
balanced_loader = DataLoader(imbalanced, batch_size=10, sampler=balanced)
drawn = torch.cat([indices for indices, _ in balanced_loader])  # one epoch
drawn_counts = torch.bincount(labels[drawn], minlength=3)
print("drawn in one epoch:", drawn_counts.tolist())

# %%
# The weights need not sum to one; ``replacement=True`` is the default, and it is what
# lets the 10 samples of class 2 fill a third of the epoch, by being drawn several times
# each.
#
# >>> inspect.signature(WeightedRandomSampler).parameters["replacement"].default
# True
# >>> drawn_counts.tolist()
# [32, 39, 29]
#
# Without replacement no index can come twice, so at most ``len(weights)`` samples can
# be drawn:
#
# >>> list(WeightedRandomSampler(weights, num_samples=101, replacement=False))
# Traceback (most recent call last):
#     ...
# RuntimeError: cannot sample n_sample > prob_dist.size(-1) samples without replacement
#
# The class counts before and after:

fig, ax = plt.subplots(figsize=(6, 3.4), layout="constrained")
positions = torch.arange(3)
ax.bar(positions - 0.2, class_counts.tolist(), width=0.4, label="dataset (shuffle=True)")
ax.bar(positions + 0.2, drawn_counts.tolist(), width=0.4, label="one epoch, WeightedRandomSampler")
ax.set_xticks(positions.tolist(), ["class 0", "class 1", "class 2"])
ax.set_ylabel("samples per epoch")
ax.legend()
plt.show()

# %%
# The price of balance is repetition: the epoch draws each class-2 sample about three
# times on average (some more often, some not at all) and leaves most class-0 samples
# out. Weighting the loss instead
# (``nn.CrossEntropyLoss(weight=...)``) keeps every sample once per epoch; which of the
# two works better depends on the data.

repeats = torch.bincount(drawn, minlength=100)  # how often each index came up in that epoch
print("distinct class-0 samples drawn:", int((repeats[:70] > 0).sum()),
      "| draws per class-2 sample:", repeats[90:].tolist())

# %%
# >>> int((repeats[:70] > 0).sum()) < 70, int(repeats[90:].max()) > 1
# (True, True)
#
# With several processes (distributed training), ``torch.utils.data.DistributedSampler``
# gives each process a part of about ``len(dataset) / num_replicas`` samples, reshuffled
# every epoch when ``set_epoch(epoch)`` is called. The parts are disjoint except for a
# few indices repeated to make them equal in size (unless ``drop_last=True``, which
# drops the remainder instead). The parts of 10 samples for 4 processes, without
# shuffling:

parts = {drop_last: [list(DistributedSampler(range(10), num_replicas=4, rank=rank,
                                             shuffle=False, drop_last=drop_last))
                     for rank in range(4)]
         for drop_last in (False, True)}
print(parts)

# %%
# >>> parts[False]
# [[0, 4, 8], [1, 5, 9], [2, 6, 0], [3, 7, 1]]
# >>> parts[True]
# [[0, 4], [1, 5], [2, 6], [3, 7]]
#
# Summary
# -------
# * ``shuffle=False`` / ``True`` means ``SequentialSampler`` / ``RandomSampler``, wrapped
#   in a ``BatchSampler`` built from ``batch_size`` and ``drop_last``.
# * ``RandomSampler(data, replacement=False, num_samples=None, generator=None)``: pass
#   ``replacement`` and ``num_samples`` by keyword; with replacement a sample can always
#   be missed.
# * ``batch_sampler=`` takes any iterable of index lists and replaces ``batch_size``,
#   ``shuffle``, ``sampler`` and ``drop_last``; ``sampler=`` excludes ``shuffle=True``.
# * ``WeightedRandomSampler(1 / class_count[label], num_samples)`` balances classes by
#   drawing the rare ones repeatedly.
