"""
Optimizer trajectories on one 2-D function
==========================================

Formulas say what an :term:`optimizer` computes; a picture says how it moves. This page
starts SGD (plain, with :term:`momentum`, with Nesterov momentum), Adagrad, RMSprop, Adam
and AdamW from the same point of one elongated bowl and draws their paths side by side:
zig-zags across the steep direction, overshooting with momentum, the diagonal first
steps of the adaptive methods, and the pull of weight decay.
"""

import matplotlib.pyplot as plt
import torch
from torch.optim import SGD, Adagrad, Adam, AdamW, RMSprop

# %%
# The function
# ------------
# :math:`f(x, y) = 0.05\,(x - 2)^2 + (y - 1)^2` has its minimum at :math:`(2, 1)`. Its
# curvature is 20 times larger along :math:`y` than along :math:`x`, like the loss of a
# network whose parameters have gradients of very different sizes. Every optimizer
# starts at :math:`(-4, -1)` and takes 50 steps; the learning rates are chosen for each
# method so that none diverges, and are part of the labels.


def f(x, y):
    return 0.05 * (x - 2) ** 2 + (y - 1) ** 2


start = (-4.0, -1.0)
configs = {
    "SGD": (SGD, {"lr": 0.9}),
    "SGD, momentum": (SGD, {"lr": 0.1, "momentum": 0.9}),
    "SGD, Nesterov": (SGD, {"lr": 0.1, "momentum": 0.9, "nesterov": True}),
    "Adagrad": (Adagrad, {"lr": 1.0}),
    "RMSprop": (RMSprop, {"lr": 0.1}),
    "Adam": (Adam, {"lr": 0.3}),
    "AdamW": (AdamW, {"lr": 0.3, "weight_decay": 0.5}),
}


def trajectory(cls, options, steps=50):
    point = torch.tensor(start, dtype=torch.float64, requires_grad=True)
    optimizer = cls([point], **options)
    path = [point.detach().clone()]
    for _ in range(steps):
        optimizer.zero_grad()
        f(*point).backward()
        optimizer.step()
        path.append(point.detach().clone())
    return torch.stack(path)


paths = {name: trajectory(cls, options) for name, (cls, options) in configs.items()}
for name, path in paths.items():
    x, y = path[-1].tolist()
    print(f"{name:14} ends at ({x:6.3f}, {y:6.3f}), f = {f(x, y):.2e}")

# %%
# The paths
# ---------

xs, ys = torch.meshgrid(torch.linspace(-5, 4, 181), torch.linspace(-2, 3, 101), indexing="xy")
levels = [0.01, 0.03, 0.1, 0.3, 0.6, 1, 1.5, 2, 3, 4, 6]
fig, axes = plt.subplots(2, 4, figsize=(12, 5.6), layout="constrained")
for ax, (name, path) in zip(axes.flat, paths.items()):
    ax.contour(xs, ys, f(xs, ys), levels=levels, colors="0.75", linewidths=0.7)
    ax.plot(path[:, 0], path[:, 1], ".-", color="tab:blue", markersize=3, linewidth=1)
    ax.plot(*start, "o", color="tab:green")
    ax.plot(2, 1, "*", color="black", markersize=10)
    options = ", ".join(f"{key}={value}" for key, value in configs[name][1].items())
    ax.set_title(f"{name}\n{options}", fontsize=9)
    ax.set_xlim(-5, 4)
    ax.set_ylim(-2, 3)
ax_loss = axes.flat[-1]
for name, path in paths.items():
    ax_loss.semilogy([f(*p).item() for p in path], label=name)
ax_loss.set_xlabel("step")
ax_loss.set_ylabel("f")
ax_loss.set_title("Value of f", fontsize=9)
ax_loss.set_ylim(1e-5, 1e2)
ax_loss.legend(fontsize=6, ncol=2, loc="upper right")
plt.show()

# %%
# What the pictures show
# ----------------------
# **SGD** uses one learning rate for both directions. A rate large enough to make
# progress along the flat :math:`x` direction overshoots along the steep :math:`y`
# direction: each step multiplies the distance to :math:`y = 1` by
# :math:`1 - 2 \cdot 0.9 = -0.8`, so the path zig-zags, and along :math:`x` it only
# shrinks by :math:`1 - 0.1 \cdot 0.9 = 0.91` per step.
#
# **Momentum** accumulates the gradients: the velocity that builds up along :math:`x`
# carries the point far past the minimum, and it keeps swinging across the valley
# along :math:`y` as well. **Nesterov** momentum adds the look-ahead term
# :math:`\mu b_t` to the step, which acts as a brake on oscillations: it still
# overshoots along :math:`x`, but its swings along :math:`y` die out quickly. From step
# 20 on, the largest distance to the line :math:`y = 1`:
#
# >>> def swing(name):
# ...     return round((paths[name][20:, 1] - 1).abs().max().item(), 2)
# >>> swing("SGD, momentum"), swing("SGD, Nesterov")
# (0.7, 0.08)
#
# **Adagrad, RMSprop and Adam** divide each coordinate's step by the size of that
# coordinate's past gradients. At the start both coordinates therefore move by the same
# amount, whatever their gradients: the first steps go along the diagonal, not down the
# steepest slope. Once :math:`y` is near 1 the remaining steps go along :math:`x`. Adam
# adds momentum to this and overshoots a little before circling in.
#
# The first step of each adaptive method, in numbers: Adagrad and Adam move each
# coordinate by exactly ``lr`` (Adam thanks to its bias correction), while RMSprop,
# which has no bias correction, moves by :math:`\eta / \sqrt{1 - \alpha} = 10\,\eta`
# with the default :math:`\alpha = 0.99`:
#
# >>> for name in ("Adagrad", "RMSprop", "Adam"):
# ...     print(name, (paths[name][1] - paths[name][0]).tolist())
# Adagrad [1.0, 1.0]
# RMSprop [1.0, 1.0]
# Adam [0.3, 0.3]
#
# **AdamW** with ``weight_decay=0.5`` shrinks the point towards the origin at every step,
# which slows its approach: after the 50 steps it is still far from :math:`(2, 1)`, and
# it is still moving, as a run of 200 steps shows:
#
# >>> [round(c, 1) for c in paths["AdamW"][-1].tolist()]
# [1.1, 0.8]
# >>> [round(c, 1) for c in trajectory(AdamW, configs["AdamW"][1], steps=200)[-1].tolist()]
# [1.3, 0.9]
#
# A weight decay this large is only for the picture; on a network it keeps the weights
# small, which is its purpose. The values of :math:`f` after the 50 steps, rounded to
# one significant digit, summarise the race on this function:
#
# >>> {name: f"{f(*path[-1]).item():.0e}" for name, path in paths.items()}
# {'SGD': '1e-04', 'SGD, momentum': '1e-02', 'SGD, Nesterov': '4e-03', 'Adagrad': '3e-04', 'RMSprop': '1e-04', 'Adam': '4e-03', 'AdamW': '8e-02'}
#
# Do not read a ranking of the optimizers into this. With other learning rates, another
# function or a noisy gradient the order changes; what carries over are the behaviours:
# one global step size struggles with directions of different curvature, momentum
# speeds up and overshoots, adaptive methods rescale each coordinate, and decoupled
# weight decay pulls towards zero.
#
# Summary
# -------
# * Plain SGD zig-zags across steep directions and crawls along flat ones, because one
#   learning rate serves both.
# * Momentum carries velocity: faster along consistent gradients, with overshoot;
#   Nesterov's look-ahead damps the oscillation.
# * Adagrad, RMSprop and Adam normalise each coordinate by its gradient history, so
#   their first steps have (nearly) equal size in every coordinate.
# * Weight decay (here AdamW's) pulls the parameters towards zero, away from the pure
#   minimum of the loss.
