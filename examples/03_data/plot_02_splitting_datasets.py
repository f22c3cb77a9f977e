"""
Splitting a dataset: random_split and Subset
============================================

A model is trained on one part of the data, tuned on a second (validation) part and
judged on a third (test) part that it has never seen. ``torch.utils.data.random_split``
cuts a dataset into such parts, by fractions or by lengths; the parts are ``Subset``
views that share the original data. This page splits the reviews of the previous page,
makes the split reproducible with a seeded :term:`generator`, and shows what a random
split does to small classes and how to keep their proportions.
"""

import collections
import inspect
import warnings
from fractions import Fraction
from pathlib import Path

import matplotlib.pyplot as plt
import pandas as pd
import torch
from torch.utils.data import Dataset, Subset, random_split

# sphinx-gallery runs a page from its own folder and defines no __file__
HERE = Path(__file__).parent if "__file__" in globals() else Path.cwd()


class ReviewDataset(Dataset):
    """The reviews of a CSV file as (text, label) pairs (see the previous page)."""

    def __init__(self, path):
        table = pd.read_csv(path)
        self.texts = table["review"].tolist()
        self.labels = torch.tensor(table["label"].to_numpy())

    def __len__(self):
        return len(self.texts)

    def __getitem__(self, index):
        return self.texts[index], self.labels[index]


reviews = ReviewDataset(HERE / "data" / "reviews.csv")

# %%
# Fractions or lengths
# --------------------
# ``random_split(dataset, lengths, generator)`` shuffles the indices ``0 ... n-1`` once
# and cuts the shuffled list into consecutive pieces. ``lengths`` is either a list of
# integers that add up to ``len(dataset)``, or a list of fractions that add up to 1.

split = random_split(reviews, [0.8, 0.1, 0.1], generator=torch.Generator().manual_seed(0))
train, validation, test = split
print([len(part) for part in split])

# %%
# >>> len(reviews), [len(part) for part in split]
# (38, [31, 4, 3])
#
# 80 % of 38 reviews is 30.4, so how did 31, 4 and 3 come out? Each fraction is first
# rounded *down* (30, 3 and 3, which leaves 2 reviews over), and the leftovers are then
# handed out one at a time to the parts in order, first part first. The same rule can
# leave a small part empty, with a warning:

with warnings.catch_warnings(record=True) as caught:
    warnings.simplefilter("always")
    tiny = random_split(range(5), [0.9, 0.05, 0.05], generator=torch.Generator().manual_seed(0))
print([len(part) for part in tiny])
for warning in caught:
    print(f"{warning.category.__name__}: {warning.message}")

# %%
# >>> [len(part) for part in tiny]
# [5, 0, 0]
# >>> str(caught[0].message)
# 'Length of split at index 1 is 0. This might result in an empty dataset.'
#
# Integer lengths are taken as they are. Either way, parts that do not add up to the
# whole dataset are an error, so a forgotten test fraction does not go unnoticed:
#
# >>> [len(part) for part in random_split(reviews, [30, 4, 4])]
# [30, 4, 4]
# >>> random_split(reviews, [0.8, 0.1])
# Traceback (most recent call last):
#     ...
# ValueError: Sum of input lengths does not equal the length of the input dataset!

# %%
# The parts are views: ``Subset``
# -------------------------------
# Nothing is copied. Each part is a :class:`torch.utils.data.Subset`, which stores the
# original dataset and a list of indices into it; indexing the subset looks the sample
# up in the original.
#
# >>> type(train).__name__
# 'Subset'
# >>> train.dataset is reviews
# True
# >>> test.indices
# [35, 14, 10]
# >>> test[0] == reviews[35]
# True
#
# The three index lists are disjoint and together cover every review exactly once:
#
# >>> sorted(train.indices + validation.indices + test.indices) == list(range(38))
# True
#
# Because the parts share the original dataset, anything that the dataset does in
# ``__getitem__`` (a data augmentation, say) happens in all three. Code that needs a
# different treatment for the training part wraps the subsets in datasets of its own.
#
# ``Subset`` is also the tool for a split that must *not* be random, for example when
# the rows are in time order and the model must be tested on the most recent ones:

first_30, last_8 = Subset(reviews, range(30)), Subset(reviews, range(30, 38))
print(len(first_30), len(last_8), last_8[0][0])

# %%
# >>> len(first_30), len(last_8)
# (30, 8)

# %%
# Reproducible splits: pass a generator
# -------------------------------------
# The default generator is PyTorch's global one. The split then depends on the global
# seed *and* on every random number drawn before it in the program: one more draw
# anywhere above, and the test set changes.
#
# >>> inspect.signature(random_split).parameters["generator"].default is torch.default_generator
# True

torch.manual_seed(0)
test_a = random_split(reviews, [0.8, 0.1, 0.1])[2].indices
torch.manual_seed(0)
torch.rand(1)  # some unrelated random draw, e.g. a weight initialisation
test_b = random_split(reviews, [0.8, 0.1, 0.1])[2].indices
print(test_a, test_b)

# %%
# >>> test_a == test_b
# False
#
# A dedicated :class:`torch.Generator`, seeded right before the split, makes the split
# depend on its seed only:


def split_with_seed(seed):
    return random_split(reviews, [0.8, 0.1, 0.1], generator=torch.Generator().manual_seed(seed))


# %%
# >>> split_with_seed(0)[2].indices == split_with_seed(0)[2].indices == test.indices
# True
# >>> split_with_seed(1)[2].indices == test.indices
# False
#
# Keep the seed with the experiment: comparing two models is only fair on the same
# test set.

# %%
# Small classes: a random split does not keep proportions
# -------------------------------------------------------
# The reviews are half positive, half negative, but ``random_split`` ignores labels.
# With only 3 reviews in the test part, it is quite likely that they all have the same
# label. Counting over 200 seeds:

labels = reviews.labels


def label_counts(part):
    return torch.bincount(labels[part.indices], minlength=2).tolist()


one_class = sum(min(label_counts(split_with_seed(seed)[2])) == 0 for seed in range(200))
print(f"{one_class} of 200 seeds give a test part with a single label")

# %%
# >>> one_class
# 45
#
# That is about the :math:`2 \binom{19}{3} / \binom{38}{3} \approx 23\,\%` that
# combinatorics predicts. A *stratified* split keeps the proportions of each class: it
# splits the indices of every class separately, with the same fractions, and joins the
# pieces. A short function does it; it uses ``random_split`` itself on each class so
# that the rounding rule is the same.


def stratified_split(dataset, labels, fractions, generator):
    parts = [[] for _ in fractions]
    for label in labels.unique():
        indices = (labels == label).nonzero().flatten().tolist()
        for part, piece in zip(parts, random_split(indices, fractions, generator=generator)):
            part.extend(piece)  # a Subset of a list yields the list's elements
    return [Subset(dataset, part) for part in parts]


strata = stratified_split(reviews, labels, [0.8, 0.1, 0.1], torch.Generator().manual_seed(0))
print([len(part) for part in strata], [label_counts(part) for part in strata])

# %%
# >>> [label_counts(part) for part in strata]
# [[16, 16], [2, 2], [1, 1]]
#
# Each class of 19 reviews gives 16, 2 and 1 (15.2, 1.9 and 1.9 rounded by the rule
# above), so every part is exactly balanced, whatever the seed. The picture shows the
# share of negative reviews in the test part over 100 seeds: anything from none to all
# of them with ``random_split`` (3 reviews), exactly one half when stratified (2 reviews).

shares = ["0", "1/3", "1/2", "2/3", "1"]


def negative_share(part):
    negative, positive = label_counts(part)
    return str(Fraction(negative, negative + positive))  # "0", "1/3", "1/2", ...


random_shares = collections.Counter(negative_share(split_with_seed(s)[2]) for s in range(100))
strat_shares = collections.Counter(
    negative_share(stratified_split(reviews, labels, [0.8, 0.1, 0.1], torch.Generator().manual_seed(s))[2])
    for s in range(100)
)
fig, ax = plt.subplots(figsize=(6, 3), layout="constrained")
positions = torch.arange(len(shares))
ax.bar(positions - 0.2, [random_shares[x] for x in shares], width=0.4, label="random_split")
ax.bar(positions + 0.2, [strat_shares[x] for x in shares], width=0.4, label="stratified split")
ax.set_xticks(positions.tolist(), shares)
ax.set_xlabel("share of negative reviews in the test part")
ax.set_ylabel("number of seeds (of 100)")
ax.legend()
plt.show()

# %%
# >>> dict(strat_shares)
# {'1/2': 100}
# >>> sum(random_shares.values()), random_shares["1/2"]
# (100, 0)
#
# Summary
# -------
# * ``random_split(dataset, [0.8, 0.1, 0.1], generator=g)`` gives disjoint ``Subset``
#   views; fractions are rounded down and the leftovers go to the first parts.
#   Lengths must add up to ``len(dataset)``.
# * Pass a freshly seeded ``torch.Generator``: the default global generator makes the
#   split depend on every random draw before it.
# * A ``Subset(dataset, indices)`` shares the data; use it for hand-made splits.
# * With small or imbalanced classes, split each class separately (stratify).
