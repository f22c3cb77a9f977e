"""
A CTC speech pipeline in miniature
==================================

The notes' training pipeline recognises phonemes from speech frames with a
:term:`CTC <connectionist temporal classification>` loss, SGD with momentum, a
plateau scheduler, a gradient scaler and a beam-search decoder from a third-party
package. This page rebuilds that setup as a small, fast toy: synthetic
"speech" frames, a small convolutional network, the same loss, optimizer and
scheduler, and greedy decoding written in a few lines. It also says what the beam
decoder is and what it does better.
"""

import matplotlib.pyplot as plt
import torch
import torch.nn.functional as F
from torch import nn
from torch.nn.utils.rnn import pad_sequence

# %%
# The task
# --------
# Speech recognition turns a sequence of acoustic frames (the notes use 13 features
# per frame, the size of a classic MFCC vector) into a much shorter sequence of
# phonemes. Nobody says which frames belong to which phoneme: the training data pair
# each utterance with its phoneme sequence only. CTC solves this by letting the network
# emit, at every frame, either a phoneme or a special :term:`blank`, and by summing the
# probabilities of every frame-level path that *collapses* to the target: merge repeated
# symbols, then drop the blanks. The label list puts the blank first, at index 0, as
# the notes' ``blank=0`` and ``blank_id=0`` expect. (The loss itself, computed by hand
# on a tiny example, is the subject of
# :ref:`sphx_glr_auto_examples_04_models_plot_20_ctc_loss.py`.)

PHONEMES = ["-", "AA", "B", "IY", "K", "S", "T"]


def collapse(path):
    """Merge repeats, then drop blanks (index 0)."""
    merged = [p for i, p in enumerate(path) if i == 0 or p != path[i - 1]]
    return [p for p in merged if p != 0]


print([PHONEMES[i] for i in collapse([2, 2, 0, 1, 1, 1, 4, 0, 4])])

# %%
# A blank between two equal symbols keeps them apart; without it they merge:
#
# >>> collapse([2, 2, 0, 1, 1, 1, 4, 0, 4])
# [2, 1, 4, 4]
# >>> collapse([4, 4, 4])
# [4]
#
# The configuration and the data
# ------------------------------
# The notes' configuration dictionary, with its keys kept and its values scaled down
# to a toy. The synthetic utterances have 2 to 5 phonemes (no phoneme directly
# repeated); each phoneme lasts 2 to 4 frames, sometimes followed by a frame of
# silence, and each frame is the phoneme's own random 13-dimensional pattern plus
# noise.

config = {
    "beam_width": 50,
    "lr": 0.05,
    "epochs": 15,
    "batch_size": 32,
    "input_size": 13,
    "embed_size": 32,
    "output_size": len(PHONEMES),
    "momentum": 0.9,
    "weight_decay": 1e-5,
    "scheduler_mode": "min",
    "lr_factor": 0.1,
    "lr_patience": 5,
    "min_lr": 1e-9,
}

generator = torch.Generator().manual_seed(0)
patterns = torch.randn(len(PHONEMES), config["input_size"], generator=generator)
patterns[0] = 0  # silence


def draw(high, generator, low=0):
    return int(torch.randint(low, high, (), generator=generator))


def make_utterance(generator):
    length = draw(6, generator, low=2)
    phonemes = [draw(len(PHONEMES), generator, low=1)]
    while len(phonemes) < length:
        candidate = draw(len(PHONEMES), generator, low=1)
        if candidate != phonemes[-1]:
            phonemes.append(candidate)
    frame_labels = []
    for p in phonemes:
        frame_labels += [p] * draw(5, generator, low=2)
        if torch.rand((), generator=generator) < 0.3:
            frame_labels.append(0)
    frames = patterns[frame_labels]
    frames = frames + 0.7 * torch.randn(frames.shape, generator=generator)
    return frames, torch.tensor(phonemes)


def make_batch(n, generator):
    utterances = [make_utterance(generator) for _ in range(n)]
    frames = pad_sequence([u[0] for u in utterances])  # (time, batch, features)
    targets = pad_sequence([u[1] for u in utterances], batch_first=True)
    frame_lengths = torch.tensor([len(u[0]) for u in utterances])
    target_lengths = torch.tensor([len(u[1]) for u in utterances])
    return frames, targets, frame_lengths, target_lengths


train_batches = [make_batch(config["batch_size"], generator) for _ in range(8)]
val_batch = make_batch(200, generator)
frames, targets, frame_lengths, target_lengths = val_batch
print("frames", tuple(frames.shape), "targets", tuple(targets.shape))

# %%
# ``pad_sequence`` pads the utterances to the longest one; the true lengths travel
# alongside, because CTC must not read the padding. Frames are *time-first*,
# ``(time, batch, features)``, which is the layout ``nn.CTCLoss`` wants for its input.
#
# >>> frames.shape[1:], targets.shape[0]
# (torch.Size([200, 13]), 200)
# >>> bool((frame_lengths >= 2 * target_lengths).all())
# True
#
# The model
# ---------
# A one-dimensional convolution looks at three neighbouring frames at a time; a linear
# layer turns each frame's features into a score for each symbol, and ``log_softmax``
# makes them log-probabilities, which is what CTC consumes.


class FrameClassifier(nn.Module):
    def __init__(self, input_size, embed_size, output_size):
        super().__init__()
        self.conv = nn.Conv1d(input_size, embed_size, kernel_size=3, padding=1)
        self.out = nn.Linear(embed_size, output_size)

    def forward(self, frames):  # (time, batch, features)
        hidden = F.relu(self.conv(frames.permute(1, 2, 0)))  # (batch, embed, time)
        return self.out(hidden.permute(2, 0, 1)).log_softmax(dim=-1)  # (time, batch, symbols)


device = (
    torch.accelerator.current_accelerator()
    if torch.accelerator.is_available()
    else torch.device("cpu")
)
torch.manual_seed(0)
model = FrameClassifier(config["input_size"], config["embed_size"], config["output_size"]).to(device)

# %%
# The training setup of the notes
# -------------------------------
# Loss, optimizer, scheduler and scaler as the notes build them, with every value read
# from the configuration:

criterion = nn.CTCLoss(blank=0, reduction="mean", zero_infinity=True)
optimizer = torch.optim.SGD(model.parameters(), lr=config["lr"], momentum=config["momentum"],
                            weight_decay=config["weight_decay"])
# optimizer = torch.optim.AdamW(model.parameters(), lr=1e-3, weight_decay=1e-5)
scheduler = torch.optim.lr_scheduler.ReduceLROnPlateau(
    optimizer, mode=config["scheduler_mode"], factor=config["lr_factor"],
    patience=config["lr_patience"], min_lr=config["min_lr"])
use_amp = device.type == "cuda"
scaler = torch.amp.GradScaler(device.type, enabled=use_amp)

# %%
# What each piece does:
#
# * ``nn.CTCLoss(blank=0, reduction="mean", zero_infinity=True)``: the blank is symbol 0;
#   ``"mean"`` divides each utterance's loss by its target length, then averages over
#   the batch; ``zero_infinity=True`` replaces an infinite loss by zero. A loss is
#   infinite when no path fits: when an utterance has fewer frames than its target
#   needs (one per phoneme, plus a blank between two equal neighbours). Without the
#   flag, one such utterance makes the loss ``inf`` and the gradient ``nan``:
#
#   >>> short = torch.randn(2, 1, 3).log_softmax(-1).requires_grad_()
#   >>> impossible = dict(targets=torch.tensor([[1, 2, 1]]), input_lengths=torch.tensor([2]),
#   ...                   target_lengths=torch.tensor([3]))
#   >>> loss = nn.CTCLoss()(short, **impossible)
#   >>> loss.backward()
#   >>> loss.item(), short.grad.isnan().any().item()
#   (inf, True)
#   >>> short.grad = None
#   >>> criterion(short, **impossible).item()
#   0.0
#
#   The flag keeps training going, but it hides such utterances rather than fixing
#   them: check the lengths of the data.
#
# * ``SGD`` with momentum and weight decay, and the AdamW alternative the notes leave
#   commented out; the optimizers page of this chapter compares them.
# * ``ReduceLROnPlateau`` multiplies the learning rate by ``lr_factor`` (0.1) once the
#   validation loss has not improved for more than ``lr_patience`` (5) epochs in a
#   row, never going below ``min_lr``; it needs that loss, ``scheduler.step(val_loss)``,
#   once per epoch. The learning-rate schedulers page of this chapter measures it.
# * The gradient scaler belongs to float16 mixed precision on a GPU. The notes'
#   ``torch.cuda.amp.GradScaler()`` is the deprecated spelling of
#   ``torch.amp.GradScaler("cuda")``. Here it is enabled only where the page runs on
#   CUDA (together with ``autocast`` below); disabled, its methods simply pass through.
#
# >>> scaler.is_enabled() == (device.type == "cuda")
# True
#
# .. pitfall:: ``CTCBeamDecoder`` is not part of PyTorch
#
#    The notes' setup builds ``CTCBeamDecoder(labels=PHONEMES, blank_id=0,
#    beam_width=300, num_processes=4, log_probs_input=True)`` but never imports it, and
#    no such class exists in ``torch``. It comes from the third-party package
#    ``ctcdecode`` (``from ctcdecode import CTCBeamDecoder``), a C++ extension that does
#    CTC beam search, optionally scored with a KenLM n-gram language model. It is built
#    from source (a C++ compiler is needed), and its last release on PyPI dates from
#    2020.
#    Its ``decode`` method expects *batch-first* input, ``(batch, time, symbols)``,
#    the transpose of what ``nn.CTCLoss`` takes, and ``log_probs_input=True`` tells it
#    that the input is log-probabilities, as here. The notes' own configuration also
#    says ``"beam_width": 50`` while the decoder is built with 300: read such values
#    from the configuration instead of typing them again. The only decoders in
#    ``torch.nn`` are the Transformer's:
#
#    >>> [name for name in dir(torch.nn) if "Decoder" in name]
#    ['TransformerDecoder', 'TransformerDecoderLayer']
#
# Greedy decoding
# ---------------
# The simplest decoder, :term:`greedy decoding`, takes the most probable symbol at
# every frame (the *best path*) and collapses it. It needs the true number of frames of
# each utterance, so that the padding is ignored.


def greedy_decode(log_probs, lengths):
    best = log_probs.argmax(dim=-1).T.cpu()  # (batch, time)
    return [collapse(row[:n].tolist()) for row, n in zip(best, lengths)]


def edit_distance(a, b):
    row = list(range(len(b) + 1))
    for i, x in enumerate(a, start=1):
        previous, row[0] = row[0], i
        for j, y in enumerate(b, start=1):
            previous, row[j] = row[j], min(row[j] + 1, row[j - 1] + 1, previous + (x != y))
    return row[-1]


# %%
# The quality of a transcription is its *phoneme error rate*: the edit distance
# (insertions, deletions and substitutions) between decoded and true sequences, divided
# by the length of the true ones.
#
# >>> edit_distance([2, 1, 4], [2, 1, 4]), edit_distance([2, 4], [2, 1, 4]), edit_distance([3, 1], [2, 1, 4])
# (0, 1, 2)
#
# The loop
# --------
# One epoch is eight batches. Each training step runs the forward pass under
# ``autocast`` and the backward pass through the scaler (both inactive on the CPU); each
# epoch ends with a validation pass, greedy decoding and the scheduler step.


def evaluate(batch):
    frames, targets, frame_lengths, target_lengths = (t.to(device) for t in batch)
    model.eval()
    with torch.no_grad():
        log_probs = model(frames)
        loss = criterion(log_probs, targets, frame_lengths, target_lengths).item()
    decoded = greedy_decode(log_probs, frame_lengths)
    truth = [t[:n].tolist() for t, n in zip(targets.cpu(), target_lengths)]
    errors = sum(edit_distance(d, t) for d, t in zip(decoded, truth))
    return loss, errors / sum(len(t) for t in truth)


history = {"train": [], "val": [], "per": []}
for epoch in range(config["epochs"]):
    model.train()
    total = 0.0
    for batch in train_batches:
        frames, targets, frame_lengths, target_lengths = (t.to(device) for t in batch)
        optimizer.zero_grad()
        with torch.autocast(device.type, dtype=torch.float16, enabled=use_amp):
            log_probs = model(frames)
        loss = criterion(log_probs, targets, frame_lengths, target_lengths)
        scaler.scale(loss).backward()
        scaler.step(optimizer)
        scaler.update()
        total += loss.item()
    val_loss, per = evaluate(val_batch)
    scheduler.step(val_loss)
    history["train"].append(total / len(train_batches))
    history["val"].append(val_loss)
    history["per"].append(per)
    if epoch % 3 == 0 or epoch == config["epochs"] - 1:
        print(f"epoch {epoch:2}: train {history['train'][-1]:.3f}, val {val_loss:.3f}, "
              f"phoneme error rate {per:.3f}, lr {optimizer.param_groups[0]['lr']:g}")

# %%
# Without ever being told where a phoneme starts, the network has learned to recognise
# them; the phoneme error rate on the 200 validation utterances ends up at a few
# percent or less.
#
# >>> history["val"][-1] < 0.2 * history["val"][0]
# True
# >>> per < 0.1
# True
#
# Here is one validation utterance, decoded:

frames, targets, frame_lengths, target_lengths = val_batch
model.eval()
with torch.no_grad():
    log_probs = model(frames.to(device)).cpu()
decoded = greedy_decode(log_probs, frame_lengths)
n = int(target_lengths[0])
print("truth:  ", " ".join(PHONEMES[i] for i in targets[0, :n].tolist()))
print("decoded:", " ".join(PHONEMES[i] for i in decoded[0]))

# %%
# The picture shows what CTC learned: per frame, the probability of each symbol. Each
# phoneme lights up over the frames where it is spoken, and the blank wins only at a
# few frames: between two *different* phonemes CTC does not need it, only between
# repeated ones.

length = int(frame_lengths[0])
fig, (ax_curve, ax_probs) = plt.subplots(1, 2, figsize=(10, 3.6), layout="constrained",
                                         width_ratios=[1, 1.6])
epochs = range(1, config["epochs"] + 1)
ax_curve.plot(epochs, history["train"], marker="o", label="training")
ax_curve.plot(epochs, history["val"], marker="s", label="validation")
ax_curve.set_xlabel("epoch")
ax_curve.set_ylabel("CTC loss")
ax_curve.set_title("CTC loss")
ax_curve.legend()
image = ax_probs.imshow(log_probs[:length, 0].exp().T.numpy(), aspect="auto", cmap="magma", vmin=0, vmax=1)
ax_probs.set_yticks(range(len(PHONEMES)), PHONEMES)
ax_probs.set_xlabel("frame")
ax_probs.set_title("Symbol probabilities of one utterance")
fig.colorbar(image, ax=ax_probs, label="probability")
plt.show()

# %%
# What a beam search adds
# -----------------------
# Greedy decoding finds the most probable *path*, which is not always the most probable
# *transcription*, because many paths collapse to the same one. Two frames that each
# give the blank 0.6 and the phoneme "B" 0.4 show it: the best path is blank–blank, the
# empty transcription, with probability :math:`0.6^2 = 0.36`; but "B" is reached by
# three paths (B–B, B–blank, blank–B) with total probability
# :math:`0.16 + 0.24 + 0.24 = 0.64`. ``nn.CTCLoss`` computes exactly these sums (the
# loss is minus the log of the probability of the target), so it can confirm them:

two_frames = torch.tensor([[0.6, 0.0, 0.4], [0.6, 0.0, 0.4]]).log().unsqueeze(1)
sum_loss = nn.CTCLoss(reduction="sum")


def transcription_probability(target):
    loss = sum_loss(two_frames, torch.tensor([target], dtype=torch.long).reshape(1, -1),
                    torch.tensor([2]), torch.tensor([len(target)]))
    return loss.neg().exp().item()


print("greedy:", greedy_decode(two_frames, [2]))
print("P(empty) =", round(transcription_probability([]), 4),
      " P(B) =", round(transcription_probability([2]), 4))

# %%
# >>> greedy_decode(two_frames, [2])
# [[]]
# >>> round(transcription_probability([]), 4), round(transcription_probability([2]), 4)
# (0.36, 0.64)
#
# A :term:`beam search` keeps the ``beam_width`` most probable *prefixes* frame by
# frame, merging the paths that collapse to the same prefix, so it can find "B" here; with a
# language model it also prefers phoneme or word sequences that are likely in the
# language. That is what ``ctcdecode``'s ``CTCBeamDecoder`` does, in C++ and in
# parallel over the batch (``num_processes``). A wider beam is more likely to find the
# best transcription, and slower. On the toy data above the network is so sure of
# itself that greedy decoding is already nearly perfect.
#
# Summary
# -------
# * CTC trains a frame classifier from unaligned targets by summing over every path
#   that collapses (merge repeats, drop blanks) to the target; ``nn.CTCLoss`` takes
#   time-first log-probabilities, targets and both lengths.
# * ``zero_infinity=True`` turns the infinite loss of an impossible utterance into zero
#   instead of ``nan`` gradients.
# * The notes' setup is SGD with momentum and weight decay, ``ReduceLROnPlateau`` stepped
#   with the validation loss, and a gradient scaler for CUDA mixed precision
#   (``torch.amp.GradScaler("cuda")``, not the deprecated ``torch.cuda.amp`` one).
# * Greedy decoding (argmax per frame, then collapse) is a few lines; a beam search,
#   such as the third-party ``ctcdecode`` package's ``CTCBeamDecoder``, finds the most
#   probable transcription more often and can add a language model.
