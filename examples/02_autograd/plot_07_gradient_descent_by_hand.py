"""
Gradient descent by hand
========================

Autograd computes :term:`gradients <gradient>`; using them to improve parameters is a
separate, very small step. This page minimises :math:`f(x) = x^2` with a hand-written
:term:`gradient-descent <gradient descent>` loop in the current PyTorch style, checks
the result against the closed-form solution, shows how the :term:`learning rate` decides
between slow progress, fast convergence and divergence, and confirms that
``torch.optim.SGD`` performs the same update.
"""

import matplotlib.pyplot as plt
import torch

# %%
# The update rule and its closed form
# -----------------------------------
# Gradient descent repeats :math:`x_{k+1} = x_k - \eta\, f'(x_k)` with learning rate
# :math:`\eta`. For :math:`f(x) = x^2` the derivative is :math:`2x`, so every step
# multiplies :math:`x` by the same factor:
#
# .. math::
#
#    x_{k+1} = x_k - 2\eta\, x_k = (1 - 2\eta)\, x_k
#    \qquad\Longrightarrow\qquad
#    x_k = x_0\, (1 - 2\eta)^k .
#
# The iterates approach the minimum :math:`x^* = 0` exactly when
# :math:`|1 - 2\eta| < 1`, that is :math:`0 < \eta < 1`.

# %%
# The loop, written the modern way
# --------------------------------
# Each iteration computes the function, clears the old gradient, calls ``backward()``,
# and updates ``x`` *in place inside* ``torch.no_grad()``: the update must not be
# recorded in the graph, and ``x`` must stay the same :term:`leaf tensor` so that it
# keeps receiving gradients.


def descend(x0, lr, steps):
    x = torch.tensor(x0, requires_grad=True, dtype=torch.float64)
    history = [x.item()]
    for _ in range(steps):
        f = x**2
        x.grad = None
        f.backward()
        with torch.no_grad():
            x -= lr * x.grad
        history.append(x.item())
    return x, history


x, history = descend(10.0, lr=0.001, steps=5000)
print(history[:4])
print(f"after 5000 steps: {x.item():.10f}")
print(f"closed form:      {10.0 * (1 - 2 * 0.001) ** 5000:.10f}")

# %%
# After 5000 steps with :math:`\eta = 0.001` the loop agrees with
# :math:`10 \cdot 0.998^{5000}`:
#
# >>> round(x.item(), 10)
# 0.0004494759
# >>> abs(x.item() / (10.0 * 0.998**5000) - 1) < 1e-12
# True
# >>> x.is_leaf, x.requires_grad
# (True, True)
#
# The first steps show the constant factor :math:`0.998`:
#
# >>> [round(v, 6) for v in history[:3]]
# [10.0, 9.98, 9.96004]
#
# .. pitfall:: Update parameters under ``no_grad``, not through ``.data``
#
#    Older code updates with ``x.data = x.data - lr * x.grad``. That works, but it
#    relies on ``.data``, which hides changes from autograd, and it replaces ``x``'s
#    memory every step. The two obvious alternatives both fail: an in-place update of a
#    leaf that requires gradients is refused while recording is on, and
#    ``x = x - lr * x.grad`` makes ``x`` a non-leaf result with no ``.grad`` of its
#    own, so the next step breaks. ``with torch.no_grad(): x -= lr * x.grad`` is the
#    form that optimizers use.
#
#    >>> w = torch.tensor(1.0, requires_grad=True)
#    >>> (w**2).backward()
#    >>> w -= 0.1 * w.grad
#    Traceback (most recent call last):
#        ...
#    RuntimeError: a leaf Variable that requires grad is being used in an in-place operation.
#    >>> w = w - 0.1 * w.grad
#    >>> w.is_leaf, w.grad_fn is not None
#    (False, True)

# %%
# The learning rate decides everything
# ------------------------------------
# The factor :math:`1 - 2\eta` explains the four typical behaviours: a tiny
# :math:`\eta` barely moves, :math:`\eta` near 0.5 converges fastest (exactly 0.5
# reaches the minimum in one step),
# :math:`0.5 < \eta < 1` overshoots and oscillates around 0 while converging, and
# :math:`\eta > 1` oscillates with growing amplitude.

rates = [0.01, 0.1, 0.45, 0.8, 1.05]
fig, (ax_value, ax_abs) = plt.subplots(1, 2, figsize=(11, 4))
for lr in rates:
    _, path = descend(10.0, lr=lr, steps=30)
    ax_value.plot(path, marker=".", label=f"$\\eta$ = {lr}")
    ax_abs.semilogy([abs(v) for v in path], marker=".", label=f"$\\eta$ = {lr}")
ax_value.set_xlabel("step $k$")
ax_value.set_ylabel("$x_k$")
ax_value.set_ylim(-30, 30)
ax_value.set_title("Iterates of gradient descent on $f(x) = x^2$")
ax_abs.set_xlabel("step $k$")
ax_abs.set_ylabel("$|x_k|$ (log scale)")
ax_abs.set_title("Distance to the minimum")
ax_abs.legend()
plt.tight_layout()
plt.show()

# %%
# On the logarithmic scale each run is a straight line with slope
# :math:`\log|1 - 2\eta|`, falling for :math:`\eta < 1` and rising for
# :math:`\eta > 1`:
#
# >>> abs(descend(10.0, lr=1.05, steps=30)[0].item()) > 10.0
# True
# >>> round(descend(10.0, lr=0.8, steps=2)[1][1], 6)
# -6.0
#
# In real problems nobody knows :math:`f` in closed form, but the picture stays the
# same near a minimum: too small a learning rate wastes steps, too large a one makes
# the loss grow.

# %%
# ``torch.optim.SGD`` does the same update
# ----------------------------------------
# An optimizer packages the two lines of the update. Plain ``torch.optim.SGD`` (no
# momentum, no weight decay) applies :math:`x \leftarrow x - \eta\, \nabla f` to each
# parameter under ``no_grad``, and ``zero_grad()`` replaces ``x.grad = None``:

y = torch.tensor(10.0, requires_grad=True, dtype=torch.float64)
optimizer = torch.optim.SGD([y], lr=0.001)
for _ in range(5000):
    optimizer.zero_grad()
    (y**2).backward()
    optimizer.step()
print(y.item(), x.item())

# %%
# The two results agree up to the last bits of a float64 (the optimizer groups the
# same arithmetic slightly differently):
#
# >>> abs(y.item() / x.item() - 1) < 1e-12
# True
#
# Summary
# -------
# * One step of gradient descent: compute the loss, clear the gradient, ``backward()``,
#   then ``x -= lr * x.grad`` inside ``torch.no_grad()``.
# * For :math:`f(x) = x^2` the iterates are :math:`x_0(1 - 2\eta)^k`; they converge
#   for :math:`0 < \eta < 1` and diverge for :math:`\eta > 1`.
# * ``torch.optim.SGD`` performs the same update; ``x.data = ...`` is an outdated way
#   of writing it.
