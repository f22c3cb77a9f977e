"""Every example runs on its own, as ``python examples/<chapter>/plot_x.py`` would.

Starting a Python process and importing torch costs seconds, so the scripts run in
processes forked from a pristine server process that has only imported torch, NumPy
and matplotlib (``multiprocessing``'s forkserver). Each run gets a fresh process, an
empty working directory and the ``sys.path`` a plain ``python script.py`` would have:
the repository's helper modules are not importable. The test also checks that the
script writes nothing into the source tree, and it runs with the network blocked (only
connections to this machine work), as the build does.
"""

import contextlib
import io
import multiprocessing
import os
import runpy
import sys
import traceback
from pathlib import Path

import pytest

ROOT = Path(__file__).parents[1]
sys.path.insert(0, str(ROOT / "docs" / "_ext"))
from no_network import NetworkUseError, allow_network, forbid_network  # noqa: E402

EXAMPLES = sorted((ROOT / "examples").rglob("plot_*.py"))
# What many pages import, paid once by the server instead of by every run. torch._dynamo
# is what an optimizer's first step or DistributedDataParallel imports (about a second).
PRELOAD = ["torch", "numpy", "matplotlib.pyplot", "torch._dynamo", "pandas", "transformers"]
# The pages that use Hugging Face libraries switch them offline before importing them;
# the preloaded copy must read the same switches (it reads them once, at import).
OFFLINE = {"HF_HUB_OFFLINE": "1", "TRANSFORMERS_OFFLINE": "1"}


def run_script(path, workdir, clean_path, results):
    """In the child: run one script as __main__, offline, and report a traceback or None."""
    try:
        forbid_network()
        os.chdir(workdir)
        sys.path[:] = [str(Path(path).parent), *clean_path]
        sys.argv = [str(path)]
        with contextlib.redirect_stdout(io.StringIO()):
            runpy.run_path(str(path), run_name="__main__")
        results.send(None)
    except BaseException:  # noqa: BLE001 - report anything, including SystemExit
        results.send(traceback.format_exc())


@pytest.fixture(scope="session")
def fresh_process():
    os.environ["MPLBACKEND"] = "Agg"  # inherited by the server; no window opens
    os.environ.update(OFFLINE)
    context = multiprocessing.get_context("forkserver")
    context.set_forkserver_preload(PRELOAD)
    return context


def source_tree_files():
    return {p for folder in ("examples", "docs/_ext", "docs/locale") for p in (ROOT / folder).rglob("*")
            if "__pycache__" not in p.parts}


def test_every_python_file_under_examples_is_an_example():
    """sphinx-gallery only executes plot_*.py: any other .py file would be dropped silently."""
    strays = [p for p in (ROOT / "examples").rglob("*.py") if not p.name.startswith("plot_")]
    assert not strays, f"not executed by the build (rename to plot_*.py): {strays}"


@pytest.mark.parametrize("script", EXAMPLES, ids=lambda p: str(p.relative_to(ROOT)))
def test_example_runs_standalone(script, fresh_process, tmp_path):
    clean_path = [p for p in sys.path if p.startswith(sys.prefix) or p.startswith(sys.base_prefix)]
    before = source_tree_files()
    receive, send = fresh_process.Pipe(duplex=False)
    child = fresh_process.Process(target=run_script, args=(script, tmp_path, clean_path, send))
    child.start()
    error = receive.recv() if receive.poll(timeout=600) else "timed out after 600 s"
    child.join(timeout=60)
    assert error is None, f"{script.relative_to(ROOT)} failed when run on its own:\n{error}"
    assert child.exitcode == 0
    written = source_tree_files() - before
    assert not written, f"{script.relative_to(ROOT)} wrote into the source tree: {sorted(written)}"


def test_the_network_guard_refuses_outside_hosts_and_allows_loopback():
    import socket

    forbid_network()
    try:
        with pytest.raises(NetworkUseError, match="huggingface.co"):
            socket.getaddrinfo("huggingface.co", 443)
        with pytest.raises(NetworkUseError, match="192.0.2.1"):
            socket.create_connection(("192.0.2.1", 80), timeout=1)
        server = socket.socket()
        server.bind(("127.0.0.1", 0))
        server.listen()
        socket.create_connection(server.getsockname(), timeout=1).close()
        server.close()
    finally:
        allow_network()
