"""The ``dtype-table`` directive: a reference table of torch dtypes, computed at build time.

Every fact in the table (aliases, bits, range, legacy tensor class, shortcut method,
which dtype is a default) is read from the installed torch, so it cannot drift from the
version that built the site. Only the names and the "typical use" column are written
here; the English ones are translated through the page's catalog like any other text.
"""

import torch
from docutils import nodes
from sphinx.util.docutils import SphinxDirective

# dtype, English name, Chinese name, typical use (English; translated via the catalog)
DTYPES = [
    (torch.float32, "32-bit floating point", "32 位浮点数", "Default for floating-point tensors; model weights and training"),
    (torch.float64, "64-bit floating point", "64 位浮点数（双精度）", "High-precision numerics; what NumPy arrays of floats become"),
    (torch.float16, "16-bit floating point", "16 位浮点数（半精度）", "Mixed-precision training and inference on GPUs"),
    (torch.bfloat16, "16-bit brain floating point", "16 位 Brain 浮点数（bfloat16）", "Mixed precision with float32's range but fewer digits"),
    (torch.uint8, "8-bit unsigned integer", "8 位无符号整数", "Image pixels (0 to 255)"),
    (torch.int8, "8-bit signed integer", "8 位有符号整数", "Quantized weights and activations"),
    (torch.int16, "16-bit signed integer", "16 位有符号整数", "Rarely needed; compact integer data"),
    (torch.int32, "32-bit signed integer", "32 位有符号整数", "Compact indices and counts"),
    (torch.int64, "64-bit signed integer", "64 位有符号整数（长整型）", "Default for integer tensors; indices and class labels"),
    (torch.bool, "Boolean", "布尔型", "Masks and the results of comparisons"),
    (torch.complex64, "64-bit complex", "64 位复数", "Default complex type; FFT results of float32 input"),
    (torch.complex128, "128-bit complex", "128 位复数", "FFT results of float64 input"),
]

SHORTCUTS = ["float", "double", "half", "bfloat16", "byte", "char", "short", "int", "long", "bool", "cfloat", "cdouble"]
HEADERS = ["dtype", "Aliases", "English name", "Chinese name", "Bits", "Kind", "Range", "Legacy class", "Shortcut", "Default dtype of", "Typical use"]


def aliases(dtype):
    names = sorted(n for n in dir(torch) if getattr(torch, n, None) is dtype)
    return [f"torch.{n}" for n in names if f"torch.{n}" != str(dtype)]


def kind(dtype):
    if dtype.is_complex:
        return "complex"
    if dtype.is_floating_point:
        return "floating point"
    if dtype is torch.bool:
        return "boolean"
    return "signed integer" if dtype.is_signed else "unsigned integer"


def value_range(dtype):
    if dtype is torch.bool:
        return "False, True"
    if dtype.is_complex:
        return value_range(dtype.to_real())  # for each of the real and imaginary parts
    if dtype.is_floating_point:
        info = torch.finfo(dtype)
        return f"±{info.max:.4g}, eps {info.eps:.3g}"
    info = torch.iinfo(dtype)
    return f"{info.min} … {info.max}"


def legacy_class(dtype):
    name = torch.empty(0, dtype=dtype).type().removeprefix("torch.")
    return f"torch.{name}" if hasattr(torch, name) else ""


def shortcut(dtype):
    sample = torch.zeros(1)
    return " ".join(f".{m}()" for m in SHORTCUTS if getattr(sample, m)().dtype is dtype)


def default_for(dtype):
    roles = {
        torch.get_default_dtype(): "torch.tensor(1.0)",
        torch.tensor(1).dtype: "torch.tensor(1)",
        torch.tensor(True).dtype: "torch.tensor(True)",
        torch.tensor(1j).dtype: "torch.tensor(1j)",
    }
    return roles.get(dtype, "")


def code_cell(text):
    """A cell of code-like data: shown as-is in every edition, never translated."""
    para = nodes.paragraph("", "", *([nodes.literal(text, text)] if text else []))
    para["translatable"] = False
    return nodes.entry("", para)


def plain_cell(text, translatable):
    para = nodes.paragraph(text, text)
    para["translatable"] = translatable
    return nodes.entry("", para)


class DtypeTable(SphinxDirective):
    def run(self):
        table = nodes.table(classes=["dtype-table"])
        group = nodes.tgroup(cols=len(HEADERS))
        table += group
        group.extend(nodes.colspec(colwidth=1) for _ in HEADERS)
        head = nodes.thead()
        head += nodes.row("", *(plain_cell(h, True) for h in HEADERS))
        body = nodes.tbody()
        for dtype, english, chinese, use in DTYPES:
            body += nodes.row(
                "",
                code_cell(str(dtype)),
                code_cell(", ".join(aliases(dtype))),
                plain_cell(english, False),
                plain_cell(chinese, False),
                code_cell(str(dtype.itemsize * 8)),
                plain_cell(kind(dtype), True),
                code_cell(value_range(dtype)),
                code_cell(legacy_class(dtype)),
                code_cell(shortcut(dtype)),
                code_cell(default_for(dtype)),
                plain_cell(use, True),
            )
        group += head
        group += body
        for node in table.findall(nodes.Element):
            node.source, node.line = self.get_source_info()
        return [table]


def setup(app):
    app.add_directive("dtype-table", DtypeTable)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
