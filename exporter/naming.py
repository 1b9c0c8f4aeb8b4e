"""Default output file names, safe on Windows, macOS and Linux."""
from __future__ import annotations

import re

_UNSAFE = re.compile(r'[\\/:*?"<>|\x00-\x1f]')
# File systems limit a name to 255 bytes; a default name stays well under it, extension included.
NAME_BYTES = 200


def _clip_bytes(name: str, limit: int) -> str:
    while len(name.encode("utf-8")) > limit:
        name = name[:-1]
    return name


def safe_filename(name: str, limit: int = 120) -> str:
    """Replace characters file systems reject; keep Chinese as it is; at most `limit` characters and
    NAME_BYTES bytes (a title of 84 Chinese characters is already 252 bytes)."""
    name = _UNSAFE.sub("_", name).strip(" .")
    return (_clip_bytes(name[:limit], NAME_BYTES).rstrip(" .") or "导出")


def default_filename(title: str, label: str, ext: str) -> str:
    stem = f"{title}（{label}）" if label else title
    return f"{safe_filename(stem)}.{ext}"
