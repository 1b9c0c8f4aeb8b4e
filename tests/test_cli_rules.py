"""The CLI's own rules: exit codes travel with the exceptions; click speaks Chinese once a command starts."""

from __future__ import annotations

import subprocess
import sys

import pytest

from exporter import errors
from tests.conftest import assert_clean_error, run_cli


def test_every_exporter_error_carries_its_exit_code():
    family = [errors.ExporterError, *errors.ExporterError.__subclasses__()]
    assert len(family) > 5
    for cls in family:
        assert isinstance(cls.exit_code, int) and cls.exit_code == 1, cls
    assert errors.DataErrors([errors.DataError("坏")]).exit_code == 1


@pytest.mark.parametrize("exit_code", [1, 3])
def test_main_exits_with_the_code_the_error_carries(monkeypatch, exit_code):
    class Special(errors.ExporterError):
        pass

    Special.exit_code = exit_code

    def fail(*_args, **_kwargs):
        raise Special("特殊的问题", hint="改一改。")

    monkeypatch.setattr("exporter.cli.load_data", fail)
    result = run_cli("sections")
    assert_clean_error(result, "特殊的问题", "改一改。")
    assert result.code == exit_code


def test_diff_trouble_exits_2(tmp_path):
    result = run_cli("diff", tmp_path / "无.yaml", tmp_path / "也无.yaml")
    assert_clean_error(result, "无.yaml")
    assert result.code == 2


def test_click_texts_are_translated_when_the_command_starts_not_on_import():
    probe = (
        "import click.core, exporter, exporter.cli\n"
        "print(click.core._('Missing argument'))\n"
        "try:\n"
        "    exporter.cli.main(['--version'])\n"
        "except SystemExit:\n"
        "    pass\n"
        "print(click.core._('Missing argument'))\n"
    )
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True).stdout
    lines = out.splitlines()
    assert lines[0] == "Missing argument" and lines[-1] == "缺少参数", out


def test_help_is_chinese_down_to_click_s_own_options():
    result = run_cli("--help")
    assert result.code == 0
    assert "显示版本并退出。" in result.out and "显示本帮助并退出。" in result.out
    assert "Show the" not in result.out
