"""
Embeddings: ``nn.Embedding`` is a table lookup
==============================================

A language model turns each token id into a vector, its :term:`embedding`, with
``nn.Embedding``: a table with one learned row per token, indexed by the ids. This page runs the notes' text encoder,
checks that the lookup equals a product of one-hot vectors with the table, says what
the common description "equivalent to ``nn.Linear``" gets right and wrong, and shows
how ``padding_idx`` keeps the padding row out of training.
"""

import matplotlib.pyplot as plt
import torch
import torch.nn.functional as F
from torch import nn

torch.manual_seed(0)

# %%
# One row per token
# -----------------
# ``nn.Embedding(num_embeddings, embedding_dim)`` holds a single parameter, ``weight``,
# of shape ``[num_embeddings, embedding_dim]``: row ``i`` is the vector of token id
# ``i``. Calling the layer on a tensor of ids returns those rows, so every id gains a
# last dimension of size ``embedding_dim``. The notes' text encoder has BERT's
# vocabulary of 30,522 tokens and 512-dimensional vectors; a batch of 2 sentences of 4
# token ids becomes ``[2, 4, 512]``.


class TextEncoder(nn.Module):
    def __init__(self):
        super().__init__()
        self.embed = nn.Embedding(num_embeddings=30522, embedding_dim=512)

    def forward(self, x):
        return self.embed(x)


text_encoder = TextEncoder()
token_ids = torch.tensor([[1, 2, 4, 5], [4, 3, 2, 9]])  # [batch_size, seq_len] = [2, 4]
hidden_states = text_encoder(token_ids)
print(hidden_states.shape)

# %%
# >>> hidden_states.shape  # [batch_size, seq_len, d_model]
# torch.Size([2, 4, 512])
# >>> text_encoder.embed.weight.shape
# torch.Size([30522, 512])
#
# .. pitfall:: The notes' ``TextEncoder`` does not run as written
#
#    The snippet starts with ``Class TextEncoder`` (a ``SyntaxError``: the keyword is
#    ``class``), builds its ids in a variable named ``input`` (which hides Python's
#    built-in function) and then calls ``text_encoder(x)``, so the last line fails with
#    ``NameError: name 'x' is not defined``. The version above fixes all three, and
#    builds the ids with ``torch.tensor`` instead of the legacy constructor
#    ``torch.LongTensor``; the default integer :term:`dtype` is already ``int64``.
#
#    >>> token_ids.dtype
#    torch.int64
#    >>> text_encoder(x)
#    Traceback (most recent call last):
#        ...
#    NameError: name 'x' is not defined
#
# The lookup is exactly indexing the table with the ids:
#
# >>> torch.equal(hidden_states, text_encoder.embed.weight[token_ids])
# True
#
# The rows start as independent draws from the standard normal distribution, so each
# vector is random until training gives it a meaning:
#
# >>> round(text_encoder.embed.weight.std().item(), 2)
# 1.0
#
# The ids must be integers (``int64`` or ``int32``) smaller than ``num_embeddings``:
#
# >>> text_encoder(torch.tensor([30522]))
# Traceback (most recent call last):
#     ...
# IndexError: index out of range in self
# >>> text_encoder(torch.tensor([1.0]))
# Traceback (most recent call last):
#     ...
# RuntimeError: Expected tensor for argument #1 'indices' to have one of the following scalar types: Long, Int; but got torch.FloatTensor instead (while checking arguments for embedding)

# %%
# The same as a one-hot product
# -----------------------------
# Write token ``i`` as a :term:`one-hot <one-hot encoding>` vector of length
# ``num_embeddings`` (all zeros, a 1 at position ``i``). Multiplying it by the table
# selects row ``i``; for a whole sentence,
# ``[seq_len, vocab_size] @ [vocab_size, d_model] = [seq_len, d_model]``, and for a
# batch ``[batch, seq_len, vocab_size] @ [vocab_size, d_model]``. A small table makes
# this easy to check and to look at:

vocab_size, d_model = 8, 3
table = nn.Embedding(vocab_size, d_model)
sentence = torch.tensor([5, 0, 2, 5])
one_hot = F.one_hot(sentence, num_classes=vocab_size).float()
print(one_hot)
looked_up = table(sentence)
multiplied = one_hot @ table.weight
print(torch.equal(looked_up, multiplied))

batch_one_hot = F.one_hot(token_ids, num_classes=30522).float()  # the text encoder's batch
print(batch_one_hot.shape)

# %%
# >>> one_hot.shape, table.weight.shape, looked_up.shape
# (torch.Size([4, 8]), torch.Size([8, 3]), torch.Size([4, 3]))
# >>> torch.equal(looked_up, multiplied)
# True
#
# The two agree exactly, not only approximately: each output is one table entry times
# 1 plus entries times 0. The same holds for the batch of the text encoder:
#
# >>> batch_one_hot.shape
# torch.Size([2, 4, 30522])
# >>> torch.equal(batch_one_hot @ text_encoder.embed.weight, hidden_states)
# True

fig, axes = plt.subplots(1, 3, figsize=(8, 4), layout="constrained", width_ratios=[8, 3, 3])
axes[0].imshow(one_hot.numpy(), cmap="Greys", vmin=0, vmax=1)
axes[0].set_title("one-hot ids  [4, 8]")
axes[0].set_xlabel("token id")
axes[0].set_ylabel("position in the sentence")
scale = table.weight.abs().max().item()
axes[1].imshow(table.weight.detach().numpy(), cmap="coolwarm", vmin=-scale, vmax=scale)
axes[1].set_title("weight  [8, 3]")
axes[1].set_ylabel("token id")
for token in sentence.unique().tolist():
    axes[1].add_patch(plt.Rectangle((-0.5, token - 0.5), d_model, 1, fill=False, linewidth=3))
axes[2].imshow(looked_up.detach().numpy(), cmap="coolwarm", vmin=-scale, vmax=scale)
axes[2].set_title("output  [4, 3]")
for ax in axes:
    ax.set_xticks(range(ax.get_images()[0].get_array().shape[1]))
    ax.set_yticks(range(ax.get_images()[0].get_array().shape[0]))
fig.suptitle("one_hot(ids) @ weight = weight[ids]: rows 5, 0, 2, 5 of the table")
plt.show()

# %%
# "Equivalent to ``nn.Linear``": what is right and what is not
# ------------------------------------------------------------
# The notes call ``nn.Embedding(vocab_size, d_model)`` equivalent to
# ``nn.Linear(vocab_size, d_model)``. As a statement about the *function* on one-hot
# vectors it is nearly right: a linear layer without bias, whose weight is the
# transposed table, maps one-hot vectors to the same outputs.

as_linear = nn.Linear(vocab_size, d_model, bias=False)
with torch.no_grad():
    as_linear.weight.copy_(table.weight.T)  # Linear stores [out, in] = [d_model, vocab_size]
print(torch.equal(as_linear(one_hot), looked_up))

# %%
# >>> as_linear.weight.shape, table.weight.shape
# (torch.Size([3, 8]), torch.Size([8, 3]))
# >>> torch.equal(as_linear(one_hot), looked_up)
# True
#
# The differences are what matter in practice:
#
# * **Shape of the weight.** ``nn.Linear(vocab_size, d_model).weight`` is
#   ``[d_model, vocab_size]``, the transpose of the embedding table (see the
#   previous page on linear layers).
# * **Bias.** ``nn.Linear`` has a bias by default, which would add the same vector to
#   every token's embedding; only ``bias=False`` gives a lookup.
# * **Input.** An embedding takes integer ids; a linear layer needs the one-hot float
#   vectors, and fed the ids themselves it fails:
#
#   >>> nn.Linear(vocab_size, d_model)(sentence)
#   Traceback (most recent call last):
#       ...
#   RuntimeError: mat1 and mat2 must have the same dtype, but got Long and Float
#
# * **Cost.** The lookup copies ``d_model`` numbers per token. The one-hot product
#   stores ``vocab_size`` numbers per token and performs ``vocab_size * d_model``
#   multiply-adds per token, almost all of them with zeros. For the text encoder's
#   8 tokens the one-hot input is about 60 times larger than the output it produces:
#
#   >>> batch_one_hot.numel(), hidden_states.numel()
#   (244176, 4096)
#
#   and for an ordinary batch of 32 sentences of 512 tokens it would take
#   :math:`32 \cdot 512 \cdot 30522 \cdot 4` bytes, 2 GB in float32, before the
#   :math:`30522 \cdot 512` multiply-adds per token even start.
#
# * **Initialisation.** An embedding starts from :math:`N(0, 1)`; a linear layer from
#   :math:`U(\pm 1/\sqrt{\text{in}})`, which for 30,522 inputs is tiny:
#
#   >>> bool(nn.Linear(30522, 8).weight.abs().max() <= 30522 ** -0.5)
#   True
#
# .. pitfall:: An embedding is a lookup, not a linear layer on one-hot vectors
#
#    "``nn.Embedding(vocab_size, d_model)`` is equivalent to ``nn.Linear(vocab_size,
#    d_model)``" is true only of the function on one-hot inputs, and only for a
#    linear layer *without bias* whose weight is the *transposed* table. The layers
#    differ in their input (integer ids, not one-hot vectors), in the weight layout
#    (``[vocab_size, d_model]`` vs ``[d_model, vocab_size]``) and in cost: the
#    embedding never builds the one-hot matrix and does no multiplication.
#
#    >>> nn.Embedding(30522, 512).weight.shape, nn.Linear(30522, 512).weight.shape
#    (torch.Size([30522, 512]), torch.Size([512, 30522]))
#
# Where the two layouts *do* meet is the other end of a language model: the output
# layer ``nn.Linear(d_model, vocab_size, bias=False)`` has a weight of shape
# ``[vocab_size, d_model]``, the shape of the embedding table, and many models share
# one tensor between them ("weight tying"). Shared, it is counted once:
#
# >>> output_layer = nn.Linear(d_model, vocab_size, bias=False)
# >>> output_layer.weight.shape == table.weight.shape
# True
# >>> tied = nn.ModuleDict({"embed": table, "unembed": output_layer})
# >>> tied.unembed.weight = tied.embed.weight
# >>> sum(p.numel() for p in tied.parameters())  # 8 * 3, not twice that
# 24

# %%
# Gradients reach only the rows that were used
# --------------------------------------------
# The gradient of the table is zero except in the rows of the ids in the batch; a row
# used twice receives the sum of both contributions. With the loss ``sum()``, each use
# contributes a row of ones:

table.zero_grad()
table(sentence).sum().backward()
print(table.weight.grad)

# %%
# >>> table.weight.grad[:, 0].tolist()  # id 5 twice, ids 0 and 2 once
# [1.0, 0.0, 1.0, 0.0, 0.0, 2.0, 0.0, 0.0]
#
# ``sparse=True`` returns this gradient as a sparse tensor holding only the used
# rows, which saves memory for large vocabularies (only some optimisers, such as
# ``torch.optim.SparseAdam`` and ``SGD``, accept sparse gradients).

# %%
# ``padding_idx``: a row that is never trained
# --------------------------------------------
# Sentences in a batch have different lengths, so the short ones are padded with a
# reserved id, often 0. ``padding_idx=0`` tells the layer that this id is padding: its
# row starts as zeros, and its gradient is always zero, so training never changes it.

padded = nn.Embedding(5, 3, padding_idx=0)
batch = torch.tensor([[3, 1, 0, 0], [2, 4, 1, 0]])  # two sentences, padded with 0
print(padded.weight)

# %%
# >>> padded.weight[0].tolist()
# [0.0, 0.0, 0.0]
#
# Id 0 occurs three times in the batch. Without ``padding_idx`` its row would collect a
# gradient of 3 per column (as in the previous section); with it, the row's gradient
# stays zero, while the other rows get one contribution per use:

padded(batch).sum().backward()
print(padded.weight.grad)

plain = nn.Embedding(5, 3)
with torch.no_grad():
    plain.weight.copy_(padded.weight)
plain(batch).sum().backward()
print(plain.weight.grad[0])

# %%
# >>> padded.weight.grad[:, 0].tolist()  # id 0: padding; ids 1..4 used 2, 1, 1, 1 times
# [0.0, 2.0, 1.0, 1.0, 1.0]
# >>> plain.weight.grad[0].tolist()  # the same table without padding_idx
# [3.0, 3.0, 3.0]
#
# The row is excluded from the gradient, not frozen to zero: if you write other values
# into it (for example by loading pretrained vectors), the layer returns them, and they
# still receive no gradient.
#
# >>> with torch.no_grad():
# ...     _ = padded.weight[0].fill_(0.5)
# >>> padded(torch.tensor([0])).tolist()
# [[0.5, 0.5, 0.5]]
#
# Padding also has to be masked out of what comes *after* the embedding (attention,
# averages over the sentence): ``padding_idx`` only protects the embedding table.
#
# Summary
# -------
# * ``nn.Embedding(V, d)`` holds a ``[V, d]`` table (initialised :math:`N(0, 1)`);
#   calling it on integer ids of any shape returns ``weight[ids]``, with a new last
#   dimension ``d``: ``[batch, seq_len]`` becomes ``[batch, seq_len, d]``.
# * The lookup equals ``one_hot(ids) @ weight`` exactly, and a bias-free
#   ``nn.Linear(V, d)`` with weight ``table.T`` on one-hot inputs. It is not the same
#   as ``nn.Linear(V, d)``: that has a bias, a ``[d, V]`` weight, needs one-hot floats,
#   and costs ``V`` times more.
# * The table's gradient is nonzero only in the rows of ids that were used.
# * ``padding_idx``: that row starts at zero and never receives a gradient.
