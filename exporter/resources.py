"""Where the bundled data, templates and fonts are, installed or in a checkout."""

from __future__ import annotations

from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent


def bundled(kind: str) -> Path:
    """The folder `kind` ('data', 'templates', 'fonts'): inside the wheel, or at the repo's top."""
    for candidate in (_PACKAGE / "_bundled" / kind, _PACKAGE.parent / kind):
        if candidate.is_dir():
            return candidate
    return _PACKAGE / "_bundled" / kind


def default_data() -> Path:
    return bundled("data") / "2023.yaml"
