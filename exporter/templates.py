"""Templates are YAML data: a base file plus small overlays (`extends: official`).

Sizes are written as people write them — 三号, 16pt, 28mm, 1.8cm — and parsed here, once.
"""
from __future__ import annotations

import copy
import re
from pathlib import Path

import yaml

from exporter.errors import TemplateError
from exporter.resources import bundled

DEFAULT = "official"
# libyaml when PyYAML was built with it: the pure-Python parser takes several ms for one template.
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

# GB/T 9704 font sizes (号) in points.
HAO = {
    "初号": 42, "小初": 36, "一号": 26, "小一": 24, "二号": 22, "小二": 18, "三号": 16, "小三": 15,
    "四号": 14, "小四": 12, "五号": 10.5, "小五": 9, "六号": 7.5, "小六": 6.5,
}
UNITS = {"pt": 1.0, "mm": 72 / 25.4, "cm": 72 / 2.54, "in": 72.0}


def parse_size(value, what: str = "尺寸") -> float:
    """'三号' -> 16.0, '16pt' -> 16.0, '28mm' -> 79.37, 12 -> 12.0 (points)."""
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return float(value)
    text = str(value).strip()
    if text in HAO:
        return float(HAO[text])
    m = re.fullmatch(r"(-?\d+(?:\.\d+)?)\s*(pt|mm|cm|in)?", text)
    if not m:
        raise TemplateError(f"{what}“{value}”无法识别",
                            hint="写成 三号、16pt、28mm 或 1.8cm 这样的形式。")
    return float(m.group(1)) * UNITS[m.group(2) or "pt"]


def _merge(base: dict, overlay: dict) -> dict:
    out = copy.deepcopy(base)
    for key, value in overlay.items():
        if isinstance(value, dict) and isinstance(out.get(key), dict):
            out[key] = _merge(out[key], value)
        else:
            out[key] = copy.deepcopy(value)
    return out


def _find(name: str) -> Path:
    path = Path(name)
    if path.suffix in (".yaml", ".yml") or path.exists():
        if not path.is_file():
            raise TemplateError(f"模板文件“{name}”不存在", hint="检查路径，或用内置模板名，例如 official。")
        return path
    candidate = bundled("templates") / f"{name}.yaml"
    if not candidate.is_file():
        names = sorted(p.stem for p in bundled("templates").glob("*.yaml"))
        raise TemplateError(f"没有名为“{name}”的模板。可用模板：{'、'.join(names)}",
                            hint="用 --template 指定内置模板名或模板文件路径。")
    return candidate


def load(name: str | None = None, _seen: tuple = ()) -> dict:
    """Load a template by bundled name or file path, with its `extends` chain merged in."""
    path = _find(name or DEFAULT)
    if path.resolve() in _seen:
        raise TemplateError(f"模板“{path}”循环继承", hint="检查各模板的 extends 字段。")
    try:
        data = yaml.load(path.read_text(encoding="utf-8"), Loader=_LOADER) or {}
    except (yaml.YAMLError, UnicodeDecodeError) as exc:
        line = getattr(getattr(exc, "problem_mark", None), "line", None)
        raise TemplateError("模板不是有效的 YAML", file=str(path), line=line + 1 if line is not None else None,
                            hint="检查缩进与冒号，文件须为 UTF-8 编码。") from None
    if not isinstance(data, dict):
        raise TemplateError("模板应是“键: 值”的映射", file=str(path), hint="参照 templates/official.yaml 书写。")
    # A template is an overlay on the default unless it says otherwise (`extends: null`), so a
    # user's file need only list what it changes.
    is_default = path.resolve() == (bundled("templates") / f"{DEFAULT}.yaml").resolve()
    parent = data.pop("extends", None if is_default else DEFAULT)
    data["_dir"] = str(path.parent)
    if parent:
        base = load(str(parent) if not (path.parent / f"{parent}.yaml").is_file()
                    else str(path.parent / f"{parent}.yaml"), _seen + (path.resolve(),))
        data = _merge(base, data)
    return data


def font_path(template: dict, file: str) -> Path:
    """A font file named in a template: absolute, next to the template, or in the bundled fonts/."""
    path = Path(file).expanduser()
    if path.is_absolute():
        return path
    for folder in (Path(template.get("_dir", ".")), bundled("fonts")):
        if (folder / path).is_file():
            return folder / path
    return bundled("fonts") / path
