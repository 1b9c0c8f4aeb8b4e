"""Small helpers for writing OFD XML as text: millimetres, numbers and escaping."""

from __future__ import annotations

NS = "http://www.ofdspec.org/2016"
HEAD = '<?xml version="1.0" encoding="UTF-8"?>\n'
MM = 25.4 / 72  # millimetres per point: the layout works in points, OFD in millimetres

_TEXT = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;"})
_ATTR = str.maketrans(
    {"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "\t": "&#9;", "\n": "&#10;", "\r": "&#13;"}
)


def num(value: float) -> str:
    """A length in millimetres to 0.001 mm (a micrometre), without trailing zeros."""
    text = f"{value:.3f}".rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


def text(value: str) -> str:
    return value.translate(_TEXT)


def attr(value: str) -> str:
    return value.translate(_ATTR)
