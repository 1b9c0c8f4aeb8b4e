"""Shared test helpers: paths, the bundled document, running the command line, external tools."""

from __future__ import annotations

import os
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "data" / "2023.yaml"
SOURCE = ROOT / "data" / "2023-source.txt"


@dataclass
class Result:
    code: int
    out: str
    err: str
    stdout_bytes: bytes


def run_cli(*args, cwd=None, env=None, input: bytes | None = None) -> Result:
    """Run `exporter ARGS` in this process through click's CliRunner: the same main(), errors and exit
    codes as the real command, without a Python start-up per call. `run_entry` runs the real launcher."""
    from click.testing import CliRunner

    from exporter.cli import main

    env = {"SOURCE_DATE_EPOCH": None, **(env or {})}
    saved_cwd = os.getcwd()
    if cwd is not None:
        os.chdir(cwd)
    try:
        result = CliRunner().invoke(_entry(main), [str(a) for a in args], input=input, env=env)
    finally:
        os.chdir(saved_cwd)
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        raise result.exception  # a traceback the user would see: let the test show it
    return Result(result.exit_code, result.stdout, result.stderr, result.stdout_bytes)


def _entry(main):
    """A click command that hands its raw arguments to exporter.cli.main, as the launcher does."""
    import click

    @click.command(
        context_settings={"ignore_unknown_options": True, "allow_interspersed_args": False, "help_option_names": []}
    )
    @click.argument("args", nargs=-1, type=click.UNPROCESSED)
    def entry(args):
        main(list(args))

    return entry


def run_entry(*args, cwd=None, env=None, input: bytes | None = None) -> Result:
    """Run `python -m exporter ARGS` in a fresh process, as a user would (launcher, exit, streams)."""
    full_env = dict(os.environ)
    full_env.pop("SOURCE_DATE_EPOCH", None)
    if env:
        full_env.update(env)
    proc = subprocess.run(
        [sys.executable, "-m", "exporter", *map(str, args)],
        capture_output=True,
        cwd=cwd,
        env=full_env,
        input=input,
        timeout=300,
    )
    return Result(
        proc.returncode, proc.stdout.decode("utf-8", "replace"), proc.stderr.decode("utf-8", "replace"), proc.stdout
    )


def assert_clean_error(result: Result, *needles: str) -> None:
    """One clear Chinese message: non-zero exit, no traceback, the expected words present."""
    assert result.code != 0, result
    assert "Traceback" not in result.err, result.err
    assert result.err.startswith(("错误：", "用法错误：")), result.err
    for needle in needles:
        assert needle in result.err, (needle, result.err)


@pytest.fixture(scope="session", autouse=True)
def font_cache_dir(tmp_path_factory):
    """Font caches go to a fresh folder, not the user's ~/.cache; subprocesses inherit it."""
    path = tmp_path_factory.mktemp("xdg-cache")
    saved = os.environ.get("XDG_CACHE_HOME")
    os.environ["XDG_CACHE_HOME"] = str(path)
    yield path
    if saved is None:
        os.environ.pop("XDG_CACHE_HOME", None)
    else:
        os.environ["XDG_CACHE_HOME"] = saved


@pytest.fixture(scope="session")
def bundled_doc():
    from exporter.formats import datafile

    return datafile.load(DATA.read_bytes(), str(DATA))


@pytest.fixture(scope="session")
def seed_text() -> str:
    return SOURCE.read_text(encoding="utf-8")


def require_tool(name: str) -> str:
    """The path of an external tool; skip the test when it is missing here, fail under CI (CI=true),
    where .ci/run installs it."""
    import shutil

    path = shutil.which(name)
    if path:
        return path
    if os.environ.get("CI") == "true":
        pytest.fail(f"{name} is required under CI: .ci/run installs it")
    pytest.skip(f"{name} is not installed here")


def pytest_addoption(parser):
    parser.addoption(
        "--update-snapshots",
        action="store_true",
        default=False,
        help="rewrite tests/snapshots/ from the current outputs (review the diff!)",
    )
