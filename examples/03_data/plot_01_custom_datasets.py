"""
Datasets: a CSV file, TensorDataset and streams
===============================================

A :term:`dataset` is the object that knows how to fetch one sample: PyTorch asks it
for sample ``i`` and for the number of samples, and leaves batching to the
``DataLoader`` of the next pages. This page writes a dataset over a small CSV file of
film reviews read with pandas, runs the version found in study notes to see what goes
wrong, compares :term:`map-style <map-style dataset>` and
:term:`iterable-style <iterable-style dataset>` datasets, and shows ``TensorDataset``,
the ready-made dataset for tensors that are already in memory.
"""

from pathlib import Path

import pandas as pd
import torch
from torch.utils.data import DataLoader, Dataset, IterableDataset, TensorDataset

# sphinx-gallery runs a page from its own folder and defines no __file__
HERE = Path(__file__).parent if "__file__" in globals() else Path.cwd()
CSV = HERE / "data" / "reviews.csv"

# %%
# The file
# --------
# The file ships with these pages: 38 made-up one-line film reviews, each with a
# label, 1 for a positive review and 0 for a negative one. pandas reads it into a
# ``DataFrame``, a table with one row per review.

frame = pd.read_csv(CSV)
print(frame.head())

# %%
# >>> frame.shape
# (38, 2)
# >>> list(frame.columns)
# ['review', 'label']
# >>> frame["label"].value_counts().sort_index().tolist()  # 19 negative, 19 positive
# [19, 19]
#
# The dataset protocol
# --------------------
# A map-style dataset is any object with two methods:
#
# * ``__getitem__(i)`` returns sample number ``i``: here the pair (review text, label);
# * ``__len__()`` returns the number of samples, so that indices ``0`` to
#   ``len(dataset) - 1`` are valid.
#
# Subclassing :class:`torch.utils.data.Dataset` documents that intent (and adds ``+``
# to concatenate two datasets), but the two methods are what matters: even a Python list
# is a map-style dataset that a ``DataLoader`` can batch.
#
# >>> list(DataLoader([10, 20, 30], batch_size=2))
# [tensor([10, 20]), tensor([30])]
#
# Reading the file
# belongs in ``__init__``, which runs once; ``__getitem__`` runs once per sample, in
# every epoch, so it should be cheap.
#
# The notes' version, run as written
# ----------------------------------
# Study notes define such a dataset like this (indentation restored):


class CustomDataset(Dataset):
    def __init__(self):
        super().__init__()
        self.data = pd.read_csv("")

    def __len__(self):
        return len(self.data)

    def __getitem__(self, index):
        return self.data.iloc[index]["review"], self.data.iloc[index]["label"]


ds = Dataset()

# %%
# The class is fine, but two lines stop it from running. The path is left empty, so
# the class cannot even be instantiated:
#
# >>> CustomDataset()
# Traceback (most recent call last):
#     ...
# FileNotFoundError: [Errno 2] No such file or directory: ''
#
# and the next line creates an instance of the *base class* ``Dataset`` instead of
# ``CustomDataset``. That object has no samples: its ``__getitem__`` exists only to
# raise an error, and it has no ``__len__`` at all.
#
# >>> ds[0]
# Traceback (most recent call last):
#     ...
# NotImplementedError: Subclasses of Dataset should implement __getitem__.
# >>> len(ds)
# Traceback (most recent call last):
#     ...
# TypeError: object of type 'Dataset' has no len()
#
# .. pitfall:: Instantiate your subclass: ``Dataset()`` itself has no samples
#
#    A snippet that defines ``CustomDataset`` and then writes ``ds = Dataset()`` reads
#    as if it created the custom dataset. It creates the abstract base class, and the
#    first ``ds[i]`` raises ``NotImplementedError``. The instance must be created from
#    the subclass, with a real path: ``CustomDataset(path)``.
#
#    >>> isinstance(ds, CustomDataset)
#    False
#
# With the path filled in, the notes' ``__getitem__`` works, but it does more work
# than it needs to. ``iloc[index]`` builds a new pandas ``Series`` (a whole row) on
# every call, twice per sample, and the label comes back as a NumPy integer rather
# than a Python ``int``:

row = frame.iloc[0]
print(type(row).__name__, repr(row["review"]), type(row["label"]).__name__)

# %%
# >>> type(row).__name__, type(row["label"]).__name__
# ('Series', 'int64')
#
# A better dataset
# ----------------
# Take the columns out of the ``DataFrame`` once, in ``__init__``: a list of strings
# and a tensor of labels. ``__getitem__`` then only indexes them.


class ReviewDataset(Dataset):
    """The reviews of a CSV file as (text, label) pairs."""

    def __init__(self, path):
        table = pd.read_csv(path)
        self.texts = table["review"].tolist()
        self.labels = torch.tensor(table["label"].to_numpy())

    def __len__(self):
        return len(self.texts)

    def __getitem__(self, index):
        return self.texts[index], self.labels[index]


reviews = ReviewDataset(CSV)
print(len(reviews))
print(reviews[0])
print(reviews[1])

# %%
# >>> len(reviews)
# 38
# >>> reviews[2]
# ('I loved every minute of it!', tensor(1))
# >>> reviews.labels.dtype
# torch.int64
#
# Nothing else is needed. The dataset does not batch and does not shuffle; it answers
# "give me sample ``i``" for any ``i`` in any order, which is what lets a
# ``DataLoader`` shuffle and split the work between processes.
#
# Indices outside the range raise ``IndexError``, as for a list. Negative indices work
# here only because the list and the tensor accept them. The default samplers of a
# ``DataLoader`` never ask for them, but it passes on whatever index its sampler yields,
# so a custom ``sampler=`` could.
#
# >>> reviews[38]
# Traceback (most recent call last):
#     ...
# IndexError: list index out of range
# >>> reviews[-1][0]
# 'I left before the ending.'
# >>> list(DataLoader([10, 20, 30], sampler=[-1, -2], batch_size=None))
# [30, 20]
#
# Even ``for sample in reviews`` works without an ``__iter__`` method: Python then
# calls ``__getitem__(0)``, ``__getitem__(1)``, ... and stops at the first
# ``IndexError``. A ``__getitem__`` that never raises one (say, one that wraps the
# index around with ``%``) would make such a loop endless; ``len`` and a
# ``DataLoader`` do not rely on that.
#
# >>> len(list(reviews))
# 38

# %%
# Map-style and iterable-style datasets
# -------------------------------------
# ``ReviewDataset`` is *map-style*: it maps an index to a sample, and knows its length.
# That needs random access to the data. When the data is a stream that can only be
# read from start to end (a file too large for memory, lines arriving over a network,
# records generated on the fly), an *iterable-style* dataset fits better: a subclass
# of :class:`torch.utils.data.IterableDataset` with an ``__iter__`` method that yields
# the samples one after another. This one reads the CSV file in chunks of 10 rows, so
# that the whole table is never in memory at once:


class ReviewStream(IterableDataset):
    """The reviews of a CSV file, read in chunks and yielded one at a time."""

    def __init__(self, path, chunk_size=10):
        self.path = path
        self.chunk_size = chunk_size

    def __iter__(self):
        with pd.read_csv(self.path, chunksize=self.chunk_size) as chunks:
            for chunk in chunks:
                for text, label in zip(chunk["review"], chunk["label"]):
                    yield text, int(label)


stream = ReviewStream(CSV)
first_three = [sample for sample, _ in zip(stream, range(3))]
print(first_three)

# %%
# >>> first_three[0]
# ('A wonderful film with a great cast.', 1)
#
# An iterable-style dataset has no index and, unless you give it one, no length:
#
# >>> stream[0]
# Traceback (most recent call last):
#     ...
# NotImplementedError: Subclasses of Dataset should implement __getitem__.
# >>> len(stream)
# Traceback (most recent call last):
#     ...
# TypeError: object of type 'ReviewStream' has no len()
#
# A ``DataLoader`` accepts both kinds. For a stream it groups consecutive samples into
# batches, and so it cannot shuffle: the order is whatever ``__iter__`` yields, and
# asking for ``shuffle=True`` is an error. (Shuffle inside ``__iter__``, for example
# with a buffer, if a stream must be shuffled.)

batches = list(DataLoader(stream, batch_size=16))
print([len(labels) for _, labels in batches])

# %%
# >>> [len(labels) for _, labels in batches]
# [16, 16, 6]
# >>> DataLoader(stream, batch_size=16, shuffle=True)
# Traceback (most recent call last):
#     ...
# ValueError: DataLoader with IterableDataset: expected unspecified shuffle option, but got shuffle=True
#
# With several worker processes, every worker runs its own copy of ``__iter__``, so an
# iterable-style dataset must split the stream between them itself, or every sample
# comes out once per worker. The page on workers shows how.
#
# ``TensorDataset``: tensors already in memory
# --------------------------------------------
# When the inputs and targets are already tensors, there is nothing to write:
# :class:`torch.utils.data.TensorDataset` wraps any number of tensors with the same
# first dimension, and sample ``i`` is the tuple of their rows ``i``. Here the inputs
# are two numbers per review (its number of words and of exclamation marks) and the
# targets are the labels:

n_words = torch.tensor([len(text.split()) for text in reviews.texts], dtype=torch.float32)
n_bangs = torch.tensor([text.count("!") for text in reviews.texts], dtype=torch.float32)
features = torch.stack([n_words, n_bangs], dim=1)
pairs = TensorDataset(features, reviews.labels)
print(len(pairs), pairs[0])

# %%
# >>> features.shape
# torch.Size([38, 2])
# >>> pairs[2]
# (tensor([6., 1.]), tensor(1))
#
# It indexes each tensor along its first dimension and returns a tuple, so a slice or a
# list of indices gives a tuple of stacked rows, and ``pairs.tensors`` gives the
# tensors back:
#
# >>> pairs[0:3][1]
# tensor([1, 0, 1])
# >>> [t.shape for t in pairs[[0, 5, 7]]]
# [torch.Size([3, 2]), torch.Size([3])]
# >>> pairs.tensors[0] is features
# True
#
# Notes describe ``TensorDataset`` as a kind of ``zip`` over tensors whose first
# dimensions must be equal. The comparison holds with one difference worth knowing:
# ``zip`` silently stops at the shortest input, while ``TensorDataset`` refuses
# tensors of different lengths outright (with an ``AssertionError`` that it raises
# explicitly, so it is not switched off by ``python -O``).
#
# >>> list(zip([1, 2, 3], [4, 5]))
# [(1, 4), (2, 5)]
# >>> TensorDataset(features, reviews.labels[:30])
# Traceback (most recent call last):
#     ...
# AssertionError: Size mismatch between tensors
#
# Its arguments must be tensors: a Python list fails on the first line of the
# constructor, which asks for ``.size(0)``.
#
# >>> TensorDataset(features, reviews.labels.tolist())
# Traceback (most recent call last):
#     ...
# AttributeError: 'list' object has no attribute 'size'

# %%
# Summary
# -------
# * A map-style dataset implements ``__getitem__(i)`` (one sample) and ``__len__()``.
#   Load and convert the data once in ``__init__``; keep ``__getitem__`` cheap.
# * Create the dataset from your subclass: ``Dataset()`` itself raises
#   ``NotImplementedError`` on indexing.
# * An ``IterableDataset`` yields samples from ``__iter__``: no indexing, no length
#   unless you define one, no ``shuffle`` in the ``DataLoader``.
# * ``TensorDataset(x, y)`` pairs rows of tensors with equal first dimensions and
#   raises ``AssertionError: Size mismatch between tensors`` otherwise.
