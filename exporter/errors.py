"""Small exceptions that carry where a problem is and, like click's, their own exit code."""

from __future__ import annotations

from exporter import wording as W


class ExporterError(Exception):
    """A problem the user can fix: what is wrong, where, and how to fix it.

    `exit_code` is the command's exit status for it (a class attribute; a command may set it on one
    instance, as `diff` does with 2); the CLI prints the message and exits with it, one branch for all.
    """

    exit_code = 1

    def __init__(
        self,
        message: str,
        *,
        file: str | None = None,
        line: int | None = None,
        task: int | None = None,
        hint: str | None = None,
    ):
        super().__init__(message)
        self.message = message
        self.file = file
        self.line = line
        self.task = task
        self.hint = hint

    def where(self) -> str:
        parts = []
        if self.file:
            parts.append(W.WHERE_FILE_LINE.format(file=self.file, line=self.line) if self.line else f"{self.file}")
        elif self.line:
            parts.append(W.WHERE_LINE.format(line=self.line))
        if self.task is not None:
            parts.append(W.WHERE_TASK.format(task=self.task))
        return W.WHERE_SEPARATOR.join(parts)

    def __str__(self) -> str:
        where = self.where()
        text = W.MESSAGE_AT.format(where=where, message=self.message) if where else self.message
        if self.hint:
            text += W.HINT_LINE.format(hint=self.hint)
        return text


class SourceError(ExporterError):
    """The published text cannot be read as a task table."""


class DataError(ExporterError):
    """The normalized data file is not valid."""


class DataErrors(ExporterError):
    """Several data problems found at once (by `check` and every load)."""

    def __init__(self, problems: list[DataError]):
        self.problems = problems
        super().__init__(W.PROBLEMS_FOUND.format(count=len(problems)))

    def __str__(self) -> str:
        lines = [W.DATA_PROBLEMS.format(count=len(self.problems))]
        lines += [W.PROBLEM_ITEM.format(problem=p) for p in self.problems]
        return "\n".join(lines)


class SelectionError(ExporterError):
    """A --section or --unit value names nothing in the document."""


class TemplateError(ExporterError):
    """A template cannot be found or is not valid."""


class RenderError(ExporterError):
    """The document cannot be rendered as asked (for example a character no font has)."""


class SettingError(ExporterError):
    """An environment setting (such as SOURCE_DATE_EPOCH) is not valid."""


class OutputError(ExporterError):
    """The output cannot be written."""


class WorkbookError(ExporterError):
    """An edited workbook cannot be read back safely."""
