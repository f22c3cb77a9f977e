"""
Tokenizing text in a collate_fn, offline
========================================

A text model needs tensors of token ids, and the natural place to make them is the
``collate_fn``: it sees a whole batch of texts, so it can tokenize them together and
pad them to the longest one. Study notes do this with a pretrained
:term:`tokenizer` fetched from the Hugging Face Hub. This page explains what that call
needs, builds the same kind of tokenizer (BERT's WordPiece) from a small
:term:`vocabulary` file shipped with these pages, checks that it really recognises the
words, and writes a ``collate_fn`` that returns padded ids, an attention mask and
integer labels, without touching the network.
"""

import os

# Before importing the libraries: offline, whatever the shell set (read at first import)
os.environ["HF_HUB_OFFLINE"] = "1"
os.environ["TRANSFORMERS_OFFLINE"] = "1"

from pathlib import Path  # noqa: E402

import pandas as pd  # noqa: E402
import torch  # noqa: E402
from torch.utils.data import DataLoader, Dataset  # noqa: E402
from transformers import AutoTokenizer, BertTokenizer, BertTokenizerFast  # noqa: E402

# sphinx-gallery runs a page from its own folder and defines no __file__
HERE = Path(__file__).parent if "__file__" in globals() else Path.cwd()
DATA = HERE / "data"

# %%
# The notes' tokenizer comes from the Hub
# ---------------------------------------
# The notes create their tokenizer with ``AutoTokenizer.from_pretrained("rbt3")``.
# ``from_pretrained`` accepts either the path of a local folder that holds the
# tokenizer's files, or the name of a repository on the Hugging Face Hub, whose files it
# downloads on first use and keeps in a cache folder (``~/.cache/huggingface`` by
# default). There is no folder named ``rbt3`` here, so the name would be looked up on
# the Hub (the three-layer Chinese RoBERTa it refers to is published as ``hfl/rbt3``).
# Without a network connection, or with ``local_files_only=True`` as here, the call
# fails:

try:
    AutoTokenizer.from_pretrained("rbt3", local_files_only=True)
except OSError as error:
    hub_error = str(error)
print(hub_error)

# %%
# >>> print(hub_error)  # doctest: +ELLIPSIS
# We couldn't connect to 'https://huggingface.co' to load the files, and couldn't find them in the cached files...
#
# A documentation build, a test suite or a training job on a machine without internet
# access cannot depend on such a download. The ``HF_HUB_OFFLINE=1`` and
# ``TRANSFORMERS_OFFLINE=1`` environment variables, set at the top of this page before
# ``transformers`` is imported, make every such lookup fail at once instead of trying
# the network. The tokenizer must then come from files we have.
#
# A tokenizer from a vocabulary file
# ----------------------------------
# A BERT tokenizer is defined by its vocabulary file, ``vocab.txt``: one token per
# line, the line number being the token's id. The file next to this page has 102 lines:
# five special tokens first, then punctuation, the lowercase words of the film reviews
# and three *WordPiece* suffixes (``##s``, ``##d``, ``##way``) that let the tokenizer
# spell words it does not know whole, such as "films" as ``film`` + ``##s``.

vocab = (DATA / "vocab.txt").read_text(encoding="utf-8").splitlines()
print(len(vocab), vocab[:9], "...", vocab[-3:])

# %%
# >>> len(vocab), vocab[:5]
# (102, ['[PAD]', '[UNK]', '[CLS]', '[SEP]', '[MASK]'])
#
# ``from_pretrained`` also accepts the folder that contains the file, exactly as it
# accepts a folder downloaded from the Hub. Nothing else is needed:

tokenizer = BertTokenizerFast.from_pretrained(DATA)
print(type(tokenizer).__name__, len(tokenizer), tokenizer.pad_token_id, tokenizer.unk_token_id)
print(tokenizer.tokenize("I loved every minute of it!"))

# %%
# >>> len(tokenizer), tokenizer.pad_token_id, tokenizer.cls_token_id, tokenizer.sep_token_id
# (102, 0, 2, 3)
# >>> tokenizer.tokenize("The best films of the year!")
# ['the', 'best', 'film', '##s', 'of', 'the', 'year', '!']
#
# Encoding a text gives the ids of its tokens, framed by ``[CLS]`` (id 2) and ``[SEP]``
# (id 3) as BERT expects; decoding maps them back:

encoded = tokenizer("A wonderful film with a great cast.")
print(encoded["input_ids"])
print(tokenizer.convert_ids_to_tokens(encoded["input_ids"]))

# %%
# >>> encoded["input_ids"]
# [2, 9, 94, 33, 93, 9, 42, 22, 7, 3]
# >>> tokenizer.decode(encoded["input_ids"])
# '[CLS] a wonderful film with a great cast. [SEP]'
#
# Check that the words are recognised
# -----------------------------------
# A tokenizer whose vocabulary does not match its text preprocessing does not fail: it
# maps every word it cannot find to ``[UNK]`` (id 1), and a model trained on such ids
# learns nothing from the words that became ``[UNK]``. So count the unknown tokens over
# the whole dataset:

table = pd.read_csv(DATA / "reviews.csv")
all_ids = [i for ids in tokenizer(table["review"].tolist())["input_ids"] for i in ids]
unknown = [text for text in table["review"] if tokenizer.unk_token in tokenizer.tokenize(text)]
print(f"{all_ids.count(tokenizer.unk_token_id)} unknown of {len(all_ids)} tokens, in: {unknown}")

# %%
# >>> all_ids.count(tokenizer.unk_token_id), len(all_ids)
# (1, 386)
# >>> tokenizer.tokenize(unknown[0])
# ['a', 'perfect', 'film', 'for', 'a', '[UNK]', 'evening', '.']
#
# One word of 386 tokens, "rainy", is missing from the vocabulary, on purpose. The
# check matters because the tokenizer *normalises* the text before looking words up,
# and the normalisation must match how the vocabulary was made. BERT's "uncased"
# tokenizers lowercase (``do_lower_case=True``, the default), which suits this
# lowercase vocabulary. Switch lowercasing off and every capitalised word becomes
# unknown:

cased = BertTokenizerFast.from_pretrained(DATA, do_lower_case=False)
print(cased.tokenize("The cast is brilliant."))

# %%
# >>> cased.tokenize("The cast is brilliant.")
# ['[UNK]', 'cast', 'is', 'brilliant', '.']
# >>> sum(i == cased.unk_token_id for ids in cased(table["review"].tolist())["input_ids"] for i in ids)
# 40
#
# (Every review starts with a capital letter, and the word "I" always is one.) The
# same happens, the other way round,
# with a cased vocabulary and a lowercasing tokenizer, or with accents stripped on one
# side only.
#
# .. pitfall:: In transformers 5, ``BertTokenizerFast(vocab_file=...)`` ignores the file
#
#    Tutorials written for transformers 4 build a tokenizer from a local vocabulary with
#    ``BertTokenizerFast(vocab_file="vocab.txt")``. In transformers 5,
#    ``BertTokenizerFast`` is another name for ``BertTokenizer``, whose first parameter
#    is ``vocab``; ``vocab_file=`` is swallowed by ``**kwargs`` without an error or a
#    warning, and the tokenizer gets a vocabulary of only the five special tokens, so
#    every word becomes ``[UNK]``. Use ``from_pretrained(folder)`` (as above) or
#    ``BertTokenizerFast(vocab=path)``, and count the unknown tokens.
#
#    >>> BertTokenizerFast is BertTokenizer
#    True
#    >>> broken = BertTokenizerFast(vocab_file=str(DATA / "vocab.txt"))
#    >>> len(broken), broken.tokenize("a great film")
#    (5, ['[UNK]', '[UNK]', '[UNK]'])
#    >>> len(BertTokenizerFast(vocab=str(DATA / "vocab.txt")))
#    102

# %%
# The notes' ``collate_fn``, run
# ------------------------------
# With a working tokenizer, the notes' ``collate_fn`` can be run as written (reusing the
# dataset of the first page, which returns (review, label) pairs):


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


def notes_collate_fn(batch):
    texts, labels = [], []
    for item in batch:
        texts.append(item[0])
        labels.append(item[1])
    inputs = tokenizer(texts, max_length=128, padding="max_length", truncation=True)
    inputs["labels"] = torch.Tensor(labels)
    return inputs


reviews = ReviewDataset(DATA / "reviews.csv")
notes_batch = next(iter(DataLoader(reviews, batch_size=4, collate_fn=notes_collate_fn)))
print(list(notes_batch.keys()))
print(type(notes_batch["input_ids"]).__name__, len(notes_batch["input_ids"][0]), notes_batch["labels"])

# %%
# It runs, but three details make the batch unfit for a model:
#
# * without ``return_tensors="pt"`` the tokenizer returns Python *lists* of ids, not
#   tensors;
# * ``padding="max_length"`` pads every batch to 128 tokens, although the longest review
#   has 13, so nine tenths of every row is padding that the model still processes;
# * ``torch.Tensor(labels)`` makes ``float32`` labels, and ``nn.CrossEntropyLoss``
#   needs class indices as integers.
#
# >>> type(notes_batch["input_ids"]).__name__, len(notes_batch["input_ids"][0])
# ('list', 128)
# >>> max(len(ids) for ids in tokenizer(table["review"].tolist())["input_ids"])  # the longest review
# 13
# >>> sum(row.count(tokenizer.pad_token_id) for row in notes_batch["input_ids"]) / (4 * 128)
# 0.921875
# >>> notes_batch["labels"].dtype
# torch.float32
# >>> torch.nn.CrossEntropyLoss()(torch.zeros(4, 2), notes_batch["labels"])
# Traceback (most recent call last):
#     ...
# RuntimeError: expected target dtype to be Long or Byte, but got Float
#
# .. pitfall:: Class indices for ``CrossEntropyLoss`` must be integer tensors: ``torch.Tensor(labels)`` makes them ``float32``
#
#    The notes' ``collate_fn`` builds the labels with ``torch.Tensor(labels)``. The
#    legacy ``torch.Tensor`` constructor always creates the default float dtype, so the
#    integer labels 0 and 1 become ``0.`` and ``1.``, and ``nn.CrossEntropyLoss`` (like
#    ``nn.NLLLoss``), which takes class indices, rejects them, as shown above.
#    ``torch.tensor(labels)`` keeps the integer dtype (``int64``). A loss for binary
#    targets such as ``nn.BCEWithLogitsLoss``, by contrast, wants float targets and
#    rejects ``int64`` ones.
#
#    >>> torch.Tensor([1, 0]).dtype, torch.tensor([1, 0]).dtype
#    (torch.float32, torch.int64)
#    >>> torch.nn.BCEWithLogitsLoss()(torch.zeros(2), torch.tensor([1, 0]))
#    Traceback (most recent call last):
#        ...
#    RuntimeError: result type Float can't be cast to the desired output type Long

# %%
# A ``collate_fn`` that returns tensors
# -------------------------------------
# The corrected version pads to the longest review *of the batch* (``padding=True``),
# still truncates anything longer than ``max_length``, returns PyTorch tensors, and
# makes the labels ``int64``. The tokenizer's output is a ``BatchEncoding``, a
# dictionary-like object that the ``DataLoader`` passes through (and can pin) like a
# ``dict``.


def collate_reviews(batch, max_length=128):
    texts, labels = zip(*batch)
    inputs = tokenizer(list(texts), padding=True, truncation=True, max_length=max_length,
                       return_tensors="pt")
    inputs["labels"] = torch.tensor(labels, dtype=torch.int64)
    return inputs


loader = DataLoader(reviews, batch_size=4, collate_fn=collate_reviews)
batch = next(iter(loader))
for key, value in batch.items():
    print(f"{key:15} {tuple(value.shape)} {value.dtype}")
print(batch["input_ids"])
print(batch["attention_mask"])

# %%
# >>> {key: tuple(value.shape) for key, value in batch.items()}
# {'input_ids': (4, 11), 'token_type_ids': (4, 11), 'attention_mask': (4, 11), 'labels': (4,)}
# >>> batch["labels"]
# tensor([1, 0, 1, 0])
# >>> batch["attention_mask"].sum(dim=1)  # tokens per review, [CLS] and [SEP] included
# tensor([10, 11, 10,  9])
# >>> tokenizer.batch_decode(batch["input_ids"][:2], skip_special_tokens=True)
# ['a wonderful film with a great cast.', 'the plot was boring and far too long.']
#
# ``attention_mask`` is 1 on real tokens and 0 on padding, like the mask built by hand on
# the previous page; ``token_type_ids`` tells sentence A from sentence B in BERT's
# sentence-pair tasks and is all zeros for single texts. Truncation keeps ``[SEP]`` at
# the end of a truncated row:

short = collate_reviews([reviews[1]], max_length=6)
print(tokenizer.convert_ids_to_tokens(short["input_ids"][0]))

# %%
# >>> tokenizer.convert_ids_to_tokens(short["input_ids"][0])
# ['[CLS]', 'the', 'plot', 'was', 'boring', '[SEP]']
#
# Tokenizing in the ``collate_fn`` repeats the work in every epoch, but the fast
# tokenizer handles a whole batch at once and, with ``num_workers > 0``, the work runs in
# the worker processes, in parallel with training. For large corpora, tokenizing once in
# advance and only padding in the ``collate_fn`` saves that repeated work.
#
# Summary
# -------
# * ``from_pretrained(name)`` downloads from the Hugging Face Hub unless ``name`` is a
#   local folder; set ``HF_HUB_OFFLINE=1`` (and ``TRANSFORMERS_OFFLINE=1``) before the
#   import to make sure nothing is fetched.
# * ``BertTokenizerFast.from_pretrained(folder)`` builds a WordPiece tokenizer from a
#   local ``vocab.txt``. Count the ``[UNK]`` tokens: a normalisation that does not
#   match the vocabulary (or ``vocab_file=`` in transformers 5) fails silently.
# * In a ``collate_fn``: ``tokenizer(texts, padding=True, truncation=True,
#   max_length=..., return_tensors="pt")``, and ``torch.tensor(labels)`` for ``int64``
#   class labels.
