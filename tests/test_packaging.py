"""The installed command finds its bundled data, templates and fonts from any folder."""

import subprocess
import sys
from pathlib import Path

from tests.conftest import run_cli


def test_bundled_files_found_from_another_folder(tmp_path):
    probe = subprocess.run(
        [
            sys.executable,
            "-c",
            "from exporter import resources as r; print(r.default_data()); print(r.bundled('templates')); "
            "print(r.bundled('fonts'))",
        ],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        check=True,
    )
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


def test_every_command_is_in_the_readme_command_table():
    from exporter.cli import cli

    readme = (Path(__file__).resolve().parent.parent / "README.md").read_text(encoding="utf-8")
    table = readme.split("## 命令一览", 1)[1].split("\n## ", 1)[0]
    rows = [line for line in table.splitlines() if line.startswith("| `exporter ")]
    listed = {" ".join(row.split("`")[1].split()[1:3]) for row in rows}
    for name, command in cli.commands.items():
        subs = [f"{name} {sub}" for sub in command.commands] if hasattr(command, "commands") else [name]
        for path in subs:
            assert any(entry == path or entry.split()[0] == path for entry in listed), path
