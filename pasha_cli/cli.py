"""The click layer: the `pasha` group, the process's entry point and its exit codes.

Each command lives in pasha_cli/commands/, one module per command or family, imported only when it
runs (`pasha validate` never imports the image or plan commands; `pasha --help` imports them all).

Exit codes: 0 no error findings; 1 error findings (or warnings with --strict); 2 the tool was
used wrongly (bad option, unreadable config); 3 an internal error, a bug in pasha. Nothing the user
gives produces a traceback or exit 3; set PASHA_DEBUG=1 to see the traceback of a bug.
"""

from __future__ import annotations

import contextlib
import os
import sys
from typing import Any

import click

from pasha_cli import __version__, clicktext
from pasha_cli.commands.common import say
from pasha_cli.commands.lazy import LazyGroup
from pasha_cli.errors import PashaUsageError
from pasha_cli.i18n import LANGS, t

INTERNAL_ERROR = 3  # a bug in pasha, never the input's fault: tests tell it apart from misuse (2)

# every command: its name and where it lives (module:attribute), loaded when it runs
COMMANDS = {
    "calendar": "pasha_cli.commands.calendar:calendar",
    "deadline": "pasha_cli.commands.deadline:deadline",
    "export": "pasha_cli.commands.export:export",
    "ics": "pasha_cli.commands.ics:ics",
    "image": "pasha_cli.commands.image:image",
    "init": "pasha_cli.commands.scaffold:init",
    "maintenance": "pasha_cli.commands.maintenance:maintenance",
    "new": "pasha_cli.commands.scaffold:new",
    "preview": "pasha_cli.commands.preview:preview",
    "rules": "pasha_cli.commands.rules:rules",
    "slots": "pasha_cli.commands.slots:slots",
    "submit": "pasha_cli.commands.submit:submit",
    "terms": "pasha_cli.commands.terms:terms",
    "validate": "pasha_cli.commands.validate:validate",
}

# click 8.2+: a group run without arguments raises this (a UsageError whose message is the whole help)
_NO_ARGS: Any = getattr(click.exceptions, "NoArgsIsHelpError", ())


@click.group(
    cls=LazyGroup,
    lazy=COMMANDS,
    context_settings={"help_option_names": clicktext.HELP_OPTIONS, "max_content_width": 100},
    invoke_without_command=True,  # `pasha --lang ja` alone: cli() shows the help
    no_args_is_help=True,
    subcommand_metavar="COMMAND [ARGS]...",  # as without invoke_without_command: a command is needed
)
@click.version_option(__version__, prog_name="pasha")
@click.option("--lang", type=click.Choice(LANGS), expose_value=False, callback=clicktext.group_lang)
@click.pass_context
def cli(ctx: click.Context) -> None:
    if ctx.invoked_subcommand is None:  # options but no command: the help, as `pasha` alone shows it
        if _NO_ARGS:
            raise _NO_ARGS(ctx)
        click.echo(ctx.get_help(), err=True)
        ctx.exit(2)


def _tolerant_streams() -> None:
    """A console that cannot show a character (cp932 on a Japanese Windows, latin-1) gets an escape
    such as \\U0001f600 for it: one emoji in a draft must not end the run."""
    for stream in (sys.stdout, sys.stderr):
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None and (getattr(stream, "encoding", "") or "").lower().replace("-", "") != "utf8":
            with contextlib.suppress(ValueError, OSError):  # a stream that was closed or detached
                reconfigure(errors="backslashreplace")


def main(argv: list[str] | None = None) -> None:
    args = sys.argv[1:] if argv is None else argv
    _tolerant_streams()
    lang = clicktext.argv_lang(args)
    try:
        clicktext.localize(cli, lang)
        code = cli.main(args=args, prog_name="pasha", standalone_mode=False)
    except PashaUsageError as exc:
        say(f"pasha: {exc.text.get(lang)}", err=True)
        code = exc.exit_code
    except _NO_ARGS as exc:  # `pasha` or `pasha image` alone: the help, once, as click shows it
        exc.show()
        code = 2
    except click.exceptions.Abort:
        click.echo(t("aborted").get(lang), err=True)
        code = 130
    except click.ClickException as exc:
        click.echo(clicktext.click_error(exc, lang), err=True)
        code = 2  # every misuse of the command line is exit 2, whatever click would say
    except KeyboardInterrupt:
        code = 130
    except Exception as exc:  # a bug in pasha: say so plainly; the traceback is behind PASHA_DEBUG
        if os.environ.get("PASHA_DEBUG"):
            raise
        say(f"pasha: {t('internal-error', reason=repr(exc)).get(lang)}", err=True)
        code = INTERNAL_ERROR
    sys.exit(code if isinstance(code, int) else 0)


def console() -> None:
    """The `pasha` command: main(), then out without the interpreter's teardown.

    Tearing down the few hundred modules a run has imported (click, Pillow, the encoders) takes
    as long as some whole commands' work (benchmarks/startup.py), and frees nothing the system does
    not free at exit. Output is flushed first; every file pasha writes is closed before main() returns. Under a
    tracer or coverage the interpreter's own exit runs instead: they save their data at teardown.
    """
    # Started with stdout or stderr closed (`pasha rules >&-`), Python has None or a dead stream for
    # it. Put the null device there, at the descriptor's own number: a command then runs as with any
    # stream (no traceback), and no file pasha opens takes descriptor 1 or 2, where git in the hook
    # would print into it. What stdout had to show is lost: exit 1, as for a reader gone.
    closed = []
    for fd, name in ((1, "stdout"), (2, "stderr")):
        try:
            os.fstat(fd)
        except OSError:
            closed.append(fd)
            null = os.open(os.devnull, os.O_WRONLY)
            if null != fd:
                os.dup2(null, fd)
                os.close(null)
            setattr(sys, name, open(fd, "w", encoding="utf-8", closefd=False))  # noqa: SIM115 (for the whole run)
    try:
        main()
        code = 0
    except SystemExit as exc:  # as Python would exit: a number as it is, None as 0, a message printed and 1
        if isinstance(exc.code, int):
            code = exc.code
        elif exc.code is None:
            code = 0
        else:
            print(exc.code, file=sys.stderr)
            code = 1
    if 1 in closed:
        code = code or 1
    try:
        sys.stdout.flush()
        sys.stderr.flush()
    except (BrokenPipeError, ValueError):  # the reader has gone (`pasha ... | head`), or closed
        code = code or 1
    if _observed():  # a tracer writes what it saw at teardown (coverage's data file): keep it
        raise SystemExit(code)
    os._exit(code)


def _observed() -> bool:
    """Whether a tracer, profiler or coverage watches this process (and saves its data at exit)."""
    if sys.gettrace() is not None or sys.getprofile() is not None or os.environ.get("COVERAGE_PROCESS_START"):
        return True
    monitoring = getattr(sys, "monitoring", None)  # Python 3.12+: coverage's sys.monitoring core
    return monitoring is not None and any(monitoring.get_tool(tool) is not None for tool in range(6))
