"""
Training and evaluation modes: ``train()`` and ``eval()``
=========================================================

Two common layers compute something different while a model is trained and when it is
used: :term:`dropout` zeroes random activations only during training, and
*batch normalisation* normalises with the statistics of the
current batch during training but with its running averages afterwards. ``train()``
and ``eval()`` switch a whole model between the two behaviours. This page shows both
layers in both modes, with numbers, and what the switch does *not* do.
"""

import matplotlib.pyplot as plt
import torch
from torch import nn

torch.manual_seed(0)

# %%
# A flag on every module
# ----------------------
# Every module has a boolean attribute ``training``, ``True`` when it is created.
# ``model.eval()`` sets it to ``False`` on the model and, recursively, on all its
# submodules; ``model.train()`` sets it back (``train(False)`` is the same as
# ``eval()``). Both return the model itself, so they can be chained.

model = nn.Sequential(nn.Linear(4, 4), nn.Dropout(p=0.5), nn.BatchNorm1d(4))
print([m.training for m in model.modules()])
same = model.eval()
print([m.training for m in model.modules()])

# %%
# >>> same is model
# True
# >>> [m.training for m in model.modules()]
# [False, False, False, False]
# >>> [m.training for m in model.train().modules()]
# [True, True, True, True]
#
# The flag itself changes nothing: only layers whose ``forward`` reads
# ``self.training`` behave differently. Among the built-in layers the main ones are the
# dropout layers (also the dropout inside ``nn.LSTM``, ``nn.MultiheadAttention`` and
# the Transformer layers) and the normalisation layers that track running statistics
# (``BatchNorm*``, and ``InstanceNorm*`` with ``track_running_stats=True``).
# ``nn.Linear``, ``nn.LayerNorm`` and the activations compute the same in both modes,
# except ``nn.RReLU``, whose negative slope is random in training and fixed in
# evaluation (the mean of its ``lower`` and ``upper`` bounds):
#
# >>> rrelu = nn.RReLU().eval()
# >>> rrelu(-torch.ones(2)), (rrelu.lower + rrelu.upper) / 2
# (tensor([-0.2292, -0.2292]), 0.22916666666666666)

# %%
# Dropout
# -------
# In training mode, ``nn.Dropout(p)`` sets each element to zero with probability ``p``
# and multiplies the others by :math:`1/(1-p)`, so that the expected value of every
# element is unchanged. In evaluation mode it returns its input untouched. With
# ``p = 0.5`` on a tensor of ones, the survivors become 2:

dropout = nn.Dropout(p=0.5)
ones = torch.ones(4, 8)
in_training = dropout(ones)
print(in_training)
dropout.eval()
in_evaluation = dropout(ones)
print(in_evaluation)

# %%
# >>> in_training.unique()
# tensor([0., 2.])
# >>> torch.equal(in_evaluation, ones)
# True
#
# On many elements the fraction of zeros is close to ``p`` and the mean stays close to
# 1, which is what the rescaling is for:

dropout.train()
many = dropout(torch.ones(100_000))
print(f"zeros: {(many == 0).float().mean():.3f}, mean: {many.mean():.3f}")

# %%
# >>> abs((many == 0).float().mean().item() - 0.5) < 0.01, abs(many.mean().item() - 1) < 0.02
# (True, True)
#
# A model left in training mode at test time therefore gives a different, random
# answer every time it is called on the same input:
#
# >>> torch.equal(dropout(ones), dropout(ones))
# False

# %%
# Batch normalisation
# -------------------
# ``nn.BatchNorm1d(num_features)`` standardises every feature (column) of its input.
# In training mode it uses the mean and the *biased* variance (divided by :math:`n`)
# of the current batch, and it updates two buffers, exponential moving averages with
# ``momentum`` 0.1, that use the *unbiased* variance (divided by :math:`n-1`):
#
# .. math::
#
#    \hat\mu \leftarrow (1 - 0.1)\,\hat\mu + 0.1\,\mu_{\text{batch}},
#    \qquad
#    \hat\sigma^2 \leftarrow (1 - 0.1)\,\hat\sigma^2 + 0.1\,\sigma^2_{\text{batch, unbiased}}.
#
# They start at 0 and 1. One batch of four samples with two features:

norm = nn.BatchNorm1d(2)
batch = torch.tensor([[1.0, 10.0], [2.0, 20.0], [3.0, 30.0], [6.0, 60.0]])
trained_output = norm(batch)
print(trained_output)
print(norm.running_mean, norm.running_var, norm.num_batches_tracked)

# %%
# The batch mean of the first feature is 3 and its variance is 3.5 (biased) or 14/3
# (unbiased). The output is standardised with the biased one, and the running
# statistics took one step of size 0.1 from (0, 1):
#
# >>> norm.momentum
# 0.1
# >>> batch.mean(dim=0), batch.var(dim=0, unbiased=False)
# (tensor([ 3., 30.]), tensor([  3.5000, 350.0000]))
# >>> round(trained_output[0, 0].item(), 4), round((1 - 3) / (3.5 + norm.eps) ** 0.5, 4)
# (-1.069, -1.069)
# >>> norm.running_mean
# tensor([0.3000, 3.0000])
# >>> norm.running_var  # 0.9 * 1 + 0.1 * batch.var(dim=0)
# tensor([ 1.3667, 47.5667])
#
# In evaluation mode the layer uses the running statistics instead, and updates
# nothing. After a single training batch they are still far from the data's, so the
# same batch comes out very differently:

norm.eval()
evaluated_output = norm(batch)
print(evaluated_output)

# %%
# >>> by_hand = (batch - norm.running_mean) / (norm.running_var + norm.eps).sqrt()
# >>> torch.allclose(evaluated_output, by_hand)
# True
# >>> norm.num_batches_tracked  # no update in evaluation mode
# tensor(1)
#
# (With the default ``affine=True`` the layer also multiplies by a learned ``weight``
# and adds a ``bias``; they start at 1 and 0 and do not change here.)
#
# In training mode a batch must have more than one value per feature: with a single
# value the batch mean is that value, so the normalised output would always be 0, and
# the unbiased variance used for ``running_var`` would divide by zero. In evaluation
# mode a single sample is fine:
#
# >>> norm.train()(torch.ones(1, 2))
# Traceback (most recent call last):
#     ...
# ValueError: Expected more than 1 value per channel when training, got input size torch.Size([1, 2])
# >>> norm.eval()(torch.ones(1, 2)).shape
# torch.Size([1, 2])

# %%
# Running statistics over many batches
# ------------------------------------
# Trained on many batches from one distribution (here feature values with mean 3 and
# standard deviation 2), the running mean approaches the true mean geometrically,
# :math:`3\,(1 - 0.9^k)` after :math:`k` batches if every batch mean were exactly 3,
# and the outputs in evaluation mode become standardised values, as in training.

norm = nn.BatchNorm1d(1)
data = torch.Generator().manual_seed(1)
means = []
for step in range(60):
    norm(3 + 2 * torch.randn(32, 1, generator=data))
    means.append(norm.running_mean.item())
print(f"after 60 batches: mean {norm.running_mean.item():.3f}, variance {norm.running_var.item():.3f}")

# %%
# >>> abs(norm.running_mean.item() - 3) < 0.2, abs(norm.running_var.item() - 4) < 0.8
# (True, True)
#
# The picture shows both layers: left, the dropout masks of the first section in the
# two modes; right, the running mean batch after batch, with the curve it would
# follow if every batch mean were exactly 3.

steps = torch.arange(1, 61)
fig, axes = plt.subplots(1, 3, figsize=(10, 3), layout="constrained", width_ratios=[1, 1, 1.6])
for ax, values, title in zip(axes, (in_training, in_evaluation), ("Dropout, train()", "Dropout, eval()")):
    ax.imshow(values.numpy(), cmap="Blues", vmin=0, vmax=2)
    ax.set_title(title)
    ax.set_xticks([])
    ax.set_yticks([])
axes[0].set_xlabel("white: 0, dark: 2")
axes[1].set_xlabel("all 1: input unchanged")
axes[2].plot(steps, means, marker=".", label="running_mean")
axes[2].plot(steps, 3 * (1 - 0.9**steps), "--", label=r"$3\,(1 - 0.9^k)$")
axes[2].axhline(3, color="grey", linewidth=0.8)
axes[2].set_xlabel("training batches k")
axes[2].set_title("BatchNorm1d running mean")
axes[2].legend()
plt.show()

# %%
# What ``eval()`` does not do
# ---------------------------
# ``eval()`` changes how some layers compute; it does not touch :term:`automatic
# differentiation <automatic differentiation>`. In evaluation mode the output still
# records a graph and gradients still flow into the parameters (the
# :ref:`page on turning gradient tracking off <sphx_glr_auto_examples_02_autograd_plot_05_turning_tracking_off.py>`
# shows the same from the autograd side):

model.eval()
output = model(torch.randn(3, 4))
print(output.requires_grad, output.grad_fn.name())

# %%
# >>> output.requires_grad
# True
#
# .. pitfall:: ``model.eval()`` does not turn off gradient tracking
#
#    ``eval()`` is sometimes taken to mean "inference mode". It only switches layers
#    such as dropout and batch normalisation to their evaluation behaviour; the
#    forward pass still builds a graph and keeps activations for a backward pass.
#    For validation and inference use both: ``model.eval()`` for the layers and
#    ``torch.no_grad()`` (or ``torch.inference_mode()``) for autograd. Conversely,
#    ``torch.no_grad()`` alone leaves dropout active.
#
#    >>> with torch.no_grad():
#    ...     print(model(torch.randn(3, 4)).requires_grad)
#    False
#    >>> model.train()[1].training  # the Dropout layer
#    True
#
# Summary
# -------
# * ``model.train()`` / ``model.eval()`` set ``training`` on every submodule; they
#   return the model.
# * Dropout: in training, zeros with probability ``p`` and scales the rest by
#   :math:`1/(1-p)`; in evaluation, the identity.
# * Batch normalisation: in training, batch mean and biased variance, plus an update of
#   ``running_mean`` / ``running_var`` (momentum 0.1, unbiased variance); in
#   evaluation, the running statistics and no update.
# * ``eval()`` is not ``no_grad()``: use both for evaluation.
