"""The Chinese line breaker: no forbidden line starts or ends, numbers and words kept whole."""

import random

import pytest

from exporter.text.linebreak import NO_END, NO_START, break_lines, tokenize


def width(s: str) -> float:
    """Full-width characters 1, ASCII 0.5: close to real CJK font metrics."""
    return sum(0.5 if ord(c) < 0x2000 and c not in "“”‘’—…" else 1.0 for c in s)


SAMPLE = (
    "全年地区生产总值2291.5亿元，增长5.8%。围绕“5+5+N”产业布局，制定《宿州市制造业数字化转型实施方案"
    "（2023-2025年）》，规上工业增加值增长4.4%，新增规上工业企业133户；“双招双引”工作推进办公室（牵头）"
    "——在长三角G60科创走廊……PM2.5平均浓度下降！是否完成？“亩均论英雄”改革、《通知》。"
)


def check_rules(lines: list[str]) -> None:
    for line in lines[1:]:
        assert line[:1] not in NO_START, f"line starts with a no-start mark: {line!r}"
    for line in lines[:-1]:
        assert line[-1:] not in NO_END, f"line ends with an opening mark: {line!r}"


def test_tokens_keep_numbers_and_words_whole():
    units = tokenize("全年地区生产总值2291.5亿元，增长5.8%。围绕“5+5+N”布局")
    assert "2291.5" in units
    assert "5.8%。" in units  # the % and the stop stay with the number
    assert "“5+5+N”" in units  # quotes hug what they enclose
    assert "元，" in units
    assert "".join(units) == "全年地区生产总值2291.5亿元，增长5.8%。围绕“5+5+N”布局"


def test_opening_marks_attach_to_the_next_unit():
    assert tokenize("（一）打好") == ["（一）", "打", "好"]
    assert tokenize("制定《通知》") == ["制", "定", "《通", "知》"]
    assert tokenize("（2023-2025年）") == ["（2023-2025", "年）"]


@pytest.mark.parametrize("line_width", [x / 2 for x in range(12, 61)])
def test_no_forbidden_starts_or_ends_at_any_width(line_width):
    lines = break_lines(SAMPLE, line_width, width)
    assert "".join(lines) == SAMPLE  # nothing lost, nothing added (the sample has no spaces)
    check_rules(lines)
    for line in lines:
        if len(line) > 1:
            assert width(line) <= line_width + 1e-9
    joined = "|".join(lines)
    for number in ("2291.5", "5.8%", "5+5+N", "2023-2025", "G60", "PM2.5"):
        assert number in joined, f"{number} was split: {lines}"


def test_2291_5_never_split():
    for w in range(3, 30):
        lines = break_lines("全年地区生产总值2291.5亿元，增长5.8%。", w, width)
        assert any("2291.5" in line for line in lines), lines
        assert any("5.8%" in line for line in lines), lines


def test_closing_marks_follow_the_previous_character_even_in_runs():
    text = "甲" * 9 + "。”）" + "乙" * 5
    lines = break_lines(text, 10, width)
    assert lines[0] == "甲" * 8
    assert lines[1].startswith("甲。”）")
    check_rules(lines)


def test_fills_lines_greedily():
    assert break_lines("一二三四五六七八九十", 4, width) == ["一二三四", "五六七八", "九十"]


def test_first_line_indent():
    assert break_lines("一二三四五六七八九十", 4, width, indent=2) == ["一二", "三四五六", "七八九十"]


def test_spaces_disappear_at_breaks():
    lines = break_lines("alpha beta gamma delta", 3, width)
    assert lines == ["alpha", "beta", "gamma", "delta"]


def test_a_unit_wider_than_a_line_is_cut_by_characters_as_a_last_resort():
    url = "https://www.ahsz.gov.cn/zwgk/public/29681/150000000.html"
    lines = break_lines("网址" + url + "。", 10, width)
    assert "".join(lines) == "网址" + url + "。"
    assert all(width(line) <= 10 for line in lines)
    assert len(lines[0]) > 2  # cutting starts on the current line, no short line left behind
    check_rules(lines)


def test_empty_text_gives_one_empty_line():
    assert break_lines("", 10, width) == [""]


def test_random_text_keeps_the_rules():
    rng = random.Random(20230201)
    alphabet = (
        list("政府工作报告重点任务完成情况宿州市埇桥区")
        + list("，。、；：？！）》”’%（《“‘")
        + ["2291.5", "5.8%", "G60", "——", "……"]
    )
    for _ in range(300):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randint(1, 80)))
        lines = break_lines(text, rng.choice([5, 7.5, 12, 20]), width)
        assert "".join(lines).replace(" ", "") == text.replace(" ", "")
        check_rules(lines)


def test_the_fast_fill_breaks_exactly_as_the_unit_by_unit_fill():
    # Lines with no unit to cut are filled by bisecting running widths; the unit-by-unit fill (kept
    # for texts that need cutting) is the reference.
    from exporter.text.linebreak import _break_with_cuts

    rng = random.Random(9704)
    alphabet = (
        list("政府工作报告重点任务完成情况")
        + list("，。、）》”（《“")
        + ["2291.5", "5.8%", "G60", " ", "  ", "——", "a b"]
    )
    checked = 0
    for _ in range(2000):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 60)))
        line_width, indent = rng.choice([6, 7.5, 12, 20]), rng.choice([0.0, 0.0, 2.0])
        units = tokenize(text)
        if units and max(map(width, units)) > line_width - indent:
            continue  # takes the cutting path itself
        checked += 1
        assert break_lines(text, line_width, width, indent) == _break_with_cuts(units, line_width, width, indent), (
            text,
            line_width,
            indent,
        )
    assert checked > 1500
