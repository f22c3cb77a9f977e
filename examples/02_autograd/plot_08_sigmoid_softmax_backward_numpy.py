"""
Backward passes from scratch: sigmoid and softmax in NumPy
==========================================================

Autograd is easier to trust once you have written a backward pass yourself. This page
implements the forward and backward passes of :term:`sigmoid` and :term:`softmax` in
NumPy, the way a deep-learning course asks you to, derives the formulas they use, and
checks them against PyTorch: by comparing with ``backward()`` and by running
``torch.autograd.gradcheck`` on a custom autograd ``Function`` built from the NumPy
code.
"""

import numpy as np
import torch
import torch.nn.functional as F

rng = np.random.default_rng(0)

# %%
# What a backward pass computes
# -----------------------------
# A layer maps its input :math:`Z` to an output :math:`A`. During
# :term:`backpropagation` it receives :math:`\partial L / \partial A` (the gradient of
# the loss with respect to its output, same shape as :math:`A`) and must return
# :math:`\partial L / \partial Z`. By the chain rule, for each sample,
#
# .. math::
#
#    \frac{\partial L}{\partial z_n} = \sum_m \frac{\partial L}{\partial a_m}\,
#    \frac{\partial a_m}{\partial z_n}.
#
# The forward pass keeps whatever the backward pass will need, exactly like the
# tensors autograd saves.

# %%
# Sigmoid
# -------
# :math:`\sigma(z) = 1 / (1 + e^{-z})` acts on each element separately, so the
# :term:`Jacobian` is diagonal and the chain rule reduces to an element-wise product.
# Its derivative can be written with the output alone:
#
# .. math::
#
#    \sigma'(z) = \frac{e^{-z}}{(1 + e^{-z})^2} = \sigma(z)\,\bigl(1 - \sigma(z)\bigr),
#    \qquad
#    \frac{\partial L}{\partial Z} = \frac{\partial L}{\partial A} \odot A \odot (1 - A).


class NumpySigmoid:
    def forward(self, Z):
        self.A = 1.0 / (1.0 + np.exp(-Z))
        return self.A

    def backward(self, dLdA):
        return dLdA * self.A * (1.0 - self.A)


Z = rng.standard_normal((4, 3))
dLdA = rng.standard_normal((4, 3))
sigmoid = NumpySigmoid()
A = sigmoid.forward(Z)
dLdZ = sigmoid.backward(dLdA)

# %%
# PyTorch computes the same vector-Jacobian product when ``backward`` receives
# :math:`\partial L / \partial A` as its ``gradient`` argument:

Z_torch = torch.tensor(Z, requires_grad=True)
A_torch = torch.sigmoid(Z_torch)
A_torch.backward(gradient=torch.tensor(dLdA))
print(np.abs(Z_torch.grad.numpy() - dLdZ).max())

# %%
# >>> np.allclose(A_torch.detach().numpy(), A, rtol=1e-12, atol=0)
# True
# >>> np.allclose(Z_torch.grad.numpy(), dLdZ, rtol=1e-12, atol=1e-15)
# True
#
# .. pitfall:: ``sigmoid`` has no ``dim`` argument
#
#    Code copied from ``softmax`` sometimes calls ``F.sigmoid(logits, dim=-1)``.
#    Sigmoid is applied to every element independently, so there is no dimension to
#    choose and the call fails. (The same holds for ``tanh``, ``relu`` and ``silu``.)
#    Softmax, by contrast, normalises along one dimension and needs ``dim``.
#
#    >>> F.sigmoid(torch.zeros(2, 3), dim=-1)
#    Traceback (most recent call last):
#        ...
#    TypeError: sigmoid() got an unexpected keyword argument 'dim'
#    >>> F.sigmoid(torch.zeros(2, 3))[0]
#    tensor([0.5000, 0.5000, 0.5000])

# %%
# Softmax
# -------
# Softmax turns each row :math:`z` into a probability distribution,
# :math:`a_m = e^{z_m} / \sum_j e^{z_j}`. Subtracting the row maximum first changes
# nothing mathematically (it cancels between numerator and denominator) but prevents
# overflow in ``exp``. Every output depends on every input of its row, so the Jacobian
# is a full matrix:
#
# .. math::
#
#    \frac{\partial a_m}{\partial z_n} = a_m\,(\delta_{mn} - a_n),
#    \qquad
#    J = \operatorname{diag}(a) - a\,a^\top .
#
# The first implementation builds :math:`J` for every row, as a textbook exercise
# would; :math:`J` is symmetric, so :math:`J\,g` and :math:`J^\top g` coincide.


class NumpySoftmax:
    def forward(self, Z):
        expZ = np.exp(Z - Z.max(axis=1, keepdims=True))
        self.A = expZ / expZ.sum(axis=1, keepdims=True)
        return self.A

    def backward(self, dLdA):
        dLdZ = np.zeros_like(dLdA)
        for i, a in enumerate(self.A):
            J = np.diag(a) - np.outer(a, a)
            dLdZ[i] = J @ dLdA[i]
        return dLdZ


softmax = NumpySoftmax()
A = softmax.forward(Z)
dLdZ = softmax.backward(dLdA)
print(A.sum(axis=1))

# %%
# Multiplying out :math:`J g` gives a loop-free form,
# :math:`\partial L/\partial z = a \odot \bigl(g - (g \cdot a)\bigr)`, which is what a
# real implementation uses:

dLdZ_fast = A * (dLdA - (dLdA * A).sum(axis=1, keepdims=True))

Z_torch = torch.tensor(Z, requires_grad=True)
A_torch = torch.softmax(Z_torch, dim=-1)
A_torch.backward(gradient=torch.tensor(dLdA))
print(np.abs(Z_torch.grad.numpy() - dLdZ).max())

# %%
# >>> np.allclose(A.sum(axis=1), 1.0)
# True
# >>> np.allclose(dLdZ, dLdZ_fast, rtol=1e-12, atol=1e-15)
# True
# >>> np.allclose(Z_torch.grad.numpy(), dLdZ, rtol=1e-12, atol=1e-15)
# True
#
# The stabilising shift matters: without it, large logits overflow.
#
# >>> big = np.array([[1000.0, 1001.0]])
# >>> softmax.forward(big).round(4)
# array([[0.2689, 0.7311]])
# >>> with np.errstate(over="ignore", invalid="ignore"):
# ...     print(np.exp(big) / np.exp(big).sum())
# [[nan nan]]

# %%
# Softmax in a classifier: probabilities and predictions
# ------------------------------------------------------
# At prediction time a classifier's logits go through softmax to give class
# probabilities, and the predicted class is the index of the largest one. The three
# rows below are logits that a two-class sentiment model produced for three sentences.

logits = torch.tensor([[-3.4620, 3.6118], [4.7508, -3.7899], [-4.2113, 4.5724]])
probabilities = F.softmax(logits, dim=-1)
print(probabilities)
print(probabilities.argmax(dim=-1))

# %%
# >>> probabilities.sum(dim=-1)
# tensor([1., 1., 1.])
# >>> probabilities.argmax(dim=-1)
# tensor([1, 0, 1])
#
# Softmax preserves the order within a row, so the prediction can be read from the
# logits directly:
#
# >>> torch.equal(logits.argmax(dim=-1), probabilities.argmax(dim=-1))
# True
#
# That is true mathematically; in floating point, rounding can map nearly equal logits
# to equal probabilities, and then the two ``argmax`` results can differ. Taking the
# prediction from the logits avoids the question (and saves the softmax):
#
# >>> close = torch.tensor([0.0, 1e-8])
# >>> F.softmax(close, dim=-1)
# tensor([0.5000, 0.5000])
# >>> close.argmax().item(), F.softmax(close, dim=-1).argmax().item()
# (1, 0)
#
# Predictions are computed without recording a graph. A small linear layer stands in
# for the model to show what ``torch.no_grad()`` does to its output:

head = torch.nn.Linear(4, 2)
features = torch.randn(3, 4, generator=torch.Generator().manual_seed(0))
with torch.no_grad():
    outputs = head(features)
print(outputs)

# %%
# .. pitfall:: Outputs computed under ``no_grad`` have no ``grad_fn``
#
#    A commonly copied example runs a model inside ``with torch.no_grad():`` and shows
#    its logits in a comment as ``tensor(..., grad_fn=<AddmmBackward0>)``. That
#    output cannot come from inside the block: nothing is recorded there, so the result
#    has no ``grad_fn`` (the comment must have been printed from a run without
#    ``no_grad``). The same example then takes ``argmax`` of a variable that was never
#    defined; taking it of the logits or of the probabilities gives the same classes.
#
#    >>> outputs.grad_fn is None, outputs.requires_grad
#    (True, False)
#    >>> head(features).grad_fn.name()
#    'AddmmBackward0'

# %%
# A custom autograd Function, checked by ``gradcheck``
# ----------------------------------------------------
# ``torch.autograd.Function`` is how new differentiable operations are added to
# PyTorch: ``forward`` computes the result, ``backward`` receives the gradient of the
# output and returns the gradient of the input. Wrapping the NumPy softmax in one lets
# ``torch.autograd.gradcheck`` compare our backward with finite differences
# :math:`(f(z + \varepsilon) - f(z - \varepsilon)) / 2\varepsilon` in double precision.


class SoftmaxFromNumpy(torch.autograd.Function):
    @staticmethod
    def forward(ctx, Z):
        layer = NumpySoftmax()
        A = layer.forward(Z.detach().numpy())
        ctx.layer = layer
        return torch.from_numpy(A)

    @staticmethod
    def backward(ctx, dLdA):
        return torch.from_numpy(ctx.layer.backward(dLdA.numpy()))


Z_check = torch.randn(3, 5, dtype=torch.float64, requires_grad=True, generator=torch.Generator().manual_seed(0))
print(torch.autograd.gradcheck(SoftmaxFromNumpy.apply, (Z_check,)))

# %%
# >>> torch.autograd.gradcheck(SoftmaxFromNumpy.apply, (Z_check,))
# True
#
# A wrong backward is caught. Forgetting the off-diagonal part of the Jacobian (using
# :math:`a(1-a)` alone, as if softmax were element-wise) fails the check:


class WrongSoftmax(SoftmaxFromNumpy):
    @staticmethod
    def backward(ctx, dLdA):
        A = torch.from_numpy(ctx.layer.A)
        return dLdA * A * (1 - A)


print(torch.autograd.gradcheck(WrongSoftmax.apply, (Z_check,), raise_exception=False))

# %%
# >>> torch.autograd.gradcheck(WrongSoftmax.apply, (Z_check,), raise_exception=False)
# False
#
# Summary
# -------
# * A backward pass turns :math:`\partial L/\partial A` into :math:`\partial L/\partial Z`
#   with the chain rule; the forward pass stores what it needs (here the output
#   :math:`A`).
# * Sigmoid: :math:`\partial L/\partial Z = \partial L/\partial A \odot A(1 - A)`.
#   Softmax: :math:`J = \operatorname{diag}(a) - a a^\top` per row, or the loop-free
#   :math:`a \odot (g - g \cdot a)`.
# * Compare a hand-written backward with ``backward(gradient=...)`` in float64, or wrap
#   it in a ``torch.autograd.Function`` and run ``gradcheck``.
