"""Convert old Office files (.doc, .wps, .rtf, .odt) to .docx with LibreOffice headless.

Each run gets its own LibreOffice profile in a temporary folder (-env:UserInstallation), so parallel
imports never wait on, or corrupt, one shared profile; the folder is removed afterwards. Building a
profile costs LibreOffice 10–15 seconds, so the first run's fresh profile is kept as a template in
$XDG_CACHE_HOME/exporter/lo-profile (placed there by an atomic rename) and later runs start from a
copy of it — still private, a few seconds instead of fifteen. LibreOffice
runs with --norestore and without macros being enabled (its default for documents it is told to
convert), and it never touches the network for a local conversion.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from pathlib import Path

from exporter import wording
from exporter.errors import SourceError

TIMEOUT = 180  # seconds; a first start builds the profile (a few seconds), a large document takes longer
KIND_NAMES = wording.CONVERTED_KIND_NAMES
FILTERS = {"docx": "docx:MS Word 2007 XML", "xlsx": "xlsx:Calc MS Excel 2007 XML"}


def soffice() -> str | None:
    return shutil.which("soffice") or shutil.which("libreoffice")


def _cache() -> Path:
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "exporter" / "lo-profile"


def _template() -> Path | None:
    path = _cache()
    return path if (path / "user").is_dir() else None


def _keep_template(profile: Path) -> None:
    """Keep a profile LibreOffice just built as the template for later runs; any failure only costs time."""
    target = _cache()
    staging = None
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        staging = Path(tempfile.mkdtemp(prefix=".lo-profile-", dir=target.parent))
        shutil.copytree(profile, staging / "p", symlinks=True)
        os.rename(staging / "p", target)  # fails harmlessly when another run got there first
    except OSError:
        pass
    finally:
        if staging is not None:
            shutil.rmtree(staging, ignore_errors=True)


def convert(data: bytes, name: str, kind: str, target: str = "docx") -> bytes:
    """The file converted to `target` by LibreOffice; a clear message when that cannot be done."""
    label = KIND_NAMES.get(kind, kind)
    program = soffice()
    if program is None:
        raise SourceError(wording.SOFFICE_MISSING.format(kind=label), file=name, hint=wording.SOFFICE_MISSING_HINT)
    with tempfile.TemporaryDirectory(prefix="exporter-lo-") as tmp:
        folder = Path(tmp)
        source = folder / f"input.{kind}"
        source.write_bytes(data)
        out = folder / "out"
        profile = folder / "profile"
        template = _template()
        if template is not None:
            try:
                shutil.copytree(template, profile, symlinks=True)
            except OSError:
                shutil.rmtree(profile, ignore_errors=True)
        cmd = [
            program,
            f"-env:UserInstallation={profile.as_uri()}",
            "--headless",
            "--norestore",
            "--nologo",
            "--nolockcheck",
            "--convert-to",
            FILTERS[target],
            "--outdir",
            str(out),
            str(source),
        ]
        env = dict(os.environ, HOME=str(folder))  # nothing written to the user's home either
        try:
            proc = subprocess.run(cmd, capture_output=True, timeout=TIMEOUT, env=env, stdin=subprocess.DEVNULL)
        except subprocess.TimeoutExpired:
            raise SourceError(
                wording.SOFFICE_TIMEOUT.format(kind=label, seconds=TIMEOUT), file=name, hint=wording.SOFFICE_FAILED_HINT
            ) from None
        result = out / f"input.{target}"
        if template is None and proc.returncode == 0:
            _keep_template(profile)
        if proc.returncode != 0 or not result.is_file():
            detail = (proc.stderr or proc.stdout).decode("utf-8", "replace").strip().splitlines()
            detail = detail[-1][:200] if detail else wording.SOFFICE_NO_OUTPUT.format(code=proc.returncode)
            raise SourceError(
                wording.SOFFICE_FAILED.format(kind=label, detail=detail), file=name, hint=wording.SOFFICE_FAILED_HINT
            )
        return result.read_bytes()
