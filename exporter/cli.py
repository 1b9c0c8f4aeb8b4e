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
from exporter.model import number_list, unit_roles
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
    return datafile.load(read_bytes(path, W.WHAT_DATA), W.STDIN_NAME if path == "-" else path)


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
    return [(template, W.WHAT_TEMPLATE)] if template and Path(template).exists() else []


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
            click.echo(W.PROGRESS.format(label=label, done=done, total=total, percent=percent), err=True, nl=False)
            if end:
                click.echo("", err=True)

    return report


def data_option(f):
    return click.option("--data", "data", metavar="FILE.yaml", callback=not_empty, help=W.HELP_DATA)(f)


def selection_options(f):
    f = click.option("--unit", metavar=W.METAVAR_UNIT, callback=not_empty, help=W.HELP_UNIT)(f)
    f = click.option(
        "--section",
        "sections",
        multiple=True,
        metavar=W.METAVAR_SECTION,
        callback=not_empty,
        help=W.HELP_SECTION,
    )(f)
    return f


@click.group(context_settings=CONTEXT, help=W.HELP_MAIN)
@click.version_option(
    package_name="exporter", message="exporter %(version)s", help=cli_text.CATALOGUE["Show the version and exit."]
)  # set at import, before install()
def cli():
    """The `exporter` group; its help is wording.HELP_MAIN."""


@cli.command("import", context_settings=CONTEXT, help=W.HELP_IMPORT)
@click.argument("source", metavar="SOURCE")
@click.option(
    "-o",
    "--output",
    "out",
    default="-",
    metavar="FILE.yaml",
    callback=not_empty,
    help=W.HELP_IMPORT_OUTPUT,
)
@click.option("--keep-punctuation", is_flag=True, help=W.HELP_KEEP_PUNCTUATION)
@click.option(
    "--columns",
    metavar=W.METAVAR_LABELS,
    help=W.HELP_COLUMNS,
)
def import_cmd(source, out, keep_punctuation, columns):
    from exporter import formats

    data = read_bytes(source, W.WHAT_SOURCE)
    labels = [c.strip() for c in columns.replace("，", ",").split(",") if c.strip()] if columns else None
    if labels is not None and len(labels) < 2:
        raise click.BadParameter(W.COLUMNS_OPTION_BAD, param_hint="--columns")
    echo = functools.partial(click.echo, err=True)
    notes: list[str] = []  # which header went to which field, gaps in the numbering: told once it is written
    doc = formats.read(
        data, source, columns=labels, restore_punctuation=not keep_punctuation, report=notes.append, notice=echo
    )
    payload = datafile.dump(doc)
    datafile.check_imported(payload, source, doc)
    output.write(out, payload, inputs=[(source, W.WHAT_SOURCE)])
    for line in notes:
        echo(line)
    if not output.is_stdout(out):
        click.echo(W.WROTE_DATA.format(path=out, sections=len(doc.sections), tasks=len(doc.all_tasks())), err=True)


@cli.command(context_settings=CONTEXT, help=W.HELP_CHECK)
@click.argument("file", metavar="FILE.yaml")
def check(file):
    doc = load_data(file)
    if not doc.meta.get("unit"):  # a unit's part skips numbers by design
        for after, first, last in datafile.number_gaps(doc):
            span = str(first) if first == last else f"{first}–{last}"
            click.echo(W.DATA_NUMBER_GAP.format(after=after, span=span, count=last - first + 1), err=True)
    subsections = sum(len(s.subsections) for s in doc.sections)
    click.echo(
        W.CHECK_OK.format(file=file, sections=len(doc.sections), subsections=subsections, tasks=len(doc.all_tasks()))
    )
    click.echo(W.CHECK_COLUMNS.format(count=len(doc.columns), labels="、".join(f"“{c.label}”" for c in doc.columns)))


@cli.command(context_settings=CONTEXT, help=W.HELP_SECTIONS)
@data_option
def sections(data):
    doc = load_data(data)
    for s in doc.sections:
        count = len(s.all_tasks())
        click.echo(
            W.SECTIONS_COMMAND_LINE.format(heading=s.heading or W.NO_SECTION_HEADING, range=s.task_range(), count=count)
        )


@cli.command(context_settings=CONTEXT, help=W.HELP_UNITS)
@data_option
def units(data):
    doc = load_data(data)
    for unit in doc.units():
        led, joined = unit_roles(doc, unit)
        click.echo(W.UNITS_COMMAND_LINE.format(unit=unit, led=len(led), joined=len(joined)))


@cli.group(context_settings=CONTEXT, help=W.HELP_EXPORT)
def export():
    """The `export` group; each format is a command made by export_command."""


def export_command(fmt: str, help: str, extra_options=()):
    """Build `export xlsx` / `export pdf`: both share data, selection, template and output options."""

    def decorate(f):
        @export.command(fmt, context_settings=CONTEXT, help=help)
        @data_option
        @selection_options
        @click.option(
            "--template",
            metavar="NAME|FILE",
            callback=not_empty,
            help=W.HELP_TEMPLATE,
        )
        @click.option(
            "-o",
            "--output",
            "out",
            metavar="FILE",
            callback=not_empty,
            help=W.HELP_OUTPUT,
        )
        @click.option("--split-by", type=click.Choice(["unit"]), help=W.HELP_SPLIT_BY)
        @click.option("--add-column", "add_columns", multiple=True, metavar=W.METAVAR_LABEL, help=W.ADD_COLUMN_HELP)
        @functools.wraps(f)
        def command(data, sections, unit, template, out, split_by, add_columns, **options):
            doc = load_data(data)
            if add_columns:
                from exporter.ops import columns

                doc = columns.add_columns(doc, add_columns)
            read = [(data_path(data), W.WHAT_DATA), *template_inputs(template)]
            tmpl = templates.load(template)
            from exporter.formats import renderer
            from exporter.ops import split

            # --unit renders the unit's own part, as --split-by unit does: its name in title and metadata
            selected = split.selection(doc, sections, unit)

            render = renderer(fmt)
            if split_by == "unit":
                folder = out or naming.safe_filename(W.SPLIT_FOLDER_NAME.format(title=doc.title))
                if output.is_stdout(folder):
                    raise OutputError(W.SPLIT_TO_STDOUT, hint=W.SPLIT_TO_STDOUT_HINT)
                if unit:
                    raise OutputError(W.SPLIT_WITH_UNIT, hint=W.SPLIT_WITH_UNIT_HINT)
                output.check_folder(folder)  # before the work of rendering, not after
                files = split.render_by_unit(
                    selected, tmpl, fmt, render, options, progress=progress_printer(W.PROGRESS_SPLIT.format(fmt=fmt))
                )
                output.write_many(folder, files, inputs=read)
                click.echo(W.WROTE_FOLDER.format(folder=folder, count=len(files)), err=True)
                unassigned = [t.number for t in selected.all_tasks() if not t.units and not t.co_units]
                if unassigned:  # allowed in the data (a breakdown row still being assigned), but in no unit's file
                    click.echo(
                        W.SPLIT_UNASSIGNED.format(numbers=number_list(unassigned), count=len(unassigned)), err=True
                    )
                return
            target = out or naming.default_filename(doc.title, select.selection_label(sections, unit), fmt)
            if not output.is_stdout(target):
                output.check_target(target, read)  # before the work of rendering, not after
            data_bytes = render(selected, tmpl, progress=progress_printer(W.PROGRESS_EXPORT.format(fmt=fmt)), **options)
            output.write(target, data_bytes, inputs=read)
            if not output.is_stdout(target):
                click.echo(W.WROTE_FILE.format(path=target, tasks=len(selected.all_tasks())), err=True)

        for option in extra_options:
            command = option(command)
        return command

    return decorate


@export_command("xlsx", W.HELP_EXPORT_XLSX)
def export_xlsx(**_):
    """`export xlsx` (help: wording.HELP_EXPORT_XLSX)."""


ATTACHMENT_OPTION = click.option("--attachment", metavar="N", callback=attachment_value, help=W.HELP_ATTACHMENT)


@export_command("pdf", W.HELP_EXPORT_PDF, extra_options=[ATTACHMENT_OPTION])
def export_pdf(**_):
    """`export pdf` (help: wording.HELP_EXPORT_PDF)."""


@export_command("ofd", W.HELP_EXPORT_OFD, extra_options=[ATTACHMENT_OPTION])
def export_ofd(**_):
    """`export ofd` (help: wording.HELP_EXPORT_OFD)."""


@export_command("docx", W.HELP_EXPORT_DOCX, extra_options=[ATTACHMENT_OPTION])
def export_docx(**_):
    """`export docx` (help: wording.HELP_EXPORT_DOCX)."""


@cli.command(context_settings=CONTEXT, help=W.HELP_DIFF)
@click.argument("old", metavar="OLD.yaml")
@click.argument("new", metavar="NEW.yaml")
def diff(old, new):
    from exporter.ops import compare

    try:
        changes = compare.diff(load_data(old), load_data(new))
    except ExporterError as exc:
        exc.exit_code = 2  # like diff(1): 1 means "the files differ", so trouble is 2
        raise
    click.echo(compare.format_changes(changes, old, new))
    sys.exit(1 if changes else 0)


@cli.command(context_settings=CONTEXT, help=W.HELP_MERGE)
@click.argument("base", metavar="BASE.yaml")
@click.argument("parts", nargs=-1, required=True, metavar="PART.yaml...")
@click.option("-o", "--output", "out", required=True, metavar="FILE.yaml", callback=not_empty, help=W.HELP_MERGE_OUTPUT)
def merge(base, parts, out):
    from exporter.ops import compare

    merged, report = compare.merge(load_data(base), [(p, load_data(p)) for p in parts])
    output.write(out, datafile.dump(merged), inputs=[(base, W.WHAT_BASE), *((p, W.WHAT_PART) for p in parts)])
    click.echo(report, err=True)


def main(argv=None):
    cli_text.install()  # click's own texts in Chinese from here on; importing the package changes nothing
    try:
        cli.main(args=argv, prog_name="exporter", standalone_mode=False)
    except ExporterError as exc:
        click.echo(W.ERROR_LINE.format(message=exc), err=True)
        sys.exit(exc.exit_code)
    except click.exceptions.Abort:
        click.echo(W.ABORTED, err=True)
        sys.exit(1)
    except click.UsageError as exc:
        hint = W.USAGE_HINT.format(command=exc.ctx.command_path) if exc.ctx else ""
        click.echo(W.USAGE_ERROR.format(message=exc.format_message(), hint=hint), err=True)
        sys.exit(2)
    except click.ClickException as exc:
        click.echo(W.ERROR_LINE.format(message=exc.format_message()), err=True)
        sys.exit(exc.exit_code)
    except BrokenPipeError:
        sys.exit(1)
    except KeyboardInterrupt:
        click.echo(W.INTERRUPTED, err=True)
        sys.exit(130)
