"""Small exceptions that carry where a problem is and, like click's, their own exit code."""

from __future__ import annotations


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
            parts.append(f"{self.file}" + (f" 第 {self.line} 行" if self.line else ""))
        elif self.line:
            parts.append(f"第 {self.line} 行")
        if self.task is not None:
            parts.append(f"任务 {self.task}")
        return "，".join(parts)

    def __str__(self) -> str:
        where = self.where()
        text = f"{where}：{self.message}" if where else self.message
        if self.hint:
            text += f"\n  修改方法：{self.hint}"
        return text


class SourceError(ExporterError):
    """The published text cannot be read as a task table."""


class DataError(ExporterError):
    """The normalized data file is not valid."""


class DataErrors(ExporterError):
    """Several data problems found at once (by `check` and every load)."""

    def __init__(self, problems: list[DataError]):
        self.problems = problems
        super().__init__(f"发现 {len(problems)} 处问题")

    def __str__(self) -> str:
        lines = [f"数据文件有 {len(self.problems)} 处问题："]
        lines += [f"- {p}" for p in self.problems]
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
