"""
Splitting a dataset between processes: DistributedSampler
=========================================================

In data-parallel training every process must see a different part of the data, and
all parts must have the same size. ``DistributedSampler`` does both: it gives each
:term:`rank` every ``world_size``-th index of a shared order, pads the dataset when its
size is not divisible, and reshuffles when told the epoch. This page shows which
indices each rank gets, then runs two real processes whose ``DataLoader`` workers load
their parts, and counts the workers.
"""

import os
import socket
import traceback
from datetime import timedelta
from queue import Empty

import matplotlib.pyplot as plt
import torch
import torch.distributed as dist
import torch.multiprocessing as mp
from torch.utils.data import DataLoader, Dataset, DistributedSampler, get_worker_info

# %%
# Every ``world_size``-th index
# -----------------------------
# A :term:`sampler` produces the indices a ``DataLoader`` reads, and ``DistributedSampler``
# produces only this rank's share. Inside a process group it asks the group for the
# rank and the :term:`world size`; given both explicitly, as here, it works in a single
# process, which makes it easy to look at. First without shuffling, ten examples
# shared by two processes:

dataset = list(range(10))  # any object with a length will do
shares = [list(DistributedSampler(dataset, num_replicas=2, rank=r, shuffle=False)) for r in range(2)]
print(shares)

# %%
# >>> shares
# [[0, 2, 4, 6, 8], [1, 3, 5, 7, 9]]
#
# The split is strided, not in blocks: rank ``r`` takes positions ``r``,
# ``r + world_size``, ``r + 2 * world_size`` and so on. Together the shares cover the
# dataset exactly once.
#
# When the size is not divisible: padding
# ---------------------------------------
# Four processes cannot share ten examples equally. Since every process must run the
# same number of steps (a process that stopped early would leave the others waiting in
# the gradient all-reduce), the sampler makes the shares equal: it rounds the length up
# to ``ceil(10 / 4) = 3`` per rank and fills the missing places by repeating indices
# from the start.

padded = [list(DistributedSampler(dataset, num_replicas=4, rank=r, shuffle=False)) for r in range(4)]
print(padded)

# %%
# >>> padded
# [[0, 4, 8], [1, 5, 9], [2, 6, 0], [3, 7, 1]]
# >>> len(DistributedSampler(dataset, num_replicas=4, rank=0))
# 3
#
# Examples 0 and 1 are now seen twice per epoch. ``drop_last=True`` does the opposite:
# it cuts the order down to a multiple of the world size, here to 8, and examples 8 and
# 9 are not seen in that epoch.

dropped = [list(DistributedSampler(dataset, num_replicas=4, rank=r, shuffle=False, drop_last=True))
           for r in range(4)]
print(dropped)

# %%
# >>> dropped
# [[0, 4], [1, 5], [2, 6], [3, 7]]
#
# .. important::
#
#    For training either is harmless. For *evaluation* the padding matters: metrics
#    computed on a distributed validation set count the repeated examples twice. Use a
#    world size that divides the set, or evaluate on one process.

# %%
# Shuffling, and ``set_epoch``
# ----------------------------
# By default the sampler shuffles (``shuffle=True``, ``seed=0``). Every rank draws the
# same permutation, because they all seed a generator with ``seed + epoch``, and then
# takes its strided share of it; so the shares still do not overlap. The epoch is part
# of the seed, and the sampler cannot know it: unless the training loop calls
# ``set_epoch`` before every epoch, each epoch repeats the same order.

sampler = DistributedSampler(dataset, num_replicas=2, rank=0)
epoch_0 = list(sampler)
again = list(sampler)  # no set_epoch: the same order
sampler.set_epoch(1)
epoch_1 = list(sampler)
print(epoch_0, again, epoch_1)

# %%
# >>> epoch_0 == again, epoch_0 == epoch_1
# (True, False)
# >>> other = DistributedSampler(dataset, num_replicas=2, rank=1)
# >>> other.set_epoch(1)
# >>> sorted(epoch_1 + list(other))  # the two shares of epoch 1 cover the dataset
# [0, 1, 2, 3, 4, 5, 6, 7, 8, 9]
#
# The picture shows three epochs of four ranks sharing ten examples, shuffled. Each row
# is one rank's share, in the order it will read it; the padded repeats are framed in
# red.


def shares_of(epoch, world_size=4, n=10):
    rows = []
    for rank in range(world_size):
        s = DistributedSampler(range(n), num_replicas=world_size, rank=rank)
        s.set_epoch(epoch)
        rows.append(list(s))
    return torch.tensor(rows)


fig, axes = plt.subplots(1, 3, figsize=(9, 3), layout="constrained")
for epoch, ax in enumerate(axes):
    table = shares_of(epoch)
    ax.imshow(table.numpy(), cmap="Set3", vmin=0, vmax=11)
    for rank in range(table.shape[0]):
        for slot in range(table.shape[1]):
            ax.text(slot, rank, str(table[rank, slot].item()), ha="center", va="center")
            if slot * table.shape[0] + rank >= 10:  # beyond the dataset: a repeat
                ax.add_patch(plt.Rectangle((slot - 0.45, rank - 0.45), 0.9, 0.9,
                                           fill=False, edgecolor="red", linewidth=2.5))
    ax.set_title(f"epoch {epoch}")
    ax.set_xlabel("position")
    ax.set_xticks(range(table.shape[1]))
    ax.set_yticks(range(table.shape[0]), [f"rank {r}" for r in range(table.shape[0])])
plt.show()

# %%
# Inside a DataLoader
# -------------------
# The sampler goes to the ``DataLoader`` in place of shuffling. The two are
# alternatives, and the loader refuses both at once:
#
# >>> DataLoader(dataset, sampler=sampler, shuffle=True)
# Traceback (most recent call last):
#     ...
# ValueError: sampler option is mutually exclusive with shuffle
#
# ``batch_size`` counts per process: with two processes and ``batch_size=2`` every
# training step sees four examples in total.

loader = DataLoader(dataset, batch_size=2, sampler=sampler)
print([batch.tolist() for batch in loader])

# %%
# Two processes, each with its own workers
# ----------------------------------------
# Now a real run: two processes in a ``gloo`` process group, started by the same small
# helper as on the :doc:`previous page <plot_10_distributed_data_parallel>` (it sets
# the environment variables that ``torchrun`` would set, and bounds every wait). Each
# process creates ``DistributedSampler(data)`` without a rank, so the sampler reads the
# rank and world size from the group, and a ``DataLoader`` with two
# :term:`worker processes <worker process>`.
# The dataset records which worker loaded each example.

TIMEOUT = 60  # seconds


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def run_in_processes(worker, world_size=2, timeout=TIMEOUT):
    """Run ``worker(rank, world_size)`` in a gloo process group; return the results by rank."""
    port = free_port()
    context = mp.get_context("fork")
    replies = context.Queue()

    def process(rank):
        os.environ.update(RANK=str(rank), LOCAL_RANK=str(rank), WORLD_SIZE=str(world_size),
                          MASTER_ADDR="127.0.0.1", MASTER_PORT=str(port))
        try:
            torch.set_num_threads(1)
            dist.init_process_group("gloo", timeout=timedelta(seconds=timeout))
            try:
                replies.put((rank, "ok", worker(rank, world_size)))
            finally:
                dist.destroy_process_group()
        except BaseException:
            replies.put((rank, "error", traceback.format_exc()))

    processes = [context.Process(target=process, args=(rank,)) for rank in range(world_size)]
    for p in processes:
        p.start()
    try:
        results = {}
        for _ in processes:
            rank, status, value = replies.get(timeout=timeout)
            if status == "error":
                raise RuntimeError(f"rank {rank} failed:\n{value}")
            results[rank] = value
        return [results[rank] for rank in range(world_size)]
    except Empty:
        raise TimeoutError(f"no result after {timeout} s") from None
    finally:
        for p in processes:
            p.join(timeout=10)
            if p.is_alive():
                p.kill()
                p.join()


class Tagged(Dataset):
    """Examples 0..n-1, each tagged with the worker that loaded it."""

    def __init__(self, n):
        self.n = n

    def __len__(self):
        return self.n

    def __getitem__(self, index):
        return {"index": index, "worker": get_worker_info().id, "pid": os.getpid()}


def loading_worker(rank, world_size):
    data = Tagged(16)
    sampler = DistributedSampler(data, shuffle=False)  # rank and world size from the group
    loader = DataLoader(data, batch_size=2, sampler=sampler, num_workers=2,
                        multiprocessing_context="fork", timeout=TIMEOUT)
    batches = [{"index": b["index"].tolist(), "worker": b["worker"].tolist(), "pid": b["pid"].tolist()}
               for b in loader]
    return {"rank": sampler.rank, "world_size": sampler.num_replicas, "batches": batches}


ranks = run_in_processes(loading_worker)
for r in ranks:
    print(f"rank {r['rank']}:", [(b["index"], b["worker"][0]) for b in r["batches"]])

# %%
# Each rank reads its strided half, two examples per batch, and its two workers take
# turns, one batch each:
#
# >>> [(r["rank"], r["world_size"]) for r in ranks]
# [(0, 2), (1, 2)]
# >>> [b["index"] for b in ranks[1]["batches"]]
# [[1, 3], [5, 7], [9, 11], [13, 15]]
# >>> [b["worker"][0] for b in ranks[1]["batches"]]
# [0, 1, 0, 1]
#
# How many processes loaded data? Two workers in each of the two processes:

loader_processes = {pid for r in ranks for b in r["batches"] for pid in b["pid"]}
print(len(loader_processes))

# %%
# >>> len(loader_processes)
# 4
#
# .. pitfall:: ``num_workers`` counts per training process, not per machine
#
#    The notes remark that with several GPUs the total number of workers must take all
#    the GPUs into account, next to a rule of thumb of 2-4 workers per CPU core
#    (PyTorch itself warns as soon as one loader has more workers than there are
#    usable CPUs, one or two per core). Read together, they invite a mistake: applying
#    a rule for the whole machine to ``num_workers``. With one process per GPU,
#    every process builds its own ``DataLoader``, and ``num_workers`` is the number of
#    workers *of that loader*. A machine with 8 GPUs and ``num_workers=8`` runs
#    64 loader processes, plus the 8 training processes, all sharing that machine's
#    CPU cores and memory. Divide the cores by the number of GPU processes on the
#    machine (``LOCAL_WORLD_SIZE``) before choosing ``num_workers``, and measure. The
#    run above has ``world_size × num_workers`` loader processes:
#
#    >>> len(loader_processes) == ranks[0]["world_size"] * 2
#    True
#
#    A single loader with more workers than the machine has CPUs already gets a
#    warning, when it is created:
#
#    >>> import warnings
#    >>> with warnings.catch_warnings(record=True) as caught:
#    ...     warnings.simplefilter("always")
#    ...     too_many = DataLoader(range(4), num_workers=os.cpu_count() + 1)
#    >>> print(caught[0].message)
#    This DataLoader will create ... worker processes in total. Our suggested max number of worker in current system is ..., which is smaller than what this DataLoader is going to create...
#
#    Threads count too: every training process uses all cores for its own tensor
#    operations unless told otherwise, which is why ``torchrun`` sets
#    ``OMP_NUM_THREADS=1`` when it starts several processes per machine (the helper
#    above calls ``torch.set_num_threads(1)`` for the same reason). ``DataLoader``
#    workers are set to one PyTorch thread, but libraries such as NumPy inside them
#    are not.

# %%
# Summary
# -------
# * ``DistributedSampler`` gives rank ``r`` the indices ``r, r + world_size, ...`` of
#   an order that all ranks share; rank and world size come from the process group
#   unless given.
# * When the length is not divisible, it pads by repeating the first indices
#   (``drop_last=True`` drops the tail instead), so every rank runs the same number of
#   steps; repeated examples distort distributed evaluation.
# * It shuffles by default, seeded with ``seed + epoch``: call ``set_epoch(epoch)``
#   before every epoch, or every epoch has the same order.
# * Pass it as ``sampler=`` and leave ``shuffle`` off. ``batch_size`` and
#   ``num_workers`` count per process: a machine runs ``LOCAL_WORLD_SIZE × num_workers``
#   loader workers.
