"""The data file is written directly (formats/yamltext.py) when every value allows it, else by PyYAML's
Python emitter: the bytes must be exactly the same either way. Import checks its document on the nodes
yamltext.compose builds instead of parsing the text it writes: the same verdict and the same messages."""

import copy
import random

import pytest
import yaml

from exporter.errors import DataError
from exporter.formats import datafile, yamltext
from tests import awkward_data
from tests.conftest import DATA


def python_emitter(data) -> str:
    return yaml.dump(data, Dumper=datafile._Dumper, **datafile._DUMP_OPTIONS)


def same_nodes(a, b) -> bool:
    if type(a) is not type(b) or a.tag != b.tag:
        return False
    if isinstance(a, yaml.ScalarNode):
        return a.value == b.value
    if len(a.value) != len(b.value):
        return False
    if isinstance(a, yaml.SequenceNode):
        return all(same_nodes(x, y) for x, y in zip(a.value, b.value))
    return all(same_nodes(k1, k2) and same_nodes(v1, v2) for (k1, v1), (k2, v2) in zip(a.value, b.value))


def test_bundled_data_is_written_directly_and_unchanged(bundled_doc):
    data = datafile.to_dict(bundled_doc)
    assert yamltext.emit(data) == python_emitter(data)
    assert datafile.dump(bundled_doc) == DATA.read_bytes()


@pytest.mark.parametrize("name", ["awkward-one-line.yaml", "awkward-multi-line.yaml"])
def test_awkward_text_gives_the_committed_bytes(bundled_doc, name):
    """The snapshots were written by the PyYAML path before yamltext existed: quotes, colons, '#', a
    leading '=', '- ', YAML 1.1 booleans/numbers/dates, NBSP, U+3000, 埇, beyond U+FFFF, long lines,
    awkward keys and column labels; and (multi-line) line breaks, tab, control characters, BOM."""
    doc = awkward_data.documents(bundled_doc)[name]
    data = datafile.to_dict(doc)
    direct = yamltext.emit(data)
    if name == "awkward-one-line.yaml":
        assert direct is not None  # the direct writer handled all of it
        assert direct == python_emitter(data)
    else:
        assert direct is None  # handed to PyYAML
    assert datafile.dump(doc) == (awkward_data.SNAPSHOTS / name).read_bytes()


# Characters that change how YAML writes or reads a text, and a few ordinary ones.
ALPHABET = " :#-?,[]{}'\"!&*|>%@`=~.0123456789aeEnNoOyYx_+\\/<\u00a0埇\u3000\t\n\r\x85\u2028\ufeff\U00020676\x00\x7f"


def test_random_text_in_every_place_matches_pyyaml():
    """Random short texts as value, list item, key, inline label and inline key: wherever the direct
    writer takes a text, it writes PyYAML's bytes, and compose() gives the nodes PyYAML reads back."""
    rng = random.Random(12)
    direct = 0
    for i in range(1200):
        text = "".join(rng.choice(ALPHABET[:44] if i % 2 else ALPHABET) for _ in range(rng.randint(0, 8)))
        key = "".join(rng.choice(ALPHABET) for _ in range(rng.randint(1, 4)))
        data = {
            "a": text,
            "b": [text, "x", 5, {}, []],
            key: {"c": [{"d": text, text or "e": 1}], "g": {}},
            "f": [yamltext.Inline(field=text, label="x"), yamltext.Inline({key: text})],
        }
        written = yamltext.emit(data)
        nodes = yamltext.compose(data)
        assert (written is None) == (nodes is None), (text, key)
        if written is not None:
            direct += 1
            assert written == python_emitter(data), (text, key)
            assert same_nodes(nodes, yaml.compose(written, Loader=datafile._LOADER)), (text, key)
    assert direct > 500  # most cases took the direct path (the rest: line breaks, control characters)


def test_very_long_lines_are_not_folded(bundled_doc):
    doc = copy.deepcopy(bundled_doc)
    task = doc.all_tasks()[0]
    task.task = "长" * 50_000
    task.progress = ["a b: c " * 10_000]
    data = datafile.to_dict(doc)
    assert yamltext.emit(data) is not None
    assert datafile.dump(doc).decode() == python_emitter(data)


@pytest.mark.parametrize(
    "data",
    [
        {"x": True},  # PyYAML writes true
        {"x": 1.5},
        {"x": None},
        {"x": [[1]]},
        {"": 1},  # an empty key is a complex key
        {"k" * 130: 1},
        {1: "a"},
        {"x": "two\nlines"},
    ],
    ids=["bool", "float", "none", "nested-list", "empty-key", "long-key", "int-key", "line-break"],
)
def test_outside_the_shape_goes_to_pyyaml(data):
    assert yamltext.emit(data) is None
    assert yamltext.compose(data) is None


def test_a_list_used_twice_goes_to_pyyaml(bundled_doc):
    """PyYAML writes a list met twice as an anchor and an alias (which load then refuses)."""
    doc = copy.deepcopy(bundled_doc)
    shared = ["甲", "乙"]
    doc.meta["a"] = doc.meta["b"] = shared
    assert yamltext.emit(datafile.to_dict(doc)) is None
    assert b"&id001" in datafile.dump(doc)


def _problem(doc, kind):
    tasks = doc.all_tasks()
    if kind == "duplicate-number":  # its message names the YAML line of the first one
        tasks[5].number = tasks[4].number
    elif kind == "descending":
        tasks[5].number, tasks[6].number = tasks[6].number, tasks[5].number
    elif kind == "duplicate-unit":
        tasks[2].units = ["市财政局", "市财政局"]
    elif kind == "blank-paragraph":
        tasks[3].progress = ["第一段", "  "]
    elif kind == "invisible":
        tasks[3].task = "\u200b"
    elif kind == "too-long":
        tasks[0].progress = ["长" * 40_000]
    elif kind == "control-character":
        tasks[7].task = "响铃\x07"
    elif kind == "unit-spaces":
        tasks[8].units = ["市财政局 "]
    elif kind == "bad-numeral":
        doc.sections[1].numeral = "贰"
    elif kind == "sections-out-of-order":
        doc.sections[1].numeral, doc.sections[2].numeral = doc.sections[2].numeral, doc.sections[1].numeral
    elif kind == "no-title":
        doc.meta["title"] = ""
    elif kind == "many":
        for task in tasks[:7]:
            task.progress = [" "]


KINDS = [
    "duplicate-number",
    "descending",
    "duplicate-unit",
    "blank-paragraph",
    "invisible",
    "too-long",
    "control-character",
    "unit-spaces",
    "bad-numeral",
    "sections-out-of-order",
    "no-title",
    "many",
]


@pytest.mark.parametrize("kind", KINDS)
def test_import_check_on_nodes_says_what_parsing_says(bundled_doc, kind):
    doc = copy.deepcopy(bundled_doc)
    _problem(doc, kind)
    payload = datafile.dump(doc)
    with pytest.raises(DataError) as parsed:
        datafile.check_imported(payload, "来源.xlsx")
    with pytest.raises(DataError) as direct:
        datafile.check_imported(payload, "来源.xlsx", doc)
    assert str(direct.value) == str(parsed.value)
    assert (direct.value.message, direct.value.hint) == (parsed.value.message, parsed.value.hint)
    assert direct.value.message.startswith("导入的内容未通过检查")


def test_a_clean_import_is_not_parsed_again(bundled_doc, monkeypatch):
    payload = datafile.dump(bundled_doc)

    def parse_again(*args):
        raise AssertionError("parsed")

    monkeypatch.setattr(datafile, "load", parse_again)
    datafile.check_imported(payload, "2023.txt", bundled_doc)
    with pytest.raises(AssertionError, match="parsed"):
        datafile.check_imported(payload, "2023.txt")
