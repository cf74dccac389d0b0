"""What an empty board says instead of "nothing here" five times: how to begin, and what
followup will do once there is something on it."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import Static

_CSS_FILE = Path(__file__).with_suffix(".tcss")

# Lines of at most 66 cells: the board area is 76 wide at 120 columns, and a wrapped
# line would fall under the key column.
WELCOME = """\
[b]Welcome to followup.[/b] Your board is empty; here is how to begin.

  [b $accent]ctrl+n[/]   capture an application in one line, such as
           [dim]Backend Engineer @ Acme via linkedin #python[/]
  [b $accent]i[/]        import your contacts (LinkedIn's Connections.csv, .vcf)
  [b $accent]shell[/]    followup add 'Data Analyst @ Globex on last friday'

Then, every day, followup tells you whom to follow up with, on
which channel, and drafts the message; after two unanswered
follow-ups it tells you to let it be.

  [b $accent]?[/]        every key        [b $accent]ctrl+p[/]   every action

Letters are signed with [b]\\[me][/b] name and signature in
{config}"""


class Welcome(Static):
    DEFAULT_CSS = _CSS_FILE.read_text(encoding="utf-8")

    def on_mount(self) -> None:
        settings = getattr(self.app, "settings", None)
        path = str(getattr(settings, "path", None) or "config.toml")
        self.update(WELCOME.replace("{config}", path.replace("[", "\\[")))
