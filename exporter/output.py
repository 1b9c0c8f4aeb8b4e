"""The one place that writes output, and the one place the overwrite policy is kept.

Policy (stated in the README): an explicit -o may replace an existing regular file, as every converter
does — never a file this command reads, a non-regular file (device, FIFO, socket) or a folder.
`-` and /dev/stdout write to standard output and replace nothing. A symbolic link to a regular file is
written through (the file it points to is replaced, the link stays); any other link is refused.
Files appear whole or not at all: they are written under a short temporary name and renamed.
"""

from __future__ import annotations

import os
import shutil
import stat
import sys
import tempfile
from collections.abc import Iterable
from pathlib import Path

from exporter import wording as W
from exporter.errors import OutputError
from exporter.inputs import kind, reason, same_file

STDOUT_NAMES = {"-", "/dev/stdout", "/proc/self/fd/1", "/dev/fd/1"}
NAME_LIMIT = 255  # bytes in one file name on the usual file systems (ext4, NTFS via UTF-16 is similar)
_TMP_PREFIX = ".exporter-"  # short, so a legal final name never fails for a longer temporary one

Inputs = Iterable[tuple[str, str]]  # (path, what it is) of every file the command read


def is_stdout(target) -> bool:
    return str(target) in STDOUT_NAMES


def _write_stdout(data: bytes) -> None:
    stream = getattr(sys.stdout, "buffer", None)
    if stream is None:
        raise OutputError(W.STDOUT_FAILED.format(reason=W.STDOUT_CLOSED), hint=W.STDOUT_FAILED_HINT)
    try:
        stream.write(data)
        stream.flush()
    except (OSError, ValueError) as exc:
        words = reason(exc) if isinstance(exc, OSError) else W.STDOUT_CLOSED
        raise OutputError(W.STDOUT_FAILED.format(reason=words), hint=W.STDOUT_FAILED_HINT) from None


def check_target(target, inputs: Inputs = ()) -> Path:
    """The path a file may be written to under the policy (a link's target), or OutputError."""
    text = str(target)
    if not text:
        raise OutputError(W.OUTPUT_EMPTY, hint=W.OUTPUT_EMPTY_HINT)
    if text.endswith(("/", os.sep)) and not os.path.isdir(text):
        raise OutputError(W.OUTPUT_SLASH.format(path=text), hint=W.OUTPUT_SLASH_HINT)
    path = Path(text)
    name_bytes = len(os.fsencode(path.name))
    if name_bytes > NAME_LIMIT:
        raise OutputError(
            W.OUTPUT_NAME_TOO_LONG.format(size=name_bytes, limit=NAME_LIMIT, name=path.name),
            hint=W.OUTPUT_NAME_TOO_LONG_HINT,
        )
    if path.is_symlink():
        real = Path(os.path.realpath(path))
        if not real.exists():
            raise OutputError(W.OUTPUT_BROKEN_LINK.format(path=text), hint=W.OUTPUT_BROKEN_LINK_HINT)
        if not real.is_file():
            raise OutputError(W.OUTPUT_LINK_NOT_REGULAR.format(path=text, target=real), hint=W.OUTPUT_NOT_REGULAR_HINT)
        path = real
    try:
        st = os.stat(path)
    except FileNotFoundError:
        st = None
    except OSError as exc:
        raise OutputError(
            W.OUTPUT_CANNOT_WRITE.format(path=text, reason=reason(exc)), hint=W.OUTPUT_CANNOT_WRITE_HINT
        ) from None
    if st is not None:
        if stat.S_ISDIR(st.st_mode):
            raise OutputError(W.OUTPUT_IS_FOLDER.format(path=text), hint=W.OUTPUT_IS_FOLDER_HINT)
        if not stat.S_ISREG(st.st_mode):
            raise OutputError(
                W.OUTPUT_NOT_REGULAR.format(path=text, kind=kind(st.st_mode)), hint=W.OUTPUT_NOT_REGULAR_HINT
            )
        for source, what in inputs:
            if source and not is_stdout(source) and same_file(source, path):
                raise OutputError(W.OUTPUT_IS_INPUT.format(path=text, what=what), hint=W.OUTPUT_IS_INPUT_HINT)
    folder = path.parent
    if not folder.is_dir():
        raise OutputError(W.OUTPUT_FOLDER_MISSING.format(folder=folder), hint=W.OUTPUT_FOLDER_MISSING_HINT)
    return path


def write(target, data: bytes, inputs: Inputs = ()) -> None:
    """Write data to target ('-' or /dev/stdout is standard output). The file appears whole or not at all."""
    if is_stdout(target):
        _write_stdout(data)
        return
    path = check_target(target, inputs)
    _replace(path, data)


def _replace(path: Path, data: bytes) -> None:
    folder = path.parent
    try:
        fd, tmp = tempfile.mkstemp(prefix=_TMP_PREFIX, suffix=".tmp", dir=folder)
    except OSError as exc:
        raise OutputError(
            W.OUTPUT_CANNOT_CREATE.format(folder=folder, reason=reason(exc)), hint=W.OUTPUT_CANNOT_CREATE_HINT
        ) from None
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        if path.exists():
            # Keep the permissions of the file being replaced.
            os.chmod(tmp, path.stat().st_mode & 0o7777)
        else:
            umask = os.umask(0)
            os.umask(umask)
            os.chmod(tmp, 0o666 & ~umask)
        os.replace(tmp, path)
    except OSError as exc:
        _unlink(tmp)
        raise OutputError(
            W.OUTPUT_CANNOT_WRITE.format(path=path, reason=reason(exc)), hint=W.OUTPUT_CANNOT_WRITE_HINT
        ) from None
    except BaseException:
        _unlink(tmp)
        raise


def _unlink(path) -> None:
    try:
        os.unlink(path)
    except OSError:
        pass


def check_folder(folder) -> Path:
    """A folder several files may be written into: an existing folder, or a new one in an existing folder."""
    text = str(folder)
    if not text:
        raise OutputError(W.OUTPUT_EMPTY, hint=W.OUTPUT_EMPTY_HINT)
    folder = Path(text)
    if folder.exists() and not folder.is_dir():
        raise OutputError(W.FOLDER_IS_FILE.format(path=text), hint=W.FOLDER_IS_FILE_HINT)
    if not folder.parent.is_dir():
        raise OutputError(W.OUTPUT_FOLDER_MISSING.format(folder=folder.parent), hint=W.OUTPUT_FOLDER_MISSING_HINT)
    return folder


def write_many(folder, files: dict[str, bytes], inputs: Inputs = ()) -> list[Path]:
    """Write several files into folder, all or none: they are written into a temporary folder beside
    it, which becomes the folder (or whose files are moved into the existing folder) at the end."""
    text = str(folder)
    folder = check_folder(folder)
    parent = folder.parent
    # Every final name must pass the policy before anything is written.
    targets = [check_target(folder / name, inputs) if folder.is_dir() else folder / name for name in files]
    try:
        staging = Path(tempfile.mkdtemp(prefix=_TMP_PREFIX, dir=parent))
    except OSError as exc:
        raise OutputError(
            W.FOLDER_CANNOT_CREATE.format(path=text, reason=reason(exc)), hint=W.FOLDER_CANNOT_CREATE_HINT
        ) from None
    try:
        for name, data in files.items():
            _replace(staging / name, data)
        if folder.is_dir():
            for name, target in zip(files, targets):
                os.replace(staging / name, target)
            staging.rmdir()
        else:
            umask = os.umask(0)
            os.umask(umask)
            os.chmod(staging, 0o777 & ~umask)
            os.rename(staging, folder)
    except OSError as exc:
        shutil.rmtree(staging, ignore_errors=True)
        raise OutputError(
            W.FOLDER_CANNOT_CREATE.format(path=text, reason=reason(exc)), hint=W.FOLDER_CANNOT_CREATE_HINT
        ) from None
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    return [folder / name for name in files]
