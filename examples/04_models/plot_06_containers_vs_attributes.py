"""
A container or explicit layers: same function, different names
==============================================================

The same network can be written with an ``nn.Sequential`` or with one attribute per
layer and a hand-written ``forward``. The two versions compute exactly the same
function, but they are not interchangeable: their parameters have different names,
so a checkpoint of one does not load into the other. This page checks both facts
numerically and shows how to move weights across.
"""

import torch
from torch import nn

# %%
# Two ways to write one network
# -----------------------------
# A network with 10 inputs, 32 hidden units with a sigmoid, and one output, first with
# a ``Sequential`` held in one attribute:


class SequentialModel(nn.Module):
    def __init__(self):
        super().__init__()
        self.net = nn.Sequential(
            nn.Linear(10, 32),
            nn.Sigmoid(),
            nn.Linear(32, 1),
        )

    def forward(self, x):
        return self.net(x)


# %%
# and then with three attributes, called one after another in ``forward``:


class ExplicitModel(nn.Module):
    def __init__(self):
        super().__init__()
        self.layer1 = nn.Linear(10, 32)
        self.layer2 = nn.Sigmoid()
        self.layer3 = nn.Linear(32, 1)

    def forward(self, x):
        out = self.layer1(x)
        out = self.layer2(out)
        out = self.layer3(out)
        return out


# %%
# The same function
# -----------------
# Both constructors create the same layers in the same order, so with the same
# :term:`random seed` they even draw the same initial weights:

torch.manual_seed(0)
with_container = SequentialModel()
torch.manual_seed(0)
with_attributes = ExplicitModel()

same_weights = all(torch.equal(p, q) for p, q in zip(with_container.parameters(), with_attributes.parameters()))
x = torch.randn(5, 10, generator=torch.Generator().manual_seed(1))
print(same_weights, with_container(x).shape)
print(with_container(x).squeeze(1))
print(with_attributes(x).squeeze(1))

# %%
# The outputs are not only close but identical, bit for bit, because the same
# operations run on the same numbers in the same order:
#
# >>> torch.equal(with_container(x), with_attributes(x))
# True
# >>> same_weights
# True
# >>> sum(p.numel() for p in with_container.parameters()), sum(p.numel() for p in with_attributes.parameters())
# (385, 385)
#
# (``10 * 32 + 32`` plus ``32 * 1 + 1`` is 385.)

# %%
# What differs: names, printing, the tree
# ---------------------------------------
# The parameters are named by their path through the module tree. The container adds
# a level (``net``) and numbers its layers; the explicit version uses the attribute
# names. The sigmoid has no parameters in either, which leaves a gap in both:
#
# >>> list(with_container.state_dict())
# ['net.0.weight', 'net.0.bias', 'net.2.weight', 'net.2.bias']
# >>> list(with_attributes.state_dict())
# ['layer1.weight', 'layer1.bias', 'layer3.weight', 'layer3.bias']
#
# Printing shows the same difference, and ``modules()`` counts the ``Sequential`` as one
# more module:

print(with_container)
print(with_attributes)

# %%
# >>> len(list(with_container.modules())), len(list(with_attributes.modules()))
# (5, 4)
#
# Loading a checkpoint of one into the other therefore fails: ``load_state_dict``
# matches tensors by name, not by position, and by default (``strict=True``) it
# refuses any missing or unexpected name.

fresh = ExplicitModel()
try:
    fresh.load_state_dict(with_container.state_dict())
except RuntimeError as error:
    print(error)

# %%
# >>> fresh.load_state_dict(with_container.state_dict())
# Traceback (most recent call last):
#     ...
# RuntimeError: Error(s) in loading state_dict for ExplicitModel:
#     Missing key(s) in state_dict: "layer1.weight", "layer1.bias", "layer3.weight", "layer3.bias".
#     Unexpected key(s) in state_dict: "net.0.weight", "net.0.bias", "net.2.weight", "net.2.bias".
#
# ``strict=False`` does not help: it turns the error into a report and loads
# *nothing*, because no name matches. The model keeps its random weights:
#
# >>> report = fresh.load_state_dict(with_container.state_dict(), strict=False)
# >>> report.missing_keys
# ['layer1.weight', 'layer1.bias', 'layer3.weight', 'layer3.bias']
# >>> torch.equal(fresh(x), with_container(x))
# False
#
# .. pitfall:: Equal models, incompatible checkpoints
#
#    The notes present the ``Sequential`` version and the explicit version as equal.
#    As functions they are, exactly. As saved models they are not: the state dict
#    keys are ``net.0.weight`` in one and ``layer1.weight`` in the other, so
#    switching from one style to the other breaks every checkpoint saved before, and
#    ``strict=False`` only hides the problem (it loads nothing). Keep the names
#    stable, or translate the keys when loading.
#
#    >>> sorted(with_container.state_dict()) == sorted(with_attributes.state_dict())
#    False

# %%
# Moving weights across
# ---------------------
# To load the weights anyway, rename the keys. Here the two state dicts list the same
# tensors in the same order, so pairing them by position is enough; check the shapes
# before relying on that for a real model.

source = with_container.state_dict()
target_names = fresh.state_dict()
assert [t.shape for t in source.values()] == [t.shape for t in target_names.values()]
renamed = dict(zip(target_names, source.values()))
print(list(renamed))
print(fresh.load_state_dict(renamed))

# %%
# >>> torch.equal(fresh(x), with_container(x))
# True

# %%
# When to use which
# -----------------
# * ``nn.Sequential`` suits a plain chain: it needs no ``forward``, can be sliced
#   (``model.net[:2]`` is the network up to the sigmoid, handy for looking at hidden
#   features) and extended with ``append``.
# * Explicit attributes suit everything else: skip connections, several inputs or
#   outputs, different behaviour per call. Their names also make the state dict
#   readable (``encoder.weight`` rather than ``net.0.weight``).
# * The two mix freely: a custom module can hold ``Sequential`` blocks, as
#   ``SequentialModel`` does.
#
# >>> with_container.net[:2](x).shape
# torch.Size([5, 32])
#
# Summary
# -------
# * A ``Sequential`` inside a module and explicit layers called in ``forward``
#   compute the same function; with the same seed they even start from the same
#   weights.
# * Their state dicts use different names (``net.0.weight`` vs ``layer1.weight``), so
#   their checkpoints do not load into each other; ``strict=False`` silently loads
#   nothing.
# * To move weights across, rename the keys, then load with the default
#   ``strict=True`` so that a mismatch is still caught.
