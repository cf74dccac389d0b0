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
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from importlib import import_module

from tui import __version__
from tui.domain.errors import FollowupError, InputError
from tui.domain.models import CHANNELS, EVENT_KINDS, OUTCOMES, RESPONSES, STAGES
from tui.io.export import FORMATS as EXPORT_FORMATS

FEATURE_COMMANDS: tuple[str, ...] = ("contacts", "postings", "inbox", "attach", "browse")  # tui/cli/
INTERACTIVE = {"capture"}
_fast_exit = False


# The example that ends each command's --help (DESIGN.md §8); "" is the top level.
_EXAMPLES = {
    "": """examples:
  followup                                  open the board (ctrl+n captures, ? lists the keys)
  followup add 'Backend Engineer @ Acme via linkedin #python'
  followup list                             the ids that log, move and show take
  followup due --within 7""",
    "add": """examples:
  followup add 'Backend Engineer @ Acme https://acme.example/jobs/1 via linkedin #python'
  followup add 'Data Analyst @ Globex applied 3 days ago !nocall'
  followup add 'SRE @ Initech' --posting posting.txt --apply-posting""",
    "capture": """example:
  followup capture                          the prompt alone, e.g. from a window-manager hotkey""",
    "export": """examples:
  followup export -o board.md               the board as Markdown
  followup export --full -o board.md        with tags, notes and each timeline
  followup export --format ics -o due.ics   next actions for a calendar""",
    "import": """examples:
  followup import Connections.csv           LinkedIn's export of your connections
  followup import contacts.vcf
  followup import followup-export.json      a followup JSON export (replaces the board)""",
    "due": """examples:
  followup due                              what to follow up today, overdue first
  followup due --within 7 --json""",
    "log": """examples:
  followup log 3 follow_up_sent --channel email --contact 2
  followup log 3 response_received --response positive --on yesterday --text 'Call on Monday'""",
    "move": """examples:
  followup move 3 interviewing
  followup move 3 closed --outcome rejected""",
    "stats": """examples:
  followup stats
  followup stats --json""",
    "contacts": """examples:
  followup contacts duplicates              namesakes an import could not tell apart
  followup contacts merge 3 17              fold contact 17 into 3 (--undo takes it back)""",
    "check": """examples:
  followup check                            re-read open postings' links
  followup check --json""",
    "inbox": """examples:
  followup inbox scan --maildir ~/Mail/INBOX --mbox ~/Takeout/Mail/All.mbox
  followup inbox                            the proposals, each with its id
  followup inbox accept 4                   (or all); followup inbox reject 5""",
    "attach": """examples:
  followup attach 3 ~/cv/resume-2026.pdf --as resume
  followup attach 3 cover.pdf --as cover_letter --copy""",
}


class _Parser(argparse.ArgumentParser):
    """argparse, but a usage error is our InputError (exit 2, one clear line)."""

    def error(self, message: str) -> None:  # type: ignore[override]
        # main() prefixes "followup: " once; the subcommand is named by the --help hint.
        raise InputError(f"{message} (see {self.prog} --help)")


class _TopParser(_Parser):
    """The top-level parser: its --help ends with where this user's files really are."""

    def format_help(self) -> str:
        from tui.domain.config import config_path
        from tui.store.repository import resolve_db_path

        return (
            super().format_help()
            + "\nfiles (for this user, now):\n"
            + f"  store   {resolve_db_path(None)}   ($FOLLOWUP_DB or --db to change)\n"
            + f"  config  {config_path()}   ($FOLLOWUP_CONFIG to change; [me] name and signature)\n"
        )


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
    p = _TopParser(
        prog="followup",
        description="Follow up on job applications: whom to nudge, how, and when.",
        epilog=_EXAMPLES[""],
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
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
    exp.add_argument("--full", action="store_true", help="Markdown: also tags, notes and each timeline")
    _add_db(exp, top=False)

    imp = sub.add_parser(
        "import", help="import a followup JSON export, LinkedIn Connections.csv, .vcf, or an invitation .ics"
    )
    imp.add_argument("file")
    imp.add_argument("--app", type=_id, metavar="ID", help="for an invitation: the application it is for")
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
    log.add_argument(
        "--contact",
        type=_id,
        metavar="ID",
        action="append",
        help="the contact (repeat: an interview's people)",
    )
    log.add_argument("--response", choices=RESPONSES)
    log.add_argument("--text", default="")
    # Interviews (issue 19): when, which round, with whom, what about; --planned for one still ahead.
    log.add_argument("--at", metavar='"YYYY-MM-DD HH:MM"', help="an interview's day and time (local)")
    log.add_argument("--tz", metavar="ZONE", help="the time zone of --at, e.g. Europe/Paris")
    log.add_argument("--round", help="phone_screen, technical, onsite, final, or your own words")
    log.add_argument("--where", help="an address or a meeting link")
    log.add_argument("--topics", help="what was discussed, comma separated")
    log.add_argument("--prep", help="research and questions to ask")
    log.add_argument("--how", dest="how_it_went", help="how it went")
    log.add_argument("--planned", action="store_true", help="an interview still ahead (a future date)")
    _add_db(log, top=False)

    move = sub.add_parser("move", help="move an application to another stage")
    move.add_argument("id", type=_id)
    move.add_argument("stage", choices=STAGES)
    move.add_argument("--outcome", choices=OUTCOMES, help="required for closed: " + ", ".join(OUTCOMES))
    _add_db(move, top=False)

    stats = sub.add_parser("stats", help="the funnel and response rates")
    stats.add_argument("--json", action="store_true")
    _add_db(stats, top=False)

    # Each feature's commands live in their own module under tui/cli/ with a
    # ``register(sub, add_db)`` that adds its subparsers and sets ``handler`` to a
    # "module:function" string, imported only when that command runs.
    for name in FEATURE_COMMANDS:
        import_module(f"tui.cli.{name}").register(sub, lambda parser: _add_db(parser, top=False))
    for name, parser in sub.choices.items():
        if name in _EXAMPLES and parser.epilog is None:
            parser.epilog = _EXAMPLES[name]
            parser.formatter_class = argparse.RawDescriptionHelpFormatter
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
        with _safe_streams():
            return _dispatch(args, commands)
    return _dispatch(args, commands)


def _dispatch(args: argparse.Namespace, commands) -> int:
    target = getattr(args, "handler", None)
    if target:
        module, _, function = target.partition(":")
        return getattr(import_module(module), function)(args)
    return getattr(commands, "cmd_" + args.command)(args)


class _SafeStream:
    """stdout/stderr of a scripted command: everything printed goes through ``safe_text``
    (names, mail subjects, page text are other people's words; none may drive the
    terminal). Bytes written to ``.buffer`` (an export) are the caller's to make safe."""

    def __init__(self, stream) -> None:
        from tui.domain.safe_text import safe_text

        self._stream, self._safe = stream, safe_text

    def write(self, text: str) -> int:
        return self._stream.write(self._safe(text, multiline=True))

    def __getattr__(self, name: str):
        return getattr(self._stream, name)


@contextmanager
def _safe_streams() -> Iterator[None]:
    out, err = sys.stdout, sys.stderr
    sys.stdout, sys.stderr = _SafeStream(out), _SafeStream(err)  # type: ignore[assignment]
    try:
        yield
    finally:
        sys.stdout, sys.stderr = out, err


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    try:
        return run(argv)
    except FollowupError as exc:
        _say_error(str(exc))
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
    except OSError as exc:  # a disk that filled up, a read-only folder, an I/O error: in words
        if os.environ.get("FOLLOWUP_DEBUG"):
            raise
        from tui.store.fsio import reason

        where = f" {exc.filename}" if exc.filename else ""
        _say_error(f"a file operation failed{where}: {reason(exc)}. Nothing more was written.")
        return 1
    except Exception as exc:
        if os.environ.get("FOLLOWUP_DEBUG"):
            raise
        _say_error(
            f"unexpected error: {type(exc).__name__}: {exc}. Nothing more was written; "
            "run with FOLLOWUP_DEBUG=1 for details."
        )
        return 1


def _say_error(message: str) -> None:
    # Messages quote names and argv, which come from outside: never raw to the terminal.
    from tui.domain.safe_text import safe_text

    print(f"followup: {safe_text(message, multiline=True)}", file=sys.stderr)


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
