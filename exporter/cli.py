"""The command line: parse options, call the library, turn its errors into messages and exit codes."""

from __future__ import annotations

import functools
import sys
from pathlib import Path

import click

from exporter import cli_text, inputs, naming, output, templates
from exporter import wording as W
from exporter.errors import ExporterError, OutputError
from exporter.formats import datafile
from exporter.model import unit_roles
from exporter.ops import select
from exporter.resources import default_data

CONTEXT = {"help_option_names": ["-h", "--help"], "max_content_width": 100}


def read_bytes(path: str, what: str) -> bytes:
    return inputs.read(path, what)


def data_path(path: str | None) -> str:
    return path or str(default_data())


def load_data(path: str | None):
    """Load and validate a data file (the bundled 2023 document when path is None)."""
    path = data_path(path)
    return datafile.load(read_bytes(path, "数据文件"), "标准输入" if path == "-" else path)


def not_empty(ctx, param, value):
    """Refuse an option given as an empty string (`-o ''`), instead of quietly ignoring it."""
    values = value if isinstance(value, tuple) else (value,)
    for v in values:
        if v is not None and not str(v).strip():
            raise click.BadParameter(
                W.OPTION_EMPTY.format(option=param.opts[-1]) + "。" + W.OPTION_EMPTY_HINT, ctx=ctx, param=param
            )
    return value


def attachment_value(ctx, param, value):
    """--attachment N: a positive number (1–999), or '' for the bare label."""
    if value is None or value == "":
        return value
    text = value.strip()
    if not (text.isascii() and text.isdigit() and 1 <= int(text) <= 999):
        raise click.BadParameter(
            W.ATTACHMENT_BAD.format(value=value) + "。" + W.ATTACHMENT_BAD_HINT, ctx=ctx, param=param
        )
    return str(int(text))


def template_inputs(template: str | None) -> list[tuple[str, str]]:
    return [(template, "模板文件")] if template and Path(template).exists() else []


def progress_printer(label: str):
    """A progress callback that prints to stderr only when it is a terminal."""
    if not sys.stderr.isatty():
        return None
    state = {"last": -1}

    def report(done: int, total: int) -> None:
        percent = 100 * done // max(total, 1)
        if percent != state["last"]:
            state["last"] = percent
            end = "\n" if done >= total else ""
            click.echo(f"\r{label}：{done}/{total}（{percent}%）", err=True, nl=False)
            if end:
                click.echo("", err=True)

    return report


def data_option(f):
    return click.option(
        "--data", "data", metavar="FILE.yaml", callback=not_empty, help="数据文件（默认：内置的 2023 年数据）。"
    )(f)


def selection_options(f):
    f = click.option(
        "--unit", metavar="单位", callback=not_empty, help="只保留该单位牵头或配合的任务，例如 --unit 市发展改革委。"
    )(f)
    f = click.option(
        "--section",
        "sections",
        multiple=True,
        metavar="部分",
        callback=not_empty,
        help="只导出这些部分：九、9，可重复或写成 二,三。",
    )(f)
    return f


@click.group(context_settings=CONTEXT)
@click.version_option(
    package_name="exporter", message="exporter %(version)s", help=cli_text.CATALOGUE["Show the version and exit."]
)  # set at import, before install()
def cli():
    """把“政府工作报告重点工作任务完成情况”导出为规范化数据、Excel 工作簿、PDF、OFD 和 Word 文档。

    \b
    常用：
      exporter export xlsx                 导出内置 2023 年数据的工作簿
      exporter export pdf --section 九     把第九部分排成 PDF
      exporter import 页面.txt -o 数据.yaml 导入新发布的文件
    """


@cli.command("import", context_settings=CONTEXT)
@click.argument("source", metavar="SOURCE")
@click.option(
    "-o",
    "--output",
    "out",
    default="-",
    metavar="FILE.yaml",
    callback=not_empty,
    help="写入的数据文件（默认：标准输出）。",
)
@click.option("--keep-punctuation", is_flag=True, help="保留来源中的半角标点，不恢复为全角。")
@click.option(
    "--columns",
    metavar="表头,…",
    help="表头认不出时，按表格各列的顺序写出它们对应的标准表头，用逗号分隔，"
    "例如 --columns 序号,重点工作任务,完成情况,牵头责任单位。",
)
def import_cmd(source, out, keep_punctuation, columns):
    """把来源文件转成规范化数据文件。文件类型按内容识别：

    \b
      网页（.html、.mhtml）、Word（.docx、.doc、.wps）、Excel（.xlsx、.xls），
      本工具导出后编辑过的工作簿（原样读回），发布页面的文本（.txt）。
    .doc、.wps 需要本机装有 LibreOffice。

    \b
    例：exporter import 2023.txt -o data/2023.yaml
        exporter import 页面.html -o 2024.yaml
        exporter import 附件.docx -o 2024.yaml --columns 序号,重点工作任务,完成情况,牵头责任单位
    """
    from exporter import formats

    data = read_bytes(source, "来源文件")
    labels = [c.strip() for c in columns.replace("，", ",").split(",") if c.strip()] if columns else None
    if labels is not None and len(labels) < 2:
        raise click.BadParameter(W.COLUMNS_OPTION_BAD, param_hint="--columns")
    echo = functools.partial(click.echo, err=True)
    notes: list[str] = []  # which header went to which field, gaps in the numbering: told once it is written
    doc = formats.read(
        data, source, columns=labels, restore_punctuation=not keep_punctuation, report=notes.append, notice=echo
    )
    payload = datafile.dump(doc)
    datafile.check_imported(payload, source)
    output.write(out, payload, inputs=[(source, "来源文件")])
    for line in notes:
        echo(line)
    if not output.is_stdout(out):
        click.echo(f"已写入 {out}：{len(doc.sections)} 个部分，{len(doc.all_tasks())} 项任务。", err=True)


@cli.command(context_settings=CONTEXT)
@click.argument("file", metavar="FILE.yaml")
def check(file):
    """检查数据文件：结构与类型、表格的列、序号唯一且递增、每项任务有内容（格式 1 还须有单位）、部分顺序、控制字符。

    \b
    没有问题时退出码为 0，有问题时列出每处问题（文件、行号、任务序号）并以 1 退出。
    例：exporter check data/2023.yaml
    """
    doc = load_data(file)
    if not doc.meta.get("unit"):  # a unit's part skips numbers by design
        for after, first, last in datafile.number_gaps(doc):
            span = str(first) if first == last else f"{first}–{last}"
            click.echo(W.DATA_NUMBER_GAP.format(after=after, span=span, count=last - first + 1), err=True)
    subsections = sum(len(s.subsections) for s in doc.sections)
    click.echo(
        f"{file}：没有发现问题。{len(doc.sections)} 个部分，{subsections} 个小标题，{len(doc.all_tasks())} 项任务。"
    )
    click.echo(W.CHECK_COLUMNS.format(count=len(doc.columns), labels="、".join(c.label for c in doc.columns)))


@cli.command(context_settings=CONTEXT)
@data_option
def sections(data):
    """列出各部分及其任务序号范围和任务数。

    \b
    例：exporter sections
    """
    doc = load_data(data)
    for s in doc.sections:
        count = len(s.all_tasks())
        click.echo(f"{s.heading or '（不分部分）'}\t任务 {s.task_range()}\t共 {count} 项")


@cli.command(context_settings=CONTEXT)
@data_option
def units(data):
    """列出所有单位（牵头和配合），及其牵头和参与的任务数。

    \b
    有“配合单位”列时，units 中的单位为牵头、co_units 中的为参与；
    没有时，每项任务的第一个单位为牵头，其余为参与。
    例：exporter units
    """
    doc = load_data(data)
    for unit in doc.units():
        led, joined = unit_roles(doc, unit)
        click.echo(f"{unit}\t牵头 {len(led)} 项\t参与 {len(joined)} 项")


@cli.group(context_settings=CONTEXT)
def export():
    """导出工作簿（xlsx）、PDF、OFD 或 Word 文档（docx）。"""


def export_command(fmt: str, extra_options=()):
    """Build `export xlsx` / `export pdf`: both share data, selection, template and output options."""

    def decorate(f):
        @export.command(fmt, context_settings=CONTEXT, help=f.__doc__)
        @data_option
        @selection_options
        @click.option(
            "--template",
            metavar="NAME|FILE",
            callback=not_empty,
            help="模板名（templates/ 中）或模板文件，默认 official。",
        )
        @click.option(
            "-o",
            "--output",
            "out",
            metavar="FILE",
            callback=not_empty,
            help="输出文件（默认按标题命名；- 为标准输出）。",
        )
        @click.option("--split-by", type=click.Choice(["unit"]), help="按单位拆分为多个文件，写入 -o 指定的文件夹。")
        @click.option("--add-column", "add_columns", multiple=True, metavar="表头", help=W.ADD_COLUMN_HELP)
        @functools.wraps(f)
        def command(data, sections, unit, template, out, split_by, add_columns, **options):
            doc = load_data(data)
            if add_columns:
                from exporter.ops import columns

                doc = columns.add_columns(doc, add_columns)
            read = [(data_path(data), "数据文件"), *template_inputs(template)]
            tmpl = templates.load(template)
            from exporter.formats import renderer
            from exporter.ops import split

            # --unit renders the unit's own part, as --split-by unit does: its name in title and metadata
            selected = split.selection(doc, sections, unit)

            render = renderer(fmt)
            if split_by == "unit":
                folder = out or naming.safe_filename(f"{doc.title}（按单位）")
                if output.is_stdout(folder):
                    raise OutputError("按单位拆分时不能输出到标准输出", hint="用 -o 指定一个文件夹。")
                if unit:
                    raise OutputError(
                        "--unit 与 --split-by unit 不能同时使用",
                        hint="去掉 --unit 以导出每个单位各自的文件；只要一个单位时去掉 --split-by。",
                    )
                output.check_folder(folder)  # before the work of rendering, not after
                files = split.render_by_unit(
                    selected, tmpl, fmt, render, options, progress=progress_printer(f"正在按单位生成 {fmt}")
                )
                output.write_many(folder, files, inputs=read)
                click.echo(f"已写入 {folder}/：{len(files)} 个文件。", err=True)
                return
            target = out or naming.default_filename(doc.title, select.selection_label(sections, unit), fmt)
            if not output.is_stdout(target):
                output.check_target(target, read)  # before the work of rendering, not after
            data_bytes = render(selected, tmpl, progress=progress_printer(f"正在生成 {fmt}"), **options)
            output.write(target, data_bytes, inputs=read)
            if not output.is_stdout(target):
                click.echo(f"已写入 {target}：{len(selected.all_tasks())} 项任务。", err=True)

        for option in extra_options:
            command = option(command)
        return command

    return decorate


@export_command("xlsx")
def export_xlsx(**_):
    """导出 Excel 工作簿：每个部分一个工作表，另有“目录”表。

    \b
    例：exporter export xlsx
        exporter export xlsx --section 九 -o 第九部分.xlsx
        exporter export xlsx --unit 市发展改革委
        exporter export xlsx --split-by unit -o 各单位/
        exporter export xlsx --split-by unit --add-column 完成情况 -o 各单位/   （分解表发给各单位填写）
    """


ATTACHMENT_OPTION = click.option(
    "--attachment", metavar="N", callback=attachment_value, help="在首页左上角标注“附件N”（N 可省略为空字符串）。"
)


@export_command("pdf", extra_options=[ATTACHMENT_OPTION])
def export_pdf(**_):
    """导出 PDF：按原表格排版的公文附件，字体嵌入文件。

    \b
    例：exporter export pdf
        exporter export pdf --section 九 --attachment 2
        exporter export pdf --unit 市发展改革委 -o 发改委.pdf
    """


@export_command("ofd", extra_options=[ATTACHMENT_OPTION])
def export_ofd(**_):
    """导出 OFD（GB/T 33190 版式文档）：与 PDF 同样的页面、位置和字体，字体嵌入文件。

    \b
    供电子公文系统和归档使用。
    例：exporter export ofd
        exporter export ofd --section 九 --attachment 2
        exporter export ofd --split-by unit -o 各单位/
    """


@export_command("docx", extra_options=[ATTACHMENT_OPTION])
def export_docx(**_):
    """导出 Word 文档（.docx）：与 PDF 版式相同的公文附件，可在 Word、WPS 文字中修改。

    \b
    表头在每页重复，页码“— N —”单页居右、双页居左；字体按名称指定（不嵌入）。
    例：exporter export docx
        exporter export docx --section 九 --attachment 2
        exporter export docx --split-by unit -o 各单位/
    """


@cli.command(context_settings=CONTEXT)
@click.argument("old", metavar="OLD.yaml")
@click.argument("new", metavar="NEW.yaml")
def diff(old, new):
    """逐项列出两个数据文件之间的差异（任务、字段）。

    \b
    有差异时退出码为 1，没有差异为 0，出错为 2。
    例：exporter diff data/2023.yaml 返回/市发展改革委.yaml
    """
    from exporter.ops import compare

    try:
        changes = compare.diff(load_data(old), load_data(new))
    except ExporterError as exc:
        exc.exit_code = 2  # like diff(1): 1 means "the files differ", so trouble is 2
        raise
    click.echo(compare.format_changes(changes, old, new))
    sys.exit(1 if changes else 0)


@cli.command(context_settings=CONTEXT)
@click.argument("base", metavar="BASE.yaml")
@click.argument("parts", nargs=-1, required=True, metavar="PART.yaml...")
@click.option(
    "-o", "--output", "out", required=True, metavar="FILE.yaml", callback=not_empty, help="合并后的数据文件。"
)
def merge(base, parts, out):
    """把各单位返回的部分合并到底稿；同一字段被不同单位改得不一致时停止。

    \b
    例：exporter merge data/2023.yaml 返回/*.yaml -o 2023-合并.yaml
    """
    from exporter.ops import compare

    merged, report = compare.merge(load_data(base), [(p, load_data(p)) for p in parts])
    output.write(out, datafile.dump(merged), inputs=[(base, "底稿"), *((p, "返回文件") for p in parts)])
    click.echo(report, err=True)


def main(argv=None):
    cli_text.install()  # click's own texts in Chinese from here on; importing the package changes nothing
    try:
        cli.main(args=argv, prog_name="exporter", standalone_mode=False)
    except ExporterError as exc:
        click.echo(f"错误：{exc}", err=True)
        sys.exit(exc.exit_code)
    except click.exceptions.Abort:
        click.echo("已取消。", err=True)
        sys.exit(1)
    except click.UsageError as exc:
        hint = f"\n运行 `{exc.ctx.command_path} --help` 查看用法。" if exc.ctx else ""
        click.echo(f"用法错误：{exc.format_message()}{hint}", err=True)
        sys.exit(2)
    except click.ClickException as exc:
        click.echo(f"错误：{exc.format_message()}", err=True)
        sys.exit(exc.exit_code)
    except BrokenPipeError:
        sys.exit(1)
    except KeyboardInterrupt:
        click.echo("已中断。", err=True)
        sys.exit(130)
