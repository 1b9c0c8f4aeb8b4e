"""Benchmark: whole-command time, time per task, peak memory and output size of `export xlsx`,
`export pdf`, `export docx` and `export ofd` on synthetic documents of 115, 1,000 and 10,000 tasks built
from the bundled data, and —
where soffice is installed — LibreOffice headless turning the same workbook into a PDF; and `import`
of page text: the bundled page (data/2023-source.txt) and synthetic pages of the same layout.

    python bench/run.py                 # all sizes, 5 runs each (fewer for the big ones)
    python bench/run.py --sizes 115 --runs 7
    python bench/run.py --formats docx  # one format only (LibreOffice runs only when xlsx is measured)
    python bench/run.py --formats import-files  # `import` of the bundled document from every file type
                                                # and of 10,000-task workbooks (someone's and our own)

It prints Markdown, as the README's table stands. Before measuring it compiles the package's bytecode
(`compileall`), as `pip install` does: a checkout run with PYTHONDONTWRITEBYTECODE set would otherwise
compile every module again on each run (about 0.05 s of a short export), which no installed copy does.
Each row gives the median wall time and, in brackets, the median CPU time (user + system) of the
command itself, which other work on the machine inflates less.
"""

from __future__ import annotations

import argparse
import compileall
import copy
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from exporter.formats import datafile  # noqa: E402
from exporter.model import Document, Section, Subsection  # noqa: E402
from exporter.text.punctuation import fold  # noqa: E402

FORMATS = ("xlsx", "pdf", "docx", "ofd")
MEASURED = (*FORMATS, "import")  # "import": page text in (see bench_import)
LONG_NOTE_EVERY = 2500  # one very long completion note (several pages) per this many tasks


def synthetic(base: Document, size: int) -> Document:
    """A document of `size` tasks with the bundled document's sections, mix of text lengths and units.

    Task i copies bundled task (i-1) % 115 + 1 into the same section/subsection, so every section grows
    in proportion; a few tasks get a very long completion note.
    """
    if size == len(base.all_tasks()):
        return base
    sections = [
        Section(s.numeral, s.title, [], [Subsection(sub.numeral, sub.title, []) for sub in s.subsections])
        for s in base.sections
    ]
    place = {}
    for si, s in enumerate(base.sections):
        for t in s.tasks:
            place[t.number] = (si, None)
        for bi, sub in enumerate(s.subsections):
            for t in sub.tasks:
                place[t.number] = (si, bi)
    originals = base.all_tasks()
    copies = []
    for i in range(size):
        task = copy.deepcopy(originals[i % len(originals)])
        if (i + 1) % LONG_NOTE_EVERY == 0:
            task.progress = [f"{n}.{p}" for n, p in enumerate((t.progress[0] for t in originals if t.progress), 1)][:60]
        copies.append((place[originals[i % len(originals)].number], task))
    copies.sort(key=lambda item: (item[0][0], -1 if item[0][1] is None else item[0][1]))
    for number, ((si, bi), task) in enumerate(copies, 1):
        task.number = number
        (sections[si].tasks if bi is None else sections[si].subsections[bi].tasks).append(task)
    meta = dict(base.meta)
    meta["title"] = f"{base.title}（{size}项测试）"
    return Document(meta=meta, sections=sections)


def page_text(doc: Document) -> str:
    """The document laid out as the portal's page: one cell per line, blank lines between, ASCII
    punctuation as scraped (the layout of data/2023-source.txt)."""
    out = [
        f"名  称: {doc.title}",
        "",
        doc.title,
        "",
        "来源:宿州市政府",
        "",
        "序号",
        "",
        "重点工作任务",
        "",
        "完  成  情  况",
        "",
        "牵头责任单位",
        "",
    ]
    for kind, item in doc.rows():
        if kind == "section":
            out += [fold(f"{item.numeral}、{item.title}"), ""]
        elif kind == "subsection":
            out += [fold(f"({item.numeral}){item.title}"), ""]
        else:
            for cell in [str(item.number), item.task, *item.progress, *item.units]:
                out += [fold(cell), ""]
    out.append("扫一扫在手机打开当前页")
    return "\n".join(out) + "\n"


def bench_import(size: int, runs: int, workdir: Path, env: dict) -> dict:
    """`import` of a page text: the bundled page at 115 tasks, a synthetic page of its layout above."""
    if size == 115:
        page = ROOT / "data" / "2023-source.txt"
    else:
        base = datafile.load((ROOT / "data" / "2023.yaml").read_bytes(), "2023.yaml")
        page = workdir / f"page-{size}.txt"
        page.write_text(page_text(synthetic(base, size)), encoding="utf-8")
    out = workdir / f"imported-{size}.yaml"
    cmd = [sys.executable, "-m", "exporter", "import", str(page), "-o", str(out)]
    LAST_CPU.clear()
    results = [measure(cmd, workdir, env) for _ in range(runs)]
    wall = statistics.median(r[0] for r in results)
    return {
        "size": size,
        "what": "import page text",
        "wall": wall,
        "per_task_ms": 1000 * wall / size,
        "rss": max(r[1] for r in results),
        "bytes": out.stat().st_size,
        "runs": runs,
        "cpu": statistics.median(LAST_CPU),
    }


def exporter_under_test(workdir: Path) -> tuple[str, dict]:
    """Where the measured `python -m exporter` comes from, and the environment to run it in: the
    installed package when there is one, else this checkout (through PYTHONPATH)."""
    env = dict(os.environ)
    probe = [sys.executable, "-c", "import exporter; print(exporter.__file__)"]
    found = subprocess.run(probe, cwd=workdir, env=env, capture_output=True, text=True)
    if found.returncode != 0:
        env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(ROOT), env.get("PYTHONPATH")]))
        found = subprocess.run(probe, cwd=workdir, env=env, capture_output=True, text=True, check=True)
    return str(Path(found.stdout.strip()).parent), env


def measure(cmd: list[str], cwd: Path, env: dict, timeout: float | None = None) -> tuple[float, int]:
    """Wall seconds and peak RSS (bytes) of one run of cmd, measured for that child alone (its CPU
    seconds, which other work on the machine inflates less than wall time, go to LAST_CPU).

    It runs in `cwd` (the scratch folder), so `python -m exporter` finds the installed package,
    not the checkout the benchmark is started from.
    """
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, cwd=cwd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    deadline = None if timeout is None else start + timeout
    while True:
        pid, status, usage = os.wait4(proc.pid, os.WNOHANG)
        if pid:
            break
        if deadline and time.perf_counter() > deadline:
            proc.kill()
            os.wait4(proc.pid, 0)
            raise TimeoutError
        time.sleep(0.005)
    elapsed = time.perf_counter() - start
    if os.waitstatus_to_exitcode(status) != 0:
        raise RuntimeError(f"{' '.join(cmd)} failed: {proc.stderr.read().decode('utf-8', 'replace')}")
    LAST_CPU.append(usage.ru_utime + usage.ru_stime)
    return elapsed, usage.ru_maxrss * 1024


LAST_CPU: list[float] = []


def bench(
    size: int, runs: int, workdir: Path, env: dict, soffice: str | None, lo_max: int, formats=FORMATS
) -> list[dict]:
    base = datafile.load((ROOT / "data" / "2023.yaml").read_bytes(), "2023.yaml")
    doc = synthetic(base, size)
    data = workdir / f"doc-{size}.yaml"
    data.write_bytes(datafile.dump(doc))
    rows = []
    for fmt in formats:
        out = workdir / f"doc-{size}.{fmt}"
        cmd = [sys.executable, "-m", "exporter", "export", fmt, "--data", str(data), "-o", str(out)]
        results = [measure(cmd, workdir, env) for _ in range(runs)]
        wall = statistics.median(r[0] for r in results)
        rows.append(
            {
                "size": size,
                "what": f"export {fmt}",
                "wall": wall,
                "cpu": statistics.median(LAST_CPU[-runs:]),
                "per_task_ms": 1000 * wall / size,
                "rss": max(r[1] for r in results),
                "bytes": out.stat().st_size,
                "runs": runs,
            }
        )
    if soffice and size <= lo_max and "xlsx" in formats:
        xlsx = workdir / f"doc-{size}.xlsx"
        profile = workdir / "lo-profile"
        cmd = [
            soffice,
            f"-env:UserInstallation=file://{profile}",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(workdir / "lo"),
            str(xlsx),
        ]
        measure(cmd, workdir, env, timeout=900)  # first start creates the profile; not counted
        lo_runs = max(1, min(runs, 3))
        results = [measure(cmd, workdir, env, timeout=900) for _ in range(lo_runs)]
        wall = statistics.median(r[0] for r in results)
        rows.append(
            {
                "size": size,
                "what": "LibreOffice xlsx→pdf",
                "wall": wall,
                "per_task_ms": 1000 * wall / size,
                "rss": max(r[1] for r in results),
                "bytes": (workdir / "lo" / f"doc-{size}.pdf").stat().st_size,
                "runs": lo_runs,
            }
        )
    return rows


def import_sources(workdir: Path, soffice: str | None) -> list[tuple[int, str, Path]]:
    """(tasks, label, file) to import: the bundled document as every type a clerk receives, built as a
    department would (tests/tablefiles.py), .xls/.doc made by LibreOffice; then 10,000-task workbooks."""
    from tests import tablefiles

    base = datafile.load((ROOT / "data" / "2023.yaml").read_bytes(), "2023.yaml")
    files = {
        "page.txt": (ROOT / "data" / "2023-source.txt").read_bytes(),
        "page.html": tablefiles.html_page(base),
        "table.docx": tablefiles.word_table(base),
        "book.xlsx": tablefiles.workbook(base),
    }
    out = []
    for name, data in files.items():
        (workdir / name).write_bytes(data)
    out += [(115, f"import {name}", workdir / name) for name in files]
    if soffice:
        profile = (workdir / "lo-convert").as_uri()
        for name, target in (("table.docx", "odt"), ("table.odt", "doc:MS Word 97"), ("book.xlsx", "xls:MS Excel 97")):
            subprocess.run(
                [
                    soffice,
                    f"-env:UserInstallation={profile}",
                    "--headless",
                    "--convert-to",
                    target,
                    "--outdir",
                    str(workdir),
                    str(workdir / name),
                ],
                check=True,
                capture_output=True,
            )
        out += [
            (115, "import table.doc (LibreOffice)", workdir / "table.doc"),
            (115, "import book.xls", workdir / "book.xls"),
        ]
    big = synthetic(base, 10000)
    (workdir / "book-10000.xlsx").write_bytes(tablefiles.workbook(big))
    (workdir / "doc-10000.yaml").write_bytes(datafile.dump(big))
    return out + [
        (10000, "import someone's book.xlsx", workdir / "book-10000.xlsx"),
        (10000, "import our own export.xlsx", workdir / "ours-10000.xlsx"),
    ]


def bench_imports(runs: int, workdir: Path, env: dict, soffice: str | None) -> list[dict]:
    rows = []
    # The files are built in a child process: a child forked from this one would start with this
    # process's memory (the 10,000-task document) and report it as its own peak RSS.
    subprocess.run([sys.executable, __file__, "--make-import-files", str(workdir)], check=True)
    sources = [
        (size, label, Path(path))
        for size, label, path in json.loads((workdir / "import-files.json").read_text(encoding="utf-8"))
    ]
    ours = [
        sys.executable,
        "-m",
        "exporter",
        "export",
        "xlsx",
        "--data",
        str(workdir / "doc-10000.yaml"),
        "-o",
        str(workdir / "ours-10000.xlsx"),
    ]
    subprocess.run(ours, cwd=workdir, env=env, check=True, capture_output=True)
    for size, label, path in sources:
        out = workdir / (path.name + ".yaml")
        cmd = [sys.executable, "-m", "exporter", "import", str(path), "-o", str(out)]
        n = runs if size < 10000 else min(runs, 3)
        LAST_CPU.clear()
        results = [measure(cmd, workdir, env, timeout=900) for _ in range(n)]
        wall = statistics.median(r[0] for r in results)
        rows.append(
            {
                "size": size,
                "what": label,
                "wall": wall,
                "per_task_ms": 1000 * wall / size,
                "rss": max(r[1] for r in results),
                "bytes": out.stat().st_size,
                "runs": n,
                "cpu": statistics.median(LAST_CPU),
            }
        )
    return rows


def machine() -> str:
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    mem = ""
    try:
        kb = int(Path("/proc/meminfo").read_text().split()[1])
        mem = f", {kb / 1024 / 1024:.0f} GiB"
    except (OSError, ValueError, IndexError):
        pass
    return f"{os.cpu_count()} cores ({cpu}){mem}, Python {platform.python_version()}, {platform.system()}"


def _load(averages) -> str:
    return ", ".join(f"{a:.1f}" for a in averages)


def main() -> None:
    if sys.argv[1:2] == ["--make-import-files"]:  # see bench_imports
        folder = Path(sys.argv[2])
        made = import_sources(folder, shutil.which("soffice") or shutil.which("libreoffice"))
        (folder / "import-files.json").write_text(
            json.dumps([(n, label, str(p)) for n, label, p in made]), encoding="utf-8"
        )
        return
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", default="115,1000,10000")
    parser.add_argument("--runs", type=int, default=5, help="runs per measurement (3 at 10,000 tasks)")
    parser.add_argument(
        "--formats",
        default=",".join(MEASURED),
        help="what to measure, e.g. docx or xlsx,pdf or import; import-files: every file type",
    )
    parser.add_argument(
        "--lo-max", type=int, default=1000, help="largest size LibreOffice is measured at (10,000 takes minutes)"
    )
    parser.add_argument(
        "--import-all", action="store_true", help="measure the import at every size (default: 115 and 10,000)"
    )
    args = parser.parse_args()
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    measured = tuple(f for f in args.formats.split(",") if f)
    formats = tuple(f for f in measured if f not in ("import", "import-files"))
    rows = []
    load_before = os.getloadavg()
    with tempfile.TemporaryDirectory(prefix="exporter-bench-") as tmp:
        package, env = exporter_under_test(Path(tmp))
        compileall.compile_dir(package, quiet=1)  # as pip install does (see the docstring)
        for size in (int(s) for s in args.sizes.split(",")):
            runs = args.runs if size < 10000 else min(args.runs, 3)
            rows += bench(size, runs, Path(tmp), env, soffice, args.lo_max, formats)
            if "import" in measured and (size in (115, 10000) or args.import_all):
                rows.append(bench_import(size, runs, Path(tmp), env))
        if "import-files" in measured:
            rows += bench_imports(args.runs, Path(tmp), env, soffice)
            print("… file imports done", file=sys.stderr)
            print(f"… {size} tasks done", file=sys.stderr)
    by_size: dict[int, dict[str, dict]] = {}
    for r in rows:
        by_size.setdefault(r["size"], {})[r["what"]] = r
    print(f"- Machine: {machine()}")
    print(f"- Package: {package}")
    # Other work on the machine inflates wall times (CPU times less): say how busy it was.
    print(f"- Load average (1, 5, 15 min) at start: {_load(load_before)}; at end: {_load(os.getloadavg())}")
    print()
    print("| tasks | command | wall time (median) | per task | peak RSS | output | runs |")
    print("|---:|---|---:|---:|---:|---:|---:|")
    for r in rows:
        cpu = f" (CPU {r['cpu']:.2f} s)" if "cpu" in r else ""
        print(
            f"| {r['size']:,} | {r['what']} | {r['wall']:.2f} s{cpu} | {r['per_task_ms']:.2f} ms | "
            f"{r['rss'] / 2**20:.0f} MB | {r['bytes'] / 2**20:.2f} MB | {r['runs']} |"
        )
    print()
    for size, got in by_size.items():
        lo = got.get("LibreOffice xlsx→pdf")
        if lo:
            for fmt in (f for f in ("xlsx", "pdf") if f in formats):
                ratio = lo["wall"] / got["export " + fmt]["wall"]
                print(f"- {size:,} tasks: LibreOffice / export {fmt} = {ratio:.1f}×")
    if 1000 in by_size and 10000 in by_size:
        for fmt in formats:
            ratio = by_size[10000][f"export {fmt}"]["per_task_ms"] / by_size[1000][f"export {fmt}"]["per_task_ms"]
            print(f"- export {fmt}: time per task at 10,000 / at 1,000 = {ratio:.2f}")


if __name__ == "__main__":
    main()
