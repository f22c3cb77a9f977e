"""
A causal attention mask
=======================

A language model that predicts the next token may only look at the tokens before it. In
self-attention this is enforced by a :term:`causal mask`: the attention scores of future
positions are set to minus infinity before the :term:`softmax`, so their weights become
exactly zero. This page builds such a mask with ``torch.tril`` and ``masked_fill``,
checks the result against PyTorch's built-in attention and draws it.
"""

import matplotlib.pyplot as plt
import torch
import torch.nn.functional as F

torch.manual_seed(0)

# %%
# Scores, and which of them are allowed
# -------------------------------------
# For a sequence of ``L`` positions, attention compares every query position ``i`` with
# every key position ``j`` and gets an ``[L, L]`` matrix of scores (here scaled dot
# products of random queries and keys). Causality allows the pairs with ``j <= i``: the
# lower triangle, diagonal included. ``tril`` of a matrix of ``True`` values is exactly
# that set.

L, d = 5, 4
q, k, v = torch.randn(L, d), torch.randn(L, d), torch.randn(L, d)
scores = q @ k.T / d**0.5

allowed = torch.ones(L, L, dtype=torch.bool).tril()
print(allowed)

# %%
# >>> allowed.sum().item()  # 1 + 2 + 3 + 4 + 5
# 15
#
# Masking and normalising
# -----------------------
# ``~allowed`` (logical *not*) marks the future positions. Filling them with ``-inf`` and
# applying the softmax along the last dimension turns each row into a probability
# distribution over the allowed positions only, because ``exp(-inf) = 0``.

weights = F.softmax(scores.masked_fill(~allowed, float("-inf")), dim=-1)
print(weights)

# %%
# >>> weights[0].tolist()  # the first position can only attend to itself
# [1.0, 0.0, 0.0, 0.0, 0.0]
# >>> bool((weights.triu(diagonal=1) == 0).all())
# True
# >>> weights.sum(dim=-1)  # every row is a distribution
# tensor([1., 1., 1., 1., 1.])
#
# The attention output mixes the value vectors with these weights. PyTorch's fused
# ``F.scaled_dot_product_attention`` does the same computation when asked for a causal
# mask with ``is_causal=True``; the two results agree:

out = weights @ v
builtin = F.scaled_dot_product_attention(q[None], k[None], v[None], is_causal=True)[0]
print(out.shape, builtin.shape)

# %%
# >>> torch.allclose(out, builtin, atol=1e-6)
# True
#
# .. pitfall:: Mask scores with ``-inf``, not with ``0``
#
#    Filling the masked scores with zero looks like "switching them off", but a score of
#    0 still gets the weight ``exp(0) = 1`` before normalisation, so the future leaks
#    into every row. The value must make the softmax weight vanish: ``-inf`` (or a very
#    large negative number such as ``torch.finfo(dtype).min``). Masking *after* the
#    softmax is wrong too, because the remaining weights no longer sum to one.
#
#    >>> leaky = F.softmax(scores.masked_fill(~allowed, 0.0), dim=-1)
#    >>> bool((leaky[0, 1:] > 0).all())
#    True
#
#    A row in which *every* position is masked has no valid distribution at all: its
#    softmax is ``nan``. This cannot happen with a causal mask (the diagonal is always
#    allowed) but can when it is combined with a padding mask.
#
#    >>> F.softmax(torch.full((3,), float("-inf")), dim=-1)
#    tensor([nan, nan, nan])

# %%
# One mask for a whole batch
# --------------------------
# Real attention scores have shape ``[batch, heads, L, L]``. The ``[L, L]`` mask
# broadcasts over the leading dimensions, so one mask serves every sequence and head.

batch_scores = torch.randn(2, 3, L, L)
batch_weights = F.softmax(batch_scores.masked_fill(~allowed, float("-inf")), dim=-1)
print(batch_weights.shape)

# %%
# >>> batch_weights.shape
# torch.Size([2, 3, 5, 5])
# >>> bool((batch_weights.triu(diagonal=1) == 0).all())
# True
#
# Picture
# -------
# Left, the mask (allowed pairs in the lower triangle); right, the attention weights of
# the first example: every row sums to one and nothing lies above the diagonal.

fig, axes = plt.subplots(1, 2, figsize=(8, 3.6), layout="constrained")
axes[0].imshow(allowed.numpy(), cmap="Greys", vmin=0, vmax=1)
axes[0].set_title("allowed (True = black)")
image = axes[1].imshow(weights.numpy(), cmap="viridis", vmin=0, vmax=1)
axes[1].set_title("attention weights")
for ax in axes:
    ax.set_xlabel("key position j")
    ax.set_ylabel("query position i")
    ax.set_xticks(range(L))
    ax.set_yticks(range(L))
fig.colorbar(image, ax=axes[1])
plt.show()

# %%
# Summary
# -------
# * A causal mask allows key ``j`` for query ``i`` when ``j <= i``:
#   ``torch.ones(L, L, dtype=torch.bool).tril()``.
# * Fill the disallowed scores with ``-inf`` and apply the softmax over the last
#   dimension; future weights become exactly zero and each row sums to one.
# * The ``[L, L]`` mask broadcasts over batch and head dimensions;
#   ``F.scaled_dot_product_attention(..., is_causal=True)`` does the same in one call.
