"""
Activations at work: a tanh head, a ReLU feed-forward block and SwiGLU
======================================================================

Inside a Transformer, activations appear in two places: the :term:`feed-forward
network` of every layer (ReLU in the original Transformer, a SiLU-gated unit called
SwiGLU in LLaMA) and the classification head on top (often tanh). This page writes
the three modules from the notes so that they run, pins their output shapes and
parameter counts, and moves the step from scores to labels out of the model, where it
belongs.
"""

from dataclasses import dataclass

import torch
import torch.nn.functional as F
from torch import nn

torch.manual_seed(0)

# %%
# The setting
# -----------
# A Transformer encoder turns a batch of token sequences into *hidden states*, one
# vector of ``hidden_size`` numbers per token: shape ``(batch, sequence, hidden)``.
# The modules below read their sizes from a configuration object, as Hugging Face
# models do; the sizes are those of BERT-base.


@dataclass
class Config:
    hidden_size: int = 768
    intermediate_size: int = 3072
    num_labels: int = 2


config = Config()
hidden_states = torch.randn(2, 8, config.hidden_size)  # 2 sentences of 8 tokens
print(hidden_states.shape)

# %%
# A tanh classification head
# --------------------------
# A sequence classifier puts a small head on top of the encoder: a linear layer, tanh,
# and a linear layer to one score per label. The notes' version does not run, for two
# reasons. Its ``__init__`` assigns layers without calling ``super().__init__()``
# first, and ``nn.Module`` refuses to store a submodule before it is initialised:


class HeadWithoutInit(nn.Module):
    def __init__(self, config):
        self.proj = nn.Linear(config.hidden_size, config.hidden_size)


# %%
# >>> HeadWithoutInit(config)
# Traceback (most recent call last):
#     ...
# AttributeError: cannot assign module before Module.__init__() call
#
# And its ``forward`` calls ``F.tanh(..., dim=-1)``; tanh is element-wise and has no
# ``dim`` (see the
# :ref:`previous page <sphx_glr_auto_examples_04_models_plot_13_activation_functions.py>`):
#
# >>> F.tanh(hidden_states, dim=-1)
# Traceback (most recent call last):
#     ...
# TypeError: tanh() got an unexpected keyword argument 'dim'
#
# Fixed, and with the head reading the hidden state of the first token (``[CLS]`` in
# BERT, ``<s>`` in RoBERTa) as those models' heads do:


class ClassificationHead(nn.Module):
    def __init__(self, config):
        super().__init__()
        self.proj = nn.Linear(config.hidden_size, config.hidden_size)
        self.out_proj = nn.Linear(config.hidden_size, config.num_labels)

    def forward(self, hidden_states):
        first_token = hidden_states[:, 0]  # (batch, hidden)
        return self.out_proj(torch.tanh(self.proj(first_token)))


torch.manual_seed(0)  # fixed weights for the numbers below
head = ClassificationHead(config)
logits = head(hidden_states)
print(logits)

# %%
# >>> logits.shape  # one score per label for each sentence
# torch.Size([2, 2])
# >>> sum(p.numel() for p in head.parameters())  # 768*768 + 768 + 768*2 + 2
# 592130
#
# The notes' head applies the projections to ``x`` directly. With ``x`` the full
# hidden states that is one score vector *per token*, shape ``(2, 8, 2)``, which is a
# token-classification output, not a sentence classification:
#
# >>> head.out_proj(torch.tanh(head.proj(hidden_states))).shape
# torch.Size([2, 8, 2])
#
# (RoBERTa's classification head also applies dropout before each linear layer; it
# is left out here because it changes nothing in evaluation mode.)
#
# From scores to labels
# ~~~~~~~~~~~~~~~~~~~~~
# Probabilities, predicted ids and label names are computed *after* the model, from
# its logits:

id2label = {0: "NEGATIVE", 1: "POSITIVE"}
probabilities = F.softmax(logits, dim=-1)
predicted = probabilities.argmax(dim=-1)
labels = [id2label[i] for i in predicted.tolist()]
print(probabilities, labels)

# %%
# >>> predicted.tolist(), labels
# ([0, 1], ['NEGATIVE', 'POSITIVE'])
# >>> torch.equal(predicted, logits.argmax(dim=-1))  # softmax keeps the order
# True
#
# .. pitfall:: A head returns logits; labels are computed outside the model
#
#    The notes' ``ModelHead.forward`` ends with softmax, ``argmax`` and
#    ``model.config.id2label``, and returns a list of strings. That cannot be
#    trained: a loss needs the logits, and neither ``argmax`` nor strings carry a
#    gradient. It also reads a global variable ``model`` that the head knows nothing
#    about, so it fails unless such a global happens to exist. Return the logits from
#    ``forward`` and turn them into labels where the prediction is used.
#
#    >>> class NotesModelHead(ClassificationHead):
#    ...     def forward(self, x):
#    ...         logits = self.out_proj(torch.tanh(self.proj(x)))
#    ...         output_ids = torch.argmax(F.softmax(logits, dim=-1), dim=-1)
#    ...         return [model.config.id2label[i] for i in output_ids.tolist()]
#    >>> NotesModelHead(config)(hidden_states[:, 0])
#    Traceback (most recent call last):
#        ...
#    NameError: name 'model' is not defined
#    >>> logits.requires_grad, predicted.requires_grad
#    (True, False)

# %%
# The ReLU feed-forward block
# ---------------------------
# Every layer of the original Transformer (2017) contains a two-layer network applied
# to each position separately:
#
# .. math::
#
#    \operatorname{FFN}(x) = \max(0,\; x W_1 + b_1)\, W_2 + b_2,
#
# which widens the hidden size by a factor of four (512 to 2048 in the paper, 768 to
# 3072 in BERT-base) and projects back. The notes' ``MLP`` with ``up_proj`` and
# ``down_proj``, written so that it runs:


class FeedForward(nn.Module):
    def __init__(self, config):
        super().__init__()
        self.up_proj = nn.Linear(config.hidden_size, config.intermediate_size)
        self.down_proj = nn.Linear(config.intermediate_size, config.hidden_size)

    def forward(self, x):
        return self.down_proj(F.relu(self.up_proj(x)))


ffn = FeedForward(config)
ffn_out = ffn(hidden_states)
print(ffn_out.shape)

# %%
# >>> ffn_out.shape  # the same shape as the input, so blocks can be stacked
# torch.Size([2, 8, 768])
# >>> sum(p.numel() for p in ffn.parameters())  # 2 * 768 * 3072 + 3072 + 768
# 4722432
#
# ``nn.Linear`` acts on the last dimension and treats all leading dimensions as a
# batch, so the block processes every token independently: running it on one token
# alone gives the same result as that token's row of the full output.
#
# >>> torch.allclose(ffn(hidden_states[1, 5]), ffn_out[1, 5], atol=1e-6)
# True

# %%
# SwiGLU: a gated feed-forward block
# ----------------------------------
# LLaMA (and Mistral 7B, and each expert of Mixtral 8x7B) replaces the ReLU block by
# a *gated* one. Two projections of the input are computed; one goes through SiLU
# (also called swish) and multiplies the other element by element, acting as a gate
# on each hidden unit:
#
# .. math::
#
#    \operatorname{SwiGLU}(x) = \bigl(\operatorname{SiLU}(x W_\text{gate}) \odot
#    x W_\text{up}\bigr)\, W_\text{down}.
#
# The notes' version, fixed (``super().__init__()``, and ``F.silu`` without ``dim``).
# LLaMA's linear layers have no bias, and so does this block:


@dataclass
class LlamaLikeConfig:
    hidden_size: int = 768
    intermediate_size: int = 2048


class SwiGLU(nn.Module):
    def __init__(self, config):
        super().__init__()
        self.gate_proj = nn.Linear(config.hidden_size, config.intermediate_size, bias=False)
        self.up_proj = nn.Linear(config.hidden_size, config.intermediate_size, bias=False)
        self.down_proj = nn.Linear(config.intermediate_size, config.hidden_size, bias=False)

    def forward(self, x):
        return self.down_proj(F.silu(self.gate_proj(x)) * self.up_proj(x))


swiglu = SwiGLU(LlamaLikeConfig())
swiglu_out = swiglu(hidden_states)
print(swiglu_out.shape)

# %%
# >>> swiglu_out.shape
# torch.Size([2, 8, 768])
# >>> sum(p.numel() for p in swiglu.parameters())  # 3 * 768 * 2048
# 4718592
#
# With three weight matrices instead of two, the gated block uses an intermediate
# size of about :math:`\tfrac{2}{3} \cdot 4 = \tfrac{8}{3}` times the hidden size to
# cost the same as the ReLU block: 2048 for 768 here, which gives 4,718,592 parameters
# against 4,722,432. LLaMA-7B computes :math:`\tfrac{8}{3} \cdot 4096` and rounds it
# up to a multiple of 256, which is where its intermediate size 11008 comes from:
#
# >>> 256 * -(-int(8 * 4096 / 3) // 256)
# 11008
#
# The name comes from the *gated linear unit*, GLU, in which the gate is a sigmoid:
# :math:`\operatorname{GLU}(a, b) = a \odot \sigma(b)`. PyTorch has it as ``F.glu``,
# which splits its input into the two halves along ``dim`` (one of the few activations
# with a ``dim`` argument). SwiGLU is the same construction with SiLU in place of the
# sigmoid:

up = swiglu.up_proj(hidden_states)
gate = swiglu.gate_proj(hidden_states)
glu = F.glu(torch.cat([up, gate], dim=-1), dim=-1)

# %%
# >>> torch.allclose(glu, up * torch.sigmoid(gate))
# True
# >>> torch.allclose(swiglu_out, swiglu.down_proj(up * F.silu(gate)))
# True

# %%
# Summary
# -------
# * A classification head maps the first token's hidden state through
#   ``Linear → tanh → Linear`` to ``(batch, num_labels)`` logits; softmax, ``argmax``
#   and label names are applied outside ``forward``.
# * The Transformer's feed-forward block, ``Linear(H, 4H) → ReLU → Linear(4H, H)``,
#   keeps the shape ``(batch, sequence, H)`` and acts on each token separately.
# * SwiGLU, ``down(silu(gate(x)) * up(x))`` without biases, is the gated variant of
#   LLaMA-style models; an intermediate size of about :math:`8H/3` keeps its parameter
#   count equal to the ReLU block's.
# * Modules must call ``super().__init__()`` before assigning layers, and
#   element-wise activations take no ``dim``.
