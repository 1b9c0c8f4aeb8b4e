"""Default output file names, safe on Windows, macOS and Linux."""

from __future__ import annotations

import re

from exporter import wording as W
from exporter.text import characters

_UNSAFE = re.compile(r'[\\/:*?"<>|]')
# File systems limit a name to 255 bytes; a default name stays well under it, extension included.
NAME_BYTES = 200


def _clip_bytes(name: str, limit: int) -> str:
    while len(name.encode("utf-8")) > limit:
        name = name[:-1]
    return name


# Device names Windows still reserves, whatever follows the first dot ("Aux.局.xlsx" is AUX) and with
# trailing spaces before it ignored: superscript digits and the console devices included.
WINDOWS_DEVICES = {
    "CON",
    "PRN",
    "AUX",
    "NUL",
    "CONIN$",
    "CONOUT$",
    *(f"{port}{digit}" for port in ("COM", "LPT") for digit in "0123456789¹²³"),
}


def not_a_device(stem: str) -> str:
    """`stem` with "_" after its device part when Windows would open a device instead: "Aux.局" -> "Aux_.局"."""
    base, dot, rest = stem.partition(".")
    if base.rstrip(" ").upper() in WINDOWS_DEVICES:
        return f"{base.rstrip(' ')}_{dot}{rest}"
    return stem


def safe_filename(name: str, limit: int = 120) -> str:
    """Replace characters file systems reject; keep Chinese as it is; never a Windows device name;
    at most `limit` characters and NAME_BYTES bytes (a title of 84 Chinese characters is already 252 bytes)."""
    name = characters.replace(_UNSAFE.sub("_", name), "_").strip(" .")
    return not_a_device(_clip_bytes(name[:limit], NAME_BYTES).rstrip(" .") or W.FALLBACK_FILE_STEM)


def default_filename(title: str, label: str, ext: str) -> str:
    stem = f"{title}（{label}）" if label else title
    return f"{safe_filename(stem)}.{ext}"
