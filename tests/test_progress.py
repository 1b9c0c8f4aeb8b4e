"""Progress goes to stderr only when stderr is a terminal."""

import os
import pty
import subprocess
import sys

from tests.conftest import ROOT, run_cli


def run_with_terminal_stderr(*args) -> str:
    leader, follower = pty.openpty()
    proc = subprocess.Popen(
        [sys.executable, "-m", "exporter", *map(str, args)], cwd=ROOT, stdout=subprocess.DEVNULL, stderr=follower
    )
    os.close(follower)
    chunks = []
    while True:
        try:
            data = os.read(leader, 4096)
        except OSError:  # the terminal closes when the process ends
            break
        if not data:
            break
        chunks.append(data)
    assert proc.wait(timeout=120) == 0
    os.close(leader)
    return b"".join(chunks).decode("utf-8", "replace")


def test_progress_on_a_terminal(tmp_path):
    for fmt in ("xlsx", "pdf"):
        shown = run_with_terminal_stderr("export", fmt, "-o", tmp_path / f"x.{fmt}")
        assert f"正在生成 {fmt}：115/115（100%）" in shown, shown
        assert "已写入" in shown


def test_no_progress_when_not_a_terminal(tmp_path):
    result = run_cli("export", "pdf", "-o", tmp_path / "x.pdf")
    assert result.code == 0
    assert "正在生成" not in result.err
    assert result.err.strip() == f"已写入 {tmp_path / 'x.pdf'}：115 项任务。"
