"""
Gradient basics: requires_grad, backward and .grad
==================================================

:term:`Automatic differentiation <automatic differentiation>` is what PyTorch adds to
a NumPy-like array library: you write the forward computation, and ``backward()``
computes the derivatives of the result with respect to every tensor that asked for
them. This page computes the :term:`gradients <gradient>` of three small functions,
writes out the math behind each value, and shows what changes when the output is not a
single number.
"""

import torch

# %%
# Asking for a gradient
# ---------------------
# A tensor created with ``requires_grad=True`` tells autograd to record every operation
# that uses it. Calling ``backward()`` on a scalar result then walks that record
# backwards and stores the derivative in the input's ``.grad`` attribute.
#
# Take :math:`f(x) = x^2 + 20` at :math:`x = 10`:
#
# .. math::
#
#    f'(x) = 2x, \qquad f'(10) = 20.

x = torch.tensor(10.0, requires_grad=True, dtype=torch.float64)
f = x**2 + 20
print(f)
f.backward()
print(x.grad)

# %%
# Before ``backward()`` runs, ``.grad`` is ``None``; afterwards it is a tensor of the
# same shape and dtype as ``x``:
#
# >>> x.grad
# tensor(20., dtype=torch.float64)
# >>> x.grad.shape == x.shape, x.grad.dtype
# (True, torch.float64)
#
# The result ``f`` itself also tracks gradients, because it was computed from ``x``:
#
# >>> f.requires_grad
# True
#
# .. pitfall:: Factory functions take ``requires_grad=True``; there is no ``tensor.ones``
#
#    A note writes ``x = tensor.ones(2, 4, requires_grad=True)``. There is no such
#    function: without an import of ``tensor`` the line is a ``NameError``, and
#    ``torch.tensor`` (a function) has no attribute ``ones``. Every factory function
#    accepts the flag directly, ``torch.ones(2, 4, requires_grad=True)``, and
#    ``requires_grad_()`` changes it afterwards, in place. Switching the flag off works
#    only on a leaf tensor, one not produced by a recorded operation: a result computed
#    from tensors that require gradients refuses ``requires_grad_(False)`` (use
#    ``detach()`` there).
#
#    >>> tensor.ones(2, 4, requires_grad=True)
#    Traceback (most recent call last):
#        ...
#    NameError: name 'tensor' is not defined
#    >>> torch.tensor.ones(2, 4, requires_grad=True)
#    Traceback (most recent call last):
#        ...
#    AttributeError: 'builtin_function_or_method' object has no attribute 'ones'
#    >>> ones = torch.ones(2, 4, requires_grad=True)
#    >>> ones.requires_grad
#    True
#    >>> ones.requires_grad_(False) is ones, ones.requires_grad
#    (True, False)
#    >>> doubled = torch.ones(3) * 2  # computed, but nothing was recorded: a leaf
#    >>> doubled.is_leaf, doubled.requires_grad_().requires_grad
#    (True, True)
#    >>> (x * 2).requires_grad_(False)
#    Traceback (most recent call last):
#        ...
#    RuntimeError: you can only change requires_grad flags of leaf variables. ...

# %%
# A vector input reduced to a scalar
# ----------------------------------
# With a vector :math:`x = (x_1, \dots, x_n)` the usual pattern is to reduce the
# element-wise result to one number, here with the mean:
#
# .. math::
#
#    f(x) = \frac{1}{n}\sum_{i=1}^{n} \left(x_i^2 + 20\right),
#    \qquad
#    \frac{\partial f}{\partial x_i} = \frac{2 x_i}{n}.
#
# For :math:`x = (10, 20, 30, 40)` we have :math:`n = 4`, so every component of the
# gradient is :math:`x_i / 2`.

x = torch.tensor([10.0, 20.0, 30.0, 40.0], requires_grad=True, dtype=torch.float64)
f1 = x**2 + 20
f2 = f1.mean()
print(f1)
print(f2)
f2.backward()
print(x.grad)

# %%
# >>> x.grad
# tensor([ 5., 10., 15., 20.], dtype=torch.float64)
#
# .. pitfall:: The mean's gradient is 2x/n; it equals x/2 only because n = 4
#
#    A comment that often accompanies this example labels the mean itself as
#    "``1/2 * x``". That confuses the function with its derivative: the mean is
#    :math:`\frac{1}{n}\sum (x_i^2 + 20)`, a single number, and it is its *gradient*
#    that equals :math:`2x_i / n`. The factor :math:`1/2` comes from :math:`n = 4`;
#    with two elements the gradient is :math:`x` itself. (The intermediate ``f1`` also
#    has four elements, not two.)
#
#    >>> v = torch.tensor([10.0, 20.0], requires_grad=True)
#    >>> (v**2 + 20).mean().backward()
#    >>> v.grad
#    tensor([10., 20.])
#    >>> f1.shape
#    torch.Size([4])
#
# .. pitfall:: A script prints only what it calls
#
#    The same two examples appear in a note as functions ``test01`` (the scalar) and
#    ``test02`` (the mean), followed by "program output" with both gradients. The
#    script's ``if __name__ == '__main__':`` block calls only ``test01()``, so running
#    it prints a single line, not two. Running the program as written (without its
#    comments) shows it:
#
#    >>> import contextlib, io
#    >>> program = '''
#    ... import torch
#    ... def test01():
#    ...     x = torch.tensor(10, requires_grad=True, dtype=torch.float64)
#    ...     f = x ** 2 + 20
#    ...     f.backward()
#    ...     print(x.grad)
#    ... def test02():
#    ...     x = torch.tensor([10, 20, 30, 40], requires_grad=True, dtype=torch.float64)
#    ...     f2 = (x ** 2 + 20).mean()
#    ...     f2.backward()
#    ...     print(x.grad)
#    ... if __name__ == '__main__':
#    ...     test01()
#    ... '''
#    >>> printed = io.StringIO()
#    >>> with contextlib.redirect_stdout(printed):
#    ...     exec(program, {"__name__": "__main__"})
#    >>> print(printed.getvalue(), end="")
#    tensor(20., dtype=torch.float64)
#
#    Calling every test function, or printing its name with each result, keeps the
#    output honest.

# %%
# A matrix input
# --------------
# The same rule holds element by element for any shape. For a :math:`2 \times 2`
# matrix :math:`X` and :math:`z = \sum_{i,j} x_{ij}^2`:
#
# .. math::
#
#    \frac{\partial z}{\partial x_{ij}} = 2 x_{ij},
#    \qquad
#    \nabla_X z = 2X = 2\begin{pmatrix} 1 & 0 \\ -1 & 1 \end{pmatrix}
#    = \begin{pmatrix} 2 & 0 \\ -2 & 2 \end{pmatrix}.

x = torch.tensor([[1.0, 0.0], [-1.0, 1.0]], requires_grad=True)
z = x.pow(2).sum()
z.backward()
print(x.grad)

# %%
# >>> x.grad
# tensor([[ 2.,  0.],
#         [-2.,  2.]])
# >>> torch.equal(x.grad, 2 * x.detach())
# True
#
# .. pitfall:: Nested lists go in one argument of ``torch.tensor``
#
#    The rows of a matrix must be wrapped in an outer list: ``torch.tensor([[1., 0.],
#    [-1., 1.]])``. Writing the rows as two separate arguments, as in
#    ``torch.tensor([1.0, 0.], [-1., 1.], requires_grad=True)``, does not build a
#    matrix; it is a call with two positional arguments and fails at once.
#
#    >>> torch.tensor([1.0, 0.0], [-1.0, 1.0], requires_grad=True)
#    Traceback (most recent call last):
#        ...
#    TypeError: tensor() takes 1 positional argument but 2 were given

# %%
# Non-scalar outputs need a ``gradient`` argument
# -----------------------------------------------
# ``backward()`` without arguments only works on a tensor with one element. For a
# vector output :math:`y = g(x)` the derivative is a whole :term:`Jacobian` matrix
# :math:`J = \partial y / \partial x`, and autograd never builds it. Instead it computes
# a *vector-Jacobian product*: you pass a vector :math:`v` of the shape of :math:`y`
# as ``gradient=``, and ``x.grad`` receives
#
# .. math::
#
#    v^\top J, \qquad\text{i.e.}\qquad
#    \frac{\partial}{\partial x_j}\Big(\sum_i v_i\, y_i\Big).
#
# For :math:`y_i = x_i^2` the Jacobian is diagonal with entries :math:`2x_i`, so the
# result is :math:`2 v_i x_i`.

x = torch.tensor([1.0, 2.0, 3.0], requires_grad=True)
y = x**2
try:
    y.backward()
except RuntimeError as error:
    print("RuntimeError:", error)

# %%
# >>> (x**2).backward()
# Traceback (most recent call last):
#     ...
# RuntimeError: grad can be implicitly created only for scalar outputs
#
# Passing ``gradient=torch.ones_like(y)`` gives the same result as ``y.sum().backward()``;
# other weights scale each output's contribution:

y.backward(gradient=torch.tensor([1.0, 1.0, 1.0]))
print(x.grad)

x.grad = None
y = x**2
y.backward(gradient=torch.tensor([1.0, 0.1, 0.0]))
print(x.grad)

# %%
# >>> x.grad
# tensor([2.0000, 0.4000, 0.0000])
#
# (The line ``x.grad = None`` clears the previous result;
# :ref:`sphx_glr_auto_examples_02_autograd_plot_04_accumulating_and_zeroing.py`
# explains why that is needed.)

# %%
# Only floating-point and complex tensors can require gradients
# -------------------------------------------------------------
# Derivatives are defined for continuous values, so integer and boolean tensors cannot
# take part as inputs that need gradients. Create them as floats (``10.0``,
# ``dtype=torch.float32``) or convert them first.
#
# >>> torch.tensor([1, 2, 3], requires_grad=True)
# Traceback (most recent call last):
#     ...
# RuntimeError: Only Tensors of floating point and complex dtype can require gradients
# >>> torch.tensor([1, 2, 3], dtype=torch.float32, requires_grad=True)
# tensor([1., 2., 3.], requires_grad=True)
#
# Integer tensors can still be *used* in a computation together with tensors that do
# require gradients (as indices, masks, or operands that are promoted to float); they
# just never receive a ``.grad`` themselves.
#
# Summary
# -------
# * ``requires_grad=True`` marks an input; ``backward()`` on a scalar result fills its
#   ``.grad`` with the derivative (same shape and dtype as the input).
# * The values match the hand-derived gradients: :math:`2x` for :math:`x^2`,
#   :math:`2x_i/n` after a mean, :math:`2X` for a sum of squares.
# * For a non-scalar output pass ``gradient=v``; autograd returns :math:`v^\top J`.
# * Only floating-point and complex tensors can require gradients.
