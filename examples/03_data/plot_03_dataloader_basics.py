"""
DataLoader basics: batches, shuffling and what a batch contains
===============================================================

A :term:`data loader` turns a dataset into an iterable of batches: it draws indices,
fetches the samples and stacks them into tensors whose first dimension is the batch.
This page reads ``DataLoader``'s signature and defaults from the installed PyTorch,
counts batches with and without ``drop_last``, makes shuffling reproducible with a
seeded generator, and looks at what a batch is made of: its types, shapes and dtypes,
and why it does not require gradients.
"""

import inspect
import math
from pathlib import Path

import pandas as pd
import torch
from torch.utils.data import DataLoader, Dataset, TensorDataset, default_collate, default_convert

# sphinx-gallery runs a page from its own folder and defines no __file__
HERE = Path(__file__).parent if "__file__" in globals() else Path.cwd()

# %%
# The signature, from the source
# ------------------------------
# ``DataLoader`` has grown many options over the years, so a signature copied into notes
# goes out of date. Ask the installed version instead:

parameters = inspect.signature(DataLoader).parameters
for name, parameter in parameters.items():
    default = "(required)" if parameter.default is inspect.Parameter.empty else repr(parameter.default)
    keyword_only = "  keyword-only" if parameter.kind is inspect.Parameter.KEYWORD_ONLY else ""
    print(f"{name:24} {default}{keyword_only}")

# %%
# >>> list(parameters)[:8]
# ['dataset', 'batch_size', 'shuffle', 'sampler', 'batch_sampler', 'num_workers', 'collate_fn', 'pin_memory']
# >>> {name: parameters[name].default for name in ("batch_size", "shuffle", "num_workers", "collate_fn", "drop_last")}
# {'batch_size': 1, 'shuffle': None, 'num_workers': 0, 'collate_fn': None, 'drop_last': False}
#
# Most options are for later pages: ``sampler`` and ``batch_sampler`` choose the order
# of the samples (the samplers page), ``collate_fn`` how samples become a batch (the
# collation page), and ``num_workers``, ``worker_init_fn``, ``multiprocessing_context``,
# ``prefetch_factor``, ``persistent_workers``, ``timeout``, ``pin_memory`` and
# ``in_order`` how the loading runs in other processes (the workers page).
#
# ``collate_fn=None`` does not mean "no collation": the loader then picks
# ``default_collate`` itself when it batches, and ``default_convert`` (which converts
# NumPy arrays to tensors but stacks nothing) when ``batch_size=None`` turns batching
# off.

numbers = TensorDataset(torch.arange(10.0).reshape(10, 1), torch.arange(10))

# %%
# >>> DataLoader(numbers, batch_size=4).collate_fn is default_collate
# True
# >>> DataLoader(numbers, batch_size=None).collate_fn is default_convert
# True
#
# .. pitfall:: The defaults of ``shuffle`` and ``collate_fn`` are ``None``, and ``batch_sampler`` sits between ``sampler`` and ``num_workers``
#
#    Notes copy the signature as ``DataLoader(dataset, batch_size=1, shuffle=False,
#    sampler=None, num_workers=0, collate_fn=default_collate, pin_memory=False,
#    drop_last=False)``. In the current signature the defaults of ``shuffle`` and
#    ``collate_fn`` are ``None`` (the loader decides), nine more parameters exist, and
#    ``batch_sampler`` comes fifth. Code that passes the arguments by position in the
#    notes' order hands the number of workers to ``batch_sampler``. Pass everything
#    after ``batch_size`` by keyword.
#
#    >>> DataLoader(numbers, 4, False, None, 2)
#    Traceback (most recent call last):
#        ...
#    ValueError: batch_sampler option is mutually exclusive with batch_size, shuffle, sampler, and drop_last
#    >>> DataLoader(numbers, 4, shuffle=False, num_workers=2).num_workers
#    2

# %%
# Batch size and the number of batches
# ------------------------------------
# With ``batch_size=4`` the ten samples above come out in batches of 4, 4 and 2: the
# last batch holds what is left. ``len(loader)`` is the number of batches,
# :math:`\lceil n / b \rceil` for :math:`n` samples and batch size :math:`b`.

loader = DataLoader(numbers, batch_size=4)
print(len(loader), [len(labels) for _, labels in loader])

# %%
# >>> len(loader), math.ceil(len(numbers) / 4)
# (3, 3)
# >>> [labels.tolist() for _, labels in loader]
# [[0, 1, 2, 3], [4, 5, 6, 7], [8, 9]]
#
# ``drop_last=True`` drops the incomplete last batch, so that every batch has exactly
# :math:`b` samples and there are :math:`\lfloor n / b \rfloor` of them. The dropped
# samples are skipped in that epoch (with shuffling, different ones each epoch).

dropping = DataLoader(numbers, batch_size=4, drop_last=True)
print(len(dropping), [len(labels) for _, labels in dropping])

# %%
# >>> len(dropping), [len(labels) for _, labels in dropping]
# (2, [4, 4])
#
# A heading in the notes describes the loader's output as "batch_size × num_batch"
# samples. That product equals the size of the dataset only when the batch size divides
# it; otherwise the last batch is smaller (or dropped).
#
# An epoch is one pass over the loader: a ``for`` loop over it, or ``next(iter(loader))``
# for a quick look at one batch. Every ``iter(loader)`` starts a new pass, so calling
# ``next(iter(loader))`` twice gives the *first* batch twice, not the first and the
# second.
#
# >>> next(iter(loader))[1].tolist() == next(iter(loader))[1].tolist() == [0, 1, 2, 3]
# True

# %%
# Shuffling, reproducibly
# -----------------------
# ``shuffle=True`` draws a new random order of the samples at the start of every epoch.
# Training needs that: batches of neighbouring samples (say, sorted by label) give
# gradients that all point the same way. Validation and test loaders do not shuffle,
# because the order does not change their result and a fixed order is easier to
# inspect; this is the advice of the notes ("True for training, False for testing").
#
# Without further arguments the order comes from the global random number generator. A
# :class:`torch.Generator` passed as ``generator=`` makes it reproducible on its own
# terms: two loaders with generators seeded alike give the same order, epoch after
# epoch.


def epoch_order(loader):
    return [i for _, labels in loader for i in labels.tolist()]


shuffled_a = DataLoader(numbers, batch_size=4, shuffle=True, generator=torch.Generator().manual_seed(0))
shuffled_b = DataLoader(numbers, batch_size=4, shuffle=True, generator=torch.Generator().manual_seed(0))
for epoch in range(2):
    print(f"epoch {epoch}: {epoch_order(shuffled_a)}  {epoch_order(shuffled_b)}")

# %%
# Within one loader, each epoch has a new order; across the two loaders, the orders
# agree epoch by epoch:
#
# >>> shuffled_a = DataLoader(numbers, batch_size=4, shuffle=True, generator=torch.Generator().manual_seed(0))
# >>> first, second = epoch_order(shuffled_a), epoch_order(shuffled_a)
# >>> first
# [3, 7, 5, 2, 0, 8, 1, 6, 9, 4]
# >>> first == second, sorted(second) == list(range(10))
# (False, True)
#
# The generator is consumed as the epochs go by, so reproducing a run means creating
# the loader with a freshly seeded generator, not reusing one that has already been
# iterated.
#
# Even an unshuffled loader draws from a random number generator: each new iterator
# takes one number from it, the *base seed* of its worker processes (the workers page
# explains what it is for). Without ``generator=``, that number comes from the global
# generator, so merely iterating a loader changes the random numbers drawn after it:

torch.manual_seed(0)
reference = torch.rand(1)
torch.manual_seed(0)
next(iter(DataLoader(numbers, batch_size=4)))  # shuffle=False, no workers
after_loader = torch.rand(1)
torch.manual_seed(0)
next(iter(DataLoader(numbers, batch_size=4, generator=torch.Generator())))
with_own_generator = torch.rand(1)
print(reference, after_loader, with_own_generator)

# %%
# >>> torch.equal(reference, after_loader), torch.equal(reference, with_own_generator)
# (False, True)

# %%
# What a batch is made of
# -----------------------
# Each sample of ``numbers`` is a pair (input of shape ``[1]``, label of shape ``[]``).
# The batch keeps that structure: a list of two tensors, each with the batch dimension
# added in front, obtained by stacking the samples' tensors.

inputs, labels = batch = next(iter(loader))
print(type(batch).__name__, inputs.shape, inputs.dtype, labels.shape, labels.dtype)

# %%
# >>> type(batch).__name__, inputs.shape, labels.shape
# ('list', torch.Size([4, 1]), torch.Size([4]))
# >>> inputs.dtype, labels.dtype
# (torch.float32, torch.int64)
#
# Samples that are plain tuples come out as a *list* (not a tuple) of batched fields; a
# named tuple stays a named tuple. Tensors keep their dtype, while Python numbers and
# NumPy arrays become tensors, Python floats as ``float64`` and ints as ``int64`` (the
# collation page):
#
# >>> [next(iter(DataLoader(data, batch_size=2))).dtype for data in ([0.5, 1.5], [0, 1])]
# [torch.float64, torch.int64]
#
# For the film reviews of the first page, whose samples are (text, label) pairs, the
# texts stay Python strings, gathered in a tuple, and the labels become one tensor:


class ReviewDataset(Dataset):
    """The reviews of a CSV file as (text, label) pairs (see the first page)."""

    def __init__(self, path):
        table = pd.read_csv(path)
        self.texts = table["review"].tolist()
        self.labels = torch.tensor(table["label"].to_numpy())

    def __len__(self):
        return len(self.texts)

    def __getitem__(self, index):
        return self.texts[index], self.labels[index]


review_loader = DataLoader(ReviewDataset(HERE / "data" / "reviews.csv"), batch_size=3)
texts, review_labels = next(iter(review_loader))
print(texts, review_labels)

# %%
# >>> type(texts).__name__, len(texts), review_labels
# ('tuple', 3, tensor([1, 0, 1]))
#
# A model cannot take strings: they must be turned into tensors of token ids first,
# which is the job of a ``collate_fn`` (the tokenizer page).
#
# Batches do not require gradients
# ~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~
# Notes point out that tensors coming out of a ``DataLoader`` have
# ``requires_grad=False``, while a model's parameters have ``requires_grad=True``, so
# that ``backward()`` computes gradients for the weights and not for the data. That is
# right, and easy to check:

model = torch.nn.Linear(1, 1)
print(inputs.requires_grad, inputs.is_leaf, model.weight.requires_grad)

# %%
# >>> inputs.requires_grad, inputs.is_leaf, model.weight.requires_grad
# (False, True, True)
#
# The reason is the data, not the loader: the loader neither sets nor clears the flag,
# and a batch stacked from tensors that require gradients requires them too (and is no
# longer a leaf). Data normally comes from files, so its tensors never require
# gradients.

tracked = TensorDataset(torch.arange(10.0).reshape(10, 1).requires_grad_(), torch.arange(10))
tracked_inputs, _ = next(iter(DataLoader(tracked, batch_size=4)))
print(tracked_inputs.requires_grad, tracked_inputs.grad_fn.name())

# %%
# >>> tracked_inputs.requires_grad, tracked_inputs.grad_fn.name()
# (True, 'StackBackward0')
#
# Summary
# -------
# * Read the signature from ``inspect.signature(DataLoader)``; pass everything after
#   ``batch_size`` by keyword. ``collate_fn=None`` means ``default_collate`` when
#   batching.
# * ``len(loader)`` is the number of batches, :math:`\lceil n/b \rceil`, or
#   :math:`\lfloor n/b \rfloor` with ``drop_last=True``.
# * ``shuffle=True`` reshuffles every epoch; ``generator=torch.Generator().manual_seed(s)``
#   makes the order reproducible and leaves the global generator alone.
# * A batch mirrors the structure of a sample (plain tuples become lists), with the
#   batch dimension first; tensors keep their dtype, Python numbers become ``float64`` or
#   ``int64``; gradients are not required unless the dataset's tensors require them.
