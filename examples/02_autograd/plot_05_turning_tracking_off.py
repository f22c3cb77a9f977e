"""
Turning gradient tracking off: no_grad, set_grad_enabled, inference_mode
========================================================================

Recording the :term:`graph <computational graph>` costs time and memory, and it is
useless when no :term:`gradient` will be computed: in evaluation, inference, and
parameter updates done by hand. This page shows the tools that switch recording off for
a block of code, the trap of switching it off globally by accident, and how freezing a
parameter differs from all of them.
"""

import torch
from torch import nn

torch.manual_seed(0)

# %%
# ``torch.no_grad()``: a block without recording
# ----------------------------------------------
# Inside ``with torch.no_grad():`` operations run normally but are not recorded: their
# results have ``requires_grad=False`` and no ``grad_fn``, even when the inputs require
# gradients. Nothing is saved for a backward pass, which saves memory. (The exception is
# a tensor you create there and explicitly ask to require gradients; see the end of this
# section.)

x = torch.tensor(10.0, requires_grad=True, dtype=torch.float64)
print((x**2).requires_grad)
with torch.no_grad():
    y = x**2
print(y, y.requires_grad, y.grad_fn)

# %%
# >>> y.requires_grad, y.grad_fn
# (False, None)
# >>> torch.is_grad_enabled()
# True
#
# The same object works as a decorator, which switches recording off for every call of
# the function:


@torch.no_grad()
def square(t):
    return t**2


print(square(x).requires_grad)

# %%
# >>> square(x).requires_grad
# False
#
# ``x`` itself still requires gradients; only the operations inside the block are left
# out of the graph:
#
# >>> x.requires_grad
# True
#
# ``no_grad`` does not override an explicit request. A factory function called with
# ``requires_grad=True`` inside the block, or an ``nn.Parameter`` created there, still
# requires gradients (it is a new leaf, not the result of a recorded operation):
#
# >>> with torch.no_grad():
# ...     fresh = torch.ones(2, requires_grad=True)
# ...     param = nn.Parameter(torch.zeros(2))
# ...     computed = fresh * 2
# >>> fresh.requires_grad, param.requires_grad, computed.requires_grad
# (True, True, False)

# %%
# ``torch.set_grad_enabled``: on or off by a flag
# -----------------------------------------------
# ``torch.set_grad_enabled(mode)`` used as a context manager switches recording on or
# off depending on a boolean, which is handy for code shared by training and
# evaluation:

for training in (True, False):
    with torch.set_grad_enabled(training):
        y = x**2
    print(f"training={training}: requires_grad={y.requires_grad}")

# %%
# >>> with torch.set_grad_enabled(False):
# ...     print((x * 2).requires_grad)
# False
# >>> torch.is_grad_enabled()
# True
#
# Called as a plain function, however, it changes a *global* setting that stays
# changed after the line has run, for all the code that follows:

torch.set_grad_enabled(False)
y = x**2
print(y.requires_grad, torch.is_grad_enabled())

f = (x**2 + 20).mean()
try:
    f.backward()
except RuntimeError as error:
    print("RuntimeError:", error)

torch.set_grad_enabled(True)

# %%
# .. pitfall:: ``torch.set_grad_enabled(False)`` as a call stays in force
#
#    Listing ``torch.set_grad_enabled(False)`` as "a third way" next to
#    ``no_grad`` hides a difference: without ``with``, it turns recording off for the
#    rest of the program (of the thread, strictly). A later, unrelated gradient
#    computation then fails, because nothing it computes has a ``grad_fn``: in a script
#    that runs such a demonstration first, the very next example that calls
#    ``backward()`` (here the mean of :math:`x^2 + 20` from the accumulation demo)
#    raises the error below. Use it in a ``with`` statement, or switch it back on
#    explicitly.
#
#    >>> _ = torch.set_grad_enabled(False)
#    >>> (x**2 + 20).mean().backward()
#    Traceback (most recent call last):
#        ...
#    RuntimeError: element 0 of tensors does not require grad and does not have a grad_fn
#    >>> _ = torch.set_grad_enabled(True)
#    >>> torch.is_grad_enabled()
#    True

# %%
# ``torch.inference_mode()``: faster, with stricter rules
# -------------------------------------------------------
# ``torch.inference_mode()`` (also usable as a decorator) goes further than
# ``no_grad``: it also skips bookkeeping that autograd relies on (version counters,
# view tracking). Tensors allocated inside are *inference tensors* (a view of a normal
# tensor taken inside is not). Outside inference mode, autograd cannot *save* them for a
# backward pass, they cannot be modified in place, and they cannot be made to require
# gradients.

with torch.inference_mode():
    z = x * 2
print(z.requires_grad, z.is_inference())

# %%
# >>> z.requires_grad, z.is_inference()
# (False, True)
# >>> (z * x).backward()
# Traceback (most recent call last):
#     ...
# RuntimeError: Inference tensors cannot be saved for backward. ...
#
# The product fails because the derivative of ``z * x`` with respect to ``x`` is ``z``,
# so ``mul`` would have to save ``z``. A sum needs nothing saved, and it works:
# an inference tensor can take part in a recorded computation.
#
# >>> x.grad = None
# >>> total = z + x
# >>> total.grad_fn.name()
# 'AddBackward0'
# >>> total.backward()
# >>> x.grad
# tensor(1., dtype=torch.float64)
# >>> z.add_(1)
# Traceback (most recent call last):
#     ...
# RuntimeError: Inplace update to inference tensor outside InferenceMode is not allowed...
# >>> z.requires_grad_()
# Traceback (most recent call last):
#     ...
# RuntimeError: Setting requires_grad=True on inference tensor outside InferenceMode is not allowed.
#
# A view is an inference tensor only if the tensor it views is one:
#
# >>> normal = torch.ones(3)
# >>> with torch.inference_mode():
# ...     view = normal[:2]
# >>> view.is_inference(), normal.is_inference()
# (False, False)
#
# ``z.clone()`` made outside inference mode is a normal tensor without these limits:
#
# >>> z_copy = z.clone()
# >>> z_copy.is_inference(), (z_copy * x).grad_fn.name()
# (False, 'MulBackward0')
#
# Use ``inference_mode`` for pure inference (serving a model, computing predictions);
# use ``no_grad`` where results may meet autograd later, for example a target computed
# from the current parameters.

# %%
# Evaluation: ``model.eval()`` and ``no_grad`` do different jobs
# --------------------------------------------------------------
# An evaluation loop typically uses both. ``model.eval()`` switches layers such as
# dropout and batch normalisation to their evaluation behaviour; it does not touch
# gradient recording. ``torch.no_grad()`` stops recording; for ordinary layers it does
# not change what they compute. (A few, such as the Transformer layers in evaluation
# mode, take a faster inference path when gradients are off, whose results can differ:
# ``nn.TransformerEncoder``, for one, may return zeros at padded positions.) A model
# with dropout shows the difference:

model = nn.Sequential(nn.Linear(4, 4), nn.Dropout(p=0.5))
inputs = torch.ones(1, 4)

with torch.no_grad():
    train_mode_a = model(inputs)
    train_mode_b = model(inputs)
model.eval()
eval_output = model(inputs)
print(torch.equal(train_mode_a, train_mode_b), eval_output.requires_grad)

# %%
# In training mode dropout still zeroes random elements under ``no_grad``, so two calls
# differ; in evaluation mode without ``no_grad`` the graph is still recorded:
#
# >>> torch.equal(train_mode_a, train_mode_b)
# False
# >>> eval_output.requires_grad
# True
# >>> with torch.no_grad():
# ...     print(torch.equal(model(inputs), model(inputs)), model(inputs).requires_grad)
# True False

# %%
# Freezing parameters with ``requires_grad_(False)``
# --------------------------------------------------
# Switching recording off for a block is different from declaring that a tensor never
# needs gradients. ``tensor.requires_grad_(False)`` (in place; ``requires_grad_()``
# turns it back on) freezes a parameter: it is still used in the forward pass but gets
# no ``.grad``, which is how part of a pretrained model is kept fixed during
# fine-tuning.

layer = nn.Linear(3, 1)
layer.weight.requires_grad_(False)
layer(torch.randn(2, 3)).sum().backward()
print(layer.weight.grad, layer.bias.grad)

# %%
# >>> layer.weight.grad is None, layer.bias.grad.shape
# (True, torch.Size([1]))
#
# So "``requires_grad=True`` for training, ``False`` for inference" is best read as:
# parameters keep ``requires_grad=True``; at inference time you run the model under
# ``torch.no_grad()`` or ``torch.inference_mode()`` so that nothing is recorded;
# ``requires_grad_(False)`` is for parameters that must not be trained.
#
# Summary
# -------
# * ``torch.no_grad()`` (block or decorator): results are not recorded and have no
#   ``grad_fn``.
# * ``torch.set_grad_enabled(flag)`` belongs in a ``with``; called alone it changes
#   the global mode until changed back.
# * ``torch.inference_mode()`` is the fastest option, but outside it its tensors
#   cannot be saved for backward, updated in place or made to require gradients
#   (``clone()`` lifts these limits).
# * ``model.eval()`` changes layer behaviour, ``no_grad`` changes recording: an
#   evaluation loop needs both.
# * ``requires_grad_(False)`` freezes a tensor (until switched back on) instead of a
#   block of code.
