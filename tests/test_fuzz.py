"""The quick profile of bench/fuzz.py (issue 16): seeded mutations of the data file, the page text and a
returned workbook's sheet XML, run through the real command line in this process. Every input ends in
exit 0 or the tool's own message, a refusal writes nothing, an accepted data file gives a PDF that
passes `qpdf --check` and a workbook that imports back to the same document, no input takes more than
a few seconds. The long run (10,000 inputs) is `python bench/fuzz.py`; its figures are in the README."""

from __future__ import annotations

import sys

import pytest
from conftest import ROOT, require_tool

sys.path.insert(0, str(ROOT / "bench"))
import fuzz  # noqa: E402


@pytest.mark.parametrize("kind, seed", [("data", 101), ("page", 202), ("sheet", 303)])
def test_quick_fuzz(tmp_path, monkeypatch, kind, seed):
    require_tool("qpdf")
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    tally = fuzz.fuzz(60, seed, tmp_path, kinds=(kind,))
    failures = [f"#{n} {k}: {problem}" for n, k, problem, _sample in tally.failures]
    assert failures == [], "\n".join(failures[:5])
    assert tally.inputs == 60 and tally.slowest < fuzz.LIMIT
    # The mutations must reach both ends: some inputs accepted, some refused.
    assert 0 < tally.accepted < 60 or kind == "sheet" and tally.accepted < 60
    if kind == "data":
        assert tally.pdfs > 0 and tally.round_trips > 0


def test_mutations_are_reproducible():
    import random

    text = "a: 1\nb:\n  - x\n  - y\n"
    assert fuzz.mutate_text(random.Random(5), text) == fuzz.mutate_text(random.Random(5), text)
    assert fuzz.mutate_bytes(random.Random(5), b"<c r='A1'/>", fuzz.XML_TOKENS) == fuzz.mutate_bytes(
        random.Random(5), b"<c r='A1'/>", fuzz.XML_TOKENS
    )
