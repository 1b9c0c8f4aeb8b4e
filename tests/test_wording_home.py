"""User-facing wording has one home: exporter/wording.py (click's own texts: exporter/cli_text.py).

An AST scan of exporter/: a string literal with Han characters anywhere else is a message written
inline, unless it is parsing vocabulary that is explicitly allowed below, with a reason. Even in those
allowed places, a Han literal handed to an error, a hint, click's output or help, or a progress/report
callback is refused. The scanner is tested on planted code, so this test can fail.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

import exporter

PACKAGE = Path(exporter.__file__).parent
HOMES = {"wording.py", "cli_text.py"}
HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")

# Parsing vocabulary and data tables, not wording: which top-level names of which module may hold
# Han literals ("*": the whole module; messages there are still checked by the call rules below).
VOCABULARY = {
    "model.py": {
        "NUMERALS": "the Chinese numerals that mark sections, matched in sources and printed as data",
        "SEED_COLUMNS": "the published header labels of format-1 data files (data, read back by readers)",
    },
    "templates.py": {
        "HAO": "GB/T 9704 font-size names (三号, 小四) accepted in templates",
        "_TRUE": "the yes-words a template may write for a flag",
        "_FALSE": "the no-words a template may write for a flag",
    },
    "formats/html.py": {
        "META_TABLE_LABELS": "labels that mark a page's metadata table (not the task table)",
        "HEADER_NUMBER": "a word of a task table's header row",
        "HEADER_TASK": "a word of a task table's header row",
        "HEADER_COMPANIONS": "words of a task table's header row",
    },
    "formats/xlsx/reader.py": {"CONTINUED_MARK": "how a continuation row's number cell reads: 86（续）"},
    "formats/pagetext.py": {"*": "page furniture, metadata labels, title words, numerals (messages: call rules)"},
    "formats/pagelist.py": {"*": "list vocabulary: 牵头/配合 role words, 部门分工, numerals (messages: call rules)"},
    "formats/table.py": {"*": "unit-name endings, role words, number patterns; reads WHERE_LINE back (call rules)"},
    "formats/docx/numbering.py": {"*": "Word's list-number formats: Chinese counting digits and units"},
    "formats/xlsx/numfmt.py": {"*": "Excel's number formats: zh-CN built-in format codes, 年/月/日, 上午/下午, 星期"},
    "timestamps.py": {"_SPELLED": "recognises dates written 2024年2月1日 in data files"},
}

# Modules whose older messages are not moved yet (each entry is a debt; remove it when moved).
NOT_YET_MOVED: dict[str, str] = {}

ERROR_CALL = re.compile(r"(Error|Errors|Warning|Exception)$")
CLICK_OUTPUT = {"echo", "secho", "style", "BadParameter", "UsageError", "ClickException", "confirm", "prompt"}
CALLBACKS = {"progress", "report", "notice", "warn", "note", "echo", "say", "error", "problem", "_broken"}
TEXT_KEYWORDS = {"help", "hint", "metavar", "message", "prompt", "where"}
LOCATION_CALLS = {"RawRow"}  # RawRow(cells, where): the place named in messages
COMMAND_DECORATORS = {"command", "group", "export_command"}


def _han(node: ast.AST, lines: list[str]) -> bool:
    """Han characters written in the literal (escapes such as "\\u4e00" in a range test are not text)."""
    first, last = node.lineno - 1, node.end_lineno - 1
    if first == last:
        text = lines[first][node.col_offset : node.end_col_offset]
    else:
        text = lines[first][node.col_offset :] + b"".join(lines[first + 1 : last]) + lines[last][: node.end_col_offset]
    return bool(HAN.search(text.decode()))


def _name(func: ast.AST) -> str:
    if isinstance(func, ast.Attribute):
        return func.attr
    if isinstance(func, ast.Name):
        return func.id
    return ""


def _docstring_ids(tree: ast.AST) -> set[int]:
    ids = set()
    for node in ast.walk(tree):
        if isinstance(node, (ast.Module, ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)) and node.body:
            first = node.body[0]
            if isinstance(first, ast.Expr) and isinstance(first.value, ast.Constant):
                ids.add(id(first.value))
    return ids


def _literals(node: ast.AST):
    """The outermost string literals under node (an f-string counts once)."""
    if isinstance(node, ast.JoinedStr) or isinstance(node, ast.Constant) and isinstance(node.value, str):
        yield node
        return
    for child in ast.iter_child_nodes(node):
        yield from _literals(child)


def scan(source: str, allowed_names=frozenset(), whole_module: bool = False) -> list[tuple[int, str]]:
    """(line, why) for every inline user-facing Han text in source."""
    tree = ast.parse(source)
    lines = [line.encode() for line in source.splitlines(keepends=True)]  # offsets are in UTF-8 bytes
    docstrings = _docstring_ids(tree)
    found: dict[int, tuple[int, str]] = {}

    def flag(node, why):
        found.setdefault(id(node), (node.lineno, why))

    # 1. Wherever a message goes: errors, hints, click's output and help, progress/report callbacks.
    for node in ast.walk(tree):
        if isinstance(node, ast.Call):
            name = _name(node.func)
            targets = []
            if ERROR_CALL.search(name) or name in CLICK_OUTPUT or name in CALLBACKS:
                targets += node.args + [k.value for k in node.keywords]
            elif (
                isinstance(node.func, ast.Attribute)
                and node.func.attr in ("append", "extend")
                and (_name(node.func.value) in ("notes", "report", "warnings", "lines"))
            ):
                targets += node.args
            elif name in LOCATION_CALLS:
                targets += node.args[1:]
            targets += [k.value for k in node.keywords if k.arg in TEXT_KEYWORDS]
            for target in targets:
                for lit in _literals(target):
                    if _han(lit, lines):
                        flag(lit, f"text passed to {name or 'a call'}()")
        if isinstance(node, ast.Assign) and any(  # where = "…", hint = "…": named as what they are
            isinstance(t, ast.Name) and t.id in TEXT_KEYWORDS for t in node.targets
        ):
            for lit in _literals(node.value):
                if _han(lit, lines):
                    flag(lit, "text assigned to a message variable")
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            is_command = any(
                isinstance(d, ast.Call) and _name(d.func) in COMMAND_DECORATORS for d in node.decorator_list
            )
            doc = ast.get_docstring(node)
            if is_command and doc and HAN.search(doc):  # click shows it as the command's help
                flag(node.body[0].value, f"command {node.name}'s help written as its docstring")
    # 2. Anywhere else, outside the allowed vocabulary.
    if not whole_module:
        allowed_nodes: set[int] = set()
        for stmt in tree.body:
            names = []
            if isinstance(stmt, ast.Assign):
                names = [t.id for t in stmt.targets if isinstance(t, ast.Name)]
            elif isinstance(stmt, ast.AnnAssign) and isinstance(stmt.target, ast.Name):
                names = [stmt.target.id]
            if set(names) & set(allowed_names):
                allowed_nodes |= {id(n) for n in ast.walk(stmt)}
        for lit in _literals(tree):
            if id(lit) not in docstrings and id(lit) not in allowed_nodes and _han(lit, lines):
                flag(lit, "Han text outside wording.py")
    return sorted(found.values())


def _modules():
    for path in sorted(PACKAGE.rglob("*.py")):
        rel = path.relative_to(PACKAGE).as_posix()
        if rel not in HOMES:
            yield rel, path


def test_every_message_lives_in_wording():
    problems = []
    for rel, path in _modules():
        if rel in NOT_YET_MOVED:
            continue
        allowed = VOCABULARY.get(rel, {})
        whole = "*" in allowed
        for line, why in scan(path.read_text(encoding="utf-8"), set(allowed), whole_module=whole):
            problems.append(f"exporter/{rel}:{line}: {why}")
    assert not problems, "user-facing text written inline; put it in exporter/wording.py:\n" + "\n".join(problems)


def test_allow_lists_name_what_exists():
    """An allow-list entry that no longer matches anything is removed, not left to hide new text."""
    for rel, names in VOCABULARY.items():
        source = (PACKAGE / rel).read_text(encoding="utf-8")
        tree = ast.parse(source)
        defined = {
            t.id
            for stmt in tree.body
            if isinstance(stmt, (ast.Assign, ast.AnnAssign))
            for t in (stmt.targets if isinstance(stmt, ast.Assign) else [stmt.target])
            if isinstance(t, ast.Name)
        }
        for name in names:
            assert name == "*" or name in defined, f"exporter/{rel}: {name} is allowed but not defined"
    for rel in NOT_YET_MOVED:
        assert (PACKAGE / rel).exists(), rel
        assert scan((PACKAGE / rel).read_text(encoding="utf-8"), set(VOCABULARY.get(rel, {}))), (
            f"exporter/{rel} has no inline text left: remove it from NOT_YET_MOVED"
        )


def test_wording_names_are_defined_once():
    tree = ast.parse((PACKAGE / "wording.py").read_text(encoding="utf-8"))
    seen: dict[str, int] = {}
    for stmt in tree.body:
        targets = stmt.targets if isinstance(stmt, ast.Assign) else []
        for t in targets:
            if isinstance(t, ast.Name):
                assert t.id not in seen, f"wording.{t.id} defined on line {seen[t.id]} and again on {stmt.lineno}"
                seen[t.id] = stmt.lineno


PLANTED = '''
import click
from exporter.errors import DataError

NUMBERS = ["一", "二"]

def f(x, progress, notes):
    raise DataError(f"第 {x} 行有问题", hint="改正它")
    click.echo("已写入")
    progress("正在生成")
    notes.append(f"注意：{x}")
    where = "本单位："
    rows = [RawRow(["一、总体"], f"第 {x} 行")]
    return "plain ascii"

@click.option("--unit", help="只保留该单位")
@cli.command()
def units(data):
    """列出所有单位。"""
'''


def test_the_scan_finds_planted_text():
    """The rule can fail: each kind of inline message in this planted module is reported."""
    lines = [line for line, _ in scan(PLANTED)]
    assert lines == [5, 5, 8, 8, 9, 10, 11, 12, 13, 13, 16, 19]
    # allowed vocabulary is passed over, but a message is refused even in a vocabulary module
    assert [line for line, _ in scan(PLANTED, {"NUMBERS"})] == [8, 8, 9, 10, 11, 12, 13, 13, 16, 19]
    assert [line for line, _ in scan(PLANTED, whole_module=True)] == [8, 8, 9, 10, 11, 12, 13, 16, 19]
