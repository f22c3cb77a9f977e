"""
Conv2d, pooling and LeNet: the shape after every layer
======================================================

``nn.Conv2d`` slides small kernels over an image, and :term:`pooling` shrinks the
resulting :term:`feature maps <feature map>`. This page shows both on a picture you
can check by eye, then builds the LeNet of PyTorch's 60-minute blitz for 32x32 images
and prints the shape after every layer, first with :term:`forward hooks <forward
hook>` and then by walking an ``nn.Sequential``. It ends with what "``torch.nn`` only
supports mini-batches" means today: most layers accept a single unbatched sample, but
batch normalisation and a model's ``forward`` may not.
"""

import matplotlib.pyplot as plt
import torch
import torch.nn.functional as F
from torch import nn

torch.manual_seed(0)

# %%
# Conv2d: kernels over an image
# -----------------------------
# ``nn.Conv2d`` takes images as ``(batch, channels, height, width)``. Its weight holds
# one kernel per output channel, each covering all input channels:
# ``(out_channels, in_channels, kernel_height, kernel_width)``. An RGB layer with six
# 5x5 kernels has :math:`6 \times 3 \times 5 \times 5` weights and six biases:

rgb_conv = nn.Conv2d(in_channels=3, out_channels=6, kernel_size=5)
print(rgb_conv.weight.shape, rgb_conv.bias.shape)

# %%
# >>> rgb_conv.weight.shape
# torch.Size([6, 3, 5, 5])
# >>> rgb_conv(torch.randn(4, 3, 32, 32)).shape  # 32 - 5 + 1 = 28 in both directions
# torch.Size([4, 6, 28, 28])
#
# The output size follows the formula of the
# :ref:`previous page <sphx_glr_auto_examples_04_models_plot_11_conv_output_size.py>`
# in each direction. To *see* what a kernel does, give a layer two hand-set kernels
# (the Sobel filters, which respond to a change of brightness from left to right and
# from top to bottom) and apply it to a white square on a black background. Padding 1
# keeps the 32x32 size.

image = torch.zeros(1, 1, 32, 32)
image[..., 8:24, 8:24] = 1.0
sobel = torch.tensor([[-1.0, 0.0, 1.0], [-2.0, 0.0, 2.0], [-1.0, 0.0, 1.0]])
edges = nn.Conv2d(1, 2, kernel_size=3, padding=1, bias=False)
with torch.no_grad():
    edges.weight[0, 0] = sobel  # left-to-right changes: vertical edges
    edges.weight[1, 0] = sobel.T  # top-to-bottom changes: horizontal edges
    edge_maps = edges(image)
print(edge_maps.shape)
print(edge_maps[0, 0, 16, 5:11])

# %%
# >>> edge_maps.shape
# torch.Size([1, 2, 32, 32])
# >>> edge_maps[0, 0, 16, 5:11]  # along row 16: the left edge lies between columns 7 and 8
# tensor([0., 0., 4., 4., 0., 0.])
#
# Pooling
# -------
# A pooling layer slides a window in the same way but has no weights: ``MaxPool2d``
# keeps the largest value of each window, ``AvgPool2d`` their mean. With the default
# stride (equal to the kernel size) a 2x2 pool halves height and width. It works on
# every channel separately, so the number of channels does not change.

pool = nn.MaxPool2d(2)
pooled = pool(edge_maps.abs())
print(pooled.shape, list(pool.parameters()))

# %%
# >>> pooled.shape
# torch.Size([1, 2, 16, 16])
# >>> list(pool.parameters())
# []
#
# ``nn.AdaptiveAvgPool2d`` is told the *output* size and chooses the windows itself, so
# images of any size give the same shape, which is how many image classifiers accept
# several input sizes:
#
# >>> nn.AdaptiveAvgPool2d(1)(torch.randn(2, 8, 13, 7)).shape
# torch.Size([2, 8, 1, 1])
#
# The figure shows the input, the two edge maps (red where the brightness increases
# to the right or downwards, blue where it decreases) and their absolute values, each
# max-pooled to half the size and then added: the outline of the square survives the
# pooling.

fig, axes = plt.subplots(1, 4, figsize=(10, 2.9), layout="constrained")
panels = [
    (image[0, 0], "input, 32x32", dict(cmap="gray")),
    (edge_maps[0, 0], "vertical edges", dict(cmap="coolwarm", vmin=-4, vmax=4)),
    (edge_maps[0, 1], "horizontal edges", dict(cmap="coolwarm", vmin=-4, vmax=4)),
    (pooled[0].sum(0), "both, max-pooled to 16x16", dict(cmap="gray")),
]
for ax, (picture, title, style) in zip(axes, panels):
    ax.imshow(picture.numpy(), **style)
    ax.set_title(title)
    ax.axis("off")
plt.show()

# %%
# LeNet on 32x32 images
# ---------------------
# The network of PyTorch's 60-minute blitz (a LeNet-5 variant) classifies 32x32
# one-channel images into 10 classes: two convolution + ReLU + 2x2 max-pool stages,
# then three linear layers. Its ``forward`` uses the functional forms of ReLU and
# pooling, which have no parameters.


class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.conv1 = nn.Conv2d(1, 6, 5)
        self.conv2 = nn.Conv2d(6, 16, 5)
        self.fc1 = nn.Linear(16 * 5 * 5, 120)
        self.fc2 = nn.Linear(120, 84)
        self.fc3 = nn.Linear(84, 10)

    def forward(self, x):
        x = F.max_pool2d(F.relu(self.conv1(x)), 2)
        x = F.max_pool2d(F.relu(self.conv2(x)), 2)
        x = torch.flatten(x, 1)  # all dimensions except the batch
        x = F.relu(self.fc1(x))
        x = F.relu(self.fc2(x))
        return self.fc3(x)


net = Net()
images = torch.randn(1, 1, 32, 32)
print(net(images).shape)
print(sum(p.numel() for p in net.parameters()))

# %%
# >>> net(images).shape
# torch.Size([1, 10])
# >>> len(list(net.parameters())), sum(p.numel() for p in net.parameters())
# (10, 61706)
#
# Ten parameter tensors: a weight and a bias for each of the five layers.
#
# Shapes from forward hooks
# ~~~~~~~~~~~~~~~~~~~~~~~~~
# A forward hook is a function that a module calls after every forward pass with the
# module, its inputs and its output. Registering one on every submodule prints the
# shape each layer produces. ``register_forward_hook`` returns a handle; removing the
# hooks afterwards leaves the model as it was.

rows = []


def record_shape(module, inputs, output):
    rows.append((type(module).__name__, tuple(inputs[0].shape), tuple(output.shape)))


handles = [module.register_forward_hook(record_shape) for module in net.children()]
net(images)
for handle in handles:
    handle.remove()

print(f"{'layer':8} {'input':16} {'output':16}")
for name, shape_in, shape_out in rows:
    print(f"{name:8} {str(shape_in):16} {str(shape_out):16}")

# %%
# >>> [row[2] for row in rows]
# [(1, 6, 28, 28), (1, 16, 10, 10), (1, 120), (1, 84), (1, 10)]
#
# Only five rows: hooks belong to modules, and ``F.relu``, ``F.max_pool2d`` and
# ``torch.flatten`` are plain function calls inside ``forward``. The table jumps from
# ``(1, 6, 28, 28)`` to an input of ``(1, 6, 14, 14)`` for ``conv2`` without showing
# the pooling in between.
#
# Shapes from an ``nn.Sequential``
# ~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~
# Written with a module for every step, the same network is an ``nn.Sequential``, and
# a loop over its layers shows every intermediate shape. ``nn.Flatten()`` flattens
# all dimensions after the first, like ``torch.flatten(x, 1)``.

lenet = nn.Sequential(
    nn.Conv2d(1, 6, 5), nn.ReLU(), nn.MaxPool2d(2),
    nn.Conv2d(6, 16, 5), nn.ReLU(), nn.MaxPool2d(2),
    nn.Flatten(),
    nn.Linear(16 * 5 * 5, 120), nn.ReLU(),
    nn.Linear(120, 84), nn.ReLU(),
    nn.Linear(84, 10),
)

x = images
shapes = []
print(f"{'':13} {'output shape':18} parameters")
print(f"{'input':13} {str(tuple(x.shape)):18}")
for layer in lenet:
    x = layer(x)
    shapes.append(tuple(x.shape))
    print(f"{type(layer).__name__:13} {str(tuple(x.shape)):18} {sum(p.numel() for p in layer.parameters()):10}")

# %%
# >>> shapes[:7]
# [(1, 6, 28, 28), (1, 6, 28, 28), (1, 6, 14, 14), (1, 16, 10, 10), (1, 16, 10, 10), (1, 16, 5, 5), (1, 400)]
# >>> sum(p.numel() for p in lenet.parameters())
# 61706
#
# The arithmetic behind the table: :math:`32 - 5 + 1 = 28`, pooled to 14;
# :math:`14 - 5 + 1 = 10`, pooled to 5; and :math:`16 \times 5 \times 5 = 400`
# features for the first linear layer. That last number is why the network needs
# 32x32 inputs: a 28x28 MNIST digit leaves :math:`16 \times 4 \times 4 = 256`
# features, and ``fc1`` rejects them. Resize (or pad) the images to 32x32 first, or
# change ``fc1``.
#
# >>> net(torch.randn(1, 1, 28, 28))
# Traceback (most recent call last):
#     ...
# RuntimeError: mat1 and mat2 shapes cannot be multiplied (1x256 and 400x120)

# %%
# One image without a batch dimension
# -----------------------------------
# The notes repeat a remark of the blitz tutorial: ``torch.nn`` only supports
# mini-batches, ``nn.Conv2d`` needs a 4-D input, and a single image must get a fake
# batch dimension with ``input.unsqueeze(0)``. For most of today's layers this is no
# longer true: convolution and pooling layers accept an unbatched ``(channels,
# height, width)`` image, ``nn.Linear`` accepts any number of leading dimensions, and
# recurrent and attention layers accept an unbatched sequence.

single = torch.randn(1, 32, 32)  # (channels, height, width)
print(net.conv1(single).shape, pool(net.conv1(single)).shape)

# %%
# >>> net.conv1(single).shape
# torch.Size([6, 28, 28])
# >>> nn.Linear(400, 120)(torch.randn(400)).shape
# torch.Size([120])
# >>> nn.Conv2d(1, 6, 5)(torch.randn(32, 32))
# Traceback (most recent call last):
#     ...
# RuntimeError: Expected 3D (unbatched) or 4D (batched) input to conv2d, but got input of size: [32, 32]
#
# Normalisation layers are the exception: ``nn.BatchNorm2d`` and ``nn.GroupNorm``
# still need the batch dimension, and ``nn.BatchNorm1d`` reads a 2-D ``(C, L)``
# sample as a batch ``(N, C)``.
#
# >>> nn.BatchNorm2d(6)(torch.zeros(6, 28, 28))
# Traceback (most recent call last):
#     ...
# ValueError: expected 4D input (got 3D input)
#
# .. pitfall:: Most layers accept unbatched input; a model's ``forward`` may not
#
#    "``torch.nn`` only supports mini-batches" is outdated for most layers:
#    ``nn.Conv2d`` takes a 3-D ``(C, H, W)`` sample as well as a 4-D batch (batch
#    normalisation still needs the batch). But the LeNet above still fails on a
#    single image, because its ``forward`` flattens with ``torch.flatten(x, 1)``,
#    which assumes that dimension 0 is the batch: for a ``(16, 5, 5)`` sample it gives
#    ``(16, 25)`` instead of ``(400,)``. Adding the batch dimension with
#    ``unsqueeze(0)`` is still the simple fix; flattening the last three dimensions
#    (``x.flatten(-3)``) makes the model accept both.
#
#    >>> net(single)
#    Traceback (most recent call last):
#        ...
#    RuntimeError: mat1 and mat2 shapes cannot be multiplied (16x25 and 400x120)
#    >>> net(single.unsqueeze(0)).shape
#    torch.Size([1, 10])
#    >>> torch.randn(16, 5, 5).flatten(-3).shape, torch.randn(8, 16, 5, 5).flatten(-3).shape
#    (torch.Size([400]), torch.Size([8, 400]))

# %%
# Summary
# -------
# * ``nn.Conv2d`` maps ``(N, C_in, H, W)`` to ``(N, C_out, H_out, W_out)``; its weight
#   is ``(C_out, C_in, kH, kW)``. Pooling has no parameters, keeps the channels and,
#   with its default stride, divides height and width by the kernel size.
# * LeNet for 32x32 inputs: ``(1, 32, 32)`` → 6×28×28 → 6×14×14 → 16×10×10 →
#   16×5×5 → 400 → 120 → 84 → 10, with 61,706 parameters.
# * Forward hooks report the output of every *module*; functional calls inside
#   ``forward`` are invisible to them. A loop over an ``nn.Sequential`` shows every
#   step.
# * Most layers (convolution, pooling, linear, recurrent, attention) accept unbatched
#   samples; ``BatchNorm*``, ``GroupNorm`` and a ``forward`` that flattens from
#   dimension 1 do not. ``unsqueeze(0)`` adds the batch dimension.
