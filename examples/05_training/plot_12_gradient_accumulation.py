"""
Gradient accumulation in the training loop
==========================================

Because ``backward()`` adds to ``.grad``, a large batch can be processed as several
:term:`micro-batches <micro-batch>`, one after another, with a single optimizer step at
the end. This page writes that loop, checks numerically that it gives the same update
as the large batch, explains how each micro-batch loss must be scaled (including the
case the usual recipe gets wrong), and measures what the technique saves and what it
does not.
"""

import copy

import matplotlib.pyplot as plt
import torch
from torch import nn

torch.manual_seed(0)

# %%
# Why gradients accumulate at all
# -------------------------------
# ``backward()`` adds into ``.grad`` (see
# :ref:`sphx_glr_auto_examples_02_autograd_plot_04_accumulating_and_zeroing.py`). That
# is why a training loop clears the gradients before every batch: otherwise the second
# batch's update would use the sum of the gradients of two batches. The design has a
# purpose, though: a loss that is a sum of parts can be differentiated part by part.
# Two ``backward()`` calls on two losses leave the same ``.grad`` as one call on their
# sum.

w = torch.tensor([1.0, -2.0], requires_grad=True)
x1, x2 = torch.tensor([3.0, 1.0]), torch.tensor([0.5, 4.0])

((w * x1).sum() ** 2).backward()
((w * x2).sum() ** 2).backward()
two_calls = w.grad.clone()

w.grad = None
((w * x1).sum() ** 2 + (w * x2).sum() ** 2).backward()
print(two_calls, w.grad)

# %%
# >>> torch.equal(two_calls, w.grad)
# True
#
# The parts of the loss can be the micro-batches of a batch. A batch that does not fit
# in memory is then split into :math:`k` micro-batches; each one goes through a forward
# and a backward pass, and the optimizer steps once, when all :math:`k` gradients have
# been added up. This is :term:`gradient accumulation`.
#
# Scaling the loss
# ----------------
# Most loss functions average over the batch by default (``reduction="mean"``). For a batch of
# :math:`N` samples split into :math:`k` micro-batches of :math:`m = N/k` samples, with
# per-sample losses :math:`\ell_i` and micro-batch means :math:`L_j`,
#
# .. math::
#
#    L = \frac{1}{N}\sum_{i=1}^{N} \ell_i
#      = \frac{1}{k}\sum_{j=1}^{k} \underbrace{\frac{1}{m}\sum_{i \in j} \ell_i}_{L_j},
#    \qquad
#    \nabla L = \sum_{j=1}^{k} \nabla\!\left(\frac{L_j}{k}\right).
#
# So each micro-batch loss is divided by :math:`k` before ``backward()``, and the sum
# that accumulates in ``.grad`` is exactly the gradient of the large batch.
#
# The loop, checked against the large batch
# -----------------------------------------
# Two copies of one network, in float64 so that rounding does not hide anything, are
# trained for three steps with Adam. The first sees batches of 64 samples; the second
# sees the same samples as four micro-batches of 16 and steps after every fourth
# backward pass.

model_big = nn.Sequential(nn.Linear(20, 64), nn.ReLU(), nn.Linear(64, 1)).double()
model_acc = copy.deepcopy(model_big)
optimizer_big = torch.optim.Adam(model_big.parameters(), lr=1e-2)
optimizer_acc = torch.optim.Adam(model_acc.parameters(), lr=1e-2)
criterion = nn.MSELoss()

batches = [(torch.randn(64, 20, dtype=torch.float64), torch.randn(64, 1, dtype=torch.float64))
           for _ in range(3)]
accumulation_steps = 4

for inputs, targets in batches:
    optimizer_big.zero_grad()
    criterion(model_big(inputs), targets).backward()
    optimizer_big.step()

for inputs, targets in batches:
    micro_batches = zip(inputs.chunk(accumulation_steps), targets.chunk(accumulation_steps))
    for step, (x, y) in enumerate(micro_batches, start=1):
        loss = criterion(model_acc(x), y) / accumulation_steps
        loss.backward()
        if step % accumulation_steps == 0:
            optimizer_acc.step()
            optimizer_acc.zero_grad()


def largest_difference(model_a, model_b):
    return max((a - b).abs().max().item()
               for a, b in zip(model_a.parameters(), model_b.parameters()))


print("largest parameter difference after 3 steps:", largest_difference(model_big, model_acc))

# %%
# After three updates the two networks agree to the last few bits of float64:
#
# >>> largest_difference(model_big, model_acc) < 1e-12
# True
#
# In a real loop the micro-batches come straight from a ``DataLoader`` with a small
# ``batch_size``; the counter decides when to step, and ``zero_grad()`` follows the step
# rather than preceding every backward pass.
#
# Unequal micro-batches
# ~~~~~~~~~~~~~~~~~~~~~
# Dividing by :math:`k` assumes that every micro-batch mean has the same denominator.
# For a plain mean that is the number of samples, and the last micro-batch of a data
# set is often smaller: 60 samples in micro-batches of 16 are 16, 16, 16 and 12. Each
# micro-batch mean must then be weighted by its share of the batch, :math:`n_j / N`.


def accumulated_gradient(model, inputs, targets, size, weight):
    model.zero_grad()
    for x, y in zip(inputs.split(size), targets.split(size)):
        (criterion(model(x), y) * weight(len(x))).backward()
    return torch.cat([p.grad.flatten() for p in model.parameters()])


inputs, targets = torch.randn(60, 20, dtype=torch.float64), torch.randn(60, 1, dtype=torch.float64)
model_big.zero_grad()
criterion(model_big(inputs), targets).backward()
full = torch.cat([p.grad.flatten() for p in model_big.parameters()])

by_count = accumulated_gradient(model_big, inputs, targets, 16, lambda n: 1 / 4)
by_share = accumulated_gradient(model_big, inputs, targets, 16, lambda n: n / 60)
print("divided by k:   ", (by_count - full).abs().max().item())
print("weighted n_j/N: ", (by_share - full).abs().max().item())

# %%
# >>> torch.allclose(by_share, full, rtol=1e-12, atol=1e-14)
# True
# >>> torch.allclose(by_count, full, rtol=1e-3)
# False
#
# Equal sizes are not enough when the loss does not divide by the number of samples.
# Cross-entropy skips the targets equal to ``ignore_index`` (``-100`` by default) and
# divides by the number of targets it counted; with class weights it divides by the sum
# of their weights. Then :math:`n_j` and :math:`N` are those counts (or weight sums).
# Below, two micro-batches of 16 targets each, where the first holds all 10 ignored
# targets: dividing by :math:`k = 2` misses the full-batch loss, weighting by the
# counted targets matches it.
#
# >>> ce = nn.CrossEntropyLoss()
# >>> ce.ignore_index
# -100
# >>> logits = torch.randn(32, 3, dtype=torch.float64, generator=torch.Generator().manual_seed(0))
# >>> labels = torch.tensor([-100] * 10 + [0, 1, 2] * 7 + [0])
# >>> halves = [ce(l, t) for l, t in zip(logits.split(16), labels.split(16))]
# >>> counted = [(t != ce.ignore_index).sum() for t in labels.split(16)]
# >>> counted
# [tensor(6), tensor(16)]
# >>> torch.allclose(sum(halves) / 2, ce(logits, labels))
# False
# >>> torch.allclose(sum(h * n / sum(counted) for h, n in zip(halves, counted)), ce(logits, labels))
# True
#
# .. pitfall:: A mean loss is already averaged; do not divide ``.grad`` by the batch size
#
#    One explanation of accumulation says that after ``backward()`` on a batch of 32,
#    ``x.grad`` holds the *sum* of 32 per-sample gradients, to be divided by 32 before
#    the update. With the default ``reduction="mean"`` the loss is already the batch
#    average, so its gradient is already the average of the per-sample gradients;
#    dividing again shrinks the step 32-fold. Only a loss with ``reduction="sum"``
#    gives the sum. In an accumulation loop the division is by the number of
#    micro-batches (or by the share of each, as above), applied to the loss.
#
#    >>> x, y = inputs[:32], targets[:32]
#    >>> def grad_of(loss):
#    ...     model_big.zero_grad()
#    ...     loss.backward()
#    ...     return model_big[2].bias.grad.clone()
#    >>> mean_grad = grad_of(nn.MSELoss()(model_big(x), y))
#    >>> per_sample = torch.stack([grad_of(nn.MSELoss()(model_big(x[i:i + 1]), y[i:i + 1]))
#    ...                           for i in range(32)])
#    >>> torch.allclose(mean_grad, per_sample.mean(dim=0))
#    True
#    >>> sum_grad = grad_of(nn.MSELoss(reduction="sum")(model_big(x), y))
#    >>> torch.allclose(sum_grad, 32 * mean_grad)
#    True
#
# When accumulation is *not* the same as a large batch
# ~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~
# The equality holds because every sample's loss depends only on that sample. Batch
# normalisation breaks this: in training mode it normalises with the statistics of the
# batch it sees, and with micro-batches it sees smaller batches. The accumulated gradient
# then differs from the large-batch one.

with_norm = nn.Sequential(nn.Linear(20, 64), nn.BatchNorm1d(64), nn.ReLU(), nn.Linear(64, 1)).double()
with_norm.zero_grad()
criterion(with_norm(inputs[:48]), targets[:48]).backward()
norm_full = torch.cat([p.grad.flatten() for p in with_norm.parameters()])
norm_accumulated = accumulated_gradient(with_norm, inputs[:48], targets[:48], 16, lambda n: 1 / 3)
print("largest gradient difference with BatchNorm:", (norm_accumulated - norm_full).abs().max().item())

# %%
# >>> torch.allclose(norm_accumulated, norm_full, rtol=1e-6)
# False
#
# (Layers without batch statistics, such as layer normalisation, keep the equality.)
#
# What it saves, and what it does not
# -----------------------------------
# A training step holds four kinds of tensors in memory: the parameters, their
# gradients, the optimizer's state (Adam keeps two tensors per parameter) and the
# *activations* that the forward pass saves for the backward pass. Only the last
# grows with the number of samples in one forward pass, and it is the only one that
# accumulation reduces. A saved-tensor hook measures the activations of a forward pass
# exactly. It counts each block of memory once: autograd also saves the weight
# matrices, but those are the parameters themselves, not copies, and the output of a
# ReLU is saved both by the ReLU and by the next linear layer, yet stored once. The
# other three quantities follow from the parameter sizes.

wide = nn.Sequential(nn.Linear(256, 512), nn.ReLU(), nn.Linear(512, 512), nn.ReLU(),
                     nn.Linear(512, 10))
wide_optimizer = torch.optim.Adam(wide.parameters())
batch_x, batch_y = torch.randn(256, 256), torch.randint(0, 10, (256,))
wide_optimizer.zero_grad()
nn.functional.cross_entropy(wide(batch_x), batch_y).backward()
wide_optimizer.step()


def activation_bytes(model, inputs):
    seen = {p.untyped_storage().data_ptr() for p in model.parameters()}
    total = 0

    def pack(tensor):
        nonlocal total
        storage = tensor.untyped_storage()
        if storage.data_ptr() not in seen:
            seen.add(storage.data_ptr())
            total += storage.nbytes()
        return tensor

    with torch.autograd.graph.saved_tensors_hooks(pack, lambda tensor: tensor):
        model(inputs)
    return total


def tensor_bytes(tensors):
    return sum(t.numel() * t.element_size() for t in tensors)


parameter_bytes = tensor_bytes(wide.parameters())
gradient_bytes = tensor_bytes(p.grad for p in wide.parameters())
state_bytes = tensor_bytes(v for s in wide_optimizer.state.values() for v in s.values()
                           if v.dim() > 0)
steps_options = [1, 2, 4, 8]
activations = [activation_bytes(wide, batch_x[: 256 // k].clone())  # a fresh tensor, as a loader yields
               for k in steps_options]
for k, a in zip(steps_options, activations):
    print(f"k={k}: micro-batch {256 // k:3}, activations {a / 2**20:5.2f} MiB")
print(f"parameters {parameter_bytes / 2**20:.2f} MiB, gradients {gradient_bytes / 2**20:.2f} MiB, "
      f"Adam state {state_bytes / 2**20:.2f} MiB")

# %%
# The activations shrink in proportion to the micro-batch, while the gradient buffers
# are one tensor per parameter whatever the batch size, and Adam's state is twice the
# parameters:
#
# >>> activations[0] == 8 * activations[3]
# True
# >>> gradient_bytes == parameter_bytes, state_bytes == 2 * parameter_bytes
# (True, True)

fig, ax = plt.subplots(figsize=(6.4, 3.8), layout="constrained")
labels = [f"k={k}" for k in steps_options]
mib = 2**20
bottom = [0.0] * len(steps_options)
for name, values in [("parameters", [parameter_bytes] * 4), ("gradients", [gradient_bytes] * 4),
                     ("Adam state", [state_bytes] * 4), ("activations", activations)]:
    heights = [v / mib for v in values]
    ax.bar(labels, heights, bottom=bottom, label=name)
    bottom = [b + h for b, h in zip(bottom, heights)]
ax.set_ylabel("memory (MiB)")
ax.set_title("Batch of 256 as k micro-batches")
ax.legend()
plt.show()

# %%
# The price is time: the :math:`k` forward and backward passes on small micro-batches run
# one after another and keep the hardware less busy than one large pass would.
# Accumulation is worth it when the
# activations dominate (large inputs, long sequences) and buys little when the
# parameters and the optimizer state are what fill the memory.
#
# Summary
# -------
# * ``backward()`` adds into ``.grad``; accumulating the gradients of :math:`k`
#   micro-batches and stepping once reproduces the large-batch update exactly (checked
#   here to 1e-12 in float64, with Adam).
# * Divide each micro-batch mean loss by :math:`k`, or weight it by its share
#   :math:`n_j/N` when the sizes differ (or, with ``ignore_index`` or class weights,
#   the counts of counted targets or their weight sums); never divide ``.grad`` by the
#   batch size after a mean loss.
# * Batch normalisation sees micro-batches, so with it the update is no longer the
#   same.
# * Accumulation reduces activation memory by :math:`k`; parameters, gradients and
#   optimizer state stay the same size. It costs time, not memory.
