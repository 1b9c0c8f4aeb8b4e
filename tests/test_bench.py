"""The benchmark's synthetic documents are valid and have the size asked for."""

import importlib.util

from exporter.formats import datafile
from tests.conftest import ROOT


def load_bench():
    spec = importlib.util.spec_from_file_location("bench_run", ROOT / "bench" / "run.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_synthetic_document(bundled_doc):
    bench = load_bench()
    doc = bench.synthetic(bundled_doc, 2600)
    tasks = doc.all_tasks()
    assert [t.number for t in tasks] == list(range(1, 2601))
    assert [s.heading for s in doc.sections] == [s.heading for s in bundled_doc.sections]
    longest = max(sum(map(len, t.progress)) for t in tasks)
    assert longest > 5000  # the very long completion notes are there
    again = datafile.load(datafile.dump(doc), "synthetic.yaml")  # and it passes validation
    assert len(again.all_tasks()) == 2600


def test_synthetic_page_text_imports_to_the_same_tasks(bundled_doc):
    from exporter.formats.pagetext import parse_text

    bench = load_bench()
    doc = bench.synthetic(bundled_doc, 300)
    again = parse_text(bench.page_text(doc), "page-300.txt")
    assert [(t.number, t.task, t.progress, t.units) for t in again.all_tasks()] == [
        (t.number, t.task, t.progress, t.units) for t in doc.all_tasks()
    ]
    assert [s.heading for s in again.sections] == [s.heading for s in doc.sections]
