"""
Gradients accumulate: zeroing them, and accumulating on purpose
===============================================================

``backward()`` *adds* to ``.grad`` instead of overwriting it. This page shows the
:term:`accumulation <gradient accumulation>`, the error raised when a graph is used
twice, the ways to clear :term:`gradients <gradient>` (and which one is the default
today), and the technique that relies on accumulation: splitting a large batch into
:term:`micro-batches <micro-batch>` to save memory while computing exactly the same
gradient.
"""

import torch
from torch import nn

torch.manual_seed(0)

# %%
# ``backward()`` adds to ``.grad``
# --------------------------------
# Each call to ``backward()`` computes fresh gradients and adds them to whatever is
# already stored in ``.grad``. Here the mean of :math:`x_i^2 + 20` (gradient
# :math:`x_i / 2` for four elements) is recomputed and differentiated three times
# without clearing in between:

x = torch.tensor([10.0, 20.0, 30.0, 40.0], requires_grad=True, dtype=torch.float64)
for step in range(3):
    f = (x**2 + 20).mean()
    f.backward()
    print(step, x.grad)

# %%
# >>> x.grad
# tensor([15., 30., 45., 60.], dtype=torch.float64)
#
# Clearing the gradient at the start of each iteration gives the same value every time:

x = torch.tensor([10.0, 20.0, 30.0, 40.0], requires_grad=True, dtype=torch.float64)
for step in range(3):
    x.grad = None
    f = (x**2 + 20).mean()
    f.backward()
    print(step, x.grad)

# %%
# >>> x.grad
# tensor([ 5., 10., 15., 20.], dtype=torch.float64)

# %%
# A graph can be used only once
# -----------------------------
# The loops above rebuild the graph in every iteration, and that matters: to save
# memory, ``backward()`` frees the intermediate values the graph saved for the backward
# pass (here, ``x`` itself for the derivative of ``pow``). Calling ``backward()`` a
# second time on the *same* result raises an error.

x = torch.tensor([[1.0, 0.0], [-1.0, 1.0]], requires_grad=True)
z = x.pow(2).sum()
z.backward()
try:
    z.backward()
except RuntimeError as error:
    print(str(error)[:80], "...")

# %%
# >>> z.backward()
# Traceback (most recent call last):
#     ...
# RuntimeError: Trying to backward through the graph a second time (or directly access saved tensors after they have already been freed). ...
#
# ``retain_graph=True`` keeps the saved values so that the graph can be differentiated
# again; the gradients then accumulate as before.

x = torch.tensor([[1.0, 0.0], [-1.0, 1.0]], requires_grad=True)
z = x.pow(2).sum()
z.backward(retain_graph=True)
z.backward()
print(x.grad)

# %%
# >>> x.grad
# tensor([[ 4.,  0.],
#         [-4.,  4.]])
#
# .. pitfall:: Calling ``backward()`` twice on one result raises an error
#
#    Accumulation is often demonstrated by calling ``z.backward()`` twice in a row.
#    For almost every real graph the second call fails, because the first one freed
#    the saved intermediate values. Accumulation happens across *separate* forward
#    passes (the normal case in a training loop), or with ``retain_graph=True`` on all
#    but the last call.
#
#    >>> z = x.pow(2).sum()
#    >>> z.backward()
#    >>> z.backward()
#    Traceback (most recent call last):
#        ...
#    RuntimeError: Trying to backward through the graph a second time ...

# %%
# Three ways to clear a gradient
# ------------------------------
# * ``x.grad.zero_()`` fills the existing gradient tensor with zeros in place.
# * ``x.grad = None`` drops it; the next ``backward()`` allocates a new one. This saves
#   memory until then and skips an addition.
# * ``optimizer.zero_grad()`` does this for every parameter the optimizer manages.
#   Since PyTorch 2.0 its default is ``set_to_none=True``: the gradients become
#   ``None``, not zero tensors. ``nn.Module.zero_grad()`` behaves the same way.

model = nn.Linear(3, 1)
optimizer = torch.optim.SGD(model.parameters(), lr=0.1)
model(torch.randn(5, 3)).pow(2).mean().backward()
print(model.bias.grad)
optimizer.zero_grad()
print(model.bias.grad)

# %%
# >>> model.bias.grad is None
# True
#
# With ``set_to_none=False`` the old behaviour comes back and the tensors are kept as
# zeros:

model(torch.randn(5, 3)).pow(2).mean().backward()
optimizer.zero_grad(set_to_none=False)
print(model.bias.grad)

# %%
# >>> model.bias.grad
# tensor([0.])
#
# .. pitfall:: After ``zero_grad()`` the gradients are ``None``, not zeros
#
#    Older tutorials print ``conv1.bias.grad`` after ``net.zero_grad()`` and show a
#    tensor of zeros. Since PyTorch 2.0 ``zero_grad()`` sets gradients to ``None`` by
#    default, so code that reads or modifies ``.grad`` right after clearing must check
#    for ``None`` (or pass ``set_to_none=False``).
#
#    >>> optimizer.zero_grad()
#    >>> print(model.weight.grad)
#    None
#
# You may also meet ``x.grad.data.zero_()``. The ``.data`` there is a leftover from the
# days before tensors and variables were merged (PyTorch 0.4): in ordinary training
# ``x.grad`` is already a plain tensor that does not track gradients, so
# ``x.grad.zero_()`` does the same and is the current spelling.
#
# >>> x.grad.requires_grad
# False
#
# The exception is ``backward(create_graph=True)``, used for higher derivatives: it
# records the backward pass itself, so ``.grad`` then requires gradients and has a
# ``grad_fn`` (PyTorch warns that this creates a reference cycle and recommends
# ``torch.autograd.grad`` for the purpose).
#
# >>> import warnings
# >>> w = torch.tensor(3.0, requires_grad=True)
# >>> with warnings.catch_warnings():
# ...     warnings.simplefilter("ignore")
# ...     (w**2).backward(create_graph=True)
# >>> w.grad.requires_grad, w.grad.grad_fn is not None
# (True, True)
# >>> w.grad = None  # breaks the cycle

# %%
# Accumulating on purpose: micro-batches
# --------------------------------------
# Accumulation is a feature, not only a trap. When a batch is too large to fit in
# memory, split it into :math:`k` micro-batches, call ``backward()`` on each, and update
# the parameters once. If the loss is a mean over the batch, scale each micro-batch
# loss by :math:`1/k`: with micro-batch means :math:`L_j` of equal size,
#
# .. math::
#
#    L = \frac{1}{k}\sum_{j=1}^{k} L_j
#    \quad\Longrightarrow\quad
#    \nabla L = \sum_{j=1}^{k} \nabla\!\left(\frac{L_j}{k}\right),
#
# and the sum on the right is exactly what accumulation in ``.grad`` computes.

model = nn.Sequential(nn.Linear(100, 256), nn.ReLU(), nn.Linear(256, 1)).double()
inputs = torch.randn(64, 100, dtype=torch.float64)
targets = torch.randn(64, 1, dtype=torch.float64)
loss_fn = nn.MSELoss()

model.zero_grad()
loss_fn(model(inputs), targets).backward()
full_batch = [p.grad.clone() for p in model.parameters()]

k = 8
model.zero_grad()
for x_part, y_part in zip(inputs.chunk(k), targets.chunk(k)):
    (loss_fn(model(x_part), y_part) / k).backward()
accumulated = [p.grad.clone() for p in model.parameters()]

print(max((a - b).abs().max().item() for a, b in zip(full_batch, accumulated)))

# %%
# The two gradients agree to rounding error:
#
# >>> all(torch.allclose(a, b, rtol=1e-12, atol=1e-14) for a, b in zip(full_batch, accumulated))
# True
#
# Without the :math:`1/k` the accumulated gradient is :math:`k` times too large:

model.zero_grad()
for x_part, y_part in zip(inputs.chunk(k), targets.chunk(k)):
    loss_fn(model(x_part), y_part).backward()
print((model[2].bias.grad / full_batch[3]).item())

# %%
# >>> round((model[2].bias.grad / full_batch[3]).item(), 6)
# 8.0
#
# What it saves, and what it costs
# ~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~
# The memory that grows with the batch size is the *activations*: the intermediate
# values the forward pass saves for the backward pass. A saved-tensor hook can measure
# them. For this network they grow linearly with the number of samples in one forward
# pass:


def saved_bytes(batch_size):
    total = 0

    def pack(tensor):
        nonlocal total
        total += tensor.numel() * tensor.element_size()
        return tensor

    with torch.autograd.graph.saved_tensors_hooks(pack, lambda tensor: tensor):
        loss_fn(model(inputs[:batch_size]), targets[:batch_size])
    return total


for batch_size in (8, 64):
    print(f"batch of {batch_size:2}: {saved_bytes(batch_size):7} bytes saved for backward")

# %%
# >>> saved_bytes(64) > 7 * saved_bytes(8)
# True
#
# With micro-batches only one micro-batch's activations exist at a time, because each
# ``backward()`` frees its graph before the next forward pass. The gradient buffers are
# the same in both cases: one tensor per parameter, independent of the batch size. The
# price is time: :math:`k` smaller forward and backward passes run one after another
# and use the hardware less efficiently than one large pass. (Layers that compute
# statistics over the batch, such as batch normalisation, also see micro-batches
# rather than the full batch.)
#
# .. pitfall:: Gradient accumulation saves memory; it does not cost more
#
#    One explanation of accumulation claims that "several backward passes and one
#    update" consumes a great deal of GPU memory. It is the other way round: the peak
#    memory of a step is set by the activations of one forward pass, so processing
#    :math:`k` micro-batches one after another needs roughly the activation memory of
#    one micro-batch, while the accumulated ``.grad`` is as large as the parameters
#    either way. Nor does a single batch "accumulate 32 per-sample gradients" in
#    ``.grad``: the gradient of a batch's mean loss is computed in one ``backward()``.
#
#    >>> saved_bytes(8) < saved_bytes(64)
#    True
#
# Summary
# -------
# * ``backward()`` adds into ``.grad``; clear it before each new gradient computation.
# * A graph's saved values are freed by ``backward()``; a second call needs
#   ``retain_graph=True`` on the first.
# * ``optimizer.zero_grad()`` sets gradients to ``None`` by default (PyTorch 2.0+);
#   ``x.grad.zero_()`` keeps a zero tensor; ``x.grad.data.zero_()`` is an old idiom.
# * Micro-batch accumulation with each loss divided by :math:`k` reproduces the
#   full-batch gradient with the activation memory of one micro-batch.
