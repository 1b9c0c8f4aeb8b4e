"""Templates: sizes as people write them, overlays on the default."""
import pytest

from exporter import templates
from exporter.errors import TemplateError


@pytest.mark.parametrize("value, points", [
    ("三号", 16), ("小四", 12), ("五号", 10.5), ("16pt", 16), ("28mm", 28 * 72 / 25.4),
    ("1.8cm", 1.8 * 72 / 2.54), (12, 12), ("1in", 72),
])
def test_parse_size(value, points):
    assert templates.parse_size(value) == pytest.approx(points)


def test_bad_size_is_explained():
    with pytest.raises(TemplateError) as info:
        templates.parse_size("大号", "pdf.title.size")
    assert "pdf.title.size“大号”无法识别" in info.value.message and "三号" in info.value.hint


def test_a_users_file_overlays_the_default(tmp_path):
    path = tmp_path / "mine.yaml"
    path.write_text("pdf:\n  table:\n    body: {size: 四号}\n", encoding="utf-8")
    mine, base = templates.load(str(path)), templates.load()
    assert mine["pdf"]["table"]["body"]["size"] == "四号"
    assert mine["pdf"]["table"]["header"] == base["pdf"]["table"]["header"]   # the rest inherited
    assert mine["labels"] == base["labels"] and mine["xlsx"] == base["xlsx"]


def test_standalone_template_and_unknown_name(tmp_path):
    path = tmp_path / "alone.yaml"
    path.write_text("extends: null\nlabels: {number: 编号}\n", encoding="utf-8")
    assert "pdf" not in templates.load(str(path))
    with pytest.raises(TemplateError) as info:
        templates.load("nope")
    assert "可用模板：fangsong、official" in info.value.message
