"""
A Hugging Face model from a config, and the Trainer's best model
================================================================

A ``transformers`` model does not have to be downloaded: built from a configuration it
is an ordinary, randomly initialised ``nn.Module``. This page builds a tiny BERT
classifier offline, reads its ``SequenceClassifierOutput`` and turns the
:term:`logits` into label names with ``id2label``, takes its classification head
apart, and trains it for a few :term:`epochs <epoch>` with ``Trainer``, keeping the
best epoch as the notes' flags intend. It also shows the errors those flags and the
notes' labels run into.
"""

import os

# offline whatever the shell set; read when huggingface_hub is first imported
os.environ["HF_HUB_OFFLINE"] = "1"
os.environ["TRANSFORMERS_OFFLINE"] = "1"

import random  # noqa: E402
import tempfile  # noqa: E402
from pathlib import Path  # noqa: E402

import matplotlib.pyplot as plt  # noqa: E402
import torch  # noqa: E402
import torch.nn.functional as F  # noqa: E402
from transformers import (  # noqa: E402
    AutoTokenizer,
    BertConfig,
    BertForSequenceClassification,
    HfArgumentParser,
    PrinterCallback,
    Trainer,
    TrainingArguments,
)
from transformers.models.roberta.modeling_roberta import RobertaClassificationHead  # noqa: E402
from transformers.utils import logging as hf_logging  # noqa: E402

torch.set_num_threads(1)  # a tiny model: more threads only add overhead
hf_logging.disable_progress_bar()  # saving a checkpoint draws one, with timings

# %%
# Data, tokenizer and collate function
# ------------------------------------
# The tokenizer is the small offline BERT tokenizer of the
# :doc:`previous page <plot_20_tokenizers_offline>`, and so is the collate function. The
# data are 36 short reviews, "the movie was good" and the like, labelled 1 (positive)
# or 0 (negative) and split into 24 for training and 12 for evaluation.

# sphinx-gallery runs a page from its own folder and defines no __file__
here = Path(__file__).parent if "__file__" in globals() else Path.cwd()
tokenizer = AutoTokenizer.from_pretrained(here / "data" / "tiny-bert")

subjects = ["movie", "film", "plot", "acting", "story", "music"]
reviews = [(f"the {s} was {a}", 1) for s in subjects for a in ["good", "great", "fun"]]
reviews += [(f"the {s} was {a}", 0) for s in subjects for a in ["bad", "boring", "dull"]]
random.Random(0).shuffle(reviews)
train_set, eval_set = reviews[:24], reviews[24:]


def collate_fn(batch):
    texts, labels = zip(*batch)
    inputs = tokenizer(list(texts), padding=True, truncation=True, max_length=32, return_tensors="pt")
    inputs["labels"] = torch.tensor(labels)
    return inputs


print(train_set[:3])

# %%
# A model from a configuration
# ----------------------------
# ``from_pretrained`` downloads a configuration *and* trained weights. The class
# itself needs only the configuration: ``BertConfig`` holds the sizes, and
# ``num_labels``, ``id2label`` and ``label2id`` describe the classes. Its defaults are
# those of bert-base, 12 layers of width 768; the model here has one layer of width 32.
# The weights are drawn at random, so seed first.
#
# >>> BertConfig().num_hidden_layers, BertConfig().hidden_size
# (12, 768)

config = BertConfig(
    vocab_size=len(tokenizer),
    hidden_size=32,
    num_hidden_layers=1,
    num_attention_heads=2,
    intermediate_size=64,
    max_position_embeddings=tokenizer.model_max_length,
    num_labels=2,
    id2label={0: "NEGATIVE", 1: "POSITIVE"},
    label2id={"NEGATIVE": 0, "POSITIVE": 1},
)
torch.manual_seed(0)
model = BertForSequenceClassification(config)
print(sum(p.numel() for p in model.parameters()), "parameters")

# %%
# >>> sum(p.numel() for p in model.parameters())
# 13378
# >>> model.config.id2label
# {0: 'NEGATIVE', 1: 'POSITIVE'}
#
# A model loaded with ``from_pretrained`` is put in evaluation mode; a model built
# from a configuration, like any new ``nn.Module``, starts in training mode, with
# :term:`dropout` active:
#
# >>> model.training
# True

# %%
# ``SequenceClassifierOutput``, logits and ``id2label``
# -----------------------------------------------------
# Called on a batch, the model returns a ``SequenceClassifierOutput``: a dataclass
# that also behaves like a dictionary of the fields that are set. ``logits`` has one
# score per class; when the batch contains ``labels``, ``loss`` is their cross-entropy.
# ``hidden_states`` and ``attentions`` stay ``None`` unless asked for.

batch = collate_fn(eval_set[:4])
model.eval()
with torch.no_grad():
    outputs = model(**batch)
print(type(outputs).__name__, list(outputs.keys()))
print(outputs.logits)

# %%
# >>> type(outputs).__name__, list(outputs.keys())
# ('SequenceClassifierOutput', ['loss', 'logits'])
# >>> outputs.logits.shape
# torch.Size([4, 2])
# >>> torch.allclose(outputs.loss, F.cross_entropy(outputs.logits, batch["labels"]))
# True
#
# The prediction is the class with the largest logit, and ``config.id2label`` names it.
# The softmax turns the logits into probabilities but does not change which one is
# largest (unless rounding makes two equal), so take ``argmax`` of the logits; the
# notes take it of a variable
# (``scores``) that their snippet never defines.

probabilities = F.softmax(outputs.logits, dim=-1)
predicted = outputs.logits.argmax(dim=-1)
print(probabilities)
print([model.config.id2label[i] for i in predicted.tolist()])

# %%
# >>> torch.equal(probabilities.argmax(dim=-1), predicted)
# True
# >>> probabilities.sum(dim=-1)
# tensor([1., 1., 1., 1.])
#
# The model is untrained, so its probabilities are all close to one half and its
# labels mean nothing yet.

# %%
# Where the classification head comes from
# ----------------------------------------
# The notes explain the tanh activation by "model heads". In BERT it sits in the
# *pooler*, which takes the hidden state of the first token, ``[CLS]``, through a
# linear layer and a tanh; the classifier is then one linear layer, after dropout, that
# maps the pooled vector to ``num_labels`` logits.

print(model.bert.pooler)
print(model.dropout, model.classifier)

# %%
# Recomputing the logits by hand from the encoder's output shows that nothing else is
# involved (in evaluation mode, where dropout does nothing):

with torch.no_grad():
    hidden = model.bert(**{k: v for k, v in batch.items() if k != "labels"}).last_hidden_state
    cls = hidden[:, 0]  # the [CLS] position
    pooled = torch.tanh(model.bert.pooler.dense(cls))
    by_hand = model.classifier(pooled)
print(hidden.shape, by_hand.shape)

# %%
# >>> hidden.shape
# torch.Size([4, 6, 32])
# >>> torch.allclose(by_hand, outputs.logits)
# True
#
# The notes' ``ModelHead`` (``proj``, tanh, ``out_proj``) has the layout of RoBERTa's
# classification head, which does the same with its own layers instead of a pooler:

print(RobertaClassificationHead(config))

# %%
# .. pitfall:: ``tanh`` is element-wise: it takes no ``dim``
#
#    The notes' head calls ``F.tanh(self.proj(x), dim=-1)``. Unlike softmax, which
#    normalises along a dimension, tanh acts on every element on its own, and the
#    call fails. (That ``ModelHead`` also never calls ``super().__init__()``, so it
#    could not even be built; see chapter 4.)
#
#    >>> F.tanh(pooled, dim=-1)
#    Traceback (most recent call last):
#        ...
#    TypeError: tanh() got an unexpected keyword argument 'dim'

# %%
# .. pitfall:: Integer labels mean classification; float labels mean multi-label
#
#    The notes' ``collate_fn`` builds the labels with ``torch.Tensor(labels)``, which
#    gives float32. ``BertForSequenceClassification`` decides what the labels are from
#    their dtype: with more than one label, int64 class indices select single-label
#    classification with a cross-entropy loss, and anything else multi-label
#    classification, which expects one 0/1 value per class. The decision is made at
#    the first call with labels and stored in the configuration; the int64 batch above
#    has already made it:
#
#    >>> model.config.problem_type
#    'single_label_classification'
#
#    int32 indices select single-label classification too, but the cross-entropy loss
#    then refuses them:
#
#    >>> model.config.problem_type = None  # as if no labels had been seen yet
#    >>> model(**dict(batch, labels=torch.tensor([1, 0, 1, 0], dtype=torch.int32)))
#    Traceback (most recent call last):
#        ...
#    RuntimeError: expected target dtype to be Long or Byte, but got Int
#    >>> model.config.problem_type
#    'single_label_classification'
#
#    A model whose first labels are floats decides the other way, and with one float
#    per example its loss fails:
#
#    >>> model.config.problem_type = None
#    >>> model(**dict(batch, labels=torch.Tensor([1, 0, 1, 0])))
#    Traceback (most recent call last):
#        ...
#    ValueError: Target size (torch.Size([4])) must be the same as input size (torch.Size([4, 2]))
#    >>> model.config.problem_type
#    'multi_label_classification'
#
#    Make class labels with ``torch.tensor(labels)``, which gives int64.

model.config.problem_type = None  # forget the decision of the failed call

# %%
# The notes' best-model flags
# ---------------------------
# ``Trainer`` runs the training loop; ``TrainingArguments`` configures it, and
# ``HfArgumentParser`` turns the same fields into command-line flags. To keep the best
# model the notes pass ``--load_best_model_at_end --metric_for_best_model eval_loss
# --greater_is_better False``. Parsed on their own, these flags are refused:

parser = HfArgumentParser(TrainingArguments)
notes_flags = ["--load_best_model_at_end", "--metric_for_best_model", "eval_loss", "--greater_is_better", "False"]
try:
    parser.parse_args_into_dataclasses(args=["--output_dir", "unused", *notes_flags])
except ValueError as error:
    print(error)

# %%
# .. pitfall:: Keeping the best model needs evaluation, and checkpoints at the same moments
#
#    The three flags are not enough. "Best" is measured at every evaluation and loaded
#    from the :term:`checkpoint` saved at that moment, so ``load_best_model_at_end``
#    requires an ``eval_strategy`` (the default is ``"no"``) and a ``save_strategy``
#    that matches it (the default is ``"steps"``):
#
#    >>> parser.parse_args_into_dataclasses(args=["--output_dir", "unused", *notes_flags])
#    Traceback (most recent call last):
#        ...
#    ValueError: --load_best_model_at_end requires the save and eval strategy to match, except when --save_strategy="best", but found
#    - Evaluation strategy: IntervalStrategy.NO
#    - Save strategy: SaveStrategy.STEPS
#
#    The one exception is ``save_strategy="best"``, which saves a checkpoint only when
#    the metric improves. The same error comes when both strategies are set but
#    differ, and with ``"steps"`` the saving interval must be a multiple of the
#    evaluation interval:
#
#    >>> TrainingArguments("unused", eval_strategy="steps", eval_steps=3, save_steps=5,
#    ...                   load_best_model_at_end=True)
#    Traceback (most recent call last):
#        ...
#    ValueError: --load_best_model_at_end requires the saving steps to be a round multiple of the evaluation steps, but found 5, which is not a round multiple of 3.
#
# With ``--eval_strategy epoch --save_strategy epoch`` added, the notes' flags parse.
# The other two flags only restate the defaults: the metric for the best model is the
# evaluation loss unless told otherwise, and a metric whose name ends in ``loss`` is
# better when smaller. Any other metric counts as better when larger.

(args,) = parser.parse_args_into_dataclasses(
    args=["--output_dir", "unused", "--eval_strategy", "epoch", "--save_strategy", "epoch", *notes_flags]
)
defaults = TrainingArguments("unused", eval_strategy="epoch", save_strategy="epoch", load_best_model_at_end=True)
print(args.metric_for_best_model, args.greater_is_better)
print(defaults.metric_for_best_model, defaults.greater_is_better)

# %%
# >>> defaults.metric_for_best_model, defaults.greater_is_better
# ('loss', False)
# >>> TrainingArguments("unused", eval_strategy="epoch", save_strategy="epoch",
# ...                   load_best_model_at_end=True, metric_for_best_model="accuracy").greater_is_better
# True
#
# ``"loss"`` and ``"eval_loss"`` name the same value: the ``eval_`` prefix that
# ``Trainer`` puts in front of every evaluation metric may be left out. Neither the
# parser nor ``TrainingArguments`` creates the output folder; ``Trainer(...)`` creates
# it, empty, and training writes the checkpoints into it:
#
# >>> os.path.exists(args.output_dir)  # "unused", parsed above
# False
# >>> with tempfile.TemporaryDirectory() as parent:
# ...     run = os.path.join(parent, "run")
# ...     _ = Trainer(model=model, args=TrainingArguments(run, report_to=[], use_cpu=True))
# ...     print(os.listdir(parent), os.listdir(run))
# ['run'] []

# %%
# Training, and keeping the best epoch
# ------------------------------------
# Now a real run: six epochs of 6 steps each (24 examples, batches of 4), evaluated and
# saved after every epoch, all in a temporary folder. ``use_cpu=True`` keeps it on the
# CPU even where a GPU exists, ``report_to=[]`` turns off experiment trackers (as this
# version's default, ``"none"``, does too), and ``disable_tqdm=True`` replaces the
# progress bars by a printer of the logs, which the page removes, because the logs
# contain timings.
#
# >>> TrainingArguments.__dataclass_fields__["report_to"].default
# 'none'

torch.manual_seed(0)
model = BertForSequenceClassification(config)

with tempfile.TemporaryDirectory() as output_dir:
    args = TrainingArguments(
        output_dir=output_dir,
        eval_strategy="epoch",
        save_strategy="epoch",
        load_best_model_at_end=True,
        metric_for_best_model="eval_loss",
        greater_is_better=False,
        num_train_epochs=6,
        per_device_train_batch_size=4,
        per_device_eval_batch_size=12,
        learning_rate=1e-2,
        logging_strategy="epoch",
        seed=0,
        use_cpu=True,
        report_to=[],
        disable_tqdm=True,
    )
    trainer = Trainer(model=model, args=args, train_dataset=train_set, eval_dataset=eval_set,
                      data_collator=collate_fn)
    trainer.remove_callback(PrinterCallback)
    trainer.train()
    checkpoints = sorted(os.listdir(output_dir), key=lambda name: int(name.split("-")[1]))
    best_checkpoint = os.path.basename(trainer.state.best_model_checkpoint)
    history = list(trainer.state.log_history)  # before evaluate() adds to it
    final_eval = trainer.evaluate()

train_loss = [entry["loss"] for entry in history if "loss" in entry]
eval_loss = [entry["eval_loss"] for entry in history if "eval_loss" in entry]
print("checkpoints:", checkpoints)
print("training loss per epoch:  ", [round(x, 3) for x in train_loss])
print("evaluation loss per epoch:", [round(x, 3) for x in eval_loss])
print("best:", best_checkpoint, round(trainer.state.best_metric, 3))

# %%
# The training loss keeps falling while the evaluation loss turns up again after a few
# epochs: the model starts to memorise its 24 examples (:term:`overfitting`). The best checkpoint is the one
# with the lowest evaluation loss, and it is the model the trainer holds at the end,
# not the one of the last epoch: evaluating it again gives the best value, not the
# last one.

epochs = range(1, len(eval_loss) + 1)
best_epoch = eval_loss.index(min(eval_loss)) + 1
fig, ax = plt.subplots(figsize=(6, 3.4), layout="constrained")
ax.plot(epochs, train_loss, "o-", label="training loss")
ax.plot(epochs, eval_loss, "o-", label="evaluation loss")
ax.axvline(best_epoch, color="gray", linestyle="--", label="best checkpoint (loaded)")
ax.set_xlabel("epoch")
ax.set_ylabel("cross-entropy")
ax.set_title("Trainer with load_best_model_at_end=True")
ax.legend()
plt.show()

# %%
# >>> len(checkpoints), checkpoints[0]  # one checkpoint per epoch, named by step
# (6, 'checkpoint-6')
# >>> trainer.state.best_metric == min(eval_loss)
# True
# >>> abs(final_eval["eval_loss"] - trainer.state.best_metric) < 1e-6
# True
#
# The loaded model now gives the right names to the evaluation reviews:

model.eval()
with torch.no_grad():
    logits = model(**collate_fn(eval_set)).logits
names = [model.config.id2label[i] for i in logits.argmax(dim=-1).tolist()]
for (text, label), name in zip(eval_set[:4], names):
    print(f"{text!r:28} label {label} -> {name}")
accuracy = (logits.argmax(dim=-1) == torch.tensor([label for _, label in eval_set])).float().mean()
print("accuracy on the evaluation reviews:", accuracy.item())

# %%
# >>> accuracy.item() > 0.8
# True
#
# (The reviews differ from the training reviews only in which subject goes with
# which adjective, so this is an easy test; it shows that the loop works, not that the
# model understands reviews.)

# %%
# Summary
# -------
# * ``BertForSequenceClassification(BertConfig(...))`` builds a randomly initialised
#   model without any download; it starts in training mode.
# * Its output is a ``SequenceClassifierOutput`` with ``logits`` (and ``loss`` when
#   the batch has labels); ``config.id2label[logits.argmax(-1)]`` names the prediction.
# * BERT's classifier is a pooler (linear + tanh on the ``[CLS]`` hidden state),
#   dropout and one linear layer. ``tanh`` takes no ``dim``.
# * Class labels must be int64: float labels switch the model to multi-label
#   classification.
# * ``load_best_model_at_end`` needs an ``eval_strategy`` and the same
#   ``save_strategy``; the metric defaults to the evaluation loss, smaller is better.
