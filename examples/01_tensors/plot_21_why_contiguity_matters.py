"""
Why contiguity matters: errors and speed
========================================

The previous page showed what makes a tensor :term:`contiguous`. This page shows why you
should care: a few operations refuse a tensor whose memory is not in row-major order,
and some others take longer on it, often several times longer, while many do not mind
at all. A measurement made on the machine that built this page shows which are which.
"""

import matplotlib.pyplot as plt
import torch
from torch.utils import benchmark

# %%
# Operations that refuse a non-contiguous tensor
# ----------------------------------------------
# The best known one is ``view``: it never copies, so it raises when the strides of a
# transposed tensor cannot express the new shape (the previous page explains why).

x = torch.arange(12.0).reshape(3, 4)
t = x.T  # shape (4, 3), strides (1, 4): the same memory, read column by column
print(t.is_contiguous(), t.stride())

# %%
# >>> t.view(12)
# Traceback (most recent call last):
#     ...
# RuntimeError: view size is not compatible with input tensor's size and stride (at least one dimension spans across two contiguous subspaces). Use .reshape(...) instead.
#
# Two more cases read the *bytes* of the elements in a new way, which only works when
# the elements of the last dimension lie next to each other in memory (stride 1):
#
# * ``t.view(dtype)`` with a dtype of another size reinterprets each row of bytes, for
#   example a ``float32`` element as two ``int16`` values;
# * ``torch.view_as_complex`` reads a last dimension of size 2 as the real and imaginary
#   parts of complex numbers (rotary position embeddings in some transformer code use
#   it).
#
# >>> t.view(torch.int16)
# Traceback (most recent call last):
#     ...
# RuntimeError: self.stride(-1) must be 1 to view Float as Short (different element sizes), but got 4
# >>> pairs = torch.arange(8.0).reshape(2, 4).T  # four (real, imaginary) pairs
# >>> pairs.shape, pairs.stride()
# (torch.Size([4, 2]), (1, 4))
# >>> torch.view_as_complex(pairs)
# Traceback (most recent call last):
#     ...
# RuntimeError: Tensor must have a last dimension with stride 1
#
# In each case ``contiguous()`` (a copy in row-major order) makes the operation work:
#
# >>> t.contiguous().view(12)
# tensor([ 0.,  4.,  8.,  1.,  5.,  9.,  2.,  6., 10.,  3.,  7., 11.])
# >>> t.contiguous().view(torch.int16).shape
# torch.Size([4, 6])
# >>> torch.view_as_complex(pairs.contiguous())
# tensor([0.+4.j, 1.+5.j, 2.+6.j, 3.+7.j])
#
# For a change of shape, ``reshape`` instead of ``view`` works too. It is no cure for
# the other two: there is no ``reshape`` to a dtype, and a ``reshape`` that keeps the
# shape returns the same non-contiguous view, which still cannot be reinterpreted:
#
# >>> t.reshape(12)
# tensor([ 0.,  4.,  8.,  1.,  5.,  9.,  2.,  6., 10.,  3.,  7., 11.])
# >>> t.reshape(4, 3).is_contiguous()
# False
# >>> t.reshape(4, 3).view(torch.int16)
# Traceback (most recent call last):
#     ...
# RuntimeError: self.stride(-1) must be 1 to view Float as Short (different element sizes), but got 4
# >>> torch.view_as_complex(pairs.reshape(4, 2))
# Traceback (most recent call last):
#     ...
# RuntimeError: Tensor must have a last dimension with stride 1
#
# A reinterpretation as a dtype of the *same* size needs no such layout:
# ``t.view(torch.int32)`` works on ``t`` as it is.
#
# >>> t.view(torch.int32).shape
# torch.Size([4, 3])

# %%
# Operations that copy, and what the copy costs
# ---------------------------------------------
# Most operations accept any layout. Some of them must still produce their result in a
# fixed order: ``contiguous()`` and a ``reshape`` that cannot return a view write a
# row-major copy, and ``cumsum(dim=1)`` runs along each row. For the transposed ``t``
# they jump through memory. Full reductions such as ``sum``, and element-wise operations
# whose operands all share one layout, are different: the order in which they visit the
# elements does not matter, so PyTorch visits them in memory order whatever the strides,
# and an element-wise result even keeps the layout of its input. An element-wise
# operation that mixes layouts, such as ``a.T + a``, cannot follow the memory order of
# both operands: one of them is read with jumps.
#
# >>> (t * 2).stride() == t.stride(), t.clone().stride() == t.stride()
# (True, True)
# >>> t.clone(memory_format=torch.contiguous_format).stride()
# (3, 1)
#
# The measurement: the same five operations on a 1024 x 1024 ``float32`` matrix
# ``a`` and on its transpose ``a.T``, which holds the same numbers in the same memory.
# ``mul(2)`` is element-wise on one operand; ``add(a)`` adds the contiguous ``a``, so on
# ``a.T`` it computes ``a.T + a`` and mixes two layouts.
# ``torch.utils.benchmark.Timer`` repeats each statement for 0.02 s and reports the
# median time per call, on one thread; the ten measurements take turns three times, and
# the smallest median of each is kept, so that a moment of load from other programs on
# the machine does not decide the result.

torch.manual_seed(0)
a = torch.randn(1024, 1024)
statements = {
    "row-major copy": "src.clone(memory_format=torch.contiguous_format)",
    "cumsum(dim=1)": "src.cumsum(dim=1)",
    "sum()": "src.sum()",
    "mul(2)": "src.mul(2)",
    "add(a)": "src.add(a)",
}
layouts = {"contiguous a": a, "transposed a.T": a.T}
times = {}  # (statement, layout) -> smallest median seconds per call
for _ in range(3):
    for label, stmt in statements.items():
        for layout, src in layouts.items():
            timer = benchmark.Timer(stmt, globals={"src": src, "a": a, "torch": torch})
            median = timer.blocked_autorange(min_run_time=0.02).median
            times[label, layout] = min(median, times.get((label, layout), median))

print(f"{'operation':16} {'contiguous':>12} {'transposed':>12}  ratio")
for label in statements:
    fast, slow = times[label, "contiguous a"], times[label, "transposed a.T"]
    print(f"{label:16} {fast * 1e3:9.3f} ms {slow * 1e3:9.3f} ms  {slow / fast:5.1f}x")

fig, ax = plt.subplots(figsize=(8, 3.4), layout="constrained")
width = 0.38
for k, (layout, color) in enumerate(zip(layouts, ("tab:blue", "tab:orange"))):
    positions = [i + (k - 0.5) * width for i in range(len(statements))]
    ax.bar(positions, [times[label, layout] * 1e3 for label in statements], width,
           label=layout, color=color)
ax.set_xticks([])
for i, label in enumerate(statements):  # the operation's name under its pair of bars
    ax.text(i, -0.03, label, transform=ax.get_xaxis_transform(), ha="center", va="top")
ax.set_ylabel("median time per call (ms)")
ax.set_title("Measured on the machine that built this page (1 thread)")
ax.legend()
plt.show()

# %%
# The times change from machine to machine and from run to run, so no doctest depends
# on them; the figure and the table are what this build measured. The results, on the
# other hand, are the same whatever the layout:
#
# >>> torch.equal(a.T.clone(memory_format=torch.contiguous_format), a.T)
# True
# >>> torch.equal(a.T.cumsum(dim=1), a.cumsum(dim=0).T)
# True
# >>> torch.allclose(a.T.sum(), a.sum())
# True
# >>> torch.equal(a.T.mul(2), a.mul(2).T), torch.equal(a.T.add(a), a.add(a.T).T)
# (True, True)
#
# .. pitfall:: Memory order matters for some operations, not for all
#
#    One set of notes answers the question "what is contiguous memory good for?" with
#    "contiguous addresses are fastest, but in memory (unlike on disk) the difference
#    is very small". Both halves are too simple. For ``sum`` and for element-wise
#    operations whose operands share one layout, the layout makes little or no
#    difference, because PyTorch chooses the order in which it reads the memory. An
#    operation bound to a fixed order, such as a row-major copy or a cumulative sum
#    along the rows, has to jump to a distant address at nearly every step of the
#    transposed input, and so does an element-wise operation that mixes a transposed
#    and a contiguous operand (``a.T + a``), which cannot follow both memory orders.
#    That costs time: the last column of the table above gives the ratios this build
#    measured (on a quiet machine typically a few times for the copy, about ten times
#    for the cumulative sum and about twenty times for the mixed addition; a busy
#    machine can blur single numbers). So call ``contiguous()`` once, before such an
#    operation is repeated, rather than paying for the jumps on every call; and do not
#    call it out of habit where the next operation does not care.
#
# Summary
# -------
# * ``view`` (to a new shape, or to a dtype of another size) and
#   ``torch.view_as_complex`` refuse memory layouts they cannot reinterpret;
#   ``contiguous()`` fixes it with a copy (and for a change of shape, so does
#   ``reshape``).
# * Full reductions, and element-wise operations whose operands share one layout, run
#   about as fast on a transposed tensor as on a contiguous one; operations with a
#   fixed order (row-major copies, scans along a dimension) are slower on it, and an
#   element-wise operation that mixes a transposed and a contiguous operand is among
#   the slowest cases.
# * Timings belong in plots and tables measured with ``torch.utils.benchmark``, not in
#   doctests.
