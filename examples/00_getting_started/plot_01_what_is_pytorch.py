"""
What PyTorch is
===============

PyTorch is an open-source Python library for numerical computing and deep learning. It
rests on two ideas: the :term:`tensor`, an n-dimensional array that can live on a CPU or
on an accelerator such as a GPU, and :term:`automatic differentiation`, which computes
derivatives of computations built from differentiable tensor operations. PyTorch's
engine for it is called *autograd*. This page introduces both and shows, with a tiny
example, why autograd is what NumPy does not give you.
"""

import numpy as np
import torch

# %%
# Tensors: arrays that know where they live
# -----------------------------------------
# A tensor looks and behaves much like a NumPy array: it has a shape, one data type for
# all its elements, and supports indexing, broadcasting and vectorised arithmetic. In
# addition, every tensor has a :term:`device`: the same code runs on the CPU or, after
# moving the data with ``.to(device)``, on a GPU.

a = torch.tensor([[1.0, 2.0], [3.0, 4.0]])
print(a.shape, a.dtype, a.device)
print(a * 10 + 1)

# %%
# >>> a.shape, a.dtype
# (torch.Size([2, 2]), torch.float32)
# >>> a.device.type
# 'cpu'
#
# Conversion in both directions is cheap: ``torch.from_numpy`` and ``.numpy()`` share
# memory with the original array on the CPU. Chapter 1 covers tensors in detail.

# %%
# Autograd: derivatives for free
# ------------------------------
# To train a model, values are not enough: we need the :term:`gradient` of a loss with
# respect to every parameter. With NumPy you evaluate the function and then derive and
# code the derivative yourself. For :math:`y = \sum_i x_i^3` that is
# :math:`\partial y / \partial x_i = 3 x_i^2`:

x_np = np.array([1.0, 2.0, 3.0])
y_np = (x_np**3).sum()
grad_by_hand = 3 * x_np**2
print(y_np, grad_by_hand)

# %%
# With PyTorch you mark the input with ``requires_grad=True``, compute as usual, and
# call ``backward()``. PyTorch recorded the operations while computing ``y`` and now
# applies the chain rule backwards through them; the result lands in ``x.grad``.

x = torch.tensor([1.0, 2.0, 3.0], requires_grad=True)
y = (x**3).sum()
y.backward()
print(y, x.grad)

# %%
# >>> x.grad
# tensor([ 3., 12., 27.])
# >>> np.allclose(x.grad.numpy(), grad_by_hand)
# True
#
# For a cube, deriving by hand is easy. For a neural network with millions of
# parameters and dozens of layers it is not, and every change of the model would mean
# new derivative code. Autograd differentiates any composition of differentiable tensor
# operations, so changing the model means changing only the forward computation.
#
# The path of the gradient ends where the computation stops being differentiable: an
# integer or boolean result (``argmax``, a comparison), a value taken out of the tensor
# world (``.item()``, ``.tolist()``, NumPy), or a tensor cut off with ``detach()`` or
# computed under ``torch.no_grad()``. Piecewise-constant operations such as ``round``
# are differentiable almost everywhere, but their gradient is zero.
#
# >>> x.argmax().requires_grad, (x > 2).requires_grad
# (False, False)
# >>> r = torch.tensor([0.4, 1.6], requires_grad=True)
# >>> r.round().sum().backward()
# >>> r.grad
# tensor([0., 0.])

# %%
# A first training loop
# ---------------------
# Gradients are what training needs. Here a single parameter ``w`` is fitted to noisy
# points on the line :math:`y = 3x` by :term:`gradient descent`: compute the mean
# squared error, let autograd find its gradient, step against it, repeat. No derivative
# is written by hand.

torch.manual_seed(0)
xs = torch.linspace(-1, 1, 20)
ys = 3 * xs + 0.1 * torch.randn(20)

w = torch.zeros((), requires_grad=True)
for step in range(100):
    loss = ((w * xs - ys) ** 2).mean()
    loss.backward()
    with torch.no_grad():  # the update itself is not part of the model
        w -= 0.5 * w.grad
    w.grad.zero_()  # gradients accumulate unless cleared
print(f"w = {w.item():.4f}, loss = {loss.item():.4f}")

# %%
# The least-squares slope can also be computed in closed form,
# :math:`w^* = \sum x_i y_i / \sum x_i^2`; gradient descent found the same value:
#
# >>> w_star = (xs * ys).sum() / (xs**2).sum()
# >>> abs(w.item() - w_star.item()) < 1e-3
# True
#
# :ref:`Chapter 2 <chapter-autograd>` explains autograd in detail and
# :ref:`chapter 5 <chapter-training>` the training loop; the point here is only that
# the gradient came from the framework.

# %%
# Where PyTorch comes from
# ------------------------
# PyTorch was released publicly in 2017 by Facebook's AI research lab (FAIR), taking up
# ideas of the older Lua library Torch with Python as its front end. Version 1.0 was
# announced in May 2018, together with the plan to merge Facebook's Caffe2 library into
# PyTorch; a preview was presented in October 2018 at the first PyTorch Developer
# Conference, and the stable release followed in December 2018, during the NeurIPS
# conference. (Notes that put the 1.0 announcement "in October 2018, at NeurIPS 2018"
# merge these events: NeurIPS 2018 took place in December.) Version 2.0, which added
# the ``torch.compile`` compiler, followed in 2023. Since 2022 the project has been
# hosted by the PyTorch Foundation, part of the Linux Foundation. It executes operations
# eagerly, one Python line at a time, which makes models ordinary Python code that can
# be printed and debugged.
#
# Much of the open-source deep-learning ecosystem builds on it, for example Hugging
# Face ``transformers`` and Microsoft's DeepSpeed training library. Other frameworks
# (TensorFlow/Keras, JAX, PaddlePaddle) offer the same two ingredients, tensors on
# accelerators and automatic differentiation, so the ideas on this site carry over to
# them, although their code differs.
# :ref:`sphx_glr_auto_examples_00_getting_started_plot_06_questions_learners_ask.py`
# says more about the frameworks and where they come from.
#
# Summary
# -------
# * A tensor is an n-dimensional array with a shape, a dtype and a device.
# * Autograd, PyTorch's automatic differentiation, records tensor operations and
#   computes gradients with ``backward()``: this and running on accelerators, not the
#   arrays, are what NumPy lacks for deep learning. Gradients flow only through
#   differentiable operations.
# * Training repeats: forward computation, ``backward()``, parameter update.
