"""Chinese wording for the texts click itself prints (usage, option help, its own errors).

click looks its texts up through gettext's `_` in each of its modules; we put a small catalogue in
front of that lookup instead of shipping a compiled .mo file.
"""

from __future__ import annotations

import gettext

import click.core
import click.decorators
import click.exceptions
import click.formatting
import click.parser
import click.types

CATALOGUE = {
    "Usage:": "用法：",
    "Options": "选项",
    "Commands": "命令",
    "Show this message and exit.": "显示本帮助并退出。",
    "Show the version and exit.": "显示版本并退出。",
    "Error: {message}": "错误：{message}",
    "Missing argument": "缺少参数",
    "Missing option": "缺少选项",
    "Missing parameter": "缺少参数",
    "Missing parameter: {param_name}": "缺少参数：{param_name}",
    "Missing command.": "缺少命令。",
    "No such command {name!r}.": "没有命令 {name!r}。",
    "No such option {name!r}.": "没有选项 {name!r}。",
    "No such option: {name}": "没有选项：{name}",
    "Invalid value for {param_hint}: {message}": "{param_hint} 的取值无效：{message}",
    "Invalid value: {message}": "取值无效：{message}",
    "Try '{command} {option}' for help.": "运行 '{command} {option}' 查看帮助。",
    "Aborted!": "已取消。",
    "default: {default}": "默认：{default}",
    "{value!r} is not one of {choices}.": "{value!r} 不是以下之一：{choices}。",
    "{value!r} is not {choice}.": "{value!r} 应为 {choice}。",
    "Option {name!r} requires an argument.": "选项 {name!r} 需要一个值。",
    "Option {name!r} requires {nargs} arguments.": "选项 {name!r} 需要 {nargs} 个值。",
    "Got unexpected extra argument ({args})": "多余的参数（{args}）",
    "Got unexpected extra arguments ({args})": "多余的参数（{args}）",
    "Did you mean {possibility}?": "是否想用 {possibility}？",
    "(Possible options: {possibilities})": "（可能的选项：{possibilities}）",
}


def _translate(message: str) -> str:
    return CATALOGUE.get(message, gettext.gettext(message))


def _ntranslate(singular: str, plural: str, n: int) -> str:
    return CATALOGUE.get(singular if n == 1 else plural, gettext.ngettext(singular, plural, n))


def install() -> None:
    for module in (click.core, click.decorators, click.exceptions, click.formatting, click.parser, click.types):
        if hasattr(module, "_"):
            module._ = _translate
        if hasattr(module, "ngettext"):
            module.ngettext = _ntranslate
