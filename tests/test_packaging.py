"""The installed command finds its bundled data, templates and fonts from any folder."""
import subprocess
import sys
from pathlib import Path

from tests.conftest import run_cli


def test_bundled_files_found_from_another_folder(tmp_path):
    probe = subprocess.run(
        [sys.executable, "-c",
         "from exporter import resources as r; print(r.default_data()); print(r.bundled('templates')); "
         "print(r.bundled('fonts'))"],
        capture_output=True, text=True, cwd=tmp_path, check=True)
    data, templates, fonts = probe.stdout.splitlines()
    assert data.endswith("2023.yaml")
    assert Path(data).is_file()
    assert (Path(templates) / "official.yaml").is_file()
    assert (Path(fonts) / "NotoSerifSC-Regular.ttf").is_file()
    result = run_cli("sections", cwd=tmp_path)
    assert result.code == 0 and "九、聚力优生态，强化绿色转型保障\t任务 86–94\t共 9 项" in result.out


def test_help_is_chinese_and_every_command_has_an_example():
    from exporter.cli import cli
    for _name, command in cli.commands.items():
        commands = command.commands.values() if hasattr(command, "commands") else [command]
        for sub in commands:
            assert sub.help and any("\u4e00" <= ch <= "\u9fff" for ch in sub.help), sub.name
            if not hasattr(sub, "commands"):
                assert "例：" in sub.help, sub.name
    result = run_cli("--help")
    assert result.code == 0 and "用法：" in result.out and "显示本帮助并退出。" in result.out
