"""
Questions learners ask
======================

Short, factual answers to questions that come up when people start with PyTorch: who
makes the deep-learning frameworks, how their ways of running a model differ (static
graphs, eager execution, graph capture), why the code of "the same" model differs
between implementations, and how to get the most out of this site.
"""

import torch
import torch.nn.functional as F
from torch import nn

torch.manual_seed(0)

# %%
# Who is behind the frameworks?
# -----------------------------
# Most deep-learning frameworks in use today were started by large companies, and the
# same companies published many of the models that run on them:
#
# * **PyTorch** came from Facebook's AI research lab (FAIR) and was released publicly
#   in 2017. Facebook's second framework, Caffe2, was merged into it in 2018. Since
#   2022 PyTorch has been hosted by the PyTorch Foundation, part of the Linux
#   Foundation, so it no longer belongs to one company.
# * **TensorFlow** is Google's framework; Google released it as open source in
#   November 2015. Version 1.0 followed in 2017 and version 2.0 in 2019. **JAX** is a
#   younger Google library for numerical computing with automatic differentiation.
# * **PaddlePaddle** (飞桨) is Baidu's framework, open source since 2016.
# * **Caffe**, one of the first widely used deep-learning frameworks, was begun by
#   Yangqing Jia at the University of California, Berkeley; its paper appeared in 2014.
# * Microsoft's best-known contributions here are libraries rather than a framework,
#   such as the DeepSpeed training library for PyTorch, and, together with Facebook,
#   the ONNX exchange format for models (2017).
#
# Some of the well-known models came from the same companies: the Transformer
# architecture from Google (the paper "Attention Is All You Need", 2017), BERT from
# Google (2018, published with TensorFlow code), and the first GPT from OpenAI (2018).
#
# Notes that list these companies' achievements sometimes get the attributions wrong.
# Hadoop is not a Google project: Google published papers on its file system (2003)
# and on MapReduce (2004), and Hadoop is an open-source system modelled on those
# papers, begun by Doug Cutting and Mike Cafarella and developed largely at Yahoo!; it
# has been an Apache project since 2006. TensorFlow appeared in 2015, not 2014, and GPT
# is OpenAI's model, not Google's.

# %%
# Static graphs, eager execution and graph capture
# ------------------------------------------------
# The frameworks differ less in *what* they compute than in *when* they build the
# computation:
#
# * **Define and run** (TensorFlow 1.x, Caffe): first describe the whole computation as
#   a graph (in TensorFlow 1.x with Python calls, in Caffe in a configuration file),
#   then run the graph, feeding it data. The graph can be optimised as a whole, but
#   ordinary Python ``if`` statements and ``print`` calls do not see the values.
# * **Define by run**, or *eager execution* (PyTorch from the start, TensorFlow 2.x by
#   default since 2019, PaddlePaddle in its default mode): every line runs immediately
#   and returns real numbers. The graph that autograd needs is recorded *while* the code
#   runs, so it can differ from one call to the next.
#
# In PyTorch the graph of each call is whatever the Python code did in that call. Here
# the branch taken depends on the data, and the recorded backward graph differs
# accordingly:


def model_step(x):
    if x.sum() > 0:
        return (x.sin() * 2).sum()
    return (x.cos() - 1).sum()


w = torch.ones(3, requires_grad=True)
positive = model_step(w)
negative = model_step(-w)
print(positive.grad_fn.next_functions[0][0].name())
print(negative.grad_fn.next_functions[0][0].name())

# %%
# >>> positive.grad_fn.next_functions[0][0].name()
# 'MulBackward0'
# >>> negative.grad_fn.next_functions[0][0].name()
# 'SubBackward0'
# >>> positive.backward()
# >>> torch.allclose(w.grad, 2 * torch.cos(torch.ones(3)))
# True
#
# Eager execution is easy to write and to debug, but a framework that sees one
# operation at a time cannot optimise across operations. That is why the eager
# frameworks also offer *graph capture*: TensorFlow 2.x with ``tf.function``, JAX with
# ``jax.jit``, and PyTorch 2 with ``torch.compile``.
#
# ``torch.compile``: PyTorch 2's graph capture
# ~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~
# ``torch.compile(f)`` (PyTorch 2.0, 2023) returns a function that captures the tensor
# operations of ``f`` into graphs when it is first called, hands each graph to a
# *backend* that compiles it, and runs the compiled code from then on. The code stays
# ordinary Python. Where the Python code needs a tensor's value, as in the ``if`` above,
# the capture stops and resumes after it (a *graph break*), so the function is split
# into several graphs.
#
# The default backend generates optimised machine code, which can take seconds. To
# show only the capture, the backend below records each graph it receives and runs it
# unchanged:

graphs = []


def recording_backend(graph_module, example_inputs):
    graphs.append(graph_module)
    return graph_module.forward


compiled_step = torch.compile(model_step, backend=recording_backend)
x = torch.ones(3)
print(compiled_step(x), compiled_step(-x))
for graph_module in graphs:
    ops = [node.target if node.op == "call_method" else node.target.__name__
           for node in graph_module.graph.nodes if node.op in ("call_function", "call_method")]
    print(ops)

# %%
# Three graphs were captured: the condition ``x.sum() > 0``, and each branch the first
# time it ran. The compiled function computes the same values as the original:
#
# >>> len(graphs)
# 3
# >>> torch.equal(compiled_step(x), model_step(x)), torch.equal(compiled_step(-x), model_step(-x))
# (True, True)
#
# ``torch.compiler.reset()`` discards what was compiled:

torch.compiler.reset()

# %%
# Why does the code for "the same" model differ?
# ----------------------------------------------
# A new model is usually published as a paper, often with a *reference implementation*
# by its authors (BERT's was written in TensorFlow). Other teams then write their own
# versions: ports to other frameworks (the PyTorch BERT of Hugging Face
# ``transformers``, for example), re-implementations inside their own code bases, and
# variants. The mathematics is the same, but much else can differ:
#
# * how the code is organised into modules, and therefore the *names* of the parameters
#   in a checkpoint (``state_dict``);
# * how parameters are stored (a weight matrix or its transpose; separate or fused
#   projections);
# * training details that the paper may not fix completely: initialisation, optimizer
#   settings, learning-rate schedule, data processing, numerical precision;
# * the configuration format and the checkpoint files that are published.
#
# The two modules below compute the same function, a layer of 4 → 8 units, a ReLU and
# a layer of 8 → 2 units, but are written differently. The first uses ``nn.Sequential``
# and ``nn.Linear``; the second stores its weights itself, transposed, and names them
# after the formula.


class SequentialMLP(nn.Module):
    def __init__(self):
        super().__init__()
        self.net = nn.Sequential(nn.Linear(4, 8), nn.ReLU(), nn.Linear(8, 2))

    def forward(self, x):
        return self.net(x)


class FormulaMLP(nn.Module):
    def __init__(self):
        super().__init__()
        self.W1 = nn.Parameter(torch.empty(4, 8))
        self.b1 = nn.Parameter(torch.empty(8))
        self.W2 = nn.Parameter(torch.empty(8, 2))
        self.b2 = nn.Parameter(torch.empty(2))

    def forward(self, x):
        return F.relu(x @ self.W1 + self.b1) @ self.W2 + self.b2


first, second = SequentialMLP(), FormulaMLP()
for name, tensor in first.state_dict().items():
    print(f"{name:14} {list(tensor.shape)}")
for name, tensor in second.state_dict().items():
    print(f"{name:14} {list(tensor.shape)}")

# %%
# The checkpoints have different keys and, for the weights, transposed shapes, so one
# model cannot load the other's ``state_dict`` directly:
#
# >>> list(first.state_dict())
# ['net.0.weight', 'net.0.bias', 'net.2.weight', 'net.2.bias']
# >>> list(second.state_dict())
# ['W1', 'b1', 'W2', 'b2']
# >>> second.load_state_dict(first.state_dict())
# Traceback (most recent call last):
#     ...
# RuntimeError: Error(s) in loading state_dict for FormulaMLP:
#     Missing key(s) in state_dict: "W1", "b1", "W2", "b2". ...
#
# A conversion that maps each key to its counterpart (and transposes the weights) makes
# the second model compute exactly what the first computes. This is what the
# conversion scripts that accompany model ports do, on a larger scale.

source = first.state_dict()
converted = {
    "W1": source["net.0.weight"].T,
    "b1": source["net.0.bias"],
    "W2": source["net.2.weight"].T,
    "b2": source["net.2.bias"],
}
second.load_state_dict(converted)
inputs = torch.randn(5, 4)
print(first(inputs))
print(second(inputs))

# %%
# >>> torch.allclose(first(inputs), second(inputs), rtol=1e-6, atol=1e-6)
# True
#
# So when two implementations of a model disagree, compare them layer by layer with
# the same weights and the same input before suspecting the mathematics; and when you
# study a model, reading one implementation consistently (with its own configuration
# and checkpoints) is easier than mixing several.

# %%
# How to study with this site
# ---------------------------
# Every page is a program that was run to build the page, so the best way to use it is
# to run it yourself:
#
# * Download a page as a Python script or a Jupyter notebook (the links are at the end
#   of each page) and run it; the line at the foot of each page names the PyTorch
#   version that built it.
# * Change something (a shape, a ``dtype``, a learning rate), predict what will happen,
#   then run it. A wrong prediction is the most useful outcome.
# * The ``>>>`` lines are the facts to remember. They are checked by the test suite,
#   so they hold for the version that built the page; copy them into a Python session
#   and vary them.
# * Read the "Common pitfall" boxes, listed together on the
#   :doc:`Common pitfalls </reference/pitfalls>` page. Each states a mistake that notes
#   and tutorials often make, and the code that shows the truth.
# * When a term is unclear, the :doc:`glossary </reference/glossary>` defines it in
#   English and Chinese; ``help(torch.some_function)`` and the official documentation
#   give the exact signature and defaults.
#
# Summary
# -------
# * PyTorch (FAIR, 2017; PyTorch Foundation since 2022), TensorFlow (Google, 2015),
#   JAX (Google), PaddlePaddle (Baidu, 2016) and Caffe (UC Berkeley) are the frameworks
#   most often named; check dates and attributions, because notes often get them wrong.
# * TensorFlow 1.x built a static graph before running it; PyTorch, TensorFlow 2.x and
#   PaddlePaddle run eagerly and record the graph while the code runs;
#   ``torch.compile`` captures graphs from eager code for optimisation.
# * Implementations of the same model differ in module structure, parameter names and
#   layouts, and training details; a key mapping converts one checkpoint to another.
# * Run the pages, change them, and read the pitfalls.
