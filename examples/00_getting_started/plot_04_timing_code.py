"""
Timing code correctly on CPU and GPU
====================================

"Which version is faster?" needs a measurement, and measuring is easy to get wrong: the
first call is slower than the rest, single runs are noisy, and :term:`GPU` operations
return before they have finished. This page measures with
``torch.utils.benchmark.Timer``, compares a Python loop with a tensor operation, and
shows how to time GPU code with :term:`synchronisation <CUDA synchronisation>` and CUDA
events.
"""

import time

import matplotlib.pyplot as plt
import torch
from torch.utils.benchmark import Timer

torch.manual_seed(0)

# %%
# Why a stopwatch is not enough
# -----------------------------
# The obvious approach wraps one call in ``time.perf_counter()``. Repeating it shows the
# problem: the numbers vary from run to run, and the very first call often pays extra
# for one-time work (loading libraries, allocating memory, choosing algorithms).

a = torch.rand(256, 256)
b = torch.rand(256, 256)
for attempt in range(3):
    start = time.perf_counter()
    a @ b
    print(f"attempt {attempt}: {1e6 * (time.perf_counter() - start):8.1f} us")

# %%
# A single measurement is one sample from a noisy distribution. A good benchmark warms
# up first, repeats the statement many times and reports a robust statistic such as the
# median.
#
# ``torch.utils.benchmark.Timer``
# -------------------------------
# ``Timer`` does exactly that. It takes the statement as a string and the variables it
# needs as ``globals``; ``blocked_autorange`` warms up, picks how many runs to group into
# one measurement and keeps measuring for at least ``min_run_time`` seconds. The result
# is a ``Measurement``: it holds the median, the spread (interquartile range, IQR) and
# how it was taken, and ``print(m)`` shows them in a small report.

m = Timer("a @ b", globals={"a": a, "b": b}, label="256x256 matmul").blocked_autorange(
    min_run_time=0.2
)
print(f"{m.task_spec.label}: median {m.median * 1e6:.1f} us, IQR {m.iqr * 1e6:.1f} us")
print(f"{len(m.times)} measurements of {m.number_per_run} runs, "
      f"{m.task_spec.num_threads} thread(s)")

# %%
# Timings depend on the machine and its load, so they are shown, never tested. What is
# stable is the kind of object and how it was measured:
#
# >>> type(m).__name__
# 'Measurement'
#
# .. pitfall:: ``Timer`` measures with one thread unless told otherwise
#
#    PyTorch normally runs CPU operations on several threads, but ``Timer`` sets the
#    thread count to ``num_threads=1`` by default. Its documentation gives the reasons:
#    comparisons should be "apples-to-apples", and single-threaded speed is an important
#    inference setting and a good measure of an algorithm's intrinsic cost. (A side
#    effect is that results are more comparable between machines with different numbers
#    of cores.) One thread does not shield the measurement from other
#    load on the machine, and the result can differ, in either direction, from what a
#    program running with its normal thread count sees. Pass
#    ``num_threads=torch.get_num_threads()`` to measure under the normal setting, and
#    mention the thread count when reporting numbers.
#
#    >>> import inspect
#    >>> inspect.signature(Timer).parameters["num_threads"].default
#    1
#    >>> timer_doc = " ".join(Timer.__doc__.split())
#    >>> "apples-to-apples" in timer_doc, "intrinsic algorithmic efficiency" in timer_doc
#    (True, True)
#    >>> m.task_spec.num_threads
#    1

m_all = Timer(
    "a @ b", globals={"a": a, "b": b}, num_threads=torch.get_num_threads()
).blocked_autorange(min_run_time=0.2)
print(f"{m_all.task_spec.num_threads} thread(s): median {m_all.median * 1e6:.1f} us")

# %%
# A measured comparison: Python loop vs tensor operation
# ------------------------------------------------------
# Summing ``n`` numbers with Python's ``sum`` over a list visits them one by one in the
# interpreter; ``x.sum()`` does it in one call to compiled, vectorised code. Measuring
# both for growing ``n`` shows how each cost grows.

sizes = [10**3, 10**4, 10**5, 10**6]
loop_times, tensor_times = [], []
for n in sizes:
    values = torch.rand(n)
    as_list = values.tolist()
    loop = Timer("sum(as_list)", globals={"as_list": as_list}).blocked_autorange(min_run_time=0.1)
    vec = Timer("values.sum()", globals={"values": values}).blocked_autorange(min_run_time=0.1)
    loop_times.append(loop.median)
    tensor_times.append(vec.median)
    print(f"n = {n:>7}: loop {loop.median * 1e6:9.1f} us, tensor {vec.median * 1e6:7.1f} us, "
          f"ratio {loop.median / vec.median:5.0f}x")

fig, ax = plt.subplots(figsize=(6, 3.8), layout="constrained")
ax.loglog(sizes, loop_times, "o-", label="sum(list)  (Python loop)")
ax.loglog(sizes, tensor_times, "s-", label="x.sum()  (tensor)")
ax.set_xlabel("number of elements n")
ax.set_ylabel("median time per call (s)")
ax.set_title("Measured on the machine that built this page (1 thread)")
ax.legend()
plt.show()

# %%
# The two costs grow differently. The Python loop pays for every element from the
# start, so its time grows roughly in proportion to ``n`` over the whole range. The
# tensor call first pays a fixed overhead (entering PyTorch and dispatching the
# operation), which dominates while ``n`` is small, and its cost per element is far
# lower than the loop's. So the gap in absolute time keeps widening with ``n``; the
# ratio need not, because for large ``n`` the tensor sum's time grows with ``n`` too.
# This is why tensor code avoids Python loops over elements.
#
# Timing GPU code: synchronise first
# ----------------------------------
# CUDA operations are *asynchronous*: a call such as ``a @ b`` on the GPU only queues the
# work and returns to Python at once, while the GPU computes in the background. A
# stopwatch around the call therefore measures the launch, not the computation. Two
# correct ways:
#
# * call ``torch.cuda.synchronize()`` (wait until the GPU has finished all queued work)
#   before reading the clock at the start and at the end;
# * or record ``torch.cuda.Event(enable_timing=True)`` objects into the GPU's queue
#   before and after the work, synchronise, and ask ``start.elapsed_time(end)``
#   (milliseconds, measured on the GPU itself).
#
# ``Timer`` synchronises automatically, so ``Timer("a @ b", ...)`` with CUDA tensors is
# also correct. The cell below runs only where a CUDA GPU is available; on the machine
# that built this page it may print that it was skipped.


def time_gpu_matmul(n=4096):
    """Seconds for one n x n matmul on the GPU, measured three ways."""
    x = torch.randn(n, n, device="cuda")
    y = torch.randn(n, n, device="cuda")
    x @ y  # warm-up: initialises the CUDA libraries
    torch.cuda.synchronize()

    start = time.perf_counter()
    x @ y
    launch_only = time.perf_counter() - start  # WRONG: the GPU may still be working
    torch.cuda.synchronize()

    start = time.perf_counter()
    x @ y
    torch.cuda.synchronize()
    with_sync = time.perf_counter() - start

    begin, end = torch.cuda.Event(enable_timing=True), torch.cuda.Event(enable_timing=True)
    begin.record()
    x @ y
    end.record()
    torch.cuda.synchronize()
    with_events = begin.elapsed_time(end) / 1000  # ms -> s
    return launch_only, with_sync, with_events


if torch.cuda.is_available():
    launch_only, with_sync, with_events = time_gpu_matmul()
    print(f"without synchronize: {launch_only * 1e3:.3f} ms  (only the launch)")
    print(f"with synchronize:    {with_sync * 1e3:.3f} ms")
    print(f"with CUDA events:    {with_events * 1e3:.3f} ms")
else:
    print("No CUDA GPU available here: the GPU timing was skipped.")

# %%
# On a GPU the first number is typically far smaller than the other two: it is the time
# to queue the work. The result of ``x @ y`` is never wrong; only the clock is, because
# any operation that needs the values (printing, ``.item()``, an ordinary copy to the
# CPU) waits for the GPU anyway. The exception is a copy made with
# ``.to("cpu", non_blocking=True)``: PyTorch then copies into pinned CPU memory in the
# background and returns at once, so the CPU tensor may be read only after a
# synchronisation.
#
# Summary
# -------
# * Warm up, repeat, and report the median: ``Timer(stmt, globals=...).blocked_autorange()``
#   does all three.
# * ``Timer`` uses one thread unless ``num_threads`` is given.
# * GPU work is asynchronous: synchronise with ``torch.cuda.synchronize()`` or time with
#   CUDA events; never trust a stopwatch around a bare GPU call.
