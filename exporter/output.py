"""The one place that writes output: atomically to a file, or to standard output."""
from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

from exporter.errors import OutputError


def write(target: str | os.PathLike, data: bytes) -> None:
    """Write data to target ('-' is standard output). The file appears whole or not at all."""
    if str(target) == "-":
        sys.stdout.buffer.write(data)
        sys.stdout.buffer.flush()
        return
    path = Path(target)
    folder = path.parent if str(path.parent) else Path(".")
    if path.is_dir():
        raise OutputError(f"输出路径“{path}”是一个文件夹", hint="用 -o 指定文件名，例如 -o 结果.xlsx")
    if not folder.is_dir():
        raise OutputError(f"输出文件夹“{folder}”不存在", hint="先创建该文件夹，或换一个输出路径。")
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
    except OSError as exc:
        raise OutputError(f"无法在“{folder}”中写文件：{exc.strerror}",
                          hint="检查文件夹的写入权限，或用 -o 换一个输出路径。") from None
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
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise OutputError(f"无法写入“{path}”：{exc.strerror}", hint="检查磁盘空间和写入权限。") from None
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise


def write_many(folder: str | os.PathLike, files: dict[str, bytes]) -> list[Path]:
    """Write several files into folder (created if missing), each atomically."""
    folder = Path(folder)
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise OutputError(f"无法创建文件夹“{folder}”：{exc.strerror}", hint="检查路径和写入权限。") from None
    written = []
    for name, data in files.items():
        write(folder / name, data)
        written.append(folder / name)
    return written
