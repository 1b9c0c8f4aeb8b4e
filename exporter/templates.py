"""Templates are YAML data: a base file plus small overlays (`extends: official`).

The one loader every writer uses. Its only defaults are `templates/official.yaml`: an overlay inherits
every value it does not set; a standalone template (`extends: null`) must set every value a writer
reads, and a missing one is a TemplateError naming it — no writer keeps defaults of its own. Each
format parses its section once per loaded template (`Template.parsed`), so every file of a split
export is styled from the same parsed settings. Sizes are written as people write them — 三号, 16pt,
28mm, 1.8cm — and parsed here (`parse_size`).
"""

from __future__ import annotations

import copy
import functools
import re
from pathlib import Path

import yaml

from exporter import inputs
from exporter import wording as W
from exporter.errors import ExporterError, TemplateError
from exporter.resources import bundled

DEFAULT = "official"
# libyaml when PyYAML was built with it: the pure-Python parser takes several ms for one template.
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

# GB/T 9704 font sizes (号) in points.
HAO = {
    "初号": 42,
    "小初": 36,
    "一号": 26,
    "小一": 24,
    "二号": 22,
    "小二": 18,
    "三号": 16,
    "小三": 15,
    "四号": 14,
    "小四": 12,
    "五号": 10.5,
    "小五": 9,
    "六号": 7.5,
    "小六": 6.5,
}
UNITS = {"pt": 1.0, "mm": 72 / 25.4, "cm": 72 / 2.54, "in": 72.0}


def parse_size(value, what: str = W.WHAT_SIZE) -> float:
    """'三号' -> 16.0, '16pt' -> 16.0, '28mm' -> 79.37, 12 -> 12.0 (points)."""
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return float(value)
    text = str(value).strip()
    if text in HAO:
        return float(HAO[text])
    m = re.fullmatch(r"(-?\d+(?:\.\d+)?)\s*(pt|mm|cm|in)?", text)
    if not m:
        raise TemplateError(W.SIZE_UNREADABLE.format(what=what, value=value), hint=W.SIZE_UNREADABLE_HINT)
    return float(m.group(1)) * UNITS[m.group(2) or "pt"]


class Template(dict):
    """A loaded template: the merged mapping, plus each format's parsed section, parsed only once."""

    def parsed(self, parser):
        """parser(self), computed on first use and kept: e.g. template.parsed(SheetStyle)."""
        cache = self.__dict__.setdefault("_parsed", {})
        if parser not in cache:
            cache[parser] = parser(self)
        return cache[parser]


def parsed(template: dict, parser):
    """parser(template), parsed once per loaded Template (a plain dict is parsed every time)."""
    if isinstance(template, Template):
        return template.parsed(parser)
    return parser(template)


def missing(path: str) -> TemplateError:
    return TemplateError(W.TEMPLATE_SETTING_MISSING.format(path=path), hint=W.TEMPLATE_SETTING_MISSING_HINT)


def setting(template: dict, path: str):
    """The value at a dotted path ("xlsx.fills.header"); a TemplateError naming the path when missing."""
    node = template
    for key in path.split("."):
        if not isinstance(node, dict) or node.get(key) is None:
            raise missing(path)
        node = node[key]
    return node


def official_path() -> Path:
    return bundled("templates") / f"{DEFAULT}.yaml"


@functools.lru_cache(maxsize=1)
def official() -> Template:
    """The bundled default template (read once per process; callers must not change it)."""
    return load(DEFAULT)


def _checked(size: float, value, what: str, positive: bool) -> float:
    if size < 0 or (positive and size <= 0) or size > 2000:  # 2000pt: larger than any paper
        rule = W.RULE_POSITIVE if positive else W.RULE_NOT_NEGATIVE
        raise TemplateError(
            W.TEMPLATE_SIZE_RANGE.format(what=what, value=value, rule=rule), hint=W.TEMPLATE_SIZE_RANGE_HINT
        )
    return size


def parse_length(value, what: str = W.WHAT_SIZE) -> float:
    """A size that may be 0 but never negative (margins, padding, spacing)."""
    return _checked(parse_size(value, what), value, what, positive=False)


def parse_font_size(value, what: str = W.WHAT_FONT_SIZE) -> float:
    """A size that must be above 0 (font sizes, line pitch)."""
    return _checked(parse_size(value, what), value, what, positive=True)


def size_setting(value, what: str, positive: bool = False) -> float:
    """A template length in points, `what` (its key) named in any error: never negative, and above 0
    when `positive` (font sizes, line pitch)."""
    return (parse_font_size if positive else parse_length)(value, what)


def optional(template: dict, path: str):
    """A value whose absence has a meaning of its own (no indent, no space, no shade): None if unset."""
    try:
        return setting(template, path)
    except TemplateError:
        return None


_TRUE = {"true", "yes", "on", "1", "是", "真"}
_FALSE = {"false", "no", "off", "0", "否", "假", "none", ""}


def parse_flag(value, what: str) -> bool:
    """true/false as YAML writes them, and also the quoted words 'yes', 'no', '是', '否'."""
    if isinstance(value, bool):
        return value
    text = "" if value is None else str(value).strip().lower()
    if text in _TRUE:
        return True
    if text in _FALSE:
        return False
    raise TemplateError(W.TEMPLATE_FLAG.format(what=what, value=value), hint=W.TEMPLATE_FLAG_HINT)


def parse_int(value, what: str, low: int, high: int) -> int:
    """A whole number between low and high ('2' and 2 alike)."""
    text = str(value).strip() if not isinstance(value, bool) else ""
    if not (text.isascii() and text.isdigit() and low <= int(text) <= high):
        raise TemplateError(
            W.TEMPLATE_INT.format(what=what, value=value, low=low, high=high),
            hint=W.TEMPLATE_INT_HINT.format(low=low, high=high),
        )
    return int(text)


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
        if path.is_dir():
            raise TemplateError(W.TEMPLATE_IS_FOLDER.format(path=name), hint=W.TEMPLATE_IS_FOLDER_HINT)
        if not path.exists():
            raise TemplateError(W.TEMPLATE_FILE_MISSING.format(name=name), hint=W.TEMPLATE_FILE_MISSING_HINT)
        return path
    candidate = bundled("templates") / f"{name}.yaml"
    if not candidate.is_file():
        names = sorted(p.stem for p in bundled("templates").glob("*.yaml"))
        raise TemplateError(
            W.TEMPLATE_UNKNOWN.format(name=name, names=W.LIST_SEPARATOR.join(names)), hint=W.TEMPLATE_UNKNOWN_HINT
        )
    return candidate


def _refuse_aliases(text: str, path: Path) -> None:
    """Templates are as untrusted as data: a "billion laughs" of aliases must not expand."""
    if "&" not in text and "*" not in text:
        return
    for event in yaml.parse(text, Loader=_LOADER):
        if isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None):
            raise TemplateError(
                W.TEMPLATE_ALIAS, file=str(path), line=event.start_mark.line + 1, hint=W.TEMPLATE_ALIAS_HINT
            )


def load(name: str | None = None) -> Template:
    """Load a template by bundled name or file path, with its `extends` chain merged in."""
    return Template(_load(name))


def _load(name: str | None, _seen: tuple = ()) -> dict:
    path = _find(name or DEFAULT)
    if path.resolve() in _seen:
        raise TemplateError(W.TEMPLATE_CYCLE.format(path=path), hint=W.TEMPLATE_CYCLE_HINT)
    try:
        raw = inputs.read(str(path), W.WHAT_TEMPLATE)
    except ExporterError as exc:
        raise TemplateError(exc.message, hint=exc.hint) from None
    try:
        text = raw.decode("utf-8-sig")
        _refuse_aliases(text, path)
        data = yaml.load(text, Loader=_LOADER) or {}
    except (yaml.YAMLError, UnicodeDecodeError) as exc:
        line = getattr(getattr(exc, "problem_mark", None), "line", None)
        raise TemplateError(
            W.TEMPLATE_NOT_YAML,
            file=str(path),
            line=line + 1 if line is not None else None,
            hint=W.TEMPLATE_NOT_YAML_HINT,
        ) from None
    if not isinstance(data, dict):
        raise TemplateError(W.TEMPLATE_NOT_MAPPING, file=str(path), hint=W.TEMPLATE_NOT_MAPPING_HINT)
    # A template is an overlay on the default unless it says otherwise (`extends: null`), so a
    # user's file need only list what it changes.
    is_default = path.resolve() == official_path().resolve()
    parent = data.pop("extends", None if is_default else DEFAULT)
    data["_dir"] = str(path.parent)
    if parent:
        base = _load(
            str(parent) if not (path.parent / f"{parent}.yaml").is_file() else str(path.parent / f"{parent}.yaml"),
            _seen + (path.resolve(),),
        )
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


def bare_number(value) -> float | None:
    """A bare number (1.5, "1.5"), or None for a length with a unit."""
    if isinstance(value, bool):
        return None
    try:
        return float(value)
    except (TypeError, ValueError):
        return None
