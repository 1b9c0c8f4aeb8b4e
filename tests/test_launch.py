"""The `exporter` command's entry point: its process settings stay out of library use, and leaving
without interpreter teardown loses no output and no exit status."""

import gc
import subprocess
import sys

from tests.conftest import DATA, run_entry


def test_importing_the_library_leaves_the_garbage_collector_alone():
    code = "import gc, exporter.cli, exporter.formats.pdf.writer, exporter.formats.xlsx.writer; print(gc.isenabled())"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "True"
    assert gc.isenabled()


def test_everything_written_to_a_pipe_arrives(tmp_path):
    # Output to standard output is flushed before the process leaves: the piped PDF equals the file.
    result = run_entry("export", "pdf", "--data", DATA, "--section", "九", "-o", "-")
    assert result.code == 0, result.err
    file = tmp_path / "九.pdf"
    assert run_entry("export", "pdf", "--data", DATA, "--section", "九", "-o", file).code == 0
    assert result.stdout_bytes == file.read_bytes()
    assert result.stdout_bytes.rstrip().endswith(b"%%EOF")
    listing = run_entry("units", "--data", DATA)
    assert listing.code == 0 and len(listing.out.splitlines()) == 42 and listing.out.endswith("\n")


def test_exit_statuses_survive_the_fast_exit(tmp_path):
    assert run_entry("export", "pdf", "--section", "十三").code == 1  # bad input
    assert run_entry("export", "pdf", "--no-such-option").code == 2  # usage error
    assert run_entry("--version").code == 0
    changed = tmp_path / "changed.yaml"
    changed.write_bytes(DATA.read_bytes().replace("市统计局".encode(), "市统计局（改）".encode(), 1))
    assert run_entry("diff", DATA, changed).code == 1  # diff: 1 means "differs"
