"""Reset PyTorch's process-wide state between examples.

sphinx-gallery and the doctest collector run every example in one Python process, so a
setting that one example changes (grad mode, default dtype, the RNG, ...) would leak into
the next. ``reset_torch_state`` puts everything back to a known baseline; sphinx-gallery
calls it through ``reset_modules`` and ``conftest.py`` calls it around each example.
"""

import random
import sys

import numpy as np
import torch

#: The seed every example starts from. Examples still seed explicitly where they use
#: randomness, so that they print the same numbers when run on their own.
BASELINE_SEED = 0

# Captured at import time, before any example has run: the machine's own defaults.
_DEFAULT_THREADS = torch.get_num_threads()


def reset_torch_state(gallery_conf=None, fname=None, when=None):
    """Restore torch, NumPy and ``random`` global state (sphinx-gallery reset hook)."""
    torch.set_grad_enabled(True)
    torch.autograd.set_detect_anomaly(False)
    torch.set_default_dtype(torch.float32)
    torch.set_default_device(None)
    # set_deterministic_debug_mode clears the same flag as use_deterministic_algorithms,
    # without importing torch._inductor (3 s); inductor's copy only exists once imported
    torch.set_deterministic_debug_mode("default")
    if "torch._inductor.config" in sys.modules:
        sys.modules["torch._inductor.config"].deterministic = False
    torch.set_num_threads(_DEFAULT_THREADS)
    torch.set_printoptions(profile="default", sci_mode=None)
    torch.set_float32_matmul_precision("highest")
    torch.backends.cudnn.benchmark = False
    torch.backends.cudnn.deterministic = False
    torch.manual_seed(BASELINE_SEED)  # also seeds every CUDA device
    np.random.seed(BASELINE_SEED)
    random.seed(BASELINE_SEED)


def snapshot():
    """The global settings that ``reset_torch_state`` controls, as a comparable dict."""
    return {
        "grad_enabled": torch.is_grad_enabled(),
        "inference_mode": torch.is_inference_mode_enabled(),
        "anomaly_detection": torch.is_anomaly_enabled(),
        "default_dtype": torch.get_default_dtype(),
        "default_device": str(torch.get_default_device()),
        "deterministic": torch.are_deterministic_algorithms_enabled(),
        "num_threads": torch.get_num_threads(),
        "print_precision": torch._tensor_str.PRINT_OPTS.precision,
        "print_sci_mode": torch._tensor_str.PRINT_OPTS.sci_mode,
        "matmul_precision": torch.get_float32_matmul_precision(),
        "cudnn_benchmark": torch.backends.cudnn.benchmark,
        "cudnn_deterministic": torch.backends.cudnn.deterministic,
        "torch_rng": torch.get_rng_state().numpy().tobytes(),
        "numpy_rng": np.random.get_state()[1].tobytes(),
        "python_rng": random.getstate(),
    }


# The state every example must start from, recorded once, in a process where no example
# has run yet. Tests compare against it (not against whatever reset_torch_state does).
reset_torch_state()
BASELINE = snapshot()
