"""
Collation and padding: default_collate, pad_sequence and a collate_fn
=====================================================================

:term:`Collation <collation>` is the step that turns a list of samples into one batch.
The ``DataLoader``'s default, ``default_collate``, stacks tensors and converts numbers,
and it fails as soon as samples differ in length, which is the normal case for text.
This page shows what ``default_collate`` does with each kind of value (and the real
errors), writes a ``collate_fn`` that pads variable-length sequences with
``torch.nn.utils.rnn.pad_sequence`` and builds an attention mask and integer labels, and
maps the Keras ``pad_sequences`` function found in study notes to PyTorch.
"""

import collections
import inspect
import re
from pathlib import Path

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
import torch
import torch.nn.functional as F
from torch.nn.utils.rnn import pad_sequence
from torch.utils.data import DataLoader, Dataset, default_collate

# sphinx-gallery runs a page from its own folder and defines no __file__
HERE = Path(__file__).parent if "__file__" in globals() else Path.cwd()

# %%
# What ``default_collate`` does
# -----------------------------
# ``default_collate(samples)`` receives the list of samples of one batch and combines
# them *field by field*, recursively. Tensors of equal shape are stacked along a new
# first dimension, the batch dimension:

stacked = default_collate([torch.tensor([1.0, 2.0, 3.0]), torch.tensor([4.0, 5.0, 6.0])])
print(stacked)

# %%
# >>> stacked.shape
# torch.Size([2, 3])
#
# .. pitfall:: Collation stacks samples along a new dimension; it does not concatenate them
#
#    Notes describe ``collate_fn`` as the function that *concatenates* (拼接) samples
#    into a batch. The default one *stacks* them: two samples of shape ``[3]`` give a
#    batch of shape ``[2, 3]`` (``torch.stack``), not ``[6]`` (``torch.cat``). The new
#    first dimension is what lets a model tell the samples apart.
#
#    >>> torch.cat([torch.ones(3), torch.zeros(3)]).shape
#    torch.Size([6])
#    >>> default_collate([torch.ones(3), torch.zeros(3)]).shape
#    torch.Size([2, 3])
#
# Python numbers become tensors: integers give ``int64``, booleans ``bool``, and
# floats ``float64``, not the default ``float32``. NumPy arrays and scalars are
# converted with their own dtype, strings are left alone:
#
# >>> default_collate([1, 2, 3])
# tensor([1, 2, 3])
# >>> default_collate([0.5, 1.5]).dtype
# torch.float64
# >>> default_collate([np.array([1.0, 2.0], dtype=np.float32), np.array([3.0, 4.0], dtype=np.float32)])
# tensor([[1., 2.],
#         [3., 4.]])
# >>> default_collate(["a good film", "a bad film"])
# ['a good film', 'a bad film']
#
# The ``float64`` matters: a model's parameters are ``float32``, and mixing the two in a
# layer is an error. A dataset that returns Python floats should convert them itself
# (``torch.tensor(x, dtype=torch.float32)``).

layer = torch.nn.Linear(1, 1)
doubles = default_collate([0.5, 1.5, 2.5]).unsqueeze(1)

# %%
# >>> layer(doubles)
# Traceback (most recent call last):
#     ...
# RuntimeError: mat1 and mat2 must have the same dtype, but got Double and Float
#
# Containers keep their structure: a dictionary gives a dictionary of batched values, a
# plain tuple gives a *list* of batched fields (the (input, label) pairs of most
# datasets), a named tuple stays a named tuple, and ``None`` is rejected:
#
# >>> default_collate([{"ids": torch.tensor([1, 2]), "label": 0}, {"ids": torch.tensor([3, 4]), "label": 1}])
# {'ids': tensor([[1, 2],
#         [3, 4]]), 'label': tensor([0, 1])}
# >>> default_collate([(torch.tensor([1, 2]), 0), (torch.tensor([3, 4]), 1)])
# [tensor([[1, 2],
#         [3, 4]]), tensor([0, 1])]
# >>> Pair = collections.namedtuple("Pair", ["ids", "label"])
# >>> default_collate([Pair(torch.tensor([1, 2]), 0), Pair(torch.tensor([3, 4]), 1)])
# Pair(ids=tensor([[1, 2],
#         [3, 4]]), label=tensor([0, 1]))
# >>> default_collate([None, None])
# Traceback (most recent call last):
#     ...
# TypeError: default_collate: batch must contain tensors, numpy arrays, numbers, dicts or lists; found <class 'NoneType'>
#
# A *list* inside a sample is treated as a sequence of fields, like a tuple, and
# transposed: two samples ``[1, 2, 3]`` and ``[4, 5, 6]`` do not become a 2 × 3 tensor
# but three tensors of two elements each. Return tensors from ``__getitem__``, not lists.
#
# >>> default_collate([[1, 2, 3], [4, 5, 6]])
# [tensor([1, 4]), tensor([2, 5]), tensor([3, 6])]

# %%
# Sequences of unequal length
# ---------------------------
# Texts have different lengths, and this is where the default stops working. For
# tensors, stacking needs equal shapes; for lists, transposing needs equal lengths.
#
# >>> default_collate([torch.tensor([1, 2, 3]), torch.tensor([4, 5])])
# Traceback (most recent call last):
#     ...
# RuntimeError: stack expects each tensor to be equal size, but got [3] at entry 0 and [2] at entry 1
# >>> default_collate([[1, 2, 3], [4, 5]])
# Traceback (most recent call last):
#     ...
# RuntimeError: each element in list of batch should be of equal size
#
# This is the limitation that notes mention ("batch data must be in the same
# dimension"). The remedy is *padding*: filling the short sequences with a filler value
# up to the length of the longest one in the batch, in a ``collate_fn`` of our own.
#
# A dataset of token ids
# ----------------------
# To have real sequences, turn the film reviews into lists of word ids: lowercase each
# review, split it into words and punctuation marks, and number the distinct words
# from 1, keeping 0 free for padding. (This crude word-level tokenizer is enough here;
# the next page uses a real one.)

table = pd.read_csv(HERE / "data" / "reviews.csv")
words = [re.findall(r"\w+|[^\w\s]", text.lower()) for text in table["review"]]
vocabulary = {word: i for i, word in enumerate(sorted({w for ws in words for w in ws}), start=1)}
PAD = 0


class TokenIds(Dataset):
    """(ids of the words of a review, label): sequences of different lengths."""

    def __init__(self, words, labels):
        self.ids = [torch.tensor([vocabulary[w] for w in ws]) for ws in words]
        self.labels = labels

    def __len__(self):
        return len(self.ids)

    def __getitem__(self, index):
        return self.ids[index], self.labels[index]


token_ids = TokenIds(words, table["label"].tolist())
print(len(vocabulary), "distinct words")
for i in range(3):
    print(words[i], token_ids[i])

# %%
# >>> [len(token_ids[i][0]) for i in range(3)]
# [8, 9, 7]
#
# Padding with ``pad_sequence``
# -----------------------------
# :func:`torch.nn.utils.rnn.pad_sequence` takes a list of 1-D tensors (or tensors with
# the same trailing dimensions) and fills the shorter ones with ``padding_value`` up to
# the longest. Its defaults are worth knowing: it puts the *time* dimension first
# (``batch_first=False`` gives shape ``[longest, batch]``), pads on the right, and pads
# with 0.

sequences = [token_ids[i][0] for i in range(3)]
print(pad_sequence(sequences).shape)
print(pad_sequence(sequences, batch_first=True))

# %%
# >>> pad_sequence(sequences).shape
# torch.Size([9, 3])
# >>> pad_sequence(sequences, batch_first=True).shape
# torch.Size([3, 9])
# >>> pad_sequence(sequences, batch_first=True)[2, -3:]
# tensor([1, 0, 0])
#
# The defaults, read from the installed version (``padding_side`` is a recent
# addition):
#
# >>> {name: p.default for name, p in inspect.signature(pad_sequence).parameters.items() if name != "sequences"}
# {'batch_first': False, 'padding_value': 0.0, 'padding_side': 'right'}
#
# ``padding_value`` chooses the filler, and ``padding_side="left"`` pads at the start
# instead. The result keeps the dtype of the sequences, here ``int64``:
#
# >>> pad_sequence(sequences, batch_first=True, padding_value=-1, padding_side="left")[2, :3]
# tensor([-1, -1, 41])
# >>> pad_sequence(sequences, batch_first=True).dtype
# torch.int64
#
# A ``collate_fn`` with a mask and labels
# ---------------------------------------
# The ``collate_fn`` receives the list of samples, here (ids, label) pairs, and returns
# whatever the training loop wants. A dictionary is convenient: the padded ids, an
# attention mask (1 for a real token, 0 for padding) so that the model can ignore the
# padding, and the labels as an ``int64`` tensor, which is what
# ``nn.CrossEntropyLoss`` expects of class indices.


def pad_collate(batch):
    ids, labels = zip(*batch)
    lengths = torch.tensor([len(x) for x in ids])
    input_ids = pad_sequence(ids, batch_first=True, padding_value=PAD)
    positions = torch.arange(input_ids.shape[1])
    attention_mask = (positions[None, :] < lengths[:, None]).long()
    return {"input_ids": input_ids, "attention_mask": attention_mask, "labels": torch.tensor(labels)}


loader = DataLoader(token_ids, batch_size=4, collate_fn=pad_collate)
batch = next(iter(loader))
for key, value in batch.items():
    print(key, tuple(value.shape), value.dtype)
print(batch["input_ids"])
print(batch["attention_mask"])

# %%
# >>> {key: tuple(value.shape) for key, value in batch.items()}
# {'input_ids': (4, 9), 'attention_mask': (4, 9), 'labels': (4,)}
# >>> batch["attention_mask"].sum(dim=1)  # the lengths of the four reviews
# tensor([8, 9, 7, 7])
# >>> batch["labels"], batch["labels"].dtype
# (tensor([1, 0, 1, 0]), torch.int64)
#
# The mask is built from the lengths, not with ``input_ids != PAD``: both agree here,
# but in vocabularies where id 0 is a real token the comparison would hide it.
#
# >>> torch.equal(batch["attention_mask"].bool(), batch["input_ids"] != PAD)
# True
#
# Each batch is padded to *its own* longest review, so the batches have different
# widths; padding every batch to one fixed length would waste memory and compute on
# filler.

widths = [b["input_ids"].shape[1] for b in loader]
print(widths)

# %%
# >>> len(widths), min(widths), max(widths)
# (10, 8, 11)

# %%
# Keras ``pad_sequences`` in PyTorch
# ----------------------------------
# Notes describe Keras's ``pad_sequences(sequences, maxlen=None, dtype='int32',
# padding='pre', truncating='pre', value=0.0)`` (today ``keras.utils.pad_sequences``),
# which pads or truncates a list of sequences to one length and returns a NumPy array of
# shape ``(len(sequences), maxlen)``. The description is accurate. PyTorch has no single
# equivalent, and its defaults differ:
#
# ================  ========================================  ==========================================
# Keras             meaning                                   PyTorch
# ================  ========================================  ==========================================
# ``maxlen``        length of every row (default: longest)    slice each sequence, then ``F.pad`` to a
#                                                             fixed length
# ``padding``       ``'pre'`` (default) or ``'post'``         ``padding_side="left"`` or ``"right"``
#                                                             (default)
# ``truncating``    ``'pre'`` (default) drops the start,      slice: keep the last or the first
#                   ``'post'`` drops the end                  ``maxlen`` elements
# ``dtype``         ``'int32'`` (default)                     the sequences' dtype; ids are usually
#                                                             ``int64``
# ``value``         padding value, 0.0                        ``padding_value``, 0.0
# result            NumPy array ``(batch, maxlen)``           tensor; ``batch_first=True`` for
#                                                             ``(batch, maxlen)``
# ================  ========================================  ==========================================
#
# A small function gives the Keras behaviour with PyTorch tools:


def pad_like_keras(sequences, maxlen=None, dtype=torch.int32, padding="pre", truncating="pre", value=0.0):
    """Keras ``pad_sequences`` semantics, returning a tensor of shape (batch, maxlen)."""
    tensors = [torch.as_tensor(s, dtype=dtype) for s in sequences]
    if maxlen is None:
        maxlen = max(len(t) for t in tensors)
    kept = [t[max(len(t) - maxlen, 0):] if truncating == "pre" else t[:maxlen] for t in tensors]
    side = "left" if padding == "pre" else "right"
    padded = pad_sequence(kept, batch_first=True, padding_value=value, padding_side=side)
    missing = maxlen - padded.shape[1]  # pad_sequence stops at the longest kept sequence
    return F.pad(padded, (missing, 0) if side == "left" else (0, missing), value=value)


# %%
# Checked against the outputs that the Keras documentation gives for
# ``[[1], [2, 3], [4, 5, 6]]``, plus the two settings it does not show:

keras_example = [[1], [2, 3], [4, 5, 6]]
expected = {
    "default (pre-padding)": ({}, [[0, 0, 1], [0, 2, 3], [4, 5, 6]]),
    "value=-1": ({"value": -1}, [[-1, -1, 1], [-1, 2, 3], [4, 5, 6]]),
    "padding='post'": ({"padding": "post"}, [[1, 0, 0], [2, 3, 0], [4, 5, 6]]),
    "maxlen=2 (drops the start)": ({"maxlen": 2}, [[0, 1], [2, 3], [5, 6]]),
    "maxlen=2, truncating='post'": ({"maxlen": 2, "truncating": "post"}, [[0, 1], [2, 3], [4, 5]]),
    "maxlen=4": ({"maxlen": 4}, [[0, 0, 0, 1], [0, 0, 2, 3], [0, 4, 5, 6]]),
}
for name, (options, rows) in expected.items():
    result = pad_like_keras(keras_example, **options)
    print(f"{name:29} {result.tolist()}  {'ok' if result.tolist() == rows else 'DIFFERENT'}")

# %%
# >>> all(pad_like_keras(keras_example, **options).tolist() == rows for options, rows in expected.values())
# True
# >>> pad_like_keras(keras_example).dtype, pad_like_keras(keras_example, dtype=torch.int64).dtype
# (torch.int32, torch.int64)
#
# Pre-truncation keeps the last ``maxlen`` elements. The helper slices from
# ``max(len(t) - maxlen, 0)`` rather than writing ``t[-maxlen:]``, which looks the same
# but keeps the whole sequence when ``maxlen`` is 0 (``-0`` is ``0``):
#
# >>> t = torch.tensor([4, 5, 6])
# >>> t[-0:], t[max(len(t) - 0, 0):]
# (tensor([4, 5, 6]), tensor([], dtype=torch.int64))
#
# The usual explanation of Keras's pre-padding default: a recurrent network reads left
# to right and often uses its final state, which is then computed right after the last
# real token.
# Transformer models instead use an attention mask, and encoders are usually padded on
# the right. Whichever side is padded, the mask must say which positions are real.

# %%
# The picture
# -----------
# The first batch of reviews padded on either side, with its mask: every row keeps its
# tokens (coloured by id) and the padding (white) goes to the end or to the start.

left_padded = pad_sequence([token_ids[i][0] for i in range(4)], batch_first=True, padding_side="left")
fig, axes = plt.subplots(1, 3, figsize=(10, 2.4), layout="constrained")
panels = [
    (batch["input_ids"], "padding_side='right'"),
    (left_padded, "padding_side='left'"),
    (batch["attention_mask"], "attention mask (right)"),
]
for ax, (values, title) in zip(axes, panels):
    shown = np.ma.masked_equal(values.numpy(), 0)
    ax.imshow(shown, cmap="viridis" if "mask" not in title else "Greys", vmin=0)
    ax.set_title(title)
    ax.set_xlabel("position")
    ax.set_yticks(range(4))
axes[0].set_ylabel("review")
plt.show()

# %%
# Summary
# -------
# * ``default_collate`` stacks equal-shaped tensors along a new batch dimension,
#   converts numbers (Python floats to ``float64``), keeps strings, recurses into dicts,
#   tuples and lists (plain tuples and lists come back as lists, transposed; named
#   tuples keep their type), and fails on unequal lengths.
# * A ``collate_fn`` for text pads with
#   ``pad_sequence(..., batch_first=True, padding_value=..., padding_side=...)``, builds
#   the attention mask from the lengths and returns labels as ``int64``.
# * ``pad_sequence`` defaults to ``[longest, batch]``, right padding and 0; it never
#   truncates. Keras's ``pad_sequences`` defaults to pre-padding, pre-truncation and
#   ``int32``: slice and ``F.pad`` for the same result.
