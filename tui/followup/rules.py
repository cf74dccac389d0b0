"""The follow-up rules (DESIGN.md §4): each application's next action.

A pure function of the application, its board and today's date. The thirteen
rules are tried in order and the first that matches wins; every number comes from
``Cadence``. On top of the rules:

- due dates fall on business days (a Saturday or Sunday moves to Monday), snooze
  ends included, so nothing is ever due on a weekend;
- an overdue action keeps its original due date (the agenda shows how overdue);
- applications at one company share one contact budget: a follow-up waits while
  someone there was contacted (follow-up or thank-you) in the last
  ``company_cooldown_days`` (thank-yous are never held back);
- the recommended contact and channel come from the finder's ranking, and a
  blocked channel is never proposed.

Reasons are one plain sentence a person would write.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from functools import lru_cache

from tui.domain.board import Board
from tui.domain.companies import company_key
from tui.domain.config import Cadence
from tui.domain.dates import WEEKDAYS, describe_due, describe_snooze, humanize_day, on_business_day
from tui.domain.models import Application, Event, NextAction
from tui.followup.finder import (
    CHANNEL_PHRASES,
    ROLE_LABELS,
    best_channel,
    board_memo,
    inferred_label,
    reachable,
    role_for,
)

# Events that count as contact with the company ("last contact", §4).
CONTACT_KINDS = frozenset({"follow_up_sent", "thank_you_sent", "interview", "response_received"})
# What uses up the company's contact budget: messages you sent (not interviews or replies).
OUTREACH_KINDS = frozenset({"follow_up_sent", "thank_you_sent"})
CLOSING_RESPONSES = frozenset({"rejected", "position_closed"})
WAITING_RESPONSES = frozenset({"positive", "neutral"})
# Kinds the agenda and `followup due` list as something to do.
ACTIONABLE_KINDS = frozenset({"follow_up", "thank_you", "close_as_ghosted"})

NO_CONTACT = "no contact found: find the person hiring for this role"
REASON_DO_NOT_FOLLOW_UP = "No follow-up: the posting asks applicants not to follow up."
REASON_ONLY_QUALIFIED = "No follow-up: only qualified applicants will be contacted."
_MOVE_TO_CLOSED = "move the card to closed"
# Short enough for a card; §1's own longest example, "no follow-up (posting asks)", is 27.
BADGE_MAX = 27
_NAME_MAX = 60


# --- the history of one application, read once --------------------------------------


@dataclass(slots=True)
class _History:
    """What the rules need from one application's events (interviews still ahead left out)."""

    first_applied: date | None = None  # the first "applied" event, when applied_on is unset
    latest: Event | None = None  # the latest contact event
    last_interview: Event | None = None
    last_thank_you: Event | None = None
    last_news: Event | None = None  # the latest interview or response: the last word from them
    follow_ups_since_news: int = 0
    last_follow_up: Event | None = None
    unanswered_follow_up: bool = False
    taken_down_event: Event | None = None  # the first posting_taken_down: its text is the evidence
    # The people met at the interviews held, the latest interview's first.
    met: list[int] = field(default_factory=list)
    # The latest interview day's interviewers, and those thanked since (None: a thank-you
    # that names nobody, which thanks them all).
    interviewers: list[int] = field(default_factory=list)
    thanked: set[int | None] = field(default_factory=set)


_NO_HISTORY = _History()


def _history(events: Sequence[Event], today: date) -> _History:
    """One pass over the events, oldest first (as ``Board.events_by_application`` keeps them).

    An interview after today is planned, not held: it is no contact yet and nobody to thank.
    """
    # Locals, not attribute stores, in the loop: this runs for every event on the board.
    first_applied = latest = last_interview = last_thank_you = last_news = last_follow_up = None
    follow_ups = 0
    unanswered = False
    taken_down = None
    interviews: list[Event] | None = None
    thanks: list[Event] | None = None
    for ev in events:
        kind = ev.kind
        if kind == "follow_up_sent":
            latest = last_follow_up = ev
            follow_ups += 1
            unanswered = True
        elif kind == "interview" or kind == "response_received":
            if kind == "interview":
                if ev.on > today:
                    continue  # planned
                last_interview = ev
                if ev.contact_id is not None or ev.contact_ids:
                    (interviews := interviews or []).append(ev)
            # news from them, which answers any follow-up
            latest = last_news = ev
            follow_ups = 0
            unanswered = False
        elif kind == "thank_you_sent":
            latest = last_thank_you = ev
            (thanks := thanks or []).append(ev)
        elif kind == "applied":
            if first_applied is None:
                first_applied = ev.on  # stands in when applied_on is unset
        elif kind == "posting_taken_down" and taken_down is None:
            taken_down = ev
    h = _History(
        first_applied,
        latest,
        last_interview,
        last_thank_you,
        last_news,
        follow_ups,
        last_follow_up,
        unanswered,
        taken_down,
    )
    if interviews and last_interview is not None:
        day = last_interview.on
        met: list[int] = []
        for ev in reversed(interviews):
            people = [c for c in ev.people if c not in met]
            met += people
            if ev.on == day:
                h.interviewers += [c for c in people if c not in h.interviewers]
        h.met = met
        h.thanked = {t.contact_id for t in thanks or () if t.on >= day}
    return h


def _unthanked(h: _History) -> list[int]:
    """The latest interview day's interviewers not yet thanked (rule 8)."""
    if None in h.thanked:
        return []
    return [c for c in h.interviewers if c not in h.thanked]


@dataclass
class _Memo:
    """What the rules keep per board snapshot. None of it depends on today, and it must
    not hold the board itself (the memo lives as long as the board, not longer).

    Histories are not kept: a walk is cheap, the board is computed once per snapshot,
    and thousands of kept objects would only feed the garbage collector.
    """

    # application id -> the days messages were sent about it (follow-ups, thank-yous), sorted
    outreach: dict[int, list[date]] = field(default_factory=dict)
    apps_by_company: dict[str, list[Application]] | None = None

    def sent_days(self, board: Board, app_id: int) -> list[date]:
        days = self.outreach.get(app_id)
        if days is None:
            events = board.events_by_application.get(app_id, ())
            days = self.outreach[app_id] = [e.on for e in events if e.kind in OUTREACH_KINDS] or _NONE_SENT
        return days

    def siblings(self, board: Board, key: str) -> list[Application]:
        index = self.apps_by_company
        if index is None:
            index = self.apps_by_company = {}
            for app in board.applications:
                k = company_key(app.company)
                if k and app.id is not None:
                    index.setdefault(k, []).append(app)
        return index.get(key, _NO_APPS)


_NONE_SENT: list[date] = []
_NO_APPS: list[Application] = []


def _memo(board: Board) -> _Memo:
    return board_memo(board, "rules", _Memo)


def _last_contact(app: Application, h: _History) -> date | None:
    """The latest of applied_on and the contact events (§4)."""
    applied = app.applied_on or h.first_applied
    latest_on = h.latest.on if h.latest is not None else None
    if applied is None or (latest_on is not None and latest_on > applied):
        return latest_on
    return applied


# --- small wording and date helpers ----------------------------------------------------


# Due dates repeat a lot across a board; the cache keeps the weekday walk off the hot path.
_bday = lru_cache(maxsize=4096)(on_business_day)


def _plus(day: date, days: int) -> date:
    try:
        return day + timedelta(days=days)
    except OverflowError:  # a cadence of a million days is silly but must not crash
        return date.max


@lru_cache(maxsize=8192)
def _human(day: date, today: date) -> str:
    return humanize_day(day, today)


def _ago(day: date, today: date) -> str:
    """A past day in words ("11 days ago", "yesterday", "today"); a future one (bad data) as its date."""
    return f"on {day.isoformat()}" if day > today else _human(day, today)


def _when(due: date, today: date) -> str:
    """A space and "in 3 days" for a future due date; nothing when it is due or overdue."""
    return f" {_human(due, today)}" if due > today else ""


def _on(day: date, today: date) -> str:
    """When, as a day: "today", "tomorrow", "on Monday" within the week, else "on 2025-03-14"."""
    delta = (day - today).days
    if delta == 0:
        return "today"
    if delta == 1:
        return "tomorrow"
    if 1 < delta < 7:
        return f"on {WEEKDAYS[day.weekday()].capitalize()}"
    return f"on {day.isoformat()}"


def _short(text: str, limit: int = _NAME_MAX) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def _times(n: int) -> str:
    return {1: "once", 2: "twice"}.get(n, f"{n} times")


# --- who to contact ---------------------------------------------------------------------


@dataclass(slots=True)
class _Recipient:
    contact_id: int | None
    channel: str
    phrase: str  # "Hal Jordan (hiring manager) by email"
    inbox: bool  # a general HR inbox
    met: bool = False  # you met them at the interview


def _recipient(
    app: Application, board: Board, h: _History, *, thank: Sequence[int] = ()
) -> _Recipient | None:
    """Whom to write to: ``thank`` (interviewers still to thank) first, then after an
    interview the people you met there, then the finder's best."""
    found = None
    for cid in thank:
        # A thank-you goes to the person you met.
        met = board.contact_by_id.get(cid)
        if met is not None:
            role, inferred = role_for(met, h.met)
            channel = best_channel(met, app, role)
            if channel is not None:
                found = (met, role, inferred, channel)
                break
    if found is None:
        best = reachable(app, board, after_interview=h.last_interview is not None, met=h.met)
        if best is None:
            return None
        found = (best[0], best[1], best[2], best[4])
    contact, role, inferred, channel = found
    if inferred:
        label = inferred_label(role)
    else:
        label = "contact" if role == "other" else ROLE_LABELS.get(role, role)
    how = CHANNEL_PHRASES.get(channel, f"by {channel}")
    return _Recipient(
        contact.id,
        channel,
        f"{_short(contact.display_name)} ({label}) {how}",
        role == "hr_inbox",
        contact.id in h.met,
    )


def _who(who: _Recipient | None, *, preposition: str = "with") -> str:
    """The recipient part of a reason (" with Hal Jordan (hiring manager) by email"), or ""."""
    return f" {preposition} {who.phrase}" if who is not None else ""


def _tail(who: _Recipient | None) -> str:
    """What to add when nobody good is reachable, or the recipient is a shared inbox."""
    if who is None:
        return f"; {NO_CONTACT}"
    if who.inbox:
        return "; replies from a general HR inbox are unlikely, so look for the person hiring"
    return ""


def _action(kind: str, due: date | None, who: _Recipient | None, reason: str, rule: str) -> NextAction:
    if who is None:
        return NextAction(kind, due, None, None, reason, rule)
    return NextAction(kind, due, who.contact_id, who.channel, reason, rule)


# --- the company contact budget -----------------------------------------------------------


def _sibling_outreach(
    app: Application, board: Board, memo: _Memo, today: date
) -> tuple[date, Application] | None:
    """The latest message sent to the same company about another application, up to today."""
    key = company_key(app.company)
    found: tuple[date, Application] | None = None
    for other in memo.siblings(board, key) if key else ():
        if other is app or other.id == app.id or other.id is None:
            continue
        for day in reversed(memo.sent_days(board, other.id)):
            if day <= today:
                if found is None or day > found[0]:
                    found = (day, other)
                break
    return found


def _apply_budget(
    action: NextAction, app: Application, board: Board, memo: _Memo, today: date, cadence: Cadence
) -> NextAction:
    if action.kind != "follow_up" or action.due is None or cadence.company_cooldown_days <= 0:
        return action
    sibling = _sibling_outreach(app, board, memo, today)
    if sibling is None:
        return action
    day, other = sibling
    free = _plus(day, cadence.company_cooldown_days)  # the first day the budget allows another
    if free <= today or action.due >= free:
        return action
    due = _bday(free)
    n = cadence.company_cooldown_days
    pace = "once a week" if n == 7 else ("once a day" if n == 1 else f"once every {n} days")
    reason = (
        f"Wait: you contacted {_short(app.company, 40)} {_ago(day, today)} about "
        f"{_short(other.role, 40)}; follow up on this one {_human(due, today)} "
        f"so they hear from you at most {pace}."
    )
    return NextAction("wait", due, action.contact_id, action.channel, reason, "company_budget")


# --- the rules ------------------------------------------------------------------------------


def _early(app: Application, today: date, cad: Cadence) -> NextAction | None:
    """Rules 1-4: the ones that need no history."""
    # 1. closed, or snoozed until after today
    if app.stage == "closed":
        outcome = f": {app.outcome.replace('_', ' ')}" if app.outcome else ""
        return NextAction("none", reason=f"Closed{outcome}.", rule="closed")
    if app.snoozed_until is not None and app.snoozed_until > today:
        due = _bday(app.snoozed_until)
        return NextAction(
            "wait",
            due,
            # Named by the day it is due (a weekend snooze ends on the Monday), as everywhere.
            reason=f"Snoozed {describe_snooze(due, today)}.",
            rule="snoozed",
        )
    # 2. not applied yet
    if app.stage == "saved":
        closes = app.closes_on
        by = ""
        if closes is not None:
            by = " (applications closed on " if closes < today else " by "
            by = f"{by}{closes.isoformat()}{')' if closes < today else ', when applications close'}"
        return NextAction(
            "none",
            reason=(
                f"Saved, not applied yet: apply{by}, then follow up {cad.follow_up_after_days} days later."
            ),
            rule="saved",
        )
    # 3-4. the posting's own instructions
    if app.follow_up_policy == "do_not_follow_up":
        return NextAction("none", reason=REASON_DO_NOT_FOLLOW_UP, rule="do_not_follow_up")
    if app.follow_up_policy == "only_qualified":
        return NextAction("none", reason=REASON_ONLY_QUALIFIED, rule="only_qualified")
    return None


def _decide(app: Application, board: Board, today: date, cad: Cadence, h: _History) -> NextAction:
    """Rules 5-13, first match wins."""
    # 5. the last word from them was a no. (A later interview or positive reply means
    # the door reopened, so only the latest news counts.)
    news = h.last_news
    if news is not None and news.response in CLOSING_RESPONSES:
        what = (
            "they turned the application down" if news.response == "rejected" else "the position was closed"
        )
        return NextAction(
            "none",
            reason=f"No follow-up: {what} ({_ago(news.on, today)}); {_MOVE_TO_CLOSED}.",
            rule="turned_down",
        )
    # 6-7. silence: let it go
    last = _last_contact(app, h)
    since = (today - last).days if last is not None else None
    taken_down = app.posting_status == "taken_down" or h.taken_down_event is not None
    if since is not None and taken_down and since >= cad.taken_down_after_days:
        seen = h.taken_down_event
        # What was seen and when (a `followup check` writes it), when the event says.
        evidence = f" ({seen.text}; seen {seen.on.isoformat()})" if seen is not None and seen.text else ""
        return NextAction(
            "close_as_ghosted",
            _bday(today),
            reason=(
                f"Close as ghosted: the posting was taken down{evidence} and there has been no response in "
                f"{since} days since the last contact; it's safe to say they are not interested."
            ),
            rule="taken_down",
        )
    if since is not None and since >= cad.ghosted_after_days:
        return NextAction(
            "close_as_ghosted",
            _bday(today),
            reason=f"Close as ghosted: no response in {since} days since the last contact; time to move on.",
            rule="ghosted",
        )
    # 8. an interview without a thank-you after it (same day counts), one per interviewer
    interview = h.last_interview
    to_thank = _unthanked(h)
    if interview is not None and (
        to_thank if h.interviewers else (h.last_thank_you is None or h.last_thank_you.on < interview.on)
    ):
        due = _bday(_plus(interview.on, cad.thank_you_after_days))
        who = _recipient(app, board, h, thank=to_thank)
        by = f", by {_on(due, today).removeprefix('on ')}" if due > today else ""
        if who is not None and who.met:
            why = f"you met them at the interview {_ago(interview.on, today)}"
        else:
            why = f"you interviewed {_ago(interview.on, today)}"
        n = len(h.interviewers)
        if n > 1:
            why += f" ({n - len(to_thank)} of {n} interviewers thanked so far)"
        reason = f"Send a thank-you{_who(who, preposition='to')}{by}: {why}{_tail(who)}."
        return _action("thank_you", due, who, reason, "thank_you")
    # 9. a positive or neutral reply is the latest word: wait for the decision
    latest = h.latest
    if latest is not None and latest.kind == "response_received" and latest.response in WAITING_RESPONSES:
        decision = app.decision_expected_on
        if decision is not None and decision >= latest.on:
            due = _bday(decision)
            expect = f" and expect to decide by {decision.isoformat()}"
        else:
            due = _bday(_plus(latest.on, cad.response_wait_days))
            expect = ""
        replied = f"they replied {_ago(latest.on, today)}{expect}"
        who = _recipient(app, board, h)
        if due > today:
            then = "then" if expect else _on(due, today)
            reason = f"Give them time: {replied}; check in {then} if you hear nothing."
        else:
            reason = f"Time to check in{_who(who)}: {replied}, and nothing since{_tail(who)}."
        return _action("wait", due, who, reason, "reply_wait")
    # 10. enough follow-ups without an answer
    if h.follow_ups_since_news >= cad.max_follow_ups:
        done = h.follow_ups_since_news
        said = f"you've followed up {_times(done)}" if done else "your settings allow no follow-ups"
        return NextAction("let_go", reason=f"Let it be: {said}; give it time.", rule="let_go")
    # 11. thanked after the interview, no news since
    if latest is not None and latest.kind == "thank_you_sent" and interview is not None:
        decision = app.decision_expected_on
        if decision is not None and decision >= interview.on:
            due = _bday(_plus(decision, 1))
            why = f"they expected to decide by {decision.isoformat()}"
        else:
            due = _bday(_plus(interview.on, cad.post_interview_days))
            why = f"you interviewed {_ago(interview.on, today)} and sent your thank-you; no news since"
        who = _recipient(app, board, h)
        if who is not None and who.met:
            why += ", and you met them at the interview"
        reason = f"Check in{_who(who)}{_when(due, today)}: {why}{_tail(who)}."
        return _action("follow_up", due, who, reason, "after_thank_you")
    # 12. a follow-up with no answer yet
    if h.unanswered_follow_up and h.last_follow_up is not None:
        sent = h.last_follow_up.on
        due = _bday(_plus(sent, cad.follow_up_again_days))
        who = _recipient(app, board, h)
        reason = (
            f"Follow up again{_who(who)}{_when(due, today)}: "
            f"your follow-up {_ago(sent, today)} got no answer{_tail(who)}."
        )
        return _action("follow_up", due, who, reason, "follow_up_again")
    # 13. applied, nothing since (or only a thank-you that no interview explains)
    if last is None:
        return NextAction(
            "none", reason="Add the day you applied to schedule the first follow-up.", rule="no_applied_date"
        )
    due = _bday(_plus(last, cad.follow_up_after_days))
    who = _recipient(app, board, h)
    what = (
        f"you applied {_ago(last, today)}" if latest is None else f"your last contact was {_ago(last, today)}"
    )
    reason = f"Follow up{_who(who)}{_when(due, today)}: {what}{_tail(who)}."
    return _action("follow_up", due, who, reason, "applied")


def next_action(app: Application, board: Board, today: date, cadence: Cadence | None = None) -> NextAction:
    """The next action for one application on ``today`` (DESIGN.md §4)."""
    cad = cadence or Cadence()
    action = _early(app, today, cad)
    if action is not None:
        return action
    memo = _memo(board)
    h = _history(board.events_for(app.id), today)
    return _apply_budget(_decide(app, board, today, cad, h), app, board, memo, today, cad)


def next_actions(board: Board, today: date, cadence: Cadence | None = None) -> dict[int, NextAction]:
    """Every application's next action, by application id."""
    cad = cadence or Cadence()
    memo = _memo(board)
    by_app = board.events_by_application
    out: dict[int, NextAction] = {}
    for app in board.applications:
        if app.id is None:
            continue
        action = _early(app, today, cad)
        if action is None:
            events = by_app.get(app.id)
            action = _decide(app, board, today, cad, _history(events, today) if events else _NO_HISTORY)
            action = _apply_budget(action, app, board, memo, today, cad)
        out[app.id] = action
    return out


# --- what is due, and how cards sort and read ---------------------------------------------------


def due_items(
    board: Board,
    today: date,
    cadence: Cadence | None = None,
    within_days: int | None = None,
    *,
    actions: dict[int, NextAction] | None = None,
) -> list[tuple[Application, NextAction]]:
    """What needs doing by ``today + within_days`` (None: today), overdue first.

    Follow-ups, thank-yous and closing ghosted cards count; a wait counts once its day
    has come (a reply's check-in date), a snooze once its day is within the horizon;
    let_go and none never do. ``actions``: next
    actions already computed for this board (the app holds them; recomputing them on
    a 5,000-card board would hold the UI for a good fraction of a second).
    """
    horizon = _plus(today, max(0, within_days)) if within_days else today
    if actions is None:
        actions = next_actions(board, today, cadence)
    items: list[tuple[Application, NextAction]] = []
    for app in board.applications:
        action = actions.get(app.id) if app.id is not None else None
        if action is None or action.due is None:
            continue
        # A snoozed card is listed on the day it comes back (the agenda's "Next 7 days").
        snoozed = action.rule == "snoozed"
        if (action.kind in ACTIONABLE_KINDS and action.due <= horizon) or (
            action.kind == "wait" and action.due <= (horizon if snoozed else today)
        ):
            items.append((app, action))
    items.sort(key=lambda item: (item[1].due, item[0].company.casefold(), item[0].id or 0))
    return items


def _day_of(stamp: str) -> date | None:
    try:
        return date.fromisoformat(stamp[:10]) if stamp else None
    except ValueError:
        return None


def card_sort_key(app: Application, action: NextAction, board: Board) -> tuple[int, int, int, str, int]:
    """Order within a board column (§1): by due date, overdue first, no due date last,
    then by the latest activity, newest first."""
    events = board.events_for(app.id)
    days = [d for d in (app.applied_on, events[-1].on if events else None, _day_of(app.updated_at)) if d]
    latest = max(days).toordinal() if days else 0
    due = action.due.toordinal() if action.due is not None else 0
    return (action.due is None, due, -latest, app.company.casefold(), app.id or 0)


def _fit(text: str, fallback: str) -> str:
    return text if len(text) <= BADGE_MAX else fallback


def _days(n: int) -> str:
    return "1 day" if n == 1 else f"{n} days"


def badge(action: NextAction, today: date) -> str:
    """The card's short badge (at most ``BADGE_MAX`` characters); "" when there is nothing to say.

    Read from the action's ``rule``, never from the wording of its reason."""
    kind, due, rule = action.kind, action.due, action.rule
    late = (today - due).days if due is not None else 0
    if kind == "let_go":
        return "let it be"
    if kind == "close_as_ghosted":
        return "likely ghosted"
    if kind == "none":
        return _NONE_BADGES.get(rule, "")
    if due is None:
        return {"follow_up": "follow up", "thank_you": "thank-you due", "wait": "waiting"}.get(kind, "")
    if kind == "follow_up":
        if late > 0:
            return _fit(f"overdue {_days(late)}", "overdue")
        return "follow up today" if late == 0 else _fit(f"follow up {_human(due, today)}", "follow up later")
    if kind == "thank_you":
        if late > 0:
            return _fit(f"thank-you overdue {_days(late)}", "thank-you overdue")
        return "thank-you due" if late == 0 else _fit(f"thank-you {_human(due, today)}", "thank-you due soon")
    if kind == "wait":
        if rule == "snoozed":
            # "snoozed: Tue 01 Dec" (19 cells) fits a card's width where "until" would be cut.
            return _fit(f"snoozed: {describe_due(due, today, short=True)}", "snoozed")
        if rule == "company_budget":
            return _fit(f"cooldown: {_human(due, today)}", "company cooldown")
        if late < 0:
            return "waiting for response"
        return "check in today" if late == 0 else _fit(f"check in, overdue {_days(late)}", "time to check in")
    return ""


_NONE_BADGES = {
    "do_not_follow_up": "no follow-up (posting asks)",
    "only_qualified": "no follow-up (posting asks)",
    "turned_down": "move to closed",
    "saved": "not applied yet",
    "no_applied_date": "no applied date",
}
