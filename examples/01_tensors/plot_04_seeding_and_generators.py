"""
Seeding: reproducible random numbers
====================================

The numbers from ``torch.rand`` look random but are computed: a
:term:`pseudo-random number generator` (PRNG) turns a starting value, the
:term:`seed <random seed>`, into a long fixed sequence. Setting
the seed replays the sequence, which is what makes an experiment repeatable. This page
shows ``torch.manual_seed``, ``torch.initial_seed``, saving and restoring the generator
state, and private ``torch.Generator`` objects.
"""

import torch

# %%
# Same seed, same numbers
# -----------------------
# ``torch.manual_seed(s)`` resets PyTorch's global CPU :term:`generator` (and those of
# all GPUs) to the start of the sequence for seed ``s``.

torch.manual_seed(42)
first = torch.rand(3)
torch.manual_seed(42)
second = torch.rand(3)
third = torch.rand(3)  # no reseed: the sequence continues
print(first, second, third, sep="\n")

# %%
# >>> torch.equal(first, second)
# True
# >>> torch.equal(second, third)
# False
#
# Reseeding replays the sequence from its start; without it each call continues where
# the last one stopped. ``torch.random.manual_seed``, which some notes use, seeds the
# same global generator:
#
# >>> _ = torch.random.manual_seed(42)
# >>> torch.equal(torch.rand(3), first)
# True

# %%
# Which seed is in use?
# ---------------------
# ``torch.initial_seed()`` returns the seed the global generator was last seeded with.
# At start-up PyTorch picks a seed that cannot be predicted (on Linux and macOS it reads
# it from ``/dev/urandom``, on Windows it derives it from a high-resolution clock), so
# every fresh process has a different seed; after ``manual_seed`` it is that seed.

torch.manual_seed(100)
print("seed in use:", torch.initial_seed())

# %%
# >>> torch.initial_seed()
# 100
#
# .. pitfall:: There is no ``torch.random.init_seed``
#
#    One set of notes lists ``torch.random.init_seed`` next to ``manual_seed``. The
#    function that reads the seed is ``initial_seed``; ``init_seed`` does not exist.
#
#    >>> torch.random.init_seed()
#    Traceback (most recent call last):
#        ...
#    AttributeError: module 'torch.random' has no attribute 'init_seed'

# %%
# Saving and restoring the state
# ------------------------------
# The generator's full state is a tensor of bytes. Saving it and restoring it later
# replays exactly the numbers that would have come next, without reseeding.

state = torch.get_rng_state()
before = torch.randn(2)
torch.set_rng_state(state)
after = torch.randn(2)

# %%
# >>> torch.equal(before, after)
# True
# >>> state.dtype
# torch.uint8

# %%
# Private generators
# ------------------
# Every sampler takes a ``generator=`` argument. A ``torch.Generator`` of your own is a
# separate stream: drawing from it does not move the global generator, so two parts of a
# program (for example data shuffling and weight initialisation) cannot disturb each
# other's sequences.

shuffle_rng = torch.Generator().manual_seed(7)
torch.manual_seed(0)
a = torch.rand(2)
torch.manual_seed(0)
torch.randperm(10, generator=shuffle_rng)  # uses the private stream only
b = torch.rand(2)

# %%
# >>> torch.equal(a, b)
# True
# >>> shuffle_rng.initial_seed()
# 7
#
# Seed a private generator yourself: unlike the global one, a new ``torch.Generator``
# always starts from the same fixed seed, so two unseeded generators give the same
# numbers.
#
# >>> torch.Generator().initial_seed()
# 67280421310721
# >>> torch.equal(torch.rand(3, generator=torch.Generator()),
# ...             torch.rand(3, generator=torch.Generator()))
# True
#
# Are there "true" random numbers?
# --------------------------------
# A PRNG is deterministic by design: the same seed always gives the same sequence, which
# is exactly why seeding works. Operating systems also collect *unpredictable* bits
# from hardware events and hand them to programs (``/dev/urandom`` on Linux and macOS,
# ``os.urandom`` in Python); that is where PyTorch takes its start-up seed from on Linux
# and macOS. Deep-learning code wants the PRNG's repeatability, so it seeds explicitly.
#
# .. pitfall:: A seed makes a run repeatable, not portable
#
#    ``torch.manual_seed`` gives the same numbers for the same program on the same
#    PyTorch version and device. The CPU and CUDA generators produce *different*
#    sequences for the same seed, some GPU operations are non-deterministic
#    (``torch.use_deterministic_algorithms(True)`` makes them use a deterministic
#    algorithm where one exists and raise an error where none does), and a new PyTorch
#    release may change a sampler. Python's ``random`` and NumPy have generators of
#    their own that ``torch.manual_seed`` does not touch (and ``random.rand()``, which
#    one set of notes uses, does not exist: it is ``random.random()``).
#
#    >>> import random
#    >>> hasattr(random, "rand"), hasattr(random, "random")
#    (False, True)
#
# Summary
# -------
# * ``torch.manual_seed(s)`` makes the following random numbers repeatable;
#   ``torch.initial_seed()`` reports the seed in use.
# * ``get_rng_state`` / ``set_rng_state`` save and replay the global generator.
# * A ``torch.Generator`` passed as ``generator=`` is an independent stream.
