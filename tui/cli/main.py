"""The ``followup`` command line (DESIGN.md §8).

Exit status: 0 success, 2 bad usage or input (message on stderr, nothing written),
1 anything else (a locked or corrupt store). Never a traceback: set
``FOLLOWUP_DEBUG=1`` to see one. Only the board and the capture prompt import
Textual, so scripted commands start fast.
"""

from __future__ import annotations

import argparse
import gc
import os
import sys
from collections.abc import Sequence
from importlib import import_module

from tui import __version__
from tui.domain.errors import FollowupError, InputError
from tui.domain.models import CHANNELS, EVENT_KINDS, OUTCOMES, RESPONSES, STAGES
from tui.io.export import FORMATS as EXPORT_FORMATS

FEATURE_COMMANDS: tuple[str, ...] = ()  # modules of tui/cli/ that add commands (see build_parser)
INTERACTIVE = {"capture"}
_fast_exit = False


class _Parser(argparse.ArgumentParser):
    """argparse, but a usage error is our InputError (exit 2, one clear line)."""

    def error(self, message: str) -> None:  # type: ignore[override]
        raise InputError(f"{self.prog}: {message} (see {self.prog} --help)")


def _add_db(parser: argparse.ArgumentParser, *, top: bool) -> None:
    # --db works before or after the subcommand: the subparser's copy must not
    # overwrite a top-level value with its default, hence SUPPRESS.
    parser.add_argument(
        "--db",
        metavar="PATH",
        default=None if top else argparse.SUPPRESS,
        help="the store file (default: $FOLLOWUP_DB or the user data folder)",
    )


def build_parser() -> argparse.ArgumentParser:
    p = _Parser(prog="followup", description="Follow up on job applications: whom to nudge, how, and when.")
    p.add_argument("--version", action="version", version=f"followup {__version__}")
    p.add_argument("--demo", action="store_true", help="open a throwaway copy of the demo board")
    _add_db(p, top=True)
    sub = p.add_subparsers(dest="command", parser_class=_Parser, metavar="COMMAND")

    add = sub.add_parser(
        "add", help="quick capture: 'ROLE @ COMPANY [url] [via SOURCE] [#tag] [!nocall] ...'"
    )
    add.add_argument("text", nargs="+", help="the capture line (quote it)")
    add.add_argument("--force", action="store_true", help="add even if it looks like a duplicate")
    add.add_argument("--posting", metavar="FILE", help="a job description to read for follow-up instructions")
    add.add_argument("--apply-posting", action="store_true", help="apply what the posting reader proposes")
    _add_db(add, top=False)

    cap = sub.add_parser("capture", help="the capture prompt alone (exit 0 saved, 1 cancelled)")
    _add_db(cap, top=False)

    exp = sub.add_parser("export", help="export the board (Markdown by default)")
    exp.add_argument("--format", choices=EXPORT_FORMATS, default="md")
    exp.add_argument("-o", "--output", metavar="FILE", help="write to FILE instead of standard output")
    exp.add_argument("--stage", action="append", choices=STAGES, help="only these stages (repeatable)")
    _add_db(exp, top=False)

    imp = sub.add_parser("import", help="import a followup JSON export, LinkedIn Connections.csv, or .vcf")
    imp.add_argument("file")
    _add_db(imp, top=False)

    due = sub.add_parser("due", help="what to follow up, overdue first")
    due.add_argument("--within", type=_days, metavar="DAYS", help="also what falls due in the next DAYS days")
    due.add_argument(
        "--json", action="store_true", help="an array of {id, company, role, stage, next_action}"
    )
    _add_db(due, top=False)

    log = sub.add_parser("log", help="log an event on an application's timeline")
    log.add_argument("id", type=_id, help="the application id")
    log.add_argument("kind", choices=EVENT_KINDS)
    log.add_argument("--on", metavar="DATE", help="YYYY-MM-DD, today or yesterday (default today)")
    log.add_argument("--channel", choices=CHANNELS)
    log.add_argument("--contact", type=_id, metavar="ID")
    log.add_argument("--response", choices=RESPONSES)
    log.add_argument("--text", default="")
    _add_db(log, top=False)

    move = sub.add_parser("move", help="move an application to another stage")
    move.add_argument("id", type=_id)
    move.add_argument("stage", choices=STAGES)
    move.add_argument("--outcome", choices=OUTCOMES, help="for closed: hired, rejected, ghosted, ...")
    _add_db(move, top=False)

    stats = sub.add_parser("stats", help="the funnel and response rates")
    stats.add_argument("--json", action="store_true")
    _add_db(stats, top=False)

    # Each feature's commands live in their own module under tui/cli/ with a
    # ``register(sub, add_db)`` that adds its subparsers and sets ``handler`` to a
    # "module:function" string, imported only when that command runs.
    for name in FEATURE_COMMANDS:
        import_module(f"tui.cli.{name}").register(sub, lambda parser: _add_db(parser, top=False))
    return p


def _id(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not an id (a whole number)") from None
    if value < 1:
        raise argparse.ArgumentTypeError(f"{text!r} is not an id (ids start at 1)")
    return value


def _days(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a number of days") from None
    if value < 0:
        raise argparse.ArgumentTypeError("DAYS must not be negative")
    return value


def run(argv: Sequence[str]) -> int:
    args = build_parser().parse_args(argv)
    from tui.cli import handlers as commands

    if args.command is None:
        return commands.open_board(args)
    if args.command not in INTERACTIVE:
        # A scripted command allocates ~100k records and exits: the cyclic GC only costs time here.
        gc.disable()
        global _fast_exit
        _fast_exit = True
    target = getattr(args, "handler", None)
    if target:
        module, _, function = target.partition(":")
        return getattr(import_module(module), function)(args)
    return getattr(commands, "cmd_" + args.command)(args)


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    try:
        return run(argv)
    except FollowupError as exc:
        print(f"followup: {exc}", file=sys.stderr)
        return exc.exit_status
    except KeyboardInterrupt:
        print("followup: interrupted; nothing more was written.", file=sys.stderr)
        return 130
    except BrokenPipeError:
        # `followup due | head -1`: the reader went away; that's fine.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0
    except SystemExit as exc:  # argparse --help / --version
        return exc.code if isinstance(exc.code, int) else 0
    except Exception as exc:
        if os.environ.get("FOLLOWUP_DEBUG"):
            raise
        print(
            f"followup: unexpected error: {type(exc).__name__}: {exc}. Nothing more was written; "
            "run with FOLLOWUP_DEBUG=1 for details.",
            file=sys.stderr,
        )
        return 1


def entry() -> None:
    """The console script. A scripted command skips the interpreter's teardown (freeing
    every record one by one costs ~150 ms on a large store): everything it wrote is
    already fsynced, and its output is flushed here."""
    code = main()
    if _fast_exit:
        sys.stdout.flush()
        sys.stderr.flush()
        os._exit(code)
    raise SystemExit(code)
