"""
Batch, stochastic and mini-batch gradient descent
=================================================

The three classic forms of :term:`gradient descent` use the same update rule and differ
only in how many samples produce each gradient: all of them (batch), one
(:term:`stochastic <stochastic gradient descent>`) or a few
(:term:`mini-batch <mini-batch gradient descent>`). This page runs all three on one
linear-regression problem, plots their loss curves per :term:`epoch` and per update, and
shows that ``torch.optim.SGD`` does not decide which of the three you get: the batch you
feed it does.
"""

import matplotlib.pyplot as plt
import torch
from torch import nn

torch.manual_seed(0)

# %%
# One problem for all three
# -------------------------
# 64 noisy samples of the line :math:`y = 3x - 1`, and a model with one weight and one
# bias. Because the loss (the mean squared error) is a quadratic in the two parameters,
# the best possible loss can be computed in closed form by least squares. It is the
# floor that no optimizer can go below on these data, and its height is set by the
# noise.

n = 64
x = torch.randn(n, 1)
y = 3 * x - 1 + 0.5 * torch.randn(n, 1)

design = torch.cat([x, torch.ones(n, 1)], dim=1)
best = torch.linalg.lstsq(design, y).solution
floor = nn.functional.mse_loss(design @ best, y).item()
print(f"least-squares weight {best[0].item():.3f}, bias {best[1].item():.3f}, loss {floor:.4f}")

# %%
# >>> [round(v, 2) for v in best.flatten().tolist()]
# [2.92, -0.99]
#
# The three steps of an update
# ----------------------------
# Every variant performs the same three steps on its batch of :math:`B` samples:
#
# 1. compute the gradient of the loss of each sample, :math:`\nabla \ell_i(\theta)`;
# 2. average them, :math:`g = \frac{1}{B}\sum_{i=1}^{B} \nabla \ell_i(\theta)`;
# 3. step against the average, :math:`\theta \leftarrow \theta - \eta\, g`.
#
# In PyTorch steps 1 and 2 are one call: the gradient of the batch's *mean* loss is the
# mean of the per-sample gradients, because differentiation is linear. Here it is
# checked on a batch of 8 samples, one ``backward()`` per sample against one for the
# batch:

model = nn.Linear(1, 1)
loss_fn = nn.MSELoss()

per_sample = []
for i in range(8):
    model.zero_grad()
    loss_fn(model(x[i : i + 1]), y[i : i + 1]).backward()
    per_sample.append(model.weight.grad.clone())
average_of_gradients = torch.stack(per_sample).mean(dim=0)

model.zero_grad()
loss_fn(model(x[:8]), y[:8]).backward()
print(average_of_gradients, model.weight.grad)

# %%
# >>> torch.allclose(average_of_gradients, model.weight.grad)
# True
#
# So the only thing that distinguishes the variants is :math:`B`:
#
# * :term:`batch gradient descent` (BGD): :math:`B = n`, one update per pass over the data;
# * **stochastic gradient descent** (SGD): :math:`B = 1`, :math:`n` updates per pass;
# * **mini-batch gradient descent** (MBGD): :math:`1 < B < n`, :math:`n / B` updates
#   per pass. This is what "SGD" means in practice.
#
# One pass over the data is an :term:`epoch`.

# %%
# Running the three
# -----------------
# One function trains a fresh model (the same initial weights every time) with a given
# batch size. Each epoch visits the samples in a new random order drawn from a seeded
# :term:`generator`, and after every update the loss on the *whole* data set is
# recorded, so that the curves are comparable.


def train(batch_size, lr=0.05, epochs=10):
    torch.manual_seed(1)
    model = nn.Linear(1, 1)
    optimizer = torch.optim.SGD(model.parameters(), lr=lr)
    order = torch.Generator().manual_seed(2)
    history = []
    for _ in range(epochs):
        for batch in torch.randperm(n, generator=order).split(batch_size):
            optimizer.zero_grad()
            loss_fn(model(x[batch]), y[batch]).backward()
            optimizer.step()
            with torch.no_grad():
                history.append(loss_fn(model(x), y).item())
    return history


runs = {"batch (B = 64)": train(n), "mini-batch (B = 8)": train(8), "stochastic (B = 1)": train(1)}
for name, history in runs.items():
    print(f"{name:20} {len(history):5} updates, final loss {history[-1]:.4f}")

# %%
# Ten epochs give 10, 80 and 640 updates:
#
# >>> [len(history) for history in runs.values()]
# [10, 80, 640]
#
# Plotted against epochs (left), the many small steps pay off: the stochastic run
# reaches the floor within the first epoch and the mini-batch run within about four,
# while batch gradient descent, with one update per epoch, is still far from it after
# ten. Plotted against updates (right, logarithmic), the
# three curves fall at a similar rate at first: with a small learning rate, a step
# along the gradient of a few samples is almost as useful as a step along the exact
# gradient. What the small batches pay is noise: the stochastic run never settles,
# because every update chases a different single sample.

fig, (ax_epochs, ax_updates) = plt.subplots(1, 2, figsize=(10, 3.8), layout="constrained")
for name, history in runs.items():
    updates_per_epoch = len(history) / 10
    epochs = [(k + 1) / updates_per_epoch for k in range(len(history))]
    ax_epochs.plot(epochs, history, label=name)
    ax_updates.plot(range(1, len(history) + 1), history, label=name)
for ax in (ax_epochs, ax_updates):
    ax.axhline(floor, color="black", linestyle=":", label="least-squares floor")
    ax.set_yscale("log")
    ax.set_ylabel("loss on all samples")
ax_epochs.set_xlabel("epoch")
ax_updates.set_xlabel("update")
ax_updates.set_xscale("log")
ax_epochs.set_title("Same data, same learning rate")
ax_updates.set_title("Progress per update")
ax_updates.legend()
plt.show()

# %%
# The numbers behind the figure: after 10 epochs the batch run is still well above the
# floor, the mini-batch run is on it, and the stochastic run fluctuates just above it
# (over the last epoch its loss varies far more than the mini-batch run's):
#
# >>> round(floor, 3)
# 0.26
# >>> [round(history[-1], 2) for history in runs.values()]
# [0.95, 0.26, 0.27]
#
# The loss at the end of each of the first four epochs: the stochastic run is on the
# floor after the first, the mini-batch run after the fourth:
#
# >>> def epoch_ends(name, epochs=4):
# ...     h = runs[name]
# ...     return [round(h[len(h) // 10 * (e + 1) - 1], 2) for e in range(epochs)]
# >>> epoch_ends("stochastic (B = 1)")[0], epoch_ends("mini-batch (B = 8)")
# (0.26, [1.3, 0.43, 0.29, 0.27])
# >>> last_epoch = {name: torch.tensor(h[-len(h) // 10 :]) for name, h in runs.items()}
# >>> bool(last_epoch["stochastic (B = 1)"].std() > 10 * last_epoch["mini-batch (B = 8)"].std())
# True
#
# Mini-batches are the usual compromise: their gradient is an average over :math:`B`
# samples, so its noise shrinks, and a batch of samples is computed in one vectorised
# call, which makes an epoch far cheaper in time than :math:`n` single-sample steps.
#
# .. pitfall:: ``torch.optim.SGD`` does not pick samples; the batch decides the variant
#
#    Notes define SGD as "one sample per update", while their training code feeds
#    ``torch.optim.SGD`` batches of 128 samples, which leaves the impression that the
#    class itself picks samples at random. It does not: ``optimizer.step()`` only
#    applies :math:`\theta \leftarrow \theta - \eta\, g` to
#    the gradient that ``backward()`` left in ``.grad``. Fed the whole data set it
#    performs batch gradient descent, fed one sample it performs stochastic gradient
#    descent; the randomness comes from the order in which *you* (or a ``DataLoader``
#    with ``shuffle=True``) pick the batches.
#
#    >>> model = nn.Linear(1, 1)
#    >>> w0 = model.weight.detach().clone()
#    >>> loss_fn(model(x), y).backward()
#    >>> by_hand = w0 - 0.1 * model.weight.grad
#    >>> torch.optim.SGD(model.parameters(), lr=0.1).step()
#    >>> torch.equal(model.weight.detach(), by_hand)
#    True

# %%
# Flat regions slow gradient descent down; they do not stop it
# ------------------------------------------------------------
# Gradient descent has no stopping rule of its own: it takes steps of size
# :math:`\eta \lVert g \rVert` for as long as the loop runs. Where the gradient is nearly
# zero the steps are tiny, so progress *looks* finished, but the iteration goes on. A
# :term:`saddle point` shows this. :math:`f(u, v) = u^2 + v^4/4 - v^2/2` has a saddle at the
# origin and its minima at :math:`v = \pm 1`. Started a hair away from the saddle, the
# iterates first crawl, then leave and reach a minimum; started *exactly* on the line
# :math:`v = 0`, the gradient never points away from the saddle and the iterates
# converge to it.


def saddle_descent(v0, steps, lr=0.1):
    point = torch.tensor([1.0, v0], dtype=torch.float64, requires_grad=True)
    for _ in range(steps):
        u, v = point
        f = u**2 + v**4 / 4 - v**2 / 2
        point.grad = None
        f.backward()
        with torch.no_grad():
            point -= lr * point.grad
    return point.detach()


for steps in (20, 60, 150):
    print(steps, saddle_descent(1e-3, steps))
print("exactly on v = 0:", saddle_descent(0.0, 150))

# %%
# After 20 steps the iterate is still next to the saddle; after 150 it has reached the
# minimum :math:`(0, 1)`:
#
# >>> round(saddle_descent(1e-3, 20)[1].item(), 4)
# 0.0067
# >>> [round(c, 4) for c in saddle_descent(1e-3, 150).tolist()]
# [0.0, 1.0]
# >>> saddle_descent(0.0, 150)[1].item()
# 0.0
#
# .. pitfall:: A small gradient slows gradient descent down; it does not end it
#
#    Notes claim that in a flat region the algorithm "misjudges" the situation, "ends
#    the iteration early" and is trapped in a local minimum, and that a constant
#    learning rate easily gets it "stuck" at saddle points. Plain gradient descent
#    never ends by itself: near a flat region or a saddle it moves slowly, which costs
#    steps and can fool a stopping rule that *you* wrote (for example "stop when the
#    loss changes by less than 1e-6"). A saddle captures only iterates that lie
#    exactly on its attracting set (here the line :math:`v = 0`); a perturbation off
#    that set, such as the noise of mini-batch gradients, lets them escape. And a flat
#    region is not in itself a local minimum.
#
#    >>> bool(saddle_descent(1e-3, 150)[1] > 0.99)
#    True
#
# Summary
# -------
# * Batch, stochastic and mini-batch gradient descent share the update
#   :math:`\theta \leftarrow \theta - \eta\, g`; only the number of samples behind
#   :math:`g` differs. The gradient of a mean loss is the mean of the per-sample
#   gradients.
# * Per epoch, small batches make far more progress, at the price of noise; per update,
#   the exact gradient of a full batch is only slightly better here. Mini-batches are
#   the practical middle ground.
# * ``torch.optim.SGD`` applies the update to whatever gradient you computed: the batch
#   size you choose (usually a ``DataLoader``'s) makes it batch, stochastic or
#   mini-batch gradient descent.
# * Flat regions and saddle points slow gradient descent down; they do not stop it.
