"""The overwrite policy (README): -o may replace an existing regular file, never an input, a non-regular
file or a folder; /dev/stdout is standard output; a link to a regular file is written through.
Inputs must be regular files (or `-`), size-capped before reading. Each case failed before the fix."""

from __future__ import annotations

import os
import subprocess
import sys
import time

import pytest
from conftest import DATA, ROOT, SOURCE, assert_clean_error, run_cli

from exporter import output


@pytest.fixture
def data_copy(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    path = tmp_path / "d.yaml"
    path.write_bytes(DATA.read_bytes())
    return path


def test_output_equal_to_data_file_is_refused(data_copy):
    before = data_copy.read_bytes()
    result = run_cli("export", "pdf", "--data", "d.yaml", "--section", "九", "-o", "d.yaml")
    assert_clean_error(result, "就是本次读取的数据文件")
    assert data_copy.read_bytes() == before


def test_output_equal_to_import_source_is_refused(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "in.txt").write_bytes(SOURCE.read_bytes())
    result = run_cli("import", "in.txt", "-o", "in.txt")
    assert_clean_error(result, "就是本次读取的来源文件")
    assert (tmp_path / "in.txt").read_bytes() == SOURCE.read_bytes()


def test_output_hard_link_to_input_is_refused(data_copy, tmp_path):
    os.link(data_copy, tmp_path / "same.yaml")
    result = run_cli("merge", "d.yaml", "d.yaml", "-o", "same.yaml")
    assert_clean_error(result, "就是本次读取的底稿")
    assert data_copy.read_bytes() == DATA.read_bytes()


def test_output_fifo_is_refused_without_blocking(data_copy, tmp_path):
    os.mkfifo(tmp_path / "pipe")
    result = run_cli("export", "xlsx", "--section", "九", "-o", "pipe")
    assert_clean_error(result, "命名管道", "不是普通文件")
    assert (tmp_path / "pipe").is_fifo()


def test_output_device_is_refused():
    result = run_cli("export", "xlsx", "--section", "九", "-o", "/dev/null")
    assert_clean_error(result, "字符设备")


def test_symlink_to_regular_file_is_written_through(data_copy, tmp_path):
    (tmp_path / "real.xlsx").write_bytes(b"old")
    (tmp_path / "link.xlsx").symlink_to("real.xlsx")
    result = run_cli("export", "xlsx", "--section", "九", "-o", "link.xlsx")
    assert result.code == 0, result.err
    assert (tmp_path / "link.xlsx").is_symlink()
    assert (tmp_path / "real.xlsx").read_bytes()[:2] == b"PK"


@pytest.mark.parametrize("target, words", [("dangling", "不存在位置的符号链接"), ("dirlink", "不是普通文件")])
def test_other_symlinks_are_refused(data_copy, tmp_path, target, words):
    (tmp_path / "dangling").symlink_to("nowhere.xlsx")
    (tmp_path / "folder").mkdir()
    (tmp_path / "dirlink").symlink_to("folder")
    result = run_cli("export", "xlsx", "--section", "九", "-o", target)
    assert_clean_error(result, words)
    assert (tmp_path / target).is_symlink() and list((tmp_path / "folder").iterdir()) == []


def test_trailing_slash_is_a_folder_not_a_file(data_copy, tmp_path):
    result = run_cli("export", "xlsx", "--section", "九", "-o", "newdir/")
    assert_clean_error(result, "以 / 结尾")
    assert not (tmp_path / "newdir").exists()


@pytest.mark.parametrize(
    "args",
    [
        ("export", "xlsx", "-o", ""),
        ("export", "xlsx", "--section", ""),
        ("export", "pdf", "--unit", ""),
        ("import", str(SOURCE), "-o", " "),
        ("export", "xlsx", "--data", ""),
        ("export", "pdf", "--template", ""),
    ],
)
def test_empty_option_values_are_refused(tmp_path, monkeypatch, args):
    monkeypatch.chdir(tmp_path)
    result = run_cli(*args)
    assert result.code == 2 and "的值是空的" in result.err, result
    assert list(tmp_path.iterdir()) == []


def test_name_over_255_bytes_is_a_message(data_copy, tmp_path):
    name = "长" * 90 + ".xlsx"  # 275 bytes
    result = run_cli("export", "xlsx", "--section", "九", "-o", name)
    assert_clean_error(result, "文件名过长", "275 字节")


def test_legal_name_of_254_bytes_is_written(data_copy, tmp_path):
    name = "长" * 83 + ".xlsx"  # 254 bytes: the temporary name must not be longer
    result = run_cli("export", "xlsx", "--section", "九", "-o", name)
    assert result.code == 0, result.err
    assert (tmp_path / name).read_bytes()[:2] == b"PK"
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(["d.yaml", name])


def test_default_name_of_a_long_title_fits_the_file_system(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    text = DATA.read_text(encoding="utf-8").replace(
        "title: 2023年《政府工作报告》重点工作任务完成情况", "title: " + "重点工作" * 30, 1
    )
    (tmp_path / "long.yaml").write_text(text, encoding="utf-8")
    result = run_cli("export", "xlsx", "--data", "long.yaml", "--section", "九")
    assert result.code == 0, result.err
    written = [p for p in tmp_path.iterdir() if p.suffix == ".xlsx"]
    assert len(written) == 1 and len(os.fsencode(written[0].name)) <= 255
    assert written[0].name.startswith("重点工作重点工作")


def _shell(command: str) -> subprocess.CompletedProcess:
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    return subprocess.run(["bash", "-c", command], capture_output=True, env=env, timeout=120)


def test_dev_stdout_writes_to_standard_output(tmp_path):
    for name in ("/dev/stdout", "/proc/self/fd/1"):
        proc = _shell(f"cd {tmp_path} && {sys.executable} -m exporter export pdf --section 九 -o {name}")
        assert proc.returncode == 0, proc.stderr.decode()
        assert proc.stdout.startswith(b"%PDF") and proc.stdout.rstrip().endswith(b"%%EOF")
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("redirect, words", [(">/dev/full", "磁盘空间不足"), (">&-", "无法写入标准输出")])
def test_full_or_closed_stdout_is_a_message(redirect, words):
    proc = _shell(f"{sys.executable} -m exporter export xlsx --section 九 -o - {redirect}")
    err = proc.stderr.decode()
    assert proc.returncode == 1 and "Traceback" not in err and words in err, err


def test_split_stopping_midway_leaves_no_folder(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    real = output._replace
    calls = []

    def failing(path, data):
        calls.append(path)
        if len(calls) == 3:
            raise output.OutputError("磁盘已满（模拟）")
        real(path, data)

    monkeypatch.setattr(output, "_replace", failing)
    result = run_cli("export", "xlsx", "--split-by", "unit", "-o", "各单位")
    assert_clean_error(result, "磁盘已满（模拟）")
    assert list(tmp_path.iterdir()) == []


def test_split_into_existing_folder_checks_every_name_first(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "out").mkdir()
    (tmp_path / "out" / "keep.txt").write_text("x")
    os.mkfifo(tmp_path / "out" / "市商务局.xlsx")
    result = run_cli("export", "xlsx", "--split-by", "unit", "-o", "out")
    assert_clean_error(result, "命名管道")
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == ["keep.txt", "市商务局.xlsx"]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out"]


# ---- inputs -------------------------------------------------------------------------------
def test_fifo_as_data_or_source_is_refused_at_once(tmp_path):
    os.mkfifo(tmp_path / "pipe")
    start = time.monotonic()
    assert_clean_error(run_cli("check", tmp_path / "pipe"), "命名管道")
    assert_clean_error(run_cli("import", tmp_path / "pipe"), "命名管道")
    assert time.monotonic() - start < 5


@pytest.mark.parametrize(
    "command", [("check", "/dev/zero"), ("import", "/dev/zero"), ("export", "pdf", "--data", "/dev/zero")]
)
def test_device_as_input_is_refused(command):
    assert_clean_error(run_cli(*command), "字符设备")


def test_huge_sparse_file_is_refused_before_reading(tmp_path):
    big = tmp_path / "big.yaml"
    with open(big, "wb") as fh:
        fh.truncate(2 * 1024**3)
    start = time.monotonic()
    assert_clean_error(run_cli("check", big), "超过上限")
    assert time.monotonic() - start < 2


def test_standard_input_by_dash():
    result = run_cli("check", "-", input=DATA.read_bytes())
    assert result.code == 0 and "115 项任务" in result.out, result


# ---- exit codes and option values ----------------------------------------------------------
def test_diff_error_exits_2_not_1(tmp_path):
    result = run_cli("diff", DATA, tmp_path / "missing.yaml")
    assert result.code == 2 and "找不到数据文件" in result.err, result


@pytest.mark.parametrize("value", ["-1", "abc", "0", "1.5"])
def test_bad_attachment_numbers_are_refused(tmp_path, monkeypatch, value):
    monkeypatch.chdir(tmp_path)
    result = run_cli("export", "pdf", "--section", "九", f"--attachment={value}")
    assert result.code == 2 and "不是附件编号" in result.err, result
    assert list(tmp_path.iterdir()) == []


def test_repeated_section_is_named_once(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert run_cli("export", "xlsx", "--section", "九,九", "--section", "9").code == 0
    assert [p.name for p in tmp_path.iterdir()] == ["2023年《政府工作报告》重点工作任务完成情况（九）.xlsx"]


def test_unit_without_task_in_the_section_is_said_so(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = run_cli("export", "pdf", "--section", "九", "--unit", "市商务局")
    assert_clean_error(result, "在所选部分（九）中没有任务")
    assert "没有单位" not in result.err


@pytest.mark.parametrize(
    "payload, words",
    [
        (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n", "这是 PDF 文件"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 100, "旧版 Office 文件"),
        ("没有标记的文字".encode("utf-16-le") * 10, "UTF-16"),
    ],
)
def test_non_text_sources_say_what_they_are(tmp_path, payload, words):
    (tmp_path / "page.txt").write_bytes(payload)
    result = run_cli("import", tmp_path / "page.txt")
    assert_clean_error(result, words)
    assert "GB18030" not in result.err


def test_utf16_page_text_with_mark_is_read(tmp_path):
    (tmp_path / "page.txt").write_bytes(SOURCE.read_text(encoding="utf-8").encode("utf-16"))
    result = run_cli("import", tmp_path / "page.txt")
    assert result.code == 0, result.err
    assert result.out == run_cli("import", SOURCE).out


def test_workbook_named_txt_is_read_as_workbook(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert run_cli("export", "xlsx", "--section", "九", "-o", "book.xlsx").code == 0
    os.rename("book.xlsx", "book.txt")
    result = run_cli("import", "book.txt")
    assert result.code == 0, result.err
    assert "number: 86" in result.out
