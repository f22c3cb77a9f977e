"""
Data-parallel training with DistributedDataParallel
===================================================

With :term:`data parallelism` several processes train one model together: each holds a
full copy, works on its own part of every batch, and the processes average their
:term:`gradients <gradient>` before each update, so that the copies stay identical. This
page starts two real processes on the CPU, lets them talk to each other, and checks the
promise of ``DistributedDataParallel``: each process's gradient equals the gradient of
one process on the whole batch. It ends with what changes on GPUs.
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
from torch import nn
from torch.nn.parallel import DistributedDataParallel as DDP
import torch._dynamo  # noqa: F401  (DDP imports it; once here, not in every process)

# %%
# Processes, ranks and a process group
# ------------------------------------
# A distributed job is a set of ordinary processes, usually one per GPU. Each knows two
# numbers: the :term:`world size` (how many processes take part) and its :term:`rank`
# (its number, from 0 to world size - 1). Before they can exchange tensors they join a
# :term:`process group` through ``torch.distributed.init_process_group``, which needs
#
# * a *backend*, the library that moves the data: ``gloo`` for CPU tensors (the one used
#   here), ``nccl`` for NVIDIA GPUs;
# * a *rendezvous*, a place where the processes find each other. The usual one,
#   ``env://``, reads the address and port of rank 0 from the environment variables
#   ``MASTER_ADDR`` and ``MASTER_PORT``, and the process's own numbers from ``RANK`` and
#   ``WORLD_SIZE``.
#
# In a real job a launcher such as ``torchrun`` starts the processes and sets these
# variables (see the end of this page). A page cannot call a launcher, so the small
# helper below plays its part: it picks a free port, starts the processes, sets their
# environment, joins the group, runs ``worker(rank, world_size)`` in each and returns
# what each returned, by rank. Everything is bounded in time: the group gets a timeout
# of a minute instead of the default half hour, and so does the wait for the results.
#
# >>> dist.constants.default_pg_timeout  # for gloo; NCCL's default is 10 minutes
# datetime.timedelta(seconds=1800)

TIMEOUT = 60  # seconds


def free_port():
    """A TCP port that is free now: the operating system picks it for port 0."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def run_in_processes(worker, world_size=2, timeout=TIMEOUT):
    """Run ``worker(rank, world_size)`` in a gloo process group; return the results by rank."""
    port = free_port()
    context = mp.get_context("fork")
    replies = context.Queue()

    def process(rank):
        os.environ.update(  # what torchrun would set
            RANK=str(rank), LOCAL_RANK=str(rank), WORLD_SIZE=str(world_size),
            MASTER_ADDR="127.0.0.1", MASTER_PORT=str(port),
        )
        try:
            torch.set_num_threads(1)  # the processes share this machine's cores
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


# %%
# Two details make this work inside a documentation build, where the page is executed
# by another program rather than run as a script. The processes are started with
# ``fork``, which copies the running interpreter, so they know the functions defined on
# this page; the ``spawn`` method (the default on Windows and macOS) would start a fresh
# interpreter that has to import them from a file. And results travel back as Python
# lists, not tensors: a tensor put on a queue is not copied into the message, its memory
# is shared with the receiver, and the handover fails when the sending process has
# already exited (most often with ``ConnectionRefusedError``, sometimes with
# ``FileNotFoundError`` or another error, depending on timing).
#
# A first collective
# ------------------
# Operations that all processes of a group call together are *collectives*. The most
# important one for training is :term:`all-reduce`: every process contributes a tensor,
# and every process receives the combination (here the sum) of all of them.


def all_reduce_demo(rank, world_size):
    t = torch.tensor([rank + 1.0])
    dist.all_reduce(t, op=dist.ReduceOp.SUM)
    return {
        "rank": dist.get_rank(),
        "world_size": dist.get_world_size(),
        "backend": dist.get_backend(),
        "sum": t.tolist(),
    }


demo = run_in_processes(all_reduce_demo)
print(demo)

# %%
# Rank 0 contributed 1 and rank 1 contributed 2; both hold 3 afterwards.
#
# >>> [r["sum"] for r in demo]
# [[3.0], [3.0]]
# >>> [(r["rank"], r["world_size"], r["backend"]) for r in demo]
# [(0, 2, 'gloo'), (1, 2, 'gloo')]

# %%
# One batch, computed by one process
# ----------------------------------
# The reference: a linear model and a mean squared error on one batch of 8 examples,
# computed in this process. ``make_model`` builds the model from a seed, so that every
# process can build its own copy.

world_size = 2
g = torch.Generator().manual_seed(0)
X = torch.randn(8, 3, generator=g)
Y = X @ torch.tensor([[1.0], [-2.0], [0.5]]) + 0.1 * torch.randn(8, 1, generator=g)


def make_model(seed):
    torch.manual_seed(seed)
    return nn.Linear(3, 1)


def gradient(model, x, y, reduction="mean"):
    """The gradient of the loss on (x, y) as one flat tensor (weights, then bias)."""
    loss = nn.functional.mse_loss(model(x), y, reduction=reduction)
    grads = torch.autograd.grad(loss, list(model.parameters()))
    return torch.cat([grad.flatten() for grad in grads])


reference = make_model(seed=0)
full_grad = gradient(reference, X, Y)
print(full_grad)

# %%
# The same batch, split between two processes
# -------------------------------------------
# In data-parallel training every process gets a different part of the batch (here
# rank 0 takes rows 0-3 and rank 1 rows 4-7) and wraps its copy of the model in
# :class:`~torch.nn.parallel.DistributedDataParallel`. The worker below builds its
# model from a *different* seed in each process on purpose, records the parameters
# before and after wrapping, the gradient of its own part alone, and the gradient that
# ``loss.backward()`` leaves in ``.grad`` when it goes through the wrapped model.


def flat(tensors):
    return torch.cat([t.detach().flatten() for t in tensors]).tolist()


def ddp_worker(rank, world_size):
    model = make_model(seed=rank)  # deliberately different in each process
    before = flat(model.parameters())
    ddp_model = DDP(model)  # broadcasts rank 0's parameters
    after = flat(model.parameters())

    x, y = X.chunk(world_size)[rank], Y.chunk(world_size)[rank]
    local = gradient(model, x, y).tolist()  # this process's part only, no communication

    loss = nn.functional.mse_loss(ddp_model(x), y)
    loss.backward()  # computes the local gradient and all-reduces it
    averaged = flat(p.grad for p in model.parameters())

    model.zero_grad()
    nn.functional.mse_loss(ddp_model(x), y, reduction="sum").backward()
    averaged_sum = flat(p.grad for p in model.parameters())
    return {"before": before, "after": after, "local": local,
            "averaged": averaged, "averaged_sum": averaged_sum}


ranks = run_in_processes(ddp_worker, world_size)

# %%
# DistributedDataParallel starts every copy from rank 0's parameters
# ~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~
# The constructor broadcasts rank 0's parameters (and buffers) to all processes, so the
# copies agree from the start even though they were initialised differently:
#
# >>> ranks[0]["before"] == ranks[1]["before"]
# False
# >>> ranks[0]["after"] == ranks[1]["after"] == flat(reference.parameters())
# True
#
# Each process sees only its part of the batch, so the gradients of the two parts
# differ. After ``backward()`` through the wrapped model, both processes hold their
# *average*, and that average is the gradient of the whole batch:

local = torch.tensor([r["local"] for r in ranks])
averaged = torch.tensor([r["averaged"] for r in ranks])
print("local gradients:\n", local)
print("after backward() in DDP:\n", averaged)
print("one process, whole batch:\n", full_grad)

# %%
# >>> torch.equal(local[0], local[1])
# False
# >>> torch.equal(averaged[0], averaged[1])
# True
# >>> torch.allclose(averaged[0], local.mean(dim=0))
# True
# >>> torch.allclose(averaged[0], full_grad, atol=1e-6)
# True
#
# The last line is the point of it all: the mean loss of the batch is the average of
# the mean losses of its two equal halves, so its gradient is the average of theirs.
# ``DistributedDataParallel`` does this averaging during ``backward()``: it all-reduces
# the gradients in buckets while the backward pass is still running, so that
# communication can overlap with computation. The optimizer then sees the same gradient
# in every process and makes the same update, and the copies stay identical without
# ever sending parameters again.

fig, ax = plt.subplots(figsize=(7, 3.4), layout="constrained")
names = ["w1", "w2", "w3", "b"]
positions = torch.arange(len(names)).float()
ax.bar(positions - 0.3, local[0].tolist(), width=0.2, label="rank 0, its half")
ax.bar(positions - 0.1, local[1].tolist(), width=0.2, label="rank 1, its half")
ax.bar(positions + 0.1, averaged[0].tolist(), width=0.2, label="both ranks, after DDP")
ax.bar(positions + 0.3, full_grad.tolist(), width=0.2, label="one process, whole batch")
ax.axhline(0, color="black", linewidth=0.8)
ax.set_xticks(positions.tolist(), names)
ax.set_ylabel("gradient")
ax.set_title("DDP averages the gradients of the two halves")
ax.legend(fontsize="small")
plt.show()

# %%
# .. important::
#
#    DDP *averages*; it does not sum. The result equals the whole-batch gradient when
#    the loss is a mean over the examples and every process has the same number of
#    examples. With a summed loss (``reduction="sum"``) the average is ``world_size``
#    times too small:
#
#    >>> averaged_sum = torch.tensor(ranks[0]["averaged_sum"])
#    >>> torch.allclose(averaged_sum * world_size, gradient(reference, X, Y, "sum"), atol=1e-5)
#    True
#
#    With parts of different sizes, even a mean loss gives a slightly different gradient,
#    because every process counts equally in the average. The
#    :doc:`next page <plot_11_distributed_sampler>` shows how ``DistributedSampler``
#    gives every process the same number of examples.

# %%
# Training in two processes, or in one
# ------------------------------------
# Because every update is the same, a few steps of SGD in two processes end where the
# same steps end in one process on the whole batch:


def train_worker(rank, world_size, steps=3):
    model = DDP(make_model(seed=0))
    optimizer = torch.optim.SGD(model.parameters(), lr=0.1)
    x, y = X.chunk(world_size)[rank], Y.chunk(world_size)[rank]
    for _ in range(steps):
        optimizer.zero_grad()
        nn.functional.mse_loss(model(x), y).backward()
        optimizer.step()
    return {"parameters": flat(model.module.parameters()), "keys": list(model.state_dict())}


results = run_in_processes(train_worker, world_size)
trained = torch.tensor([r["parameters"] for r in results])

single = make_model(seed=0)
optimizer = torch.optim.SGD(single.parameters(), lr=0.1)
for _ in range(3):
    optimizer.zero_grad()
    nn.functional.mse_loss(single(X), Y).backward()
    optimizer.step()
print("two processes, after 3 steps:\n", trained)
print("one process, after 3 steps:\n", torch.tensor(flat(single.parameters())))

# %%
# >>> torch.equal(trained[0], trained[1])
# True
# >>> torch.allclose(trained[0], torch.tensor(flat(single.parameters())), atol=1e-6)
# True
#
# The model in each process is reached through ``model.module``: the wrapper only adds
# the communication. Its own ``state_dict()`` puts ``module.`` in front of every name,
#
# >>> results[0]["keys"]
# ['module.weight', 'module.bias']
#
# so save ``model.module.state_dict()`` instead (from rank 0 only: the copies are
# identical), and the file loads into an ordinary, unwrapped model.

# %%
# What changes with GPUs
# ----------------------
# The run above used the CPU and ``gloo``; a GPU job keeps the same structure. The
# following is what the PyTorch documentation prescribes; it cannot run on the CPU
# machine that builds this page.
#
# * **One process per GPU.** Start as many processes on a machine as it has GPUs and
#   let each use exactly one of them, the one numbered by its ``LOCAL_RANK`` (its rank on
#   this machine; ``RANK`` numbers the processes of all machines). Wrap the model with
#   ``DDP(model, device_ids=[local_rank])``. The older single-process
#   ``nn.DataParallel`` is slower; its documentation recommends DDP even on one machine.
# * **NCCL as the backend.** ``nccl``, NVIDIA's communication library, exchanges CUDA
#   tensors between GPUs and is the recommended backend for GPU training; ``gloo``
#   remains the backend for CPU tensors.
# * **A launcher sets the environment.** ``torchrun`` starts the processes and gives
#   each ``RANK``, ``LOCAL_RANK``, ``WORLD_SIZE``, ``LOCAL_WORLD_SIZE``, ``MASTER_ADDR``
#   and ``MASTER_PORT`` (and a few more, such as ``GROUP_RANK``, the number of the
#   machine). ``--standalone`` runs a job on one machine and finds a free port by
#   itself; a job on several machines runs the same ``torchrun`` command on each of
#   them, with ``--nnodes``, a common ``--rdzv-id``, ``--rdzv-backend=c10d`` and
#   ``--rdzv-endpoint=HOST:PORT`` naming the machine where the processes meet. When
#   it starts more than one process per machine and ``OMP_NUM_THREADS`` is not set,
#   ``torchrun`` sets it to 1, so that the processes do not fight over the CPU cores.
#
# A training script for ``torchrun --standalone --nproc-per-node=4 train.py`` looks
# like this (``Model``, ``dataset`` and ``epochs`` stand for your own):
#
# .. code-block:: python
#
#    import os
#
#    import torch
#    import torch.distributed as dist
#    from torch.nn.parallel import DistributedDataParallel as DDP
#    from torch.utils.data import DataLoader, DistributedSampler
#
#    def main():
#        local_rank = int(os.environ["LOCAL_RANK"])
#        device = torch.device("cuda", local_rank)
#        torch.cuda.set_device(device)  # a bare "cuda" now means this process's GPU
#        dist.init_process_group("nccl", device_id=device)  # reads the variables above
#
#        model = DDP(Model().to(device), device_ids=[local_rank])
#        optimizer = torch.optim.AdamW(model.parameters())
#        sampler = DistributedSampler(dataset)  # a different part of the data per rank
#        loader = DataLoader(dataset, batch_size=32, sampler=sampler,
#                            num_workers=4, pin_memory=True)
#        for epoch in range(epochs):
#            sampler.set_epoch(epoch)  # a new shuffle every epoch
#            for x, y in loader:
#                x, y = x.to(device), y.to(device)
#                optimizer.zero_grad()
#                loss = torch.nn.functional.cross_entropy(model(x), y)
#                loss.backward()  # gradients are averaged over all GPUs here
#                optimizer.step()
#        if dist.get_rank() == 0:
#            torch.save(model.module.state_dict(), "model.pt")
#        dist.destroy_process_group()
#
#    if __name__ == "__main__":
#        main()
#
# ``batch_size=32`` is per process: with 4 GPUs each update averages over 128
# examples. The ``DataLoader`` workers are per process too; the next page counts them.

# %%
# Summary
# -------
# * A distributed job is a set of processes with a rank each, joined in a process group
#   (``init_process_group``) through a backend: ``gloo`` on CPUs, ``nccl`` on NVIDIA
#   GPUs.
# * ``DistributedDataParallel`` broadcasts rank 0's parameters at construction and
#   averages the gradients with an all-reduce during ``backward()``. With a mean loss
#   and equal parts, every process then holds the gradient of the whole batch and the
#   copies stay identical.
# * On GPUs: one process per GPU, chosen by ``LOCAL_RANK``; ``torchrun`` starts the
#   processes and sets ``RANK``, ``LOCAL_RANK``, ``WORLD_SIZE``, ``MASTER_ADDR`` and
#   ``MASTER_PORT``.
