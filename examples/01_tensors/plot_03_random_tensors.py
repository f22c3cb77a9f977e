"""
Random tensors: rand, randn and randint
=======================================

Random tensors initialise weights, shuffle data and add noise. PyTorch's three basic
samplers differ in *what* they draw: ``torch.rand``
:term:`uniform <uniform distribution>` floats in [0, 1), ``torch.randn`` floats from the
standard :term:`normal distribution`, and ``torch.randint`` integers in [low, high). A
histogram of each makes the difference plain.
"""

import matplotlib.pyplot as plt
import torch

torch.manual_seed(0)  # the same numbers on every run; see the next page

# %%
# The shape is the list of sizes
# ------------------------------
# Like ``torch.zeros``, the samplers take a shape. Each number in the shape adds a
# dimension; prepending a number stacks copies of what follows. Image code names the
# dimensions by convention: ``(batch, channel, height, width)``, often written NCHW.

widths = torch.rand(4)  # (width,)
image = torch.rand(2, 4)  # (height, width)
rgb_image = torch.rand(3, 2, 4)  # (channel, height, width)
batch = torch.rand(2, 3, 2, 4)  # (batch, channel, height, width)
print(image)

# %%
# >>> widths.shape, image.shape, rgb_image.shape, batch.shape
# (torch.Size([4]), torch.Size([2, 4]), torch.Size([3, 2, 4]), torch.Size([2, 3, 2, 4]))
# >>> batch.ndim
# 4
#
# The names are only a convention for reading code: to PyTorch, every dimension is just
# a size. A layer such as ``nn.Conv2d`` is what gives them a meaning.

# %%
# Three samplers, three distributions
# -----------------------------------
# Draw 100,000 numbers from each and look at their histograms.

n = 100_000
uniform = torch.rand(n)
normal = torch.randn(n)
dice = torch.randint(1, 7, (n,))  # low=1 (included) to high=7 (excluded)

fig, axes = plt.subplots(1, 3, figsize=(9, 3), layout="constrained")
axes[0].hist(uniform.numpy(), bins=50, color="tab:blue")
axes[0].set_title("torch.rand: uniform, [0, 1)")
axes[1].hist(normal.numpy(), bins=50, color="tab:orange")
axes[1].set_title("torch.randn: standard normal")
axes[2].hist(dice.numpy(), bins=torch.arange(0.5, 7.5, 1.0).numpy(), color="tab:green", rwidth=0.8)
axes[2].set_title("torch.randint(1, 7): 1..6")
for ax in axes:
    ax.set_ylabel("count")
plt.show()

# %%
# The histograms match the definitions, and so do the numbers:
#
# >>> bool(uniform.min() >= 0.0), bool(uniform.max() < 1.0)
# (True, True)
# >>> round(normal.mean().item(), 1), round(normal.std().item(), 1)
# (0.0, 1.0)
# >>> dice.unique()
# tensor([1, 2, 3, 4, 5, 6])
# >>> uniform.dtype, normal.dtype, dice.dtype
# (torch.float32, torch.float32, torch.int64)
#
# ``randint`` never returns ``high``: ``torch.randint(1, 7, ...)`` is a die. With one
# bound, ``torch.randint(high, size)`` starts at 0. Note that the shape must be passed
# as one tuple or list here, not as separate integers, because the positional integers
# are already taken by the bounds.
#
# >>> torch.randint(3, (10,)).max().item() < 3
# True
# >>> torch.randint(3, [10]).shape
# torch.Size([10])
# >>> torch.randint(3, 10)
# Traceback (most recent call last):
#     ...
# TypeError: randint(): argument 'size' (position 2) must be tuple of ints, not int
#
# .. pitfall:: ``torch.rand`` includes 0 and excludes 1
#
#    Notes often describe ``torch.rand`` as sampling "from the interval (0, 1)" and
#    ``torch.randint(low, high)`` as "from (low, high)". The documentation defines both
#    intervals as half-open: ``rand`` draws from a uniform distribution "on the
#    interval [0, 1)", ``randint`` between ``low`` "(inclusive)" and ``high``
#    "(exclusive)". So 0 is a possible value of ``rand`` and 1 is not, and ``high``
#    never appears. On the CPU a ``float32`` draw is one of the 2**24 equally spaced
#    values k / 2**24 (k = 0, 1, …, 2**24 - 1), so exactly 0 comes up about once in 17
#    million draws: rare, but code that takes the ``log`` of ``torch.rand`` output will
#    meet ``log(0) = -inf`` sooner or later. The seeded generator below draws a 0 at
#    position 3997.
#
#    >>> "interval :math:`[0, 1)`" in torch.rand.__doc__, "(exclusive)" in torch.randint.__doc__
#    (True, True)
#    >>> u = torch.rand(4000, generator=torch.Generator().manual_seed(2313))
#    >>> (u == 0).nonzero().flatten(), bool(u.max() < 1)
#    (tensor([3997]), True)
#    >>> torch.equal(u * 2**24, (u * 2**24).round())  # every value is k / 2**24
#    True
#    >>> u.log().min()
#    tensor(-inf)
#    >>> torch.randint(0, 2, (1000,)).unique()
#    tensor([0, 1])

# %%
# Other distributions
# -------------------
# Shift and scale ``randn`` for any normal distribution, or use ``torch.normal``; use
# ``torch.randperm`` for a random ordering (shuffling indices) and the in-place methods
# such as ``uniform_`` to refill an existing tensor.

heights = 170 + 10 * torch.randn(5)  # mean 170, standard deviation 10
order = torch.randperm(5)
weights = torch.empty(2, 3).uniform_(-0.1, 0.1)
print(heights, order, weights, sep="\n")

# %%
# >>> sorted(order.tolist())
# [0, 1, 2, 3, 4]
# >>> bool(weights.abs().max() <= 0.1)
# True
#
# Summary
# -------
# * ``rand``: uniform floats in [0, 1). ``randn``: standard normal floats.
#   ``randint(low, high, size)``: integers in [low, high), dtype ``int64``.
# * The shape's numbers are sizes; names like batch, channel, height, width are a
#   convention of the code that uses them.
