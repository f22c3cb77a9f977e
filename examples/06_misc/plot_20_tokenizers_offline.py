"""
Hugging Face tokenizers, offline, in a collate_fn
=================================================

A Hugging Face :term:`tokenizer` turns text into the integer ids a model reads, adds the
model's special tokens, and pads and truncates a batch. This page loads one from a
small :term:`vocabulary` file shipped with the site, with no download, looks at what
``tokenizer(...)`` and ``tokenizer.encode`` return, counts what ``max_length`` really
keeps, and puts the tokenizer where it belongs in training: in a :term:`collate <collation>` function,
which pads each batch to its own longest text.
"""

import os

# offline whatever the shell set; read when huggingface_hub is first imported
os.environ["HF_HUB_OFFLINE"] = "1"
os.environ["TRANSFORMERS_OFFLINE"] = "1"
os.environ.setdefault("HF_HUB_DISABLE_PROGRESS_BARS", "1")

from pathlib import Path  # noqa: E402

import matplotlib.pyplot as plt  # noqa: E402
import torch  # noqa: E402
from torch.utils.data import DataLoader  # noqa: E402
from transformers import AutoTokenizer  # noqa: E402

# %%
# ``from_pretrained`` downloads, unless it is given a folder
# ----------------------------------------------------------
# The notes load their tokenizer with ``AutoTokenizer.from_pretrained("rbt3")``. A
# name like that is looked up as a local folder first and otherwise as a model on the
# Hugging Face Hub (this small Chinese model is published there as ``hfl/rbt3``): the
# files are downloaded into a cache on first use. A documentation build must not
# depend on the network, so this page sets ``HF_HUB_OFFLINE=1`` before importing
# ``transformers``, replacing any value the environment had. A name that is not in the
# cache then fails at once:
#
# >>> import huggingface_hub
# >>> huggingface_hub.is_offline_mode()
# True
# >>> AutoTokenizer.from_pretrained("hfl/rbt3")
# Traceback (most recent call last):
#     ...
# OSError: We couldn't connect to 'https://huggingface.co' to load the files, and couldn't find them in the cached files...
#
# What a tokenizer needs is a few small files. For a BERT tokenizer they are the
# vocabulary ``vocab.txt``, one token per line (the line number, from 0, is the id),
# and ``tokenizer_config.json``, which names the tokenizer class and its options. The
# site ships a folder with a 48-token vocabulary; ``from_pretrained`` accepts the
# folder's path exactly as it accepts a Hub name.

# sphinx-gallery runs a page from its own folder and defines no __file__
here = Path(__file__).parent if "__file__" in globals() else Path.cwd()
folder = here / "data" / "tiny-bert"
print((folder / "tokenizer_config.json").read_text())
tokenizer = AutoTokenizer.from_pretrained(folder)
print(type(tokenizer).__name__, len(tokenizer), tokenizer.all_special_tokens)

# %%
# >>> type(tokenizer).__name__, len(tokenizer), tokenizer.model_max_length
# ('BertTokenizer', 48, 64)
# >>> tokenizer.convert_ids_to_tokens([0, 1, 2, 3])
# ['[PAD]', '[UNK]', '[CLS]', '[SEP]']

# %%
# From text to tokens
# -------------------
# BERT's tokenizer lowercases (``do_lower_case``), splits at spaces and punctuation,
# and breaks every word into the longest pieces found in the vocabulary; a piece that
# continues a word is written with ``##``. A word that cannot be built from the
# vocabulary becomes ``[UNK]``. Chinese characters are split one by one (the option
# ``tokenize_chinese_chars`` is on by default), and the vocabularies of Chinese BERT
# models consist mostly of single characters.

print(tokenizer.tokenize("I watched this movie twice, and LOVED it!"))
print(tokenizer.tokenize("这部电影很好看"))

# %%
# >>> tokenizer.tokenize("I watched this movie twice, and LOVED it!")
# ['i', 'watch', '##ed', 'this', 'movie', '[UNK]', ',', 'and', 'love', '##d', 'it', '!']
# >>> tokenizer.tokenize("这部电影很好看")
# ['这', '部', '电', '影', '很', '好', '看']
#
# Calling the tokenizer does the whole job: tokens, ids, and the special tokens the
# model expects. For a single BERT sequence that is ``[CLS]`` (id 2 here) in front and
# ``[SEP]`` (id 3) at the end. It also returns ``token_type_ids`` (which sentence of a
# pair each token belongs to) and the ``attention_mask`` (1 for a real token, 0 for
# padding).

encoded = tokenizer("The plot was boring.")
print(encoded)
print(tokenizer.convert_ids_to_tokens(encoded["input_ids"]))

# %%
# >>> encoded["input_ids"]
# [2, 8, 22, 13, 31, 5, 3]
# >>> tokenizer.decode(encoded["input_ids"])
# '[CLS] the plot was boring. [SEP]'
#
# .. warning::
#
#    A vocabulary that does not match the tokenizer's settings fails silently. Had
#    ``vocab.txt`` been written in capitals while ``do_lower_case`` is on, every word
#    would become ``[UNK]``, without an error. Look at the tokens of a sample sentence
#    once:
#
#    >>> tokenizer.unk_token_id in encoded["input_ids"]
#    False

# %%
# ``encode``, ``max_length`` and the special tokens
# -------------------------------------------------
# ``tokenizer.encode(text)`` returns only the list of ids. Its options are those of the
# full call: ``add_special_tokens`` (default ``True``) adds ``[CLS]`` and ``[SEP]``, and
# ``max_length`` with ``truncation=True`` cuts the result to at most ``max_length``
# ids. ``max_length`` counts *all* ids, special tokens included.

text = "the movie was really good but the plot was dull"
print(tokenizer.encode(text))
print(tokenizer.encode(text, max_length=8, truncation=True))
print(tokenizer.encode(text, max_length=8, truncation=True, add_special_tokens=False))

# %%
# >>> len(tokenizer.tokenize(text))  # the content tokens of the text
# 10
# >>> tokenizer.encode(text, max_length=8, truncation=True)
# [2, 8, 20, 13, 16, 26, 19, 3]
# >>> tokenizer.encode(text, max_length=8, truncation=True, add_special_tokens=False)
# [8, 20, 13, 16, 26, 19, 8, 22]
#
# With the special tokens, eight ids leave room for six tokens of the text; without
# them, all eight are text.
#
# .. pitfall:: ``max_length`` includes ``[CLS]`` and ``[SEP]``: BERT keeps 510 tokens of text
#
#    A note says that ``encode`` keeps only ``max_length=510-2`` tokens, the 2 being
#    ``[CLS]`` and ``[SEP]``. The arithmetic is off by two. BERT models have 512
#    positions,
#
#    >>> from transformers import BertConfig
#    >>> BertConfig().max_position_embeddings  # the default is bert-base's
#    512
#
#    and ``max_length`` counts the special tokens, so the setting is
#    ``max_length=512``, and it leaves 512 - 2 = 510 tokens of a single text
#    (``max_length=510`` would leave 508):
#
#    >>> long_text = " ".join(["the movie was really good"] * 200)  # 1000 tokens
#    >>> ids = tokenizer.encode(long_text, max_length=512, truncation=True)
#    >>> len(ids), sum(i not in tokenizer.all_special_ids for i in ids)
#    (512, 510)
#
#    For a pair of texts, BERT adds three special tokens (``[CLS] a [SEP] b [SEP]``),
#    and 509 remain.
#
# Truncation has to be asked for. Given ``max_length`` alone, the tokenizer truncates
# only when it does not pad; with ``padding="max_length"`` and no ``truncation=True``,
# texts longer than ``max_length`` stay longer, and the batch cannot become one tensor.

texts = ["good film", "the acting was really very bad"]
unequal = tokenizer(texts, padding="max_length", max_length=6)
print([len(ids) for ids in unequal["input_ids"]])

# %%
# >>> [len(ids) for ids in unequal["input_ids"]]
# [6, 8]
# >>> [len(ids) for ids in tokenizer(texts, padding="max_length", max_length=6, truncation=True)["input_ids"]]
# [6, 6]

# %%
# The tokenizer in a collate function
# -----------------------------------
# Tokenized texts have different lengths, so a ``DataLoader``'s default
# collation, which needs all examples of a batch to have the same length (it stacks
# tensors and combines lists position by position), fails on them, for instance on the
# ids of 6 and 8 tokens above:
#
# >>> torch.utils.data.default_collate(unequal["input_ids"])
# Traceback (most recent call last):
#     ...
# RuntimeError: each element in list of batch should be of equal size
#
# The notes' answer is the right one: keep the raw ``(text, label)`` pairs in the
# dataset and tokenize each batch in a ``collate_fn``. The function below also asks for PyTorch
# tensors (``return_tensors="pt"``) and pads each batch to its longest text
# (``padding=True``), which is the point of tokenizing per batch.

reviews = [
    ("the movie was great", 1),
    ("boring plot", 0),
    ("i love this film , the music is good", 1),
    ("the acting was really very bad", 0),
]


def collate_fn(batch):
    texts, labels = zip(*batch)
    inputs = tokenizer(list(texts), padding=True, truncation=True, max_length=32, return_tensors="pt")
    inputs["labels"] = torch.tensor(labels)  # int64 class indices
    return inputs


loader = DataLoader(reviews, batch_size=2, shuffle=False, collate_fn=collate_fn)
for batch in loader:
    print({name: tuple(value.shape) for name, value in batch.items()})
first = next(iter(loader))
print(first["input_ids"])
print(first["attention_mask"])

# %%
# Each batch is as long as its longest text: 6 ids in the first, 11 in the second. The
# padding id is 0 (``[PAD]``), and the attention mask tells the model to ignore it:
#
# >>> first["input_ids"].shape, first["labels"]
# (torch.Size([2, 6]), tensor([1, 0]))
# >>> first["attention_mask"][1].tolist()
# [1, 1, 1, 1, 0, 0]
# >>> first["labels"].dtype
# torch.int64
#
# The picture shows the ids of both batches, and what padding every batch to a fixed
# ``max_length`` (here 16) would have produced instead: grey cells are padding, work
# the model does for nothing.

fixed = tokenizer([text for text, _ in reviews[:2]], padding="max_length", max_length=16, truncation=True,
                  return_tensors="pt")
panels = [(batch["input_ids"], batch["attention_mask"]) for batch in loader]
panels.append((fixed["input_ids"], fixed["attention_mask"]))
titles = ["batch 1, padding=True", "batch 2, padding=True", "batch 1, max_length=16"]
fig, axes = plt.subplots(1, 3, figsize=(10, 1.5), layout="constrained",
                         gridspec_kw={"width_ratios": [ids.shape[1] for ids, _ in panels]})
for ax, (ids, mask), title in zip(axes, panels, titles):
    ax.imshow(mask.numpy(), cmap="Greys_r", vmin=-1.5, vmax=1, aspect="equal")
    for (row, col), value in zip(torch.cartesian_prod(torch.arange(ids.shape[0]), torch.arange(ids.shape[1])).tolist(),
                                 ids.flatten().tolist()):
        ax.text(col, row, str(value), ha="center", va="center", fontsize=8)
    ax.set_title(title, fontsize=10)
    ax.set_xticks(torch.arange(ids.shape[1] + 1).sub(0.5).tolist(), minor=True)
    ax.set_yticks(torch.arange(ids.shape[0] + 1).sub(0.5).tolist(), minor=True)
    ax.grid(which="minor", color="black", linewidth=0.5)
    ax.tick_params(which="both", length=0, labelbottom=False, labelleft=False)
plt.show()

# %%
# The notes' ``collate_fn`` differs from this one in three places, which
# :doc:`chapter 3 <../03_data/plot_06_offline_tokenizer_collate>` takes apart: it calls
# the tokenizer without ``return_tensors``, so the ids come back as Python lists, which
# a model cannot take; it pads every batch to ``max_length=128``
# (``padding="max_length"``), which gives up the saving that tokenizing per batch
# allows; and it builds the labels with ``torch.Tensor(labels)``, which makes float32
# values. A Hugging Face classifier takes float labels for *multi-label* classification
# and fails on them, as the :doc:`next page <plot_21_models_and_trainer>` shows.
#
# >>> type(tokenizer(["good film"])["input_ids"]).__name__
# 'list'
# >>> torch.Tensor([1, 0]).dtype, torch.tensor([1, 0]).dtype
# (torch.float32, torch.int64)
#
# ``transformers`` also has a ready-made collator that pads batches that are already
# tokenized, ``DataCollatorWithPadding(tokenizer)``; tokenizing in the collate function,
# as here, is the version with the fewest moving parts.

# %%
# Where downloaded files go
# -------------------------
# When ``from_pretrained`` does download, the files land in the Hub cache
# (``~/.cache/huggingface/hub`` unless ``HF_HOME`` or ``HF_HUB_CACHE`` says otherwise),
# and the next call with the same name reads them from there, offline included. The
# notes' other cache question, about 🤗 Datasets, has a short answer: ``load_dataset``
# stores a dataset as Arrow files in the ``datasets`` cache
# (``~/.cache/huggingface/datasets`` by default, moved by ``HF_DATASETS_CACHE``). For a
# dataset stored in Arrow files, ``map`` writes its result next to those files, named
# by a fingerprint of the previous state and the transform with its arguments, and
# reloads it when the same ``map`` is repeated. A dataset held in memory
# (``Dataset.from_dict``) gets no such file, and a transform that cannot be hashed gets
# a random fingerprint: both are computed again.

# %%
# Summary
# -------
# * ``AutoTokenizer.from_pretrained`` accepts a local folder (``vocab.txt`` and
#   ``tokenizer_config.json`` for BERT); with ``HF_HUB_OFFLINE=1`` it never downloads.
# * ``tokenizer(text)`` gives ``input_ids`` (with ``[CLS]`` and ``[SEP]``),
#   ``token_type_ids`` and ``attention_mask``; ``tokenizer.encode(text)`` gives only the
#   ids.
# * ``max_length`` counts the special tokens: BERT's 512 leaves 510 tokens of text.
#   Pass ``truncation=True`` explicitly.
# * Tokenize in the ``collate_fn`` with ``padding=True`` and ``return_tensors="pt"``,
#   and make class labels with ``torch.tensor`` (int64).
