"""The one place that reads input files: regular files (or standard input as `-`), size-capped.

A FIFO would block forever and a device such as /dev/zero never ends, so only regular files are
read; the size is checked before reading so that a huge or sparse file is refused at once.
"""

from __future__ import annotations

import errno
import os
import stat
import sys

from exporter import wording as W
from exporter.errors import SourceError

MAX_BYTES = 256 * 1024 * 1024  # 256 MB; the 10,000-task benchmark document is about 10 MB


def size_text(size: int) -> str:
    """A size for messages: MB from 1 MB up, else bytes (one rule for input files and zip parts)."""
    return W.SIZE_MB.format(mb=size / 2**20) if size >= 2**20 else W.SIZE_BYTES.format(n=size)


def kind(mode: int) -> str:
    """A Chinese name for a non-regular file's type."""
    if stat.S_ISFIFO(mode):
        return W.FILE_KINDS["fifo"]
    if stat.S_ISCHR(mode):
        return W.FILE_KINDS["char"]
    if stat.S_ISBLK(mode):
        return W.FILE_KINDS["block"]
    if stat.S_ISSOCK(mode):
        return W.FILE_KINDS["socket"]
    return W.FILE_KINDS["other"]


def reason(exc: OSError) -> str:
    """An OSError in Chinese, the system's words kept in brackets."""
    name = errno.errorcode.get(exc.errno or 0, "")
    words = W.OS_REASONS.get(name)
    system = exc.strerror or str(exc)
    return f"{words}（{system}）" if words else system


def check_regular(path: str, what: str) -> os.stat_result:
    """stat() a path that must be a regular file of at most MAX_BYTES, or raise SourceError."""
    try:
        st = os.stat(path)
    except FileNotFoundError:
        raise SourceError(W.INPUT_MISSING.format(what=what, path=path), hint=W.INPUT_MISSING_HINT) from None
    except OSError as exc:
        raise SourceError(
            W.INPUT_UNREADABLE.format(what=what, path=path, reason=reason(exc)), hint=W.INPUT_UNREADABLE_HINT
        ) from None
    if stat.S_ISDIR(st.st_mode):
        raise SourceError(W.INPUT_FOLDER.format(what=what, path=path), hint=W.INPUT_FOLDER_HINT)
    if not stat.S_ISREG(st.st_mode):
        raise SourceError(
            W.INPUT_NOT_REGULAR.format(what=what, path=path, kind=kind(st.st_mode)), hint=W.INPUT_NOT_REGULAR_HINT
        )
    if st.st_size > MAX_BYTES:
        raise SourceError(
            W.INPUT_TOO_BIG.format(what=what, path=path, size=size_text(st.st_size), limit=size_text(MAX_BYTES)),
            hint=W.INPUT_TOO_BIG_HINT,
        )
    return st


def read(path: str, what: str) -> bytes:
    """The bytes of a regular file, or of standard input when path is '-'."""
    if path == "-":
        stream = getattr(sys.stdin, "buffer", None)
        data = stream.read(MAX_BYTES + 1) if stream is not None else b""
        if len(data) > MAX_BYTES:
            raise SourceError(W.STDIN_TOO_BIG.format(limit=size_text(MAX_BYTES)), hint=W.INPUT_TOO_BIG_HINT)
        return data
    check_regular(path, what)
    try:
        # O_NONBLOCK: if the path was swapped for a FIFO after the check, opening it must not hang.
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
        with os.fdopen(fd, "rb") as fh:
            st = os.fstat(fh.fileno())
            if not stat.S_ISREG(st.st_mode):
                raise SourceError(
                    W.INPUT_NOT_REGULAR.format(what=what, path=path, kind=kind(st.st_mode)),
                    hint=W.INPUT_NOT_REGULAR_HINT,
                )
            data = fh.read(MAX_BYTES + 1)
    except IsADirectoryError:
        raise SourceError(W.INPUT_FOLDER.format(what=what, path=path), hint=W.INPUT_FOLDER_HINT) from None
    except OSError as exc:
        raise SourceError(
            W.INPUT_UNREADABLE.format(what=what, path=path, reason=reason(exc)), hint=W.INPUT_UNREADABLE_HINT
        ) from None
    if len(data) > MAX_BYTES:
        raise SourceError(
            W.INPUT_TOO_BIG.format(what=what, path=path, size=size_text(len(data)), limit=size_text(MAX_BYTES)),
            hint=W.INPUT_TOO_BIG_HINT,
        )
    return data


def same_file(a: str, b: str) -> bool:
    """True when two paths name the same existing file (hard links and symlinks included)."""
    try:
        return os.path.samefile(a, b)
    except OSError:
        return False
