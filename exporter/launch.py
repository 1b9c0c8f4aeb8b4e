"""The `exporter` command's entry point: process settings that importing the library must not change.

A command lives a fraction of a second and keeps almost everything it allocates (library classes,
the document, pages) until it ends. Python's cyclic collector would scan that growing heap over and
over for nothing to free, and the interpreter's teardown would then dismantle a few thousand objects
one module at a time; together about a tenth of a short export. So the command runs without the
cyclic collector (reference counting still frees everything that is dropped) and, once its output is
written and its streams flushed, leaves after the exit handlers without tearing the interpreter down.
"""

from __future__ import annotations

import atexit
import gc
import os
import sys


def run() -> None:
    gc.disable()
    from exporter.cli import main

    try:
        main()
        code = 0
    except SystemExit as exc:
        code = exc.code
    if code is not None and not isinstance(code, int):
        sys.exit(code)  # a message as exit status: let Python print it
    for stream in (sys.stdout, sys.stderr):
        try:
            if stream is not None:  # None when the stream was closed before start (`>&-`)
                stream.flush()
        except (BrokenPipeError, OSError, ValueError):
            code = code or 1
    atexit._run_exitfuncs()
    os._exit(code or 0)
