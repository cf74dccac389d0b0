"""The agenda's first group, "From your mail": the inbox scan's proposals (issue 17).

Each row names the application, what would be logged and who wrote; ``a`` accepts it
(asking for the response when the reply is unclear, and whether to move the card when
it is a rejection or an invitation), ``s`` skips it (never proposed again), ``enter``
opens the application. The agenda screen calls these; the rows' option ids are
``mail-<proposal id>``, so they never mix with the applications' ids.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from textual.content import Content
from textual.widgets.option_list import Option

from tui.domain.board import Board
from tui.domain.models import RESPONSES
from tui.io.inbox.proposals import Proposal, accept, pending, reject, reopen

if TYPE_CHECKING:
    from textual.app import App

    from tui.store.repository import Store

PREFIX = "mail-"
GROUP = "From your mail"
RESPONSE_WORDS = {
    "positive": "positive: they are moving forward",
    "neutral": "neutral: they will be in touch",
    "rejected": "rejected",
    "position_closed": "position closed",
}


def proposals(store: Store) -> list[Proposal]:
    try:
        return pending(store)
    except Exception:  # a store error shows on the board already; the agenda still opens
        return []


def proposal_id(option_id: str | None) -> int | None:
    if option_id and option_id.startswith(PREFIX):
        return int(option_id[len(PREFIX) :])
    return None


Hang = Callable[[str, int, int], str]  # the agenda's wrapper: (text, width, indent) -> text


def row(p: Proposal, board: Board, width: int, hang: Hang, when_width: int) -> Content:
    app = board.application_by_id.get(p.application_id)
    title = ((app.company, "bold"), " · ", app.role) if app else (f"#{p.application_id} (deleted)",)
    who = p.sender_name or p.sender
    detail = f"{who}: “{p.subject}” — {p.snippet}" if p.snippet else f"{who}: “{p.subject}”"
    tone = "bold $text-error" if p.response in ("rejected", "position_closed") else "bold $text-accent"
    return Content.assemble(
        (p.label.ljust(when_width), tone), *title, "\n", (hang(detail, width, when_width), "dim")
    )


def options(
    found: list[Proposal], board: Board, width: int, hang: Hang, when_width: int
) -> list[Option | None]:
    if not found:
        return []
    out: list[Option | None] = [Option(Content(f"{GROUP} ({len(found)})"), disabled=True)]
    out += [Option(row(p, board, width, hang, when_width), id=f"{PREFIX}{p.id}") for p in found]
    return out


def accept_mail(app: App, p: Proposal) -> None:
    """Accept, asking first what is needed: the response of an unclear reply, the move."""
    from tui.ui.screens.pick import PickScreen

    title = app.board.application_by_id.get(p.application_id)  # type: ignore[attr-defined]
    name = title.title if title else f"#{p.application_id}"

    def write(response: str | None, move: bool) -> None:
        said = f"Logged the {p.label} on {name}" + (" and moved the card" if move else "") + ". u undoes."
        before = (title.stage, title.outcome) if title else (None, None)

        def done(result: Any) -> None:
            stage, outcome = before if result.moved_to else (None, None)
            app.push_undo(  # type: ignore[attr-defined]
                f"the {p.label} from your mail",
                lambda: app.persist(lambda s: reopen(s, p.id, stage=stage, outcome=outcome)),  # type: ignore
            )

        app.persist(  # type: ignore[attr-defined]
            lambda s: accept(s, p.id, response=response, move=move),  # type: ignore[arg-type]
            success=said,
            done=done,
        )

    def then_move(response: str | None) -> None:
        closing = response in ("rejected", "position_closed") or p.move_to == "closed"
        target = "Closed" if closing else ("Interviewing" if p.move_to == "interviewing" else None)
        if target is None:
            write(response, False)
            return
        choices = [
            ("move", f"Log it and move the card to {target}"),
            ("stay", "Log it; leave the card where it is"),
        ]

        def picked(value: str | None) -> None:
            if value:
                write(response, value == "move")

        app.push_screen(PickScreen(f"{p.label.capitalize()} · {name}", choices), callback=picked)

    if p.needs_response:
        choices = [(r, RESPONSE_WORDS[r]) for r in RESPONSES]

        def classified(value: str | None) -> None:
            if value:
                then_move(value)

        app.push_screen(PickScreen(f"{name}: what did they say?", choices), callback=classified)
    else:
        then_move(None)


def skip_mail(app: App, p: Proposal) -> None:
    def change(store: Store) -> Any:
        return reject(store, p.id)  # type: ignore[arg-type]

    def done(_result: Any) -> None:
        app.push_undo("the skip", lambda: app.persist(lambda s: reopen(s, p.id)))  # type: ignore[attr-defined]

    app.persist(  # type: ignore[attr-defined]
        change, success="Skipped: nothing logged, and it will not be proposed again. u undoes.", done=done
    )
