"""The per-user font cache changes nothing in the PDF, only its speed.

A cached face must equal the parsed one attribute for attribute; a cold and a warm cache must give the
same bytes; a corrupt, stale or unwritable cache falls back to parsing without a word.
"""

from __future__ import annotations

import os
import shutil
import time
from pathlib import Path

import pytest
from conftest import DATA, run_entry
from reportlab.pdfbase.ttfonts import TTFontFace

from exporter.formats.pdf import fontcache

REPO = Path(__file__).resolve().parent.parent
SERIF = REPO / "fonts" / "NotoSerifSC-Regular.ttf"
DEJAVU = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")  # has composite glyphs (é, ñ, ǅ …)


def _export(tmp_path: Path, cache: Path, name: str) -> bytes:
    out = tmp_path / name
    result = run_entry("export", "pdf", "--data", DATA, "-o", out, env={"XDG_CACHE_HOME": str(cache)})
    assert result.code == 0, result.err
    assert "Traceback" not in result.err
    return out.read_bytes()


def _entries(cache: Path) -> list[Path]:
    return sorted((cache / "exporter" / "fonts").glob("*.face"))


def test_cold_and_warm_cache_give_identical_bytes(tmp_path):
    cache = tmp_path / "cache"
    cold = _export(tmp_path, cache, "cold.pdf")
    entries = _entries(cache)
    assert len(entries) == 3  # serif, serif-bold, sans of the official template
    stamps = [e.stat().st_mtime_ns for e in entries]
    warm = _export(tmp_path, cache, "warm.pdf")
    assert warm == cold
    assert [e.stat().st_mtime_ns for e in _entries(cache)] == stamps  # read, not rewritten
    assert not list((cache / "exporter" / "fonts").glob(".face-*"))  # no temporary files left


@pytest.mark.parametrize("damage", ["garbage", "truncated", "flipped", "empty"])
def test_a_corrupt_cache_entry_is_ignored_and_replaced(tmp_path, damage):
    cache = tmp_path / "cache"
    good = _export(tmp_path, cache, "good.pdf")
    for entry in _entries(cache):
        blob = entry.read_bytes()
        if damage == "garbage":
            entry.write_bytes(b"\x00not a face\xff" * 100)
        elif damage == "truncated":
            entry.write_bytes(blob[: len(blob) // 2])
        elif damage == "flipped":  # a bit flipped deep inside the payload: the checksum catches it
            i = len(blob) // 2
            entry.write_bytes(blob[:i] + bytes([blob[i] ^ 0x01]) + blob[i + 1 :])
        else:
            entry.write_bytes(b"")
    assert _export(tmp_path, cache, "again.pdf") == good
    for entry in _entries(cache):  # rewritten with a good entry
        assert entry.read_bytes().startswith(fontcache.MAGIC) and entry.stat().st_size > 100_000


def test_an_unwritable_cache_still_exports(tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("a file where the cache folder would go")
    reference = _export(tmp_path, tmp_path / "cache", "reference.pdf")
    assert _export(tmp_path, blocker / "sub", "blocked.pdf") == reference
    assert blocker.read_text() == "a file where the cache folder would go"


def test_a_changed_font_file_is_parsed_again(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    font = tmp_path / "font.ttf"
    shutil.copyfile(DEJAVU, font)
    assert not hasattr(fontcache.load_face(font), "_exporter_lazy")  # parsed, then stored
    assert hasattr(fontcache.load_face(font), "_exporter_lazy")  # from the cache
    shutil.copyfile(REPO / "fonts" / "NotoSansSC-Regular.ttf", font)  # another font, same path
    os.utime(font, ns=(1, 1))
    face = fontcache.load_face(font)
    assert not hasattr(face, "_exporter_lazy")
    assert face.name == TTFontFace(str(font)).name
    cached = fontcache.load_face(font)
    assert cached.name == face.name and cached.charWidths == face.charWidths


def test_entries_unused_for_sixty_days_are_pruned_when_a_new_one_is_written(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    folder = tmp_path / "cache" / "exporter" / "fonts"
    first = tmp_path / "first.ttf"
    shutil.copyfile(DEJAVU, first)
    fontcache.load_face(first)
    (used,) = folder.glob("*.face")
    long_ago = time.time() - fontcache.MAX_AGE - 86400
    stale = folder / ("0" * 24 + ".face")  # a font of a removed venv
    stale.write_bytes(b"old")
    crashed = folder / ".face-abandoned.tmp"  # an interrupted write
    crashed.write_bytes(b"half")
    other = folder / "notes.txt"  # not ours: left alone
    other.write_text("x")
    for f in (used, stale, crashed, other):
        os.utime(f, (long_ago, long_ago))
    assert hasattr(fontcache.load_face(first), "_exporter_lazy")  # a hit marks the entry as used
    assert used.stat().st_mtime > time.time() - 60
    second = tmp_path / "second.ttf"
    shutil.copyfile(DEJAVU, second)
    fontcache.load_face(second)  # a write prunes
    assert not stale.exists() and not crashed.exists()
    assert used.exists() and other.exists() and len(list(folder.glob("*.face"))) == 2


def test_relative_or_missing_cache_home_falls_back_to_home(monkeypatch):
    monkeypatch.setenv("XDG_CACHE_HOME", "relative/path")
    assert fontcache.cache_dir() == Path.home() / ".cache" / "exporter" / "fonts"
    monkeypatch.delenv("XDG_CACHE_HOME")
    assert fontcache.cache_dir() == Path.home() / ".cache" / "exporter" / "fonts"


@pytest.mark.parametrize("path", [SERIF, DEJAVU], ids=["noto", "dejavu"])
def test_a_cached_face_equals_the_parsed_one(tmp_path, monkeypatch, path):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    parsed = TTFontFace(str(path))
    fontcache.load_face(path)
    cached = fontcache.load_face(path)
    assert isinstance(cached, fontcache.Face) and hasattr(cached, "_exporter_lazy")
    for key, value in vars(parsed).items():
        if key == "_pdfScale":
            assert cached._pdfScale(1234) == value(1234)
            continue
        got = getattr(cached, key)  # lazy ones are loaded here
        if key == "_ttf_data":  # the file, mapped
            assert got[:] == value
            continue
        if key in ("hmetrics", "glyphPos"):  # arrays now, read the same
            assert len(got) == len(value) and list(got) == value and got[len(value) // 2] == value[len(value) // 2]
            continue
        if key in ("charToGlyph", "charWidths"):  # sorted arrays now, read the same, same value types
            assert isinstance(got, fontcache._CodeMap) and len(got) == len(value) and got == value, key
            assert [type(v) for v in got.values()] == [type(value[k]) for k in got], key
            code = next(iter(value))
            assert code in got and got[code] == value[code] and got.get(code) == value[code]
            assert 0x10FFFF + 1 not in got and got.get(-1, "none") == "none" and "A" not in got
            with pytest.raises(KeyError):
                got[0x10FFFF + 1]
            continue
        assert type(got) is type(value) and got == value, key
        if hasattr(value, "ustr"):
            assert got.ustr == value.ustr
    # The subsets reportlab embeds are the same bytes, composite glyphs included.
    codes = [ord(c) for c in "Aé ñǅŀ€ﬁ→1" if ord(c) in parsed.charToGlyph] + list(range(0x4E00, 0x4E40))
    codes = [c for c in codes if c in parsed.charToGlyph]
    assert cached.makeSubset(codes) == parsed.makeSubset(codes)


def test_the_table_view_reads_like_bytes():
    data = bytes(range(256)) * 4
    view = fontcache._TableView(data, 100, 50)
    table = data[100:150]
    assert len(view) == 50 and bytes(view) == table and view == table
    for a, b in [(0, 10), (5, 5), (40, 60), (-5, None), (None, 3), (49, 50), (60, 70)]:
        assert view[a:b] == table[a:b]
    assert view[0] == table[0] and view[-1] == table[-1] and view[::2] == table[::2]
    assert view.startswith(table[:3])  # anything else bytes does, on a copy
    with pytest.raises(IndexError):
        view[50]
