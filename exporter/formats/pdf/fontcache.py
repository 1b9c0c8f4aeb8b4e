"""Parsed TrueType faces, cached per user so later runs skip reportlab's parse of big CJK fonts.

reportlab reads a font's cmap, hmtx and loca tables glyph by glyph in Python: about 50 ms for each
13 MB Noto CJK font, the largest part of a small export. After the first parse the face's state (plain
dicts, lists and numbers) is stored with `marshal`, its big tables as machine arrays, in
`$XDG_CACHE_HOME/exporter/fonts` (or `~/.cache/exporter/fonts`), keyed by the font file's path, size
and modification time, the subfont index and the reportlab and Python versions. A later run rebuilds
the same face from it in a few
milliseconds; the font file itself is mapped into memory, for embedding.

The cache never decides what is drawn: a missing, corrupt, stale or unwritable cache means parsing
the font as before, silently. Entries are written to a temporary file and renamed into place;
entries unused for 60 days (fonts of removed installs and venvs) are removed when a new one is written.
"""

from __future__ import annotations

import gc
import hashlib
import marshal
import mmap
import os
import sys
import tempfile
import time
import zlib
from array import array
from bisect import bisect_left
from collections.abc import Mapping
from pathlib import Path

import reportlab
from reportlab.pdfbase.ttfonts import TTFNameBytes, TTFontFace

FORMAT = 2
MAGIC = b"exporter-face 2\n"
_DIGEST = 4  # CRC-32 of the payload, checked before unmarshalling: catches a truncated or damaged file
_NOT_STATE = ("_ttf_data", "_pdfScale")
MAX_AGE = 60 * 86400  # an entry unused this long (seconds) is removed when another is written
# Character code -> glyph id / advance width, one entry per character of a 30,000-character font:
# stored as sorted arrays and read through _CodeMap.
_MAPS = ("charToGlyph", "charWidths")
# Needed only when subsetting (or never, here): unmarshalled on first use.
_LAZY = ("hmetrics", "glyphPos", "glyphToChar")


class Face(TTFontFace):
    """A TTFontFace that does not copy the whole `glyf` table for every 256-glyph subset.

    reportlab's subsetting takes the `glyf` table (10 MB in a CJK font) with `get_table` once per
    subset and then only slices single glyphs out of it; here those slices come straight from the
    font file's bytes.
    """

    def __getattr__(self, name):
        # Only called for a missing attribute: a cached face's lazily stored ones.
        lazy = self.__dict__.get("_exporter_lazy")
        if lazy is None or name not in lazy:
            raise AttributeError(name)
        value = _unpack(lazy[name])
        setattr(self, name, value)
        del lazy[name]
        return value

    def get_table(self, tag):
        if tag == "glyf":
            pos, length = self.get_table_pos(tag)
            return _TableView(self._ttf_data, pos, length)
        return TTFontFace.get_table(self, tag)


class _TableView:
    """A table of the font file that reads like the bytes object `get_table` returns, without the copy."""

    def __init__(self, data, pos: int, length: int):
        self._data, self._pos, self._len = data, pos, min(length, max(len(data) - pos, 0))

    def __len__(self) -> int:
        return self._len

    def __getitem__(self, index):
        if isinstance(index, slice):
            start, stop, step = index.indices(self._len)
            if step == 1:
                return self._data[self._pos + start : self._pos + max(start, stop)]
            return bytes(self)[index]
        if index < 0:
            index += self._len
        if not 0 <= index < self._len:
            raise IndexError("index out of range")
        return self._data[self._pos + index]

    def __bytes__(self) -> bytes:
        return self._data[self._pos : self._pos + self._len]

    def __eq__(self, other):
        return bytes(self) == other

    __hash__ = None

    def __getattr__(self, name):
        # Anything else bytes can do (a later reportlab might ask): do it on a real copy.
        return getattr(bytes(self), name)


def cache_dir() -> Path | None:
    base = os.environ.get("XDG_CACHE_HOME", "")
    if not os.path.isabs(base):  # the XDG spec says to ignore a relative path
        try:
            base = str(Path.home() / ".cache")
        except (RuntimeError, KeyError):
            return None
    return Path(base) / "exporter" / "fonts"


def _identity(path: Path, subfont: int, stat: os.stat_result) -> str:
    return (
        f"{FORMAT}|{path}|{subfont}|{stat.st_size}|{stat.st_mtime_ns}|reportlab {reportlab.Version}|"
        f"{sys.implementation.cache_tag}|marshal {marshal.version}"
    )


def _entry(directory: Path, path: Path, subfont: int) -> Path:
    # One entry per font file and subfont: a changed font overwrites its stale entry.
    digest = hashlib.sha256(f"{path}#{subfont}".encode("utf-8", "surrogateescape")).hexdigest()[:24]
    return directory / f"{digest}.face"


def load_face(path: Path, subfont: int = 0) -> Face:
    """The parsed face of a TrueType file, from the cache when it is there and fresh.

    Raises what reportlab raises (TTFError, OSError) for a font it cannot read.
    """
    path = Path(os.path.abspath(path))
    with open(path, "rb") as f:
        stat = os.fstat(f.fileno())
        data = _map(f)
    identity = _identity(path, subfont, stat)
    directory = cache_dir()
    entry = _entry(directory, path, subfont) if directory else None
    if entry is not None:
        face = _read(entry, identity)
        if face is not None:
            _touch(entry)
            face._ttf_data = data
            face._pdfScale = _scale(face.unitsPerEm)
            return face
    face = Face(_Bytes(data, str(path)), subfontIndex=subfont)
    if entry is not None:
        _write(entry, identity, face)
        _prune(entry)
    return face


def _prune(keep: Path) -> None:
    """Remove entries no run has used for MAX_AGE (fonts of removed installs and venvs: about 2 MB
    each) and temporary files left by an interrupted write. Only done when an entry is written."""
    now = time.time()
    try:
        for old in keep.parent.iterdir():
            if old == keep or not (old.suffix == ".face" or old.name.startswith(".face-")):
                continue
            age = now - old.stat().st_mtime
            if age > (MAX_AGE if old.suffix == ".face" else 3600):
                old.unlink()
    except OSError:
        pass  # another run pruning at the same time, or a read-only cache: nothing to do


def _touch(entry: Path) -> None:
    """Mark an entry as in use (at most once a day), so pruning keeps it."""
    try:
        if time.time() - entry.stat().st_mtime > 86400:
            os.utime(entry)
    except OSError:
        pass


def _map(f):
    """The file's bytes. Mapped, not read: subsetting touches only the few glyphs used and a few
    small tables of a 10+ MB font, and reading it all would cost more than the whole layout."""
    try:
        return mmap.mmap(f.fileno(), 0, access=mmap.ACCESS_READ)
    except (ValueError, OSError):  # an empty file, or a file system without mmap
        return f.read()


class _Bytes:
    """The font file's bytes handed to reportlab as a file object (so it is read only once)."""

    def __init__(self, data, name: str):
        self._data = data
        self.name = name

    def read(self) -> bytes:
        return self._data


def _scale(units_per_em: int):
    # As in TTFontFile.extractInfo: a function is the one piece of state marshal cannot keep.
    if units_per_em == 1000:
        return lambda x: x
    factor = 1000 / units_per_em
    return lambda x: x * factor


def _pack(value) -> tuple:
    """A lazily loaded attribute, as compact as it goes: lists of integers (glyph offsets, advance
    widths and side bearings) as machine arrays, which load without creating an object per glyph."""
    try:
        if isinstance(value, list) and all(type(v) is int for v in value):
            return ("ints", array("q", value).tobytes())
        if isinstance(value, list) and all(
            type(v) is tuple and len(v) == 2 and type(v[0]) is int and type(v[1]) is int for v in value
        ):
            return ("pairs", array("q", [v[0] for v in value]).tobytes(), array("q", [v[1] for v in value]).tobytes())
    except OverflowError:
        pass
    return ("marshal", marshal.dumps(value))


def _unpack(packed: tuple):
    kind = packed[0]
    if kind == "ints":
        return _ints(packed[1])
    if kind == "pairs":
        return _Pairs(_ints(packed[1]), _ints(packed[2]))
    return _unmarshal(packed[1])


def _ints(blob: bytes) -> array:
    values = array("q")
    values.frombytes(blob)
    return values


class _Pairs:
    """hmetrics: a list of (advance, side bearing) read from two arrays."""

    def __init__(self, first: array, second: array):
        self._first, self._second = first, second

    def __len__(self) -> int:
        return len(self._first)

    def __getitem__(self, index):
        if isinstance(index, slice):
            return list(zip(self._first[index], self._second[index]))
        return self._first[index], self._second[index]

    def __iter__(self):
        return zip(self._first, self._second)

    def __eq__(self, other):
        return list(self) == list(other)

    __hash__ = None


class _CodeMap(Mapping):
    """A read-only {code: value} dict kept as two sorted arrays. Loading it makes no object per
    character; a document looks up only the few thousand characters it draws."""

    __slots__ = ("_keys", "_values")

    def __init__(self, keys: array, values: array):
        self._keys, self._values = keys, values

    def _index(self, code) -> int:
        keys = self._keys
        if type(code) is int:
            i = bisect_left(keys, code)
            if i < len(keys) and keys[i] == code:
                return i
        return -1

    def __getitem__(self, code):
        i = self._index(code)
        if i < 0:
            raise KeyError(code)
        return self._values[i]

    def __contains__(self, code) -> bool:
        return self._index(code) >= 0

    def get(self, code, default=None):
        i = self._index(code)
        return default if i < 0 else self._values[i]

    def __iter__(self):
        return iter(self._keys)

    def __len__(self) -> int:
        return len(self._keys)


def _pack_map(value) -> tuple | None:
    """A code map as (keys, values, value typecode) arrays, or None when it is not all ints/floats."""
    if not isinstance(value, dict) or not all(type(k) is int for k in value):
        return None
    kinds = {type(v) for v in value.values()}
    typecode = "q" if kinds <= {int} else "d" if kinds == {float} else None
    if typecode is None:
        return None
    keys = sorted(value)
    try:
        return (array("q", keys).tobytes(), array(typecode, [value[k] for k in keys]).tobytes(), typecode)
    except OverflowError:
        return None


def _unpack_map(packed: tuple) -> _CodeMap:
    keys_blob, values_blob, typecode = packed
    keys, values = array("q"), array(typecode)
    keys.frombytes(keys_blob)
    values.frombytes(values_blob)
    if len(keys) != len(values):
        raise ValueError("code map arrays differ in length")
    return _CodeMap(keys, values)


def _unmarshal(blob: bytes):
    # Tens of thousands of small tuples and lists: the cyclic collector would run many times for nothing.
    enabled = gc.isenabled()
    gc.disable()
    try:
        return marshal.loads(blob)
    finally:
        if enabled:
            gc.enable()


def _state(face: Face) -> tuple[dict, dict, dict, dict]:
    state, names, lazy, maps = {}, {}, {}, {}
    for key, value in face.__dict__.items():
        if key in _NOT_STATE or key.startswith("_exporter"):
            continue
        packed = _pack_map(value) if key in _MAPS else None
        if packed is not None:
            maps[key] = packed
        elif key in _LAZY:
            lazy[key] = _pack(value)
        elif type(value) is TTFNameBytes:
            names[key] = (bytes(value), value.ustr)
        else:
            state[key] = value
    return state, names, lazy, maps


def _write(entry: Path, identity: str, face: Face) -> None:
    try:
        payload = marshal.dumps((identity, *_state(face)))
    except ValueError:  # something marshal cannot store exactly: do not cache this font
        return
    blob = MAGIC + zlib.crc32(payload).to_bytes(_DIGEST, "big") + payload
    tmp = None
    try:
        entry.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=entry.parent, prefix=".face-", suffix=".tmp")
        with os.fdopen(fd, "wb") as f:
            f.write(blob)
        os.replace(tmp, entry)
        tmp = None
    except OSError:
        pass  # read-only home, full disk …: the next run parses again
    finally:
        if tmp is not None:
            try:
                os.unlink(tmp)
            except OSError:
                pass


def _read(entry: Path, identity: str) -> Face | None:
    try:
        blob = entry.read_bytes()
    except OSError:
        return None
    head = len(MAGIC) + _DIGEST
    if (
        not blob.startswith(MAGIC)
        or zlib.crc32(memoryview(blob)[head:]).to_bytes(_DIGEST, "big") != blob[len(MAGIC) : head]
    ):
        return None
    try:
        stored, state, names, lazy, maps = _unmarshal(memoryview(blob)[head:])
        if (
            stored != identity
            or not all(isinstance(d, dict) for d in (state, names, lazy, maps))
            or set(lazy) != set(_LAZY)
            or not all(isinstance(v, tuple) for v in lazy.values())
        ):
            return None
        maps = {key: _unpack_map(packed) for key, packed in maps.items()}
    except (ValueError, EOFError, TypeError):
        return None
    face = Face.__new__(Face)
    face.__dict__.update(state)
    face.__dict__.update(maps)
    face._exporter_lazy = lazy
    for key, (raw, text) in names.items():
        value = TTFNameBytes(raw)
        value.ustr = text
        setattr(face, key, value)
    return face
