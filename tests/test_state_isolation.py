"""An example that changes global torch state must not affect the next example.

Both runners are checked: the sphinx-gallery build (a small Sphinx project that uses this
site's gallery settings) and the doctest runner of ``conftest.py``. The first example
changes every setting that ``torch_state.snapshot`` knows and asserts that it did; the
second asserts that it starts from the baseline.
"""

import subprocess
import sys
import textwrap
from pathlib import Path

import torch_state
from conftest import run_example

ROOT = Path(__file__).parents[1]

LEAKY = '''
"""
Leaky example
=============

Changes every piece of global state that the reset hook controls.
"""

import random

import numpy as np
import torch

import torch_state

baseline = torch_state.BASELINE
torch.set_grad_enabled(False)
torch.autograd.set_detect_anomaly(True)
torch.set_default_dtype(torch.float64)
torch.set_default_device("meta")
torch.use_deterministic_algorithms(True)
torch.set_num_threads(torch.get_num_threads() + 1)
torch.set_printoptions(precision=1, sci_mode=True)
torch.set_float32_matmul_precision("medium")
torch.backends.cudnn.benchmark = True
torch.backends.cudnn.deterministic = True
torch.manual_seed(1234)
np.random.seed(1234)
random.seed(1234)

now = torch_state.snapshot()
unchanged = [key for key in baseline if baseline[key] == now[key]]
assert unchanged == ["inference_mode"], f"the leaky example failed to change {unchanged}"
'''

CHECKER = '''
"""
Checker example
===============

Starts from the baseline state, whatever the previous example did.
"""

import torch_state

seen = torch_state.snapshot()
leaked = sorted(key for key, value in torch_state.BASELINE.items() if seen[key] != value)
assert not leaked, f"state leaked from the previous example: {leaked}"
'''


def write_examples(folder):
    folder.mkdir(parents=True)
    (folder / "GALLERY_HEADER.rst").write_text("Isolation\n=========\n")
    (folder / "plot_1_leaky.py").write_text(LEAKY)
    (folder / "plot_2_checker.py").write_text(CHECKER)
    return folder


def test_doctest_runner_resets_state_between_examples(tmp_path):
    examples = write_examples(tmp_path / "examples")
    assert run_example(examples / "plot_1_leaky.py", tmp_path) == []
    assert run_example(examples / "plot_2_checker.py", tmp_path) == []
    # and the leak does not reach the tests that run after this one
    assert torch_state.snapshot()["default_device"] == "cpu"


def test_gallery_build_resets_state_between_examples(tmp_path):
    write_examples(tmp_path / "examples")
    source = tmp_path / "source"
    source.mkdir()
    (source / "index.rst").write_text(
        "Isolation test\n==============\n\n.. toctree::\n\n   gallery/index\n"
    )
    (source / "conf.py").write_text(textwrap.dedent(f'''
        import importlib.util
        import sys

        sys.path.insert(0, {str(ROOT / "docs" / "_ext")!r})
        spec = importlib.util.spec_from_file_location("notes_conf", {str(ROOT / "docs" / "conf.py")!r})
        notes_conf = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(notes_conf)

        extensions = ["sphinx_gallery.gen_gallery"]
        sphinx_gallery_conf = {{
            **notes_conf.sphinx_gallery_conf,  # the site's reset hooks and ordering
            "examples_dirs": "../examples",
            "gallery_dirs": "gallery",
            "within_subsection_order": "FileNameSortKey",
        }}
    '''))
    build = subprocess.run(
        [sys.executable, "-m", "sphinx", "-b", "dummy", "-W", "-q", str(source), str(tmp_path / "_build")],
        capture_output=True, text=True, timeout=300,
    )
    assert build.returncode == 0, build.stdout + build.stderr
    # both examples really ran (in file-name order)
    assert (source / "gallery" / "plot_1_leaky.py.md5").exists()
    assert (source / "gallery" / "plot_2_checker.py.md5").exists()
