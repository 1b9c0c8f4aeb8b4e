"""Default output file names, safe on Windows, macOS and Linux."""
from __future__ import annotations

import re

_UNSAFE = re.compile(r'[\\/:*?"<>|\x00-\x1f]')


def safe_filename(name: str, limit: int = 120) -> str:
    """Replace characters file systems reject; keep Chinese as it is."""
    name = _UNSAFE.sub("_", name).strip(" .")
    return (name[:limit].rstrip(" .") or "导出")


def default_filename(title: str, label: str, ext: str) -> str:
    stem = f"{title}（{label}）" if label else title
    return f"{safe_filename(stem)}.{ext}"
