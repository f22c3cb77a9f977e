"""
Strides, ``transpose``/``permute`` and contiguous memory
========================================================

Behind every tensor is a flat block of memory plus a rule, the :term:`strides <stride>`,
that maps an index such as ``[i, j]`` to a position in that block. Knowing the rule
explains why ``transpose`` and ``permute`` cost nothing, what ":term:`contiguous`"
means, and why ``view`` sometimes refuses to work where ``reshape`` succeeds.
"""

import matplotlib.pyplot as plt
import torch

# %%
# Storage, shape and strides
# --------------------------
# ``x.stride()`` gives, for each dimension, how many elements to skip in memory to move
# one step along that dimension. For a 2 x 3 tensor created in the usual way, moving one
# column skips 1 element and moving one row skips 3: element ``[i, j]`` lives at
# position ``3 * i + 1 * j``.

x = torch.arange(6).view(2, 3)
print(x)
print("stride:", x.stride())

# %%
# >>> x.stride()
# (3, 1)
# >>> x.untyped_storage().nbytes() // x.element_size()
# 6

# %%
# ``transpose`` swaps strides, not data
# -------------------------------------
# ``transpose(0, 1)`` (for a 2-D tensor also ``.T``) exchanges two dimensions. It does so
# by exchanging their sizes *and* strides; the six numbers in memory stay where they are.

t = x.transpose(0, 1)
print(t)
print("stride:", t.stride())

# %%
# >>> t.shape, t.stride()
# (torch.Size([3, 2]), (1, 3))
# >>> t.data_ptr() == x.data_ptr()
# True
#
# The picture shows the :term:`shared memory` block and, for each tensor, which memory
# position every element is read from. Reading ``x`` row by row walks through memory in
# order; reading ``t`` row by row jumps back and forth.


def draw_grid(ax, tensor, title, color):
    rows, cols = tensor.shape
    base = tensor.storage_offset()
    for i in range(rows):
        for j in range(cols):
            pos = base + i * tensor.stride(0) + j * tensor.stride(1)
            ax.add_patch(plt.Rectangle((j, -i), 1, 1, fc=color, ec="black"))
            ax.text(j + 0.5, -i + 0.62, str(tensor[i, j].item()), ha="center", fontsize=13)
            ax.text(j + 0.5, -i + 0.2, f"mem {pos}", ha="center", fontsize=8)
    ax.set_xlim(-0.2, 3.2)
    ax.set_ylim(-2.2, 1.2)
    ax.set_aspect("equal")
    ax.axis("off")
    ax.set_title(f"{title}\nshape {tuple(tensor.shape)}, stride {tensor.stride()}")


fig, axes = plt.subplots(1, 3, figsize=(11, 3.4), layout="constrained",
                         gridspec_kw={"width_ratios": [2.2, 1, 1]})
memory = x.flatten()
for k in range(6):
    axes[0].add_patch(plt.Rectangle((k, 0), 1, 1, fc="lightgray", ec="black"))
    axes[0].text(k + 0.5, 0.55, str(memory[k].item()), ha="center", fontsize=13)
    axes[0].text(k + 0.5, -0.4, f"mem {k}", ha="center", fontsize=8)
order = [3 * i + j for j in range(3) for i in range(2)]  # memory order of t, row by row
for a, b in zip(order, order[1:]):
    axes[0].annotate("", xy=(b + 0.5, 1.05), xytext=(a + 0.5, 1.05),
                     arrowprops={"arrowstyle": "->", "color": "tab:red",
                                 "connectionstyle": f"arc3,rad={-0.4 if b > a else 0.4}"})
axes[0].set_xlim(-0.2, 6.2)
axes[0].set_ylim(-1, 3)
axes[0].set_aspect("equal")
axes[0].axis("off")
axes[0].set_title("one storage of 6 elements\n(red: order in which t is read row by row)")
draw_grid(axes[1], x, "x (contiguous)", "tab:blue")
draw_grid(axes[2], t, "t = x.T (not contiguous)", "tab:orange")
for patch in axes[1].patches + axes[2].patches:
    patch.set_alpha(0.35)
plt.show()

# %%
# Contiguous means "row-major over the memory, without gaps"
# ----------------------------------------------------------
# A tensor is *contiguous* when reading its elements in row-major order walks through
# memory one element after the other, that is when its strides are those of a fresh
# tensor of its shape. (The stride of a dimension of size 1 does not matter, since no
# step is ever taken along it.) ``x`` is contiguous, ``t`` is not. ``contiguous()``
# returns the tensor itself when it already is contiguous, and otherwise a *copy* whose
# memory is in row-major order.

tc = t.contiguous()
print(tc.is_contiguous(), tc.stride())

# %%
# >>> x.is_contiguous(), t.is_contiguous()
# (True, False)
# >>> tc.stride(), tc.data_ptr() == t.data_ptr()
# ((2, 1), False)
# >>> x.contiguous() is x
# True
#
# A transposed column is a row whose stride differs from a fresh row's, and it still
# counts as contiguous:
#
# >>> row = torch.zeros(3, 1).t()
# >>> row.shape, row.stride(), torch.zeros(1, 3).stride(), row.is_contiguous()
# (torch.Size([1, 3]), (1, 1), (3, 1), True)
#
# .. pitfall:: A non-contiguous tensor is not scattered across memory
#
#    A common explanation says that some tensors "consist of several blocks of data" and
#    are not stored in one piece, which is why ``view`` cannot handle them. A transposed
#    tensor lives in the very same single block as the original (the ``data_ptr``
#    check above); only the order in which its elements are read differs from the order
#    in memory. Contiguity is about strides, not about fragmentation.
#
#    >>> t.untyped_storage().data_ptr() == x.untyped_storage().data_ptr()
#    True

# %%
# Why ``view`` fails after ``transpose``, and ``reshape`` does not
# ----------------------------------------------------------------
# Flattening ``t`` would require one stride that visits positions 0, 3, 1, 4, 2, 5 in
# that order, which no single stride can do. ``view`` never copies, so it raises;
# ``reshape`` falls back to a copy (in effect ``t.contiguous().view(...)``).

try:
    t.view(6)
except RuntimeError as err:
    print(err)
flat = t.reshape(6)
print(flat, flat.data_ptr() == t.data_ptr())

# %%
# >>> t.view(6)
# Traceback (most recent call last):
#     ...
# RuntimeError: view size is not compatible with input tensor's size and stride (at least one dimension spans across two contiguous subspaces). Use .reshape(...) instead.
# >>> t.contiguous().view(6)
# tensor([0, 3, 1, 4, 2, 5])
# >>> flat.data_ptr() == t.data_ptr(), flat.is_contiguous()
# (False, True)
#
# The rule for ``reshape`` is therefore: a view when one is possible, a copy otherwise.
# "Possible" depends on the strides, not on contiguity alone: reshaping ``t`` to a shape
# its strides can already express returns a view, and the result is still not
# contiguous.
#
# >>> same = t.reshape(3, 2)
# >>> same.data_ptr() == t.data_ptr(), same.is_contiguous()
# (True, False)
#
# .. pitfall:: ``view`` needs compatible strides, not full contiguity
#
#    Notes often say that ``view`` works only on contiguous tensors and that a tensor
#    that went through ``transpose`` or ``permute`` can never be viewed. ``view``
#    succeeds whenever each new dimension can be described by one stride, for example
#    when it only splits a dimension of a non-contiguous tensor. A summary of the same
#    notes says that ``reshape`` of a non-contiguous tensor always gives new memory; as
#    shown above it gives a view when a view is possible.
#
#    >>> a = torch.arange(24).view(2, 3, 4).transpose(0, 1)
#    >>> a.is_contiguous()
#    False
#    >>> b = a.view(3, 2, 2, 2)
#    >>> b.data_ptr() == a.data_ptr()
#    True

# %%
# ``permute`` reorders all dimensions at once
# -------------------------------------------
# ``transpose(d0, d1)`` swaps two dimensions; ``permute`` takes a new order for *all* of
# them: dimension ``k`` of the result is dimension ``dims[k]`` of the input. Like
# ``transpose`` it only rearranges strides. A typical use is converting an image batch
# from channels-last ``(N, H, W, C)`` to PyTorch's channels-first ``(N, C, H, W)``.

data = torch.arange(60).reshape(3, 4, 5)
swapped = torch.transpose(data, 1, 2)
two_steps = data.transpose(0, 1).transpose(1, 2)
one_step = data.permute(1, 2, 0)
print(swapped.shape, two_steps.shape, one_step.shape)

# %%
# >>> swapped.shape
# torch.Size([3, 5, 4])
# >>> one_step.shape, torch.equal(one_step, two_steps)
# (torch.Size([4, 5, 3]), True)
# >>> one_step.stride()
# (5, 1, 20)
# >>> torch.zeros(8, 32, 32, 3).permute(0, 3, 1, 2).shape
# torch.Size([8, 3, 32, 32])
#
# .. pitfall:: ``permute`` is not limited to three dimensions
#
#    One explanation contrasts the two as "``transpose`` adjusts 2 dimensions,
#    ``permute`` adjusts 3". ``transpose`` always swaps exactly two dimensions of a
#    tensor of any rank. ``permute`` takes one entry per dimension of the tensor, however
#    many there are: two for a matrix, five for a 5-D tensor. Giving more or fewer
#    entries than the tensor has dimensions is an error.
#
#    >>> torch.zeros(2, 3, 4, 5, 6).permute(4, 3, 2, 1, 0).shape
#    torch.Size([6, 5, 4, 3, 2])
#    >>> torch.zeros(2, 3).permute(1, 0).shape
#    torch.Size([3, 2])
#    >>> torch.zeros(2, 3).permute(1, 2, 0)
#    Traceback (most recent call last):
#        ...
#    RuntimeError: permute...number of dimensions in the tensor input does not match the length of the desired ordering of dimensions i.e. input.dim() = 2 is not equal to len(dims) = 3
#
# Summary
# -------
# * A tensor is a block of memory plus shape, strides and an offset; ``stride()`` shows
#   the step in memory for each dimension.
# * ``transpose`` and ``permute`` rearrange strides and share memory; the result is
#   usually not contiguous.
# * ``contiguous()`` copies into row-major order only if needed; ``view`` raises when the
#   strides cannot express the new shape, ``reshape`` then copies. Why that matters in
#   practice, and what it costs, is the subject of the next page.
