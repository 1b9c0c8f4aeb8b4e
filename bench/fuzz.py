"""Seeded mutation fuzzing of the three inputs people hand the tool: the data file, the page text and a
returned workbook's sheet XML (issue 16).

For every mutated input the real command line runs in this process, and:
  - it ends in exit 0 or in the tool's own message (exit 1/2, "错误：…"), never an exception;
  - a refusal writes nothing into the working folder;
  - an accepted data file exports a PDF that passes `qpdf --check` and a workbook that imports back
    to the same document;
  - no input takes more than LIMIT seconds of CPU time, and an alarm stops any input still running
    after 4 × LIMIT seconds of wall time (a hang) and counts it as a failure.

    python bench/fuzz.py                      # the long run: 10,000 inputs, seed 1
    python bench/fuzz.py --inputs 300 --seed 7

The quick profile (tests/test_fuzz.py) runs the same code on a few hundred inputs.
"""

from __future__ import annotations

import argparse
import io
import os
import random
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import traceback
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

LIMIT = 5.0  # CPU seconds per input, all its commands together
KINDS = ("data", "page", "sheet")
TOKENS = [
    "\x00",
    "\x07",
    "\x1b",
    "\u200b",
    "\u200d",
    "\ufeff",
    "\u3000",
    "- ",
    ": ",
    "&a ",
    "*a",
    "[",
    "]",
    "{",
    "}",
    "'",
    '"',
    "#",
    "|",
    ">",
    "!!python/object:os.system",
    "~",
    "null",
    "=1+1",
    '=HYPERLINK("x")',
    "<img src=x onerror=alert(1)>",
    "9。",
    "（9）",
    "9)",
    "第9项",
    "9a",
    "1234567",
    "-1",
    "0",
    "\t",
    "\n",
    "\r\n",
    "\r",
    "埇",
    "𠀀",
    "長" * 200,
    "\\",
    "%",
    "一、",
    "（一）",
    "序号",
    "牵头责任单位",
    " ",
    "::",
]
XML_TOKENS = [
    b"<",
    b">",
    b"&",
    b"&amp;",
    b"&#0;",
    b"&#x7;",
    b"<v>",
    b"</v>",
    b"<f>1+1</f>",
    b'r="A1"',
    b't="n"',
    b't="s"',
    b't="b"',
    b't="e"',
    b't="str"',
    b'r="ZZZ999999"',
    b"<row>",
    b"</row>",
    b"<c>",
    b"</c>",
    b"<is><t>x</t></is>",
    b"<![CDATA[x]]>",
    b"_x0007_",
    b"\x00",
    b"\xff\xfe",
    b'<!DOCTYPE x [<!ENTITY a "aaaa">]>',
    b"&a;",
]


@dataclass
class Tally:
    inputs: int = 0
    accepted: int = 0
    refused: int = 0
    pdfs: int = 0
    round_trips: int = 0
    slowest: float = 0.0
    failures: list = field(default_factory=list)


class Timeout(Exception):
    pass


def _alarm(_signum, _frame):
    raise Timeout()


def run(args: list[str], stdin: bytes | None = None) -> tuple[int, str]:
    """exporter ARGS in this process: (exit code, stderr). Any exception but SystemExit propagates."""
    from click.testing import CliRunner

    from exporter.cli import main

    with CliRunner().isolation(input=stdin) as (_out, err, _mixed):
        try:
            main([str(a) for a in args])
            code = 0
        except SystemExit as exc:
            code = exc.code if isinstance(exc.code, int) else 1
        sys.stderr.flush()
        return code, err.getvalue().decode("utf-8", "replace")


# ---- mutations ----------------------------------------------------------------------------------
def mutate_text(rng: random.Random, text: str) -> str:
    lines = text.split("\n")
    for _ in range(rng.choice((1, 1, 1, 2, 3, 5))):
        op = rng.randrange(9)
        i = rng.randrange(len(lines)) if lines else 0
        if not lines:
            lines = [rng.choice(TOKENS)]
        elif op == 0:
            del lines[i]
        elif op == 1:
            lines.insert(i, lines[rng.randrange(len(lines))])
        elif op == 2:
            j = rng.randrange(len(lines))
            lines[i], lines[j] = lines[j], lines[i]
        elif op == 3:
            line = lines[i]
            k = rng.randrange(len(line) + 1)
            lines[i] = line[:k] + rng.choice(TOKENS) + line[k:]
        elif op == 4 and lines[i]:
            k = rng.randrange(len(lines[i]))
            lines[i] = lines[i][:k] + lines[i][k + 1 :]
        elif op == 5:
            lines[i] = " " * rng.randrange(0, 8) + lines[i].lstrip()
        elif op == 6:
            lines[i] = lines[i][: rng.randrange(len(lines[i]) + 1)]
        elif op == 7 and lines[i]:
            k = rng.randrange(len(lines[i]))
            lines[i] = (
                lines[i][:k]
                + chr(rng.choice((rng.randrange(32, 127), rng.randrange(0x4E00, 0x9FA5), rng.randrange(0, 0x3000))))
                + lines[i][k + 1 :]
            )
        else:
            lines = lines[:i] if rng.random() < 0.5 else lines[i:]
    return "\n".join(lines)


VALUE_TOKENS = [
    "埇",
    "𠀀",
    "=1+1",
    "=cmd|' /C calc'!A0",
    "<img src=x>",
    "\u200b",
    "＝",
    "１２３",
    "长" * 3000,
    "——",
    "……",
    "《》",
    "（",
    "）",
    "PM2.5",
    "Ⅲ类",
    "a" * 120,
    "。" * 50,
    "、",
    "-",
    "+",
    "@",
]


def mutate_values(rng: random.Random, text: str) -> str:
    """Edits a clerk or a unit makes: text inserted into the values of a valid file, structure intact."""
    lines = text.split("\n")
    candidates = [
        i
        for i, line in enumerate(lines)
        if line.lstrip().startswith(("- ", "task: ", "title: ")) and not line.lstrip().startswith("- number:")
    ]
    for _ in range(rng.choice((1, 2, 4))):
        i = rng.choice(candidates)
        line = lines[i]
        head = line.index(": ") + 2 if line.lstrip().startswith(("task:", "title:")) else line.index("- ") + 2
        k = rng.randrange(head + 1, len(line) + 1) if len(line) > head else len(line)
        lines[i] = line[:k] + rng.choice(VALUE_TOKENS) + line[k:]
    return "\n".join(lines)


def mutate_bytes(rng: random.Random, blob: bytes, tokens: list[bytes]) -> bytes:
    data = bytearray(blob)
    for _ in range(rng.choice((1, 1, 2, 3, 8))):
        if not data:
            data += rng.choice(tokens)
            continue
        op = rng.randrange(6)
        i = rng.randrange(len(data))
        if op == 0:
            data[i] = rng.randrange(256)
        elif op == 1:
            del data[i : i + rng.randrange(1, 64)]
        elif op == 2:
            data[i:i] = rng.choice(tokens)
        elif op == 3:
            j = rng.randrange(len(data))
            data[i:i] = data[j : j + rng.randrange(1, 200)]
        elif op == 4:
            # Change an attribute value or tag name: the mutations a script writing XML makes.
            k = data.find(b'"', i)
            if k != -1:
                data[k + 1 : k + 1] = rng.choice((b"x", b"0", b"-1", b"99999999", b""))
        else:
            del data[i:]
    return bytes(data)


def replace_member(book: bytes, member: str, blob: bytes) -> bytes:
    src = zipfile.ZipFile(io.BytesIO(book))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for item in src.infolist():
            dst.writestr(item, blob if item.filename == member else src.read(item.filename))
    return out.getvalue()


# ---- subjects -----------------------------------------------------------------------------------
class Subjects:
    """The unmutated inputs: a small data file (sections 一 and 九), the page text, section 九's workbook."""

    def __init__(self, work: Path):
        from exporter.formats import datafile
        from exporter.ops import select

        doc = datafile.load((ROOT / "data" / "2023.yaml").read_bytes(), "2023.yaml")
        self.data = datafile.dump(select.select(doc, ["一", "九"])).decode("utf-8")
        # The page text up to section 三 (tasks 1–20) and its closing lines: every construct of the
        # page (header fields, title, table header, section and subsection rows, wrapped units) at a
        # sixth of the length.
        lines = (ROOT / "data" / "2023-source.txt").read_text(encoding="utf-8").split("\n")
        cut = next(i for i, line in enumerate(lines) if line.startswith("三、"))
        self.page = "\n".join(lines[:cut] + lines[-6:])
        book = work / "s9.xlsx"
        code, err = run(["export", "xlsx", "--section", "九", "-o", book])
        assert code == 0, err
        self.book = book.read_bytes()
        self.sheet = zipfile.ZipFile(io.BytesIO(self.book)).read("xl/worksheets/sheet2.xml")


# ---- one input ----------------------------------------------------------------------------------
def listing(folder: Path) -> set[str]:
    return {p.name for p in folder.iterdir()}


def refused_cleanly(code: int, err: str, folder: Path, before: set[str]) -> str | None:
    if code not in (1, 2):
        return f"exit {code}"
    if not err.startswith(("错误：", "用法错误：")) or "Traceback" in err:
        return f"message: {err[:200]!r}"
    if listing(folder) != before:
        return f"wrote {sorted(listing(folder) - before)}"
    return None


def check_data(text: str, folder: Path, tally: Tally, qpdf: str | None) -> str | None:
    from exporter.formats import datafile

    path = folder / "m.yaml"
    path.write_bytes(text.encode("utf-8", "surrogatepass"))
    before = listing(folder)
    code, err = run(["check", path])
    if code != 0:
        return refused_cleanly(code, err, folder, before)
    tally.accepted += 1
    original = datafile.to_dict(datafile.load(path.read_bytes(), "m"))
    for fmt in ("pdf", "xlsx"):
        code, err = run(["export", fmt, "--data", path, "-o", folder / f"o.{fmt}"])
        if code != 0:
            # A valid file may still be unrenderable (a heading taller than a page): a clean message.
            problem = refused_cleanly(code, err, folder, before)
            if problem:
                return f"export {fmt}: {problem}"
            continue
        before = listing(folder)
        if fmt == "pdf" and qpdf:
            tally.pdfs += 1
            proc = subprocess.run([qpdf, "--check", str(folder / "o.pdf")], capture_output=True, text=True)
            if proc.returncode != 0:
                return f"qpdf --check: {proc.stdout[-300:]}"
        if fmt == "xlsx":
            code, err = run(["import", folder / "o.xlsx", "-o", folder / "back.yaml"])
            if code != 0:
                return f"import of own workbook: {err[:300]}"
            back = datafile.to_dict(datafile.load((folder / "back.yaml").read_bytes(), "back"))
            if back != original:
                return "workbook did not import back to the same document"
            tally.round_trips += 1
    return None


def check_page(text: str, folder: Path, tally: Tally) -> str | None:
    path = folder / "page.txt"
    path.write_bytes(text.encode("utf-8", "surrogatepass"))
    before = listing(folder)
    code, err = run(["import", path, "-o", folder / "out.yaml"])
    if code != 0:
        return refused_cleanly(code, err, folder, before)
    tally.accepted += 1
    code, err = run(["check", folder / "out.yaml"])
    return None if code == 0 else f"import wrote a file check refuses: {err[:300]}"


def check_sheet(blob: bytes, subjects: Subjects, folder: Path, tally: Tally) -> str | None:
    path = folder / "book.xlsx"
    path.write_bytes(replace_member(subjects.book, "xl/worksheets/sheet2.xml", blob))
    before = listing(folder)
    code, err = run(["import", path, "-o", folder / "back.yaml"])
    if code != 0:
        return refused_cleanly(code, err, folder, before)
    tally.accepted += 1
    code, err = run(["check", folder / "back.yaml"])
    return None if code == 0 else f"import wrote a file check refuses: {err[:300]}"


def fuzz(inputs: int, seed: int, work: Path, kinds=KINDS, progress=None) -> Tally:
    """Run `inputs` mutated inputs (kinds in turn) and return the tally; failures keep their input."""
    qpdf = shutil.which("qpdf")
    subjects = Subjects(work)
    tally = Tally()
    rng = random.Random(seed)
    old = signal.signal(signal.SIGALRM, _alarm)
    try:
        for n in range(inputs):
            kind = kinds[n % len(kinds)]
            folder = work / f"case-{n % 2}"
            shutil.rmtree(folder, ignore_errors=True)
            folder.mkdir()
            if kind == "data":
                sample = (mutate_values if rng.random() < 0.5 else mutate_text)(rng, subjects.data)
            elif kind == "page":
                sample = mutate_text(rng, subjects.page)
            else:
                sample = mutate_bytes(rng, subjects.sheet, XML_TOKENS)
            start = time.process_time()  # CPU time: the machine's other load must not count
            signal.setitimer(signal.ITIMER_REAL, 4 * LIMIT)  # wall time: a hang
            try:
                if kind == "data":
                    problem = check_data(sample, folder, tally, qpdf)
                elif kind == "page":
                    problem = check_page(sample, folder, tally)
                else:
                    problem = check_sheet(sample, subjects, folder, tally)
            except Timeout:
                problem = f"no end after {4 * LIMIT:.0f} s"
            except Exception:  # noqa: BLE001 - the very thing being looked for
                problem = "exception: " + traceback.format_exc(limit=-3)
            finally:
                signal.setitimer(signal.ITIMER_REAL, 0)
            elapsed = time.process_time() - start
            tally.slowest = max(tally.slowest, elapsed)
            if problem is None and elapsed > LIMIT:
                problem = f"took {elapsed:.1f} s"
            tally.inputs += 1
            if problem:
                tally.failures.append((n, kind, problem, sample))
            else:
                tally.refused += 0
            if progress and (n + 1) % 500 == 0:
                progress(n + 1, tally)
    finally:
        signal.signal(signal.SIGALRM, old)
    tally.refused = tally.inputs - tally.accepted - len(tally.failures)
    return tally


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--inputs", type=int, default=10000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--kinds", default=",".join(KINDS))
    parser.add_argument("--keep", type=Path, help="folder to save failing inputs in")
    args = parser.parse_args()
    os.environ.setdefault("SOURCE_DATE_EPOCH", "1700000000")
    start = time.monotonic()
    # A memory file system when there is one: every output is written with fsync, which is the
    # slow part on a disk and beside the point here.
    scratch = "/dev/shm" if os.path.isdir("/dev/shm") and os.access("/dev/shm", os.W_OK) else None
    with tempfile.TemporaryDirectory(dir=scratch) as tmp:

        def report(done, tally):
            print(f"  {done} inputs, {len(tally.failures)} failures, {time.monotonic() - start:.0f} s", file=sys.stderr)

        tally = fuzz(args.inputs, args.seed, Path(tmp), tuple(args.kinds.split(",")), report)
    wall = time.monotonic() - start
    print(f"inputs: {tally.inputs} (seed {args.seed}; kinds {args.kinds})")
    print(f"accepted: {tally.accepted}; refused with the tool's own message: {tally.refused}")
    print(f"PDFs checked with qpdf --check: {tally.pdfs}; workbooks imported back identical: {tally.round_trips}")
    print(f"failures: {len(tally.failures)}")
    print(f"time: {wall:.0f} s; slowest input: {tally.slowest:.2f} s of CPU")
    for n, kind, problem, _sample in tally.failures[:20]:
        print(f"- #{n} {kind}: {problem}")
    if args.keep and tally.failures:
        args.keep.mkdir(parents=True, exist_ok=True)
        for n, kind, _problem, sample in tally.failures:
            blob = sample if isinstance(sample, bytes) else sample.encode("utf-8", "surrogatepass")
            (args.keep / f"{n}-{kind}.bin").write_bytes(blob)
    return 1 if tally.failures else 0


if __name__ == "__main__":
    sys.exit(main())
