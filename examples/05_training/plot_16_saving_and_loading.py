"""
Saving and loading models
=========================

Training can take hours; saving a model lets you use it later without training it
again. This page shows what a model's :term:`state dict` contains, how to save and load
it, why saving the whole model object is fragile and what ``torch.load``'s
``weights_only`` protects you from, how ``map_location`` moves tensors to another device
while loading, and what happens when the saved parameters do not fit the model.
"""

import inspect
import tempfile
from pathlib import Path

import torch
from torch import nn

torch.manual_seed(0)

# Every file of this page goes into a temporary folder, deleted at the end.
workdir = tempfile.TemporaryDirectory()
folder = Path(workdir.name)

# %%
# What a state dict holds
# -----------------------
# ``model.state_dict()`` is an ordered dictionary from names to tensors: every parameter
# and every persistent *buffer* (state that is not trained by the optimizer, such as the
# running statistics of batch normalisation; a buffer registered with
# ``persistent=False`` is left out). The names follow the module tree:
# ``"1.running_mean"`` is the buffer ``running_mean`` of submodule ``1``. The code of the
# model, its structure and its ``forward`` method, is not in it.
# (:ref:`sphx_glr_auto_examples_04_models_plot_02_parameters_and_state_dict.py` walks
# through the parts of a model that the state dict collects.)

model = nn.Sequential(nn.Linear(4, 8), nn.BatchNorm1d(8), nn.ReLU(), nn.Linear(8, 2))
state = model.state_dict()
for name, tensor in state.items():
    print(f"{name:24} {tuple(tensor.shape)}")

# %%
# >>> type(state).__name__
# 'OrderedDict'
# >>> list(state)
# ['0.weight', '0.bias', '1.weight', '1.bias', '1.running_mean', '1.running_var', '1.num_batches_tracked', '3.weight', '3.bias']
# >>> [name for name, _ in model.named_parameters()]
# ['0.weight', '0.bias', '1.weight', '1.bias', '3.weight', '3.bias']
# >>> holder = nn.Module()
# >>> holder.register_buffer("kept", torch.zeros(1))
# >>> holder.register_buffer("scratch", torch.zeros(1), persistent=False)
# >>> [name for name, _ in holder.named_buffers()], list(holder.state_dict())
# (['kept', 'scratch'], ['kept'])
#
# Saving and loading the parameters
# ---------------------------------
# The recommended way to save a model is to save its state dict with ``torch.save``.
# To load it, build a model of the same structure and copy the saved values into it
# with ``load_state_dict``. (``.pt`` and ``.pth`` are both usual file extensions.)

torch.save(model.state_dict(), folder / "model_weights.pt")

restored = nn.Sequential(nn.Linear(4, 8), nn.BatchNorm1d(8), nn.ReLU(), nn.Linear(8, 2))
result = restored.load_state_dict(torch.load(folder / "model_weights.pt"))
print(result)

# %%
# ``load_state_dict`` returns a named tuple of the keys it could not match; here both
# lists are empty. The restored model computes exactly what the original does (both in
# evaluation mode, so that batch normalisation uses the saved running statistics):
#
# >>> result.missing_keys, result.unexpected_keys
# ([], [])
# >>> x = torch.randn(3, 4)
# >>> torch.equal(model.eval()(x), restored.eval()(x))
# True
#
# ``load_state_dict`` *copies* the values into the tensors the model already has, so
# those keep their memory and their device:
#
# >>> before = restored[0].weight.data_ptr()
# >>> _ = restored.load_state_dict(torch.load(folder / "model_weights.pt"))
# >>> restored[0].weight.data_ptr() == before
# True
#
# Saving the whole model
# ----------------------
# ``torch.save(model, path)`` also works: it pickles the model *object*. Pickle does not
# store code. It stores references to classes by module and name
# (``torch.nn.modules.linear.Linear``, or ``__main__.SimpleModel`` for a class defined in
# a script) and rebuilds the object by importing the class, creating an instance
# *without* calling its constructor, and restoring the saved attributes. The file is
# therefore tied to the code: the loading program must be able to import every class
# under the same name, and a renamed or moved class breaks the file (a changed
# constructor, on the other hand, is silently not applied to an old file).
# ``torch.serialization.get_unsafe_globals_in_checkpoint`` lists what a file would
# import:

torch.save(model, folder / "model.pt")
print(sorted(torch.serialization.get_unsafe_globals_in_checkpoint(folder / "model.pt")))
print(torch.serialization.get_unsafe_globals_in_checkpoint(folder / "model_weights.pt"))

# %%
# A state dict needs nothing beyond tensors and dictionaries:
#
# >>> torch.serialization.get_unsafe_globals_in_checkpoint(folder / "model_weights.pt")
# []
#
# That no constructor runs can be checked by making ``nn.Linear``'s fail: the whole
# model still loads (with ``weights_only=False``, acceptable here because the page wrote
# the file itself; the next sections explain the option):
#
# >>> from unittest import mock
# >>> with mock.patch.object(nn.Linear, "__init__", side_effect=RuntimeError("constructor called")):
# ...     loaded_model = torch.load(folder / "model.pt", weights_only=False)
# >>> type(loaded_model[0]).__name__, torch.equal(loaded_model[0].weight, model[0].weight)
# ('Linear', True)
#
# Loading the whole model as the notes do, with a plain ``torch.load(path)``, fails in
# current PyTorch:

try:
    torch.load(folder / "model.pt")
except Exception as error:
    print(type(error).__name__)
    print(next(line for line in str(error).splitlines() if "Unsupported global" in line).strip())

# %%
# .. pitfall:: Since PyTorch 2.6, ``torch.load`` refuses whole-model pickles by default
#
#    The notes save the whole model with ``torch.save(model, 'model.pth')`` and load it
#    with ``model = torch.load('model.pth')``. That worked when ``weights_only``
#    defaulted to ``False``; since PyTorch 2.6 it defaults to ``True``, and the load
#    raises an ``UnpicklingError`` that names the first class it would have had to
#    import. Prefer saving the state dict. To load a whole-model file you trust, allow
#    its classes explicitly with ``torch.serialization.safe_globals``, or pass
#    ``weights_only=False``, which runs any code the file asks for (next section).
#
#    >>> torch.load(folder / "model.pt")
#    Traceback (most recent call last):
#        ...
#    _pickle.UnpicklingError: Weights only load failed. ...Unsupported global: GLOBAL torch.nn.modules.container.Sequential was not an allowed global by default...
#    >>> classes = [nn.Sequential, nn.Linear, nn.BatchNorm1d, nn.ReLU]
#    >>> with torch.serialization.safe_globals(classes):
#    ...     type(torch.load(folder / "model.pt")).__name__
#    'Sequential'
#
# Why ``weights_only``: loading a pickle runs code
# ------------------------------------------------
# A pickle is a small program that the unpickler executes. An object can tell pickle
# how to rebuild it through ``__reduce__``: "call this function with these arguments".
# Nothing restricts the function. The class below asks for ``print``; a malicious file
# could ask for ``os.system`` with any command just as easily.


class Surprise:
    def __reduce__(self):
        return (print, ("this line was printed by torch.load",))


torch.save({"weights": torch.ones(2), "extra": Surprise()}, folder / "surprise.pt")

loaded = torch.load(folder / "surprise.pt", weights_only=False)
print("loaded:", loaded)

# %%
# Loading with ``weights_only=False`` executed the call: the message appeared, and the
# ``"extra"`` entry is whatever ``print`` returned. The default, ``weights_only=True``,
# uses a restricted unpickler that rebuilds only tensors, primitive Python types and
# containers (and classes you allow explicitly) and refuses everything else *before*
# calling it:
#
# >>> torch.load(folder / "surprise.pt")
# Traceback (most recent call last):
#     ...
# _pickle.UnpicklingError: Weights only load failed. ...Unsupported global: GLOBAL print was not an allowed global by default...
# >>> inspect.signature(torch.load).parameters["weights_only"].default is None
# True
#
# (The signature says ``None``: ``torch.load`` then uses ``True``, unless a custom
# ``pickle_module`` is passed or an environment variable such as
# ``TORCH_FORCE_NO_WEIGHTS_ONLY_LOAD`` overrides it.) Load a file with
# ``weights_only=False`` only when you trust where it comes from.
#
# ``map_location``: loading onto another device
# ---------------------------------------------
# ``torch.save`` records the device of every tensor, and ``torch.load`` puts each tensor
# back on that device. A checkpoint saved on a GPU therefore fails to load on a machine
# without one ("Attempting to deserialize object on a CUDA device but
# torch.cuda.is_available() is False...") unless ``map_location`` says where the
# tensors should go instead: a device, a string, a dictionary such as
# ``{"cuda:1": "cuda:0"}`` or a function. The ``"meta"`` device (shapes without data)
# shows the remapping on any machine:

device = (
    torch.accelerator.current_accelerator()
    if torch.accelerator.is_available()
    else torch.device("cpu")
)
on_device = torch.load(folder / "model_weights.pt", map_location=device)
on_meta = torch.load(folder / "model_weights.pt", map_location="meta")
print(on_device["0.weight"].device.type, on_meta["0.weight"].device)

# %%
# >>> on_meta["0.weight"].device, on_meta["0.weight"].shape
# (device(type='meta'), torch.Size([8, 4]))
# >>> on_device["0.weight"].device.type == device.type
# True
#
# The usual pattern loads onto the device where the model is, as the notes suggest:
# ``model.load_state_dict(torch.load(path, map_location=device))``. Because
# ``load_state_dict`` copies into the model's own tensors, loading CPU tensors into a
# model on a GPU works too; ``map_location`` matters when the file's device does not
# exist on this machine, and it saves a detour through the file's original device.
#
# When the structure differs
# --------------------------
# A state dict only fits a model whose parameter names and shapes match. Loading into a
# model with other names raises an error that lists the missing and the unexpected
# keys:


class SimpleModel(nn.Module):
    def __init__(self, hidden=8, outputs=2):
        super().__init__()
        self.body = nn.Linear(4, hidden)
        self.head = nn.Linear(hidden, outputs)

    def forward(self, x):
        return self.head(nn.functional.relu(self.body(x)))


simple = SimpleModel()
torch.save(simple.state_dict(), folder / "simple.pt")
flat = nn.Sequential(nn.Linear(4, 8), nn.ReLU(), nn.Linear(8, 2))
try:
    flat.load_state_dict(torch.load(folder / "simple.pt"))
except RuntimeError as error:
    print(error)

# %%
# >>> flat.load_state_dict(torch.load(folder / "simple.pt"))
# Traceback (most recent call last):
#     ...
# RuntimeError: Error(s) in loading state_dict for Sequential:
# 	Missing key(s) in state_dict: "0.weight", "0.bias", "2.weight", "2.bias".
# 	Unexpected key(s) in state_dict: "body.weight", "body.bias", "head.weight", "head.bias".
#
# ``strict=False`` loads whatever matches and *returns* the rest instead of raising; the
# returned lists are worth checking, because nothing else tells you that nothing was
# loaded:

result = flat.load_state_dict(torch.load(folder / "simple.pt"), strict=False)
print(result)

# %%
# >>> result.missing_keys
# ['0.weight', '0.bias', '2.weight', '2.bias']
#
# ``strict`` is about names only. A tensor whose name matches but whose shape does not
# is an error even with ``strict=False``. That is the common case of fine-tuning: the
# same network with a new head for another number of classes. Drop the keys that cannot
# fit, then load the rest non-strictly; the report then names exactly the new layer.

bigger_head = SimpleModel(outputs=5)

# %%
# >>> bigger_head.load_state_dict(torch.load(folder / "simple.pt"), strict=False)
# Traceback (most recent call last):
#     ...
# RuntimeError: Error(s) in loading state_dict for SimpleModel:
# 	size mismatch for head.weight: copying a param with shape torch.Size([2, 8]) from checkpoint, the shape in current model is torch.Size([5, 8]).
# 	size mismatch for head.bias: copying a param with shape torch.Size([2]) from checkpoint, the shape in current model is torch.Size([5]).

saved = torch.load(folder / "simple.pt")
body_only = {name: tensor for name, tensor in saved.items() if not name.startswith("head.")}
result = bigger_head.load_state_dict(body_only, strict=False)
print(result)

# %%
# >>> result.missing_keys, result.unexpected_keys
# (['head.weight', 'head.bias'], [])
# >>> torch.equal(bigger_head.body.weight, simple.body.weight)
# True
#
# Keys can also differ only by a prefix: a model wrapped in ``DistributedDataParallel``
# saves its parameters as ``"module.body.weight"`` and so on. Stripping the prefix
# (``name.removeprefix("module.")``) or saving ``wrapped.module.state_dict()`` in the first
# place fixes it.

workdir.cleanup()

# %%
# Summary
# -------
# * Save ``model.state_dict()`` (parameters and persistent buffers, by name) with
#   ``torch.save``; load it into a freshly built model of the same structure with
#   ``model.load_state_dict(torch.load(path))``, which copies the values and returns
#   the keys it could not match.
# * A whole-model pickle references classes by module and name and breaks when a class
#   is renamed or moved; loading it restores the saved attributes without running the
#   constructors. Since PyTorch 2.6 ``torch.load`` refuses it by default.
# * ``weights_only=True`` (the default) loads tensors and plain containers only, because
#   unpickling can call any function; use ``weights_only=False`` only for files you
#   trust.
# * ``map_location`` puts the loaded tensors on another device, which is required for a
#   GPU checkpoint on a machine without that GPU.
# * ``strict=False`` tolerates missing and unexpected names, not shape mismatches: drop
#   those keys first, and read what ``load_state_dict`` returns.
