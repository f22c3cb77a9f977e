"""
DataLoader workers, measured: num_workers, seeds, prefetching and pin_memory
============================================================================

With ``num_workers=0`` the training loop waits while each batch is read and prepared.
With ``num_workers > 0`` the ``DataLoader`` starts :term:`worker processes <worker
process>` that prepare the next batches in parallel. This page measures what that buys
on the machine that built it, for data that waits (I/O), data that computes and data
already in memory; shows how work and random seeds are handed to the workers, how an
iterable dataset is split between them, what ``prefetch_factor`` and
``persistent_workers`` do and which warnings PyTorch prints; checks the claims of study
notes about workers; and explains :term:`pinned memory`.
"""

import collections
import multiprocessing
import os
import random
import re
import time
import traceback
import warnings

import matplotlib.pyplot as plt
import numpy as np
import torch
from torch.utils.data import DataLoader, Dataset, IterableDataset, TensorDataset, get_worker_info

# CPUs this process may run on: what DataLoader itself compares num_workers against
CPUS = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
print(f"CPUs available to this process: {CPUS}")

# Options for every loader with workers on this page (explained below)
WORKERS = {
    "timeout": 60,  # seconds a batch may take in a worker before the loader gives up
    "multiprocessing_context": multiprocessing.get_context("fork"),  # see "own copy"
}

# %%
# Three kinds of data
# -------------------
# What workers buy depends on what ``__getitem__`` spends its time on. Three datasets of
# 24 samples cover the cases:
#
# * ``Waiting`` sleeps for 2 ms per sample, standing in for reading a file from disk or
#   a network, where the CPU is idle while it waits;
# * ``Computing`` runs a pure-Python loop of about a millisecond per sample, standing in
#   for decoding or augmenting an image, where the CPU is busy;
# * ``InMemory`` returns a row of a tensor, as ``TensorDataset`` does: almost no work.


class Waiting(Dataset):
    def __len__(self):
        return 24

    def __getitem__(self, index):
        time.sleep(0.002)
        return torch.tensor(index)


class Computing(Dataset):
    def __len__(self):
        return 24

    def __getitem__(self, index):
        total = 0
        for k in range(20_000):
            total += k * k
        return torch.tensor(index)


class InMemory(Dataset):
    def __init__(self):
        self.rows = torch.arange(24)

    def __len__(self):
        return 24

    def __getitem__(self, index):
        return self.rows[index]


# %%
# Throughput for 0, 1, 2, 4 and 8 workers
# ---------------------------------------
# Two numbers per setting, with batches of 3 (8 batches per epoch). First the
# *start-up*: the time from creating the iterator, which starts the workers, to the
# first batch. Then the *steady state*: the time of the second complete epoch, once the
# first one has run to its end (``persistent_workers=True`` keeps the workers alive
# between the two, see below). Timing an epoch right after breaking the first one off
# would not do: the workers would first have to finish the batches they had prefetched
# for it. A training loop pays the start-up once per epoch unless the workers persist.
# The ``timeout`` in ``WORKERS`` bounds the wait for any batch, so that a stuck worker
# raises an error instead of hanging the program. (These are timings of the machine
# that built this page: they change from run to run and are printed, never tested.)

WORKER_COUNTS = [0, 1, 2, 4, 8]


def measure(dataset, num_workers):
    """Seconds to the first batch, and seconds for the second epoch."""
    options = WORKERS if num_workers else {}
    loader = DataLoader(dataset, batch_size=3, num_workers=num_workers,
                        persistent_workers=num_workers > 0, **options)
    start = time.perf_counter()
    first_epoch = iter(loader)
    next(first_epoch)
    first_batch = time.perf_counter() - start
    for _ in first_epoch:  # finish the first epoch, untimed
        pass
    start = time.perf_counter()
    for _ in loader:  # the second epoch, with the same workers
        pass
    return first_batch, time.perf_counter() - start  # the workers stop with the loader


cases = {  # name: (dataset, worker counts to measure)
    "waiting": (Waiting(), WORKER_COUNTS),
    "computing": (Computing(), WORKER_COUNTS),
    "in memory": (InMemory(), WORKER_COUNTS[:3]),  # enough to see the trend
}
timings = {}
with warnings.catch_warnings(record=True) as measurement_warnings:
    warnings.simplefilter("always")
    for name, (dataset, counts) in cases.items():
        timings[name] = [measure(dataset, n) for n in counts]

print(f"{'num_workers':>22}" + "".join(f"{n:>8}" for n in WORKER_COUNTS))
for name, rows in timings.items():
    print(f"{name + ', epoch (s)':>22}" + "".join(f"{epoch:8.3f}" for _, epoch in rows))
for name, rows in timings.items():
    print(f"{name + ', start (s)':>22}" + "".join(f"{first:8.3f}" for first, _ in rows))

# %%
# The speed-up is the epoch time without workers divided by the epoch time with them
# (above 1: faster; note the logarithmic scale). The right panel shows the start-up of
# the waiting data: creating the workers, plus about 6 ms to load the three samples of
# the first batch. The dotted lines mark the number of CPUs.

fig, (left, right) = plt.subplots(1, 2, figsize=(9, 3.6), layout="constrained")
for (name, rows), marker in zip(timings.items(), "osd"):
    speedup = [rows[0][1] / epoch for _, epoch in rows]
    left.plot(WORKER_COUNTS[: len(rows)], speedup, marker=marker, label=name)
left.axhline(1, color="grey", linewidth=0.8)
left.set_yscale("log")
left.set_ylabel("speed-up over num_workers=0")
left.set_title("Steady state: one epoch of 24 samples")
left.legend(fontsize="small")
right.plot(WORKER_COUNTS, [1000 * first for first, _ in timings["waiting"]], marker="o")
right.set_ylabel("time to first batch (ms)")
right.set_title("Start-up: creating the workers")
for ax in (left, right):
    ax.axvline(CPUS, color="grey", linestyle=":", linewidth=1)
    ax.set_xlabel("num_workers")
plt.show()

# %%
# What the measurements show:
#
# * **Waiting data** gains the most. A sleeping worker uses no CPU, so several workers
#   wait in parallel, and the speed-up can keep growing past the number of CPUs: with
#   :math:`w` workers, up to :math:`w` samples are being waited for at the same time.
# * **Computing data** can at best be spread over the CPUs there are: no more than
#   ``CPUS`` samples can be computed at the same time, so the speed-up cannot exceed
#   the number of CPUs (and the main process needs some CPU too). Workers beyond that
#   number only add overhead. On a machine whose CPUs are busy with other work, the
#   gain is smaller still.
# * **Data in memory** gets *slower* with workers. Each batch now travels from a worker
#   to the main process through shared memory and a queue, which costs far more than
#   the indexing it replaces. ``num_workers=0`` is the right setting for a
#   ``TensorDataset``.
# * **Start-up** grows with the number of workers, and a plain ``DataLoader`` pays it
#   in every epoch, because each ``iter(loader)`` starts new worker processes.
#
# The advice this supports: keep ``num_workers=0`` for data in memory; for data that
# must be read or decoded, try a few values up to the number of CPUs, and more only when
# loading mostly waits; use ``persistent_workers=True`` when epochs are short. And
# measure on the machine that trains, since the answer depends on it.
#
# PyTorch prints a warning of its own
# -----------------------------------
# On a machine with fewer than 8 CPUs, the measurement above made PyTorch warn that the
# loader will create more worker processes than there are CPUs. The warnings it
# collected:

for message in sorted({str(w.message) for w in measurement_warnings}) or ["(no warning)"]:
    print(message)

# %%
# The check runs when a loader is created and when it starts new workers, and compares
# ``num_workers`` with the number of CPUs this process may run on
# (``os.sched_getaffinity`` where it exists, which respects ``taskset`` and a
# container's cpuset, but not a CPU quota such as ``docker --cpus``). One worker more
# than that triggers it on any machine:

with warnings.catch_warnings(record=True) as caught:
    warnings.simplefilter("always")
    DataLoader(InMemory(), num_workers=CPUS + 1)  # creating a loader starts no process
print(caught[0].message)

# %%
# >>> print(caught[0].message)  # doctest: +ELLIPSIS
# This DataLoader will create ... worker processes in total. Our suggested max number of worker in current system is ..., which is smaller than what this DataLoader is going to create. Please be aware that excessive worker creation might get DataLoader running slow or even freeze, lower the worker number to avoid potential slowness/freeze if necessary.
#
# .. pitfall:: PyTorch suggests at most one worker per available CPU, not two to four
#
#    Notes recommend setting ``num_workers`` to "2 to 4 times the number of CPU
#    cores". PyTorch's own check warns as soon as ``num_workers`` exceeds the number of
#    CPUs the process may use, and the measurements above show why: for work that keeps
#    the CPU busy, more workers than CPUs cannot run at the same time. Only loading that
#    mostly *waits* (slow disks, network storage) profits from more workers than CPUs.
#    Start from ``num_workers`` equal to the number of CPUs (minus one or two for the
#    main process when it is busy), and measure.
#
#    >>> message = str(caught[0].message)
#    >>> f"create {CPUS + 1} worker processes" in message, f"current system is {CPUS}," in message
#    (True, True)

# %%
# Who loads which batch
# ---------------------
# The main process sends the index lists of whole batches to the workers, in turn:
# batch 0 to worker 0, batch 1 to worker 1, and so on, round-robin. Each worker loads
# and collates a complete batch and puts it on a result queue; the main process hands
# the batches out in the sampler's order, holding back a batch that arrives early until
# its turn. Both hold with the default ``in_order=True``; with ``in_order=False`` an
# index list goes to the next worker that has room for it, and batches are handed out
# as they arrive. Inside a worker,
# :func:`torch.utils.data.get_worker_info` says which worker it is; in the main process
# it returns ``None``.


class WhoLoadsMe(Dataset):
    def __len__(self):
        return 12

    def __getitem__(self, index):
        info = get_worker_info()
        return torch.tensor([index, -1 if info is None else info.id])


order = list(DataLoader(WhoLoadsMe(), batch_size=2, num_workers=2, **WORKERS))
for batch in order:
    print(f"samples {batch[:, 0].tolist()} loaded by worker {batch[:, 1].unique().item()}")

# %%
# >>> [batch[0, 1].item() for batch in order]
# [0, 1, 0, 1, 0, 1]
# >>> [i for batch in order for i in batch[:, 0].tolist()] == list(range(12))
# True
# >>> print(get_worker_info())
# None
#
# Workers prefetch, up to a limit
# -------------------------------
# Each worker may hold ``prefetch_factor`` batches in advance, so at most
# ``prefetch_factor * num_workers`` batches are in flight. When the iterator is created
# it sends that many index lists at once, and one more each time it hands a batch to
# the loop. To see the limit, let each worker count the samples it loads, in a
# tensor placed in shared memory so that the main process can read the counts, take one
# batch and wait until the workers stop:


class Counting(Dataset):
    """Counts, per worker, how many samples were loaded."""

    def __init__(self, num_workers):
        self.loaded = torch.zeros(num_workers, dtype=torch.int64).share_memory_()

    def __len__(self):
        return 64

    def __getitem__(self, index):
        self.loaded[get_worker_info().id] += 1
        return torch.tensor(index)


def loaded_after_one_batch(prefetch_factor, num_workers=2, batch_size=4):
    dataset = Counting(num_workers)
    loader = DataLoader(dataset, batch_size=batch_size, num_workers=num_workers,
                        prefetch_factor=prefetch_factor, **WORKERS)
    batches = iter(loader)
    next(batches)
    expected = (prefetch_factor * num_workers + 1) * batch_size
    deadline = time.monotonic() + WORKERS["timeout"]
    while dataset.loaded.sum() < expected and time.monotonic() < deadline:
        time.sleep(0.01)
    time.sleep(0.05)  # would the workers load more if they were allowed to?
    loaded = dataset.loaded.sum().item()
    del batches  # shuts the workers down
    return loaded


print("default prefetch_factor:", DataLoader(InMemory(), num_workers=2).prefetch_factor)
loaded = {factor: loaded_after_one_batch(factor) for factor in (1, 2)}
for factor, count in loaded.items():
    print(f"prefetch_factor={factor}: {count} of 64 samples loaded")

# %%
# With 2 workers and batches of 4, one batch taken, the workers loaded exactly
# :math:`(2 \cdot 2 + 1) \cdot 4 = 20` samples with the default factor of 2, and
# stopped there; with a factor of 1, :math:`(1 \cdot 2 + 1) \cdot 4 = 12`:
#
# >>> DataLoader(InMemory(), num_workers=2).prefetch_factor
# 2
# >>> loaded[2], loaded[1]
# (20, 12)
#
# ``prefetch_factor`` exists only for workers; the main process never prefetches:
#
# >>> DataLoader(InMemory(), prefetch_factor=2)
# Traceback (most recent call last):
#     ...
# ValueError: prefetch_factor option could only be specified in multiprocessing.let num_workers > 0 to enable multiprocessing, otherwise set prefetch_factor to None.
#
# .. pitfall:: Workers load whole batches ahead of time, never more than ``prefetch_factor × num_workers``
#
#    Notes describe the mechanism as workers filling memory with batches while the
#    loader "searches RAM" for the batch of the current iteration, and say that with
#    ``num_workers=0`` the loader also searches memory first. What happens is simpler:
#    with workers, each one loads the complete batches whose indices it was sent, at most
#    ``prefetch_factor`` of them ahead, and the main process waits on a queue for the
#    next batch in order; with ``num_workers=0`` nothing is loaded ahead at all, each
#    batch is loaded in the main process when the loop asks for it.
#
#    >>> loaded[1] == (1 * 2 + 1) * 4
#    True

# %%
# Every worker has its own copy of the dataset
# --------------------------------------------
# A worker is a separate process, so it works on a *copy* of the dataset object:
# attributes it changes are not seen by the main process or by the other workers
# (except, as above, a tensor placed in shared memory; see below for ``spawn``). This
# dataset counts its own calls and returns the count:


class CallCounter(Dataset):
    def __init__(self):
        self.calls = 0

    def __len__(self):
        return 8

    def __getitem__(self, index):
        self.calls += 1
        return torch.tensor(self.calls)


def two_epochs(persistent_workers):
    dataset = CallCounter()
    loader = DataLoader(dataset, batch_size=2, num_workers=2,
                        persistent_workers=persistent_workers, **WORKERS)
    epochs = [[batch.tolist() for batch in loader] for _ in range(2)]
    return epochs, dataset.calls


fresh_workers, calls_in_main = two_epochs(persistent_workers=False)
print("new workers each epoch:  ", fresh_workers, "calls seen by the main process:", calls_in_main)

# %%
# Worker 0 loads batches 0 and 2, worker 1 batches 1 and 3, each counting its own calls
# from 1. The main process's copy was never called:
#
# >>> fresh_workers
# [[[1, 2], [1, 2], [3, 4], [3, 4]], [[1, 2], [1, 2], [3, 4], [3, 4]]]
# >>> calls_in_main
# 0
#
# The second epoch counts from 1 again because it runs in *new* worker processes, which
# copy the dataset afresh. ``persistent_workers=True`` keeps the workers (and their
# copies) alive between epochs, which saves the start-up time measured above in every
# epoch after the first:

kept_workers, _ = two_epochs(persistent_workers=True)
print("persistent workers:      ", kept_workers)

# %%
# >>> kept_workers[1]
# [[5, 6], [5, 6], [7, 8], [7, 8]]
# >>> DataLoader(InMemory(), persistent_workers=True)
# Traceback (most recent call last):
#     ...
# ValueError: persistent_workers option needs num_workers > 0
#
# How the copy is made depends on how the workers are started. On Linux the default
# start method of Python 3.11 is ``fork``: the worker begins as a copy of the main
# process, whose memory pages are shared until either side writes to them. On Windows
# and macOS the default is ``spawn`` (and Python 3.14 uses ``forkserver`` on Linux
# too): each worker is a fresh interpreter that receives the dataset, the
# ``collate_fn`` and the ``worker_init_fn`` *pickled*. They must then be importable by
# name, which a ``lambda`` is not; the error appears as soon as the workers start, with
# a warning from PyTorch that explains it:


def first_error(loader):
    """Iterate over ``loader``; return the exception raised, as text."""
    try:
        for _ in loader:
            pass
    except Exception as error:  # noqa: BLE001 - shown, not handled
        # free the frames the traceback holds, so that the workers stop right away
        traceback.clear_frames(error.__traceback__)
        return f"{type(error).__name__}: {error}"


print("start method here:", torch.multiprocessing.get_start_method())
pickled = TensorDataset(torch.arange(8))
with warnings.catch_warnings(record=True) as caught:
    warnings.simplefilter("always")
    spawn_error = first_error(DataLoader(
        pickled, batch_size=2, num_workers=1, timeout=60,
        collate_fn=lambda batch: batch, multiprocessing_context="spawn"))
print(re.sub(r"0x[0-9a-f]+", "0x…", spawn_error))  # the address changes from run to run
print(caught[0].message)

# %%
# >>> print(spawn_error)  # doctest: +ELLIPSIS
# PicklingError: Can't pickle <function <lambda> at 0x...>: attribute lookup <lambda> on __main__ failed
# >>> print(caught[0].message)  # doctest: +ELLIPSIS
# Got pickle error when attempting to start a worker Process. This might be because the worker Process arguments are not picklable. ...
#
# The dataset comes before the ``collate_fn`` among the worker's arguments, so it was
# pickled before the error, and that left a trace: its tensor now lives in shared
# memory. PyTorch registers its own pickling for tensors with ``multiprocessing``: a
# tensor's storage is moved to shared memory and only a handle to it is sent, so that
# the workers share the tensor instead of receiving a copy:
#
# >>> torch.arange(8).is_shared(), pickled.tensors[0].is_shared()
# (False, True)
#
# With ``spawn`` and ``forkserver``, a class or function defined in the main script
# reaches the workers only by importing that script again in each worker, which is why
# such scripts must keep their top-level code under ``if __name__ == "__main__":``. The
# datasets of this page are classes defined in the page itself, so its loaders ask for
# ``fork`` explicitly, with ``multiprocessing_context`` (in ``WORKERS`` at the top):
# then they work the same whatever the default start method is, on any system that
# has ``fork`` (Windows does not).

# %%
# Random seeds in the workers
# ---------------------------
# Random data augmentation in ``__getitem__`` needs different random numbers in every
# worker. The loader takes care of it: each new iterator draws a *base seed* (from the
# loader's ``generator`` if one was given, otherwise from the global generator), and
# worker ``i`` seeds PyTorch and Python's ``random`` with ``base_seed + i`` and NumPy's
# global generator with a value derived from both, before it loads anything. The seed is
# available as ``get_worker_info().seed`` and as ``torch.initial_seed()`` inside the
# worker.


class RandomNumbers(Dataset):
    def __len__(self):
        return 4

    def __getitem__(self, index):
        return {
            "worker": get_worker_info().id,
            "seed": torch.initial_seed(),
            "torch": torch.rand(1).item(),
            "numpy": float(np.random.rand()),
            "random": random.random(),
        }


def worker_draws(seed):
    loader = DataLoader(RandomNumbers(), batch_size=2, num_workers=2,
                        generator=torch.Generator().manual_seed(seed), **WORKERS)
    return [batch for batch in loader]


draws, again = worker_draws(seed=0), worker_draws(seed=0)
for batch in draws:
    print({key: [round(v, 4) if isinstance(v, float) else v for v in values.tolist()]
           for key, values in batch.items()})

# %%
# The two workers got consecutive seeds and draw different numbers from all three
# libraries; a loader created with an equally seeded generator repeats them exactly:
#
# >>> seeds = [batch["seed"][0].item() for batch in draws]
# >>> seeds[1] - seeds[0]
# 1
# >>> [bool((draws[0][key] != draws[1][key]).all()) for key in ("torch", "numpy", "random")]
# [True, True, True]
# >>> all(torch.equal(a[key], b[key]) for a, b in zip(draws, again) for key in a)
# True
#
# Older PyTorch versions did not reseed NumPy in the workers, so every worker produced
# the same NumPy "random" augmentations. Since PyTorch 1.9 the workers' NumPy seeds
# differ too, as shown above; libraries with random state of their own still need to be
# seeded by hand, which is what ``worker_init_fn`` is for: a function that each worker
# calls with its id once it has been seeded, before it loads any data.

# %%
# Splitting a stream between workers
# -----------------------------------
# For a map-style dataset the loader decides which worker loads which index. An
# ``IterableDataset`` has no indices: each worker simply runs ``__iter__`` on its copy
# of the dataset. Without precautions every worker therefore yields the *whole* stream,
# and each sample arrives once per worker:


class Numbers(IterableDataset):
    def __iter__(self):
        return iter(range(10))


duplicated = [i for batch in DataLoader(Numbers(), batch_size=5, num_workers=2, **WORKERS)
              for i in batch.tolist()]
print(sorted(collections.Counter(duplicated).items()))

# %%
# >>> len(duplicated), collections.Counter(duplicated)[3]
# (20, 2)
#
# The dataset must split (shard) the stream itself, using ``get_worker_info()``. Here
# worker ``i`` of ``n`` keeps every ``n``-th element starting at ``i``; reading
# contiguous blocks per worker, or assigning whole files to workers, works as well.


class ShardedNumbers(IterableDataset):
    def __iter__(self):
        info = get_worker_info()
        if info is None:  # num_workers=0: the main process reads everything
            return iter(range(10))
        return iter(range(info.id, 10, info.num_workers))


sharded = [i for batch in DataLoader(ShardedNumbers(), batch_size=5, num_workers=2, **WORKERS)
           for i in batch.tolist()]
print(sharded)

# %%
# >>> sorted(sharded) == list(range(10))
# True
# >>> sorted(i for batch in DataLoader(ShardedNumbers(), batch_size=5) for i in batch.tolist()) == list(range(10))
# True
#
# The batches are formed *inside* each worker, from that worker's samples only, which is
# why the order above interleaves the two shards batch by batch.

# %%
# Errors and timeouts
# -------------------
# An exception inside a worker does not get lost: the loader re-raises it in the main
# process, with the worker's traceback in the message (its middle lines, which name
# files on the machine that ran it, are left out below). ``timeout`` turns a worker that
# takes too long into an error as well, instead of a program that hangs. (When a worker
# misbehaves, ``num_workers=0`` runs the same code in the main process, where a debugger
# and ordinary tracebacks work.)


class Broken(Dataset):
    def __len__(self):
        return 4

    def __getitem__(self, index):
        if index == 2:
            raise ValueError(f"sample {index} is corrupt")
        return torch.tensor(index)


worker_error = first_error(DataLoader(Broken(), batch_size=1, num_workers=1, **WORKERS))
lines = worker_error.splitlines()
print(*lines[:2], "  ...", lines[-1], sep="\n")


class Stuck(Dataset):
    def __len__(self):
        return 2

    def __getitem__(self, index):
        time.sleep(0.2)
        return torch.tensor(index)


timeout_error = first_error(DataLoader(Stuck(), num_workers=1, timeout=0.1,
                                      multiprocessing_context=WORKERS["multiprocessing_context"]))
print(timeout_error)

# %%
# >>> lines[0], lines[1], lines[-1]
# ('ValueError: Caught ValueError in DataLoader worker process 0.', 'Original Traceback (most recent call last):', 'ValueError: sample 2 is corrupt')
# >>> timeout_error
# 'RuntimeError: DataLoader timed out after 0.1 seconds'

# %%
# What the notes claim about workers
# ----------------------------------
# A set of notes lists the effects of ``num_workers``. Checked one by one:
#
# * *With 0 the data is loaded in the main process; more workers load in parallel and
#   help most with slow preprocessing or I/O.* True, and measured above; but "more" has
#   a useful limit, the number of CPUs, except for loading that waits.
# * *Two to four times the number of CPU cores.* Contradicted by PyTorch's own warning
#   and by the measurements (pitfall above).
# * *Too many workers overload the CPU or use too much memory.* True: besides CPU time,
#   every worker is a process with its own Python interpreter and its own copy of the
#   dataset object, and ``prefetch_factor × num_workers`` batches wait in memory.
# * *Each worker copies the dataset, so memory grows with num_workers.* Partly. Each
#   worker has its own dataset *object*, as the call counter showed. With ``fork`` the
#   memory behind it is shared until it is written to; but CPython updates the reference
#   count of every Python object it touches, which is a write, so a dataset held as
#   millions of small Python objects (lists of strings, dicts) is gradually copied into
#   every worker. The data buffers of tensors and NumPy arrays are not touched that way
#   and stay shared. With ``spawn`` and ``forkserver`` the dataset object is pickled
#   for each worker: Python objects and NumPy arrays (memory-mapped ones included)
#   arrive as complete copies, while the storages of tensors are moved to shared
#   memory and shared by all processes, as shown above (so in-place writes to them are
#   seen everywhere). Keeping large data in tensors, or in memory-mapped files that
#   each worker opens itself, avoids most of the cost with every start method.
# * *Multiprocessing on Windows has limitations.* True: Windows (and macOS) start
#   workers with ``spawn``, so the script's main code must be protected by
#   ``if __name__ == "__main__":`` (each worker imports the main module again), the
#   dataset, ``collate_fn`` and ``worker_init_fn`` must be picklable top-level
#   definitions, and starting workers is slower.
# * *With several GPUs, count the workers of all GPUs.* True: distributed training runs
#   one process per GPU, each with its own ``DataLoader`` and its own
#   ``num_workers``, so the machine runs ``processes × num_workers`` workers, while the
#   warning above only counts the workers of one loader.

# %%
# ``pin_memory``: faster copies to an accelerator
# -----------------------------------------------
# Copying a tensor from ordinary (pageable) host memory to a GPU goes through a
# temporary page-locked buffer, because the GPU's copy engine can only read memory that
# the operating system may not move or swap out. *Pinned* (page-locked) memory skips
# that extra copy, and only a copy from pinned memory can run asynchronously
# (``.to(device, non_blocking=True)``), overlapping with computation. ``pin_memory=True``
# makes the loader place every batch in pinned memory (with workers, in a background
# thread of the main process), so that the training loop can move it with
# ``non_blocking=True``.
#
# Pinning is only meaningful with an accelerator. Without one, the loader says so with
# a warning when it is iterated, and leaves the batches in ordinary memory:

has_accelerator = torch.accelerator.is_available()
device = torch.accelerator.current_accelerator() if has_accelerator else torch.device("cpu")
with warnings.catch_warnings(record=True) as caught:
    warnings.simplefilter("always")
    pinned_batch = next(iter(DataLoader(InMemory(), batch_size=8, pin_memory=True)))
print("accelerator:", has_accelerator, "| batch pinned:", pinned_batch.is_pinned())
for warning in caught:
    print(f"{warning.category.__name__}: {warning.message}")
on_device = pinned_batch.to(device, non_blocking=True)
print(on_device.device)

# %%
# Without an accelerator (with a CPU-only build of PyTorch, for instance) the batch is
# not pinned and the warning is printed; with a GPU the batch is pinned and no warning
# appears. The output above shows which case built this page:
#
# >>> pinned_batch.is_pinned() == has_accelerator
# True
# >>> [str(w.message) for w in caught] == ([] if has_accelerator else [
# ...     "'pin_memory' argument is set as true but no accelerator is found, then device pinned memory won't be used."])
# True
# >>> on_device.device.type == device.type
# True
#
# Pinned memory is a limited resource (the operating system cannot page it out), so pin
# batches, not whole datasets. After a ``non_blocking=True`` copy, operations queued
# later on the same stream see the copied data; what needs a synchronisation first is
# work on another stream, host code that overwrites the pinned source, or host code
# that reads the result of a non-blocking copy back to the CPU.

# %%
# Summary
# -------
# * Workers help when ``__getitem__`` waits (I/O) or computes; they slow down data that
#   is already in memory. Measure on your machine.
# * Start from ``num_workers`` = number of CPUs available; PyTorch warns above that.
#   More only pays off for loading that waits.
# * With the default ``in_order=True``, batch ``i`` goes to worker ``i % num_workers``
#   and batches come back in order; ``prefetch_factor × num_workers`` batches are in
#   flight at most.
# * Each worker has its own copy of the dataset; ``persistent_workers=True`` keeps it
#   (and saves the start-up) across epochs. With ``spawn`` everything must be picklable.
# * Worker ``i`` seeds PyTorch and ``random`` with ``base_seed + i``, NumPy with a seed
#   derived from both; pass ``generator=`` for reproducible workers, ``worker_init_fn``
#   for other libraries.
# * An ``IterableDataset`` must shard itself with ``get_worker_info()``, or each sample
#   comes once per worker.
# * ``pin_memory=True`` matters only with an accelerator (it warns otherwise); combine
#   it with ``.to(device, non_blocking=True)``.
