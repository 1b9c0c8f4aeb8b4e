"""The data file's YAML text written directly: the same bytes PyYAML's pure-Python emitter writes with the
data file's options (block style, lists indented under their key, Unicode kept, no line folding), for the
data file's shape only — mappings with text keys, lists, text and whole numbers.

PyYAML builds a node graph and runs an event state machine for every value: about 2 s for 10,000 tasks.
Here each text is checked with a few regular expressions and written once.

`emit` returns None for anything it is not sure to write exactly as PyYAML does — text with line breaks,
control or format characters, keys that PyYAML would write as complex keys, nested lists, other types,
a list or mapping that occurs twice (PyYAML writes an anchor) — and the caller then uses PyYAML.
tests/test_datafile_dump.py compares both on the bundled data, awkward text and random strings.
"""

from __future__ import annotations

import functools
import re

import yaml


class Inline(dict):
    """A mapping written on one line: `- {field: number, label: 序号}`."""


# Text the emitter writes on one line, plain or in single quotes, never escaped: printable characters
# (PyYAML's analyze_scalar, allow_unicode) without line breaks (NEL, U+2028/9), tab or BOM. Its only
# whitespace is the space, which keeps the indicator rules below simple.
# Compiled on first use: a class this large takes milliseconds to compile, and most commands never write.
_ONE_LINE = "[^ -~\xa0-\u2027\u202a-\ud7ff\ue000-\ufefe\uff00-\ufffd\U00010000-\U0010fffe]"


@functools.cache
def _not_one_line() -> re.Pattern:
    return re.compile(_ONE_LINE)


# analyze_scalar's indicators for such text: what forbids it unquoted in block context, and in flow
# context ({…}). A ':' or '?' or '-' counts when followed by a space or the end, a '#' when after a space.
_BLOCK_INDICATOR = re.compile(r"""^(?:---|\.\.\.|[#,\[\]{}&*!|>'"%@`]|[?-](?: |$))|:(?: |$)| #""")
_FLOW_INDICATOR = re.compile(r"""^(?:---|\.\.\.|[#&*!|>'"%@`]|-(?: |$))|[,?\[\]{}:]| #""")

# Keys PyYAML still writes as simple keys ("key: value"); it counts the tag "!!str" in the 128 limit.
_KEY_LIMIT = 100

_RESOLVER = yaml.resolver.Resolver()
_STR = "tag:yaml.org,2002:str"


class _NotPlainData(Exception):
    pass


def _quoted(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def _text(text: str, indicators: re.Pattern) -> str:
    """The text as a scalar: plain when YAML reads it back as the same text, else single-quoted."""
    if _not_one_line().search(text):
        raise _NotPlainData
    if (
        text
        and text[0] != " "
        and text[-1] != " "
        and not indicators.search(text)
        and _RESOLVER.resolve(yaml.ScalarNode, text, (True, False)) == _STR  # not a number, date, null …
    ):
        return text
    return _quoted(text)


def _key(key, indicators: re.Pattern) -> str:
    if type(key) is not str or not key or len(key) >= _KEY_LIMIT:
        raise _NotPlainData
    return _text(key, indicators)


class _Writer:
    def __init__(self):
        self.out: list[str] = []
        self.seen: set[int] = set()  # lists and mappings written (a second one would be an alias)
        self.block: dict[str, str] = {}  # text → scalar in block context; texts repeat (units, keys)

    def collection(self, value) -> None:
        if id(value) in self.seen:
            raise _NotPlainData
        self.seen.add(id(value))

    def scalar(self, value) -> str:
        kind = type(value)
        if kind is str:
            written = self.block.get(value)
            if written is None:
                written = self.block[value] = _text(value, _BLOCK_INDICATOR)
            return written
        if kind is int:  # not bool: PyYAML writes true/false
            return str(value)
        raise _NotPlainData

    def flow_mapping(self, mapping: dict) -> str:
        self.collection(mapping)
        items = []
        for key, value in mapping.items():
            if type(value) is str:
                value = _text(value, _FLOW_INDICATOR)
            elif type(value) is int:
                value = str(value)
            else:
                raise _NotPlainData
            items.append(f"{_key(key, _FLOW_INDICATOR)}: {value}")
        return "{" + ", ".join(items) + "}"

    def mapping(self, mapping: dict, indent: int, after_dash: bool) -> None:
        """A block mapping whose keys start at `indent`; its first key follows "- " when after_dash."""
        self.collection(mapping)
        out = self.out
        pad = " " * indent
        block = self.block
        for key, value in mapping.items():
            if type(key) is not str or not key or len(key) >= _KEY_LIMIT:
                raise _NotPlainData
            written = block.get(key)
            if written is None:  # a key is written as the same text would be as a value
                written = block[key] = _text(key, _BLOCK_INDICATOR)
            out.append(written if after_dash else pad + written)
            after_dash = False
            kind = type(value)
            if kind is list or kind is dict:
                if value:
                    out.append(":\n")
                    if kind is list:
                        self.sequence(value, indent + 2)
                    else:
                        self.mapping(value, indent + 2, False)
                else:
                    self.collection(value)
                    out.append(": []\n" if kind is list else ": {}\n")
            elif kind is Inline:
                out.append(": " + self.flow_mapping(value) + "\n")
            else:
                out.append(": " + self.scalar(value) + "\n")

    def sequence(self, items: list, indent: int) -> None:
        self.collection(items)
        out = self.out
        dash = " " * indent + "- "
        for item in items:
            kind = type(item)
            if kind is dict and item:
                out.append(dash)
                self.mapping(item, indent + 2, True)
            elif kind is dict or (kind is list and not item):
                self.collection(item)
                out.append(dash + ("{}\n" if kind is dict else "[]\n"))
            elif kind is Inline:
                out.append(dash + self.flow_mapping(item) + "\n")
            elif kind is list:  # a list in a list: not in the data file's shape
                raise _NotPlainData
            else:
                out.append(dash + self.scalar(item) + "\n")


def emit(data: dict) -> str | None:
    """`data` (a mapping) as PyYAML writes it with the data file's options, or None (see module doc)."""
    if type(data) is not dict or not data:
        return None
    writer = _Writer()
    try:
        writer.mapping(data, 0, False)
    except _NotPlainData:
        return None
    return "".join(writer.out)


_MARK = yaml.error.Mark("<imported>", 0, 0, 0, None, None)
_SCALAR_TAGS = {str: "tag:yaml.org,2002:str", int: "tag:yaml.org,2002:int"}


def compose(data: dict) -> yaml.MappingNode | None:
    """The node tree yaml.compose builds from emit(data)'s text, without the text: the same tags and
    values (positions all at the first line), or None exactly where emit gives None. Import checks the
    document with it (datafile.check_imported) instead of writing and parsing the text again."""
    if type(data) is not dict or not data:
        return None
    try:
        return _compose(data, set())
    except _NotPlainData:
        return None


def _compose(value, seen: set[int]):
    kind = type(value)
    if kind is str:
        if _not_one_line().search(value):
            raise _NotPlainData
        return yaml.ScalarNode(_SCALAR_TAGS[str], value, _MARK, _MARK)
    if kind is int:
        return yaml.ScalarNode(_SCALAR_TAGS[int], str(value), _MARK, _MARK)
    if kind is not dict and kind is not list and kind is not Inline:
        raise _NotPlainData
    if id(value) in seen:
        raise _NotPlainData
    seen.add(id(value))
    if kind is list:
        if any(type(item) is list and item for item in value):  # emit's limits, in the same order
            raise _NotPlainData
        return yaml.SequenceNode("tag:yaml.org,2002:seq", [_compose(v, seen) for v in value], _MARK, _MARK)
    inline = kind is Inline
    pairs = []
    for key, item in value.items():
        if type(key) is not str or not key or len(key) >= _KEY_LIMIT:
            raise _NotPlainData
        if inline and type(item) is not str and type(item) is not int:
            raise _NotPlainData
        pairs.append((_compose(key, seen), _compose(item, seen)))
    return yaml.MappingNode("tag:yaml.org,2002:map", pairs, _MARK, _MARK)
