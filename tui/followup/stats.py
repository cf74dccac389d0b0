"""The figures of the stats screen and ``followup stats`` (DESIGN.md §9).

Four questions a job search asks of its own history:

- **The funnel** saved → applied → interviewing → offer → hired. An application has
  reached a stage if it is there now or its timeline shows it got there: a
  ``stage_changed`` event ("old → new", written by ``Store.move``) counts both ends, an
  ``interview`` event means interviewing, an ``applied`` event or ``applied_on`` means
  applied, and closed as hired means offer and hired. A funnel is cumulative: an
  application that reached an offer also counts as applied and interviewing, whether or
  not the timeline recorded those steps.
- **Response rate** of the messages sent (``follow_up_sent`` and ``thank_you_sent``
  events), by channel, by the application's source and by the role of the contact
  written to. A message counts as answered when a ``response_received`` follows it
  before the next message to that application: after two unanswered follow-ups and one
  reply, the second one worked, not both (the first needed a nudge).
- **Days from applying to the first response**: the median and a histogram.
- **Messages sent per week** over the last 12 calendar weeks (Monday to Sunday).

Small numbers stay honest: a rate from fewer than ``SMALL`` cases shows its counts
("2 of 3"), never a percentage. Everything is one pass over the board's indexes, so
it stays fast on 5,000 applications and 50,000 events.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from datetime import date, timedelta
from operator import itemgetter
from typing import Any

from tui.domain.board import Board
from tui.domain.clock import local_day
from tui.domain.errors import InputError
from tui.domain.models import CHANNELS, CONTACT_ROLES, SOURCES, Application

FUNNEL: tuple[str, ...] = ("saved", "applied", "interviewing", "offer", "hired")
SMALL = 5  # fewer cases than this: show "2 of 3", not a percentage
WEEKS = 12
MESSAGE_KINDS = frozenset({"follow_up_sent", "thank_you_sent"})
UNKNOWN = "unknown"
# Days from applying to the first response: [low, high) in days, and the label shown.
RESPONSE_TIME_BUCKETS: tuple[tuple[int, int | None, str], ...] = (
    (0, 7, "under a week"),
    (7, 14, "1–2 weeks"),
    (14, 28, "2–4 weeks"),
    (28, None, "4+ weeks"),
)

_RANK = {stage: i for i, stage in enumerate(FUNNEL)}
_HIRED = _RANK["hired"]
# "applied → closed (hired)": both ends and the outcome. "->" too, for hand-written notes.
_STAGE_CHANGE = re.compile(r"^\s*([a-z_]+)\s*(?:→|->)\s*([a-z_]+)(?:\s*\(\s*([a-z_]+)\s*\))?")
_LABELS = {
    "hr_email": "HR email",
    "hr_inbox": "HR inbox",
    "in_person": "in person",
    "company_site": "company site",
}


def label(key: str) -> str:
    """A value as a person reads it: "hiring_manager" → "hiring manager"."""
    return _LABELS.get(key) or key.replace("_", " ")


def period_label(period_days: int | None) -> str:
    return "all time" if period_days is None else f"last {period_days} days"


# -- the figures -------------------------------------------------------------------


@dataclass(frozen=True)
class Ratio:
    """``hits`` out of ``total`` cases, shown honestly when the total is small."""

    hits: int
    total: int

    @property
    def rate(self) -> float | None:
        """The share, or None when there are too few cases to quote one."""
        return self.hits / self.total if self.total >= SMALL else None

    @property
    def text(self) -> str:
        if self.total == 0:
            return "none yet"
        if self.total < SMALL:
            return f"{self.hits} of {self.total}"
        return f"{percent(self.hits, self.total)}% ({self.hits} of {self.total})"

    def to_dict(self) -> dict[str, Any]:
        rate = self.rate
        return {"hits": self.hits, "total": self.total, "rate": None if rate is None else round(rate, 4)}


def percent(hits: int, total: int) -> int:
    """A whole percentage, rounded half up (2 of 3 → 67)."""
    return (200 * hits + total) // (2 * total)


@dataclass(frozen=True)
class FunnelStep:
    stage: str
    reached: int
    from_previous: Ratio | None  # None for the first step


@dataclass(frozen=True)
class RateRow:
    key: str  # a channel, source or role value; "unknown" when the event does not say
    ratio: Ratio

    @property
    def label(self) -> str:
        return label(self.key)


@dataclass(frozen=True)
class Stats:
    today: date
    period_days: int | None  # None: all time
    since: date | None  # the first day in the period
    applications: int  # in the period
    funnel: tuple[FunnelStep, ...]
    responses: Ratio  # every message sent in the period
    by_channel: tuple[RateRow, ...]
    by_source: tuple[RateRow, ...]
    by_role: tuple[RateRow, ...]
    days_to_first_response: tuple[int, ...]  # one per application that heard back, ascending
    per_week: tuple[tuple[date, int], ...]  # (Monday, messages sent that week), oldest first

    @property
    def median_days_to_first_response(self) -> float | None:
        days = self.days_to_first_response
        if not days:
            return None
        import statistics  # here: `followup stats` without a response time never needs it

        return statistics.median(days)

    @property
    def response_time_buckets(self) -> tuple[tuple[str, int], ...]:
        counts = [0] * len(RESPONSE_TIME_BUCKETS)
        for days in self.days_to_first_response:
            for i, (low, high, _label) in enumerate(RESPONSE_TIME_BUCKETS):
                if days >= low and (high is None or days < high):
                    counts[i] += 1
                    break
        return tuple((b[2], n) for b, n in zip(RESPONSE_TIME_BUCKETS, counts, strict=True))

    def to_dict(self) -> dict[str, Any]:
        """JSON-safe; a rate is null when there are fewer than ``SMALL`` cases (the counts are there)."""

        def rows(items: tuple[RateRow, ...], key: str) -> list[dict[str, Any]]:
            return [{key: row.key, **row.ratio.to_dict()} for row in items]

        median = self.median_days_to_first_response
        return {
            "today": self.today.isoformat(),
            "period": {
                "days": self.period_days,
                "since": self.since.isoformat() if self.since else None,
            },
            "applications": self.applications,
            "funnel": [
                {
                    "stage": step.stage,
                    "reached": step.reached,
                    "from_previous": step.from_previous.to_dict() if step.from_previous else None,
                }
                for step in self.funnel
            ],
            "response_rate": {
                "overall": self.responses.to_dict(),
                "by_channel": rows(self.by_channel, "channel"),
                "by_source": rows(self.by_source, "source"),
                "by_contact_role": rows(self.by_role, "role"),
            },
            "first_response": {
                "applications": len(self.days_to_first_response),
                "median_days": median,
                "buckets": [{"label": name, "count": n} for name, n in self.response_time_buckets],
            },
            "messages_per_week": [{"week_start": w.isoformat(), "count": n} for w, n in self.per_week],
        }


# -- computing -----------------------------------------------------------------------
#
# One pass over the board builds a period-free summary (per application: the day that
# places it in a period, the furthest step, the days to its first response; per
# message: its date and keys, and whether it was answered). It is memoised per board
# snapshot, so switching the period, or opening the screen again, only filters it.


_Key = tuple[str, str, str, bool]  # (channel, source, contact role, answered)


@dataclass(frozen=True)
class _Summary:
    apps: list[tuple[date | None, int, int | None]]  # (period day, furthest step, days to first response)
    messages: list[tuple[date, _Key]]  # (on, (channel, source, role, answered)), one per message sent
    all_keys: Counter[_Key]  # the messages' keys counted, all time (a handful of distinct keys)
    message_days: Counter[date]  # messages sent per day, for the weekly chart


def _created_day(app: Application) -> date | None:
    # The user's local day of the UTC instant; a hand-edited store's odd value gives no day,
    # so only "all time" counts it.
    return local_day(app.created_at) if app.created_at else None


def _name(value: Any) -> str:
    """A channel or source as a key; anything odd from a hand-edited store is "unknown"."""
    return value if isinstance(value, str) and value else UNKNOWN


def _summarise(board: Board) -> _Summary:
    from tui.followup.finder import effective_role  # the finder's role inference: one source of truth

    rank = _RANK.get
    match_change = _STAGE_CHANGE.match
    hired = _HIRED
    # (on, channel, source, contact id, answered): roles are looked up once per contact at the end.
    sent: list[tuple[date, str | None, str, int | None, bool]] = []
    add = sent.append
    rows: list[tuple[date | None, int, int | None]] = []
    by_app = board.events_by_application
    no_events: tuple = ()

    for app in board.applications:
        stage = app.stage
        best = (hired if app.outcome == "hired" else 0) if stage == "closed" else rank(stage, 0)
        applied_on = app.applied_on
        if applied_on is not None and best < 1:
            best = 1
        source = app.source
        first: int | None = None
        pending = None
        # One walk over the timeline: the furthest step, the first response, and each message
        # answered or not (answered: a response before the next message).
        for ev in by_app.get(app.id, no_events):
            kind = ev.kind
            if kind == "follow_up_sent" or kind == "thank_you_sent":
                if pending is not None:
                    add((pending.on, pending.channel, source, pending.contact_id, False))
                pending = ev
            elif kind == "response_received":
                if pending is not None:
                    add((pending.on, pending.channel, source, pending.contact_id, True))
                    pending = None
                if first is None and applied_on is not None and ev.on >= applied_on:
                    first = (ev.on - applied_on).days
            elif best == hired:
                continue
            elif kind == "stage_changed":
                found = match_change(ev.text) if isinstance(ev.text, str) else None
                if found:
                    old, new, outcome = found.groups()
                    best = max(best, rank(old, 0), rank(new, 0))
                    if new == "closed" and outcome == "hired":
                        best = hired
            elif kind == "interview":
                if best < 2:
                    best = 2
            elif kind == "applied" and best < 1:
                best = 1
        if pending is not None:
            add((pending.on, pending.channel, source, pending.contact_id, False))
        rows.append((applied_on or _created_day(app), best, first))

    # Messages of applications no longer on the board still count (source unknown).
    known = board.application_by_id
    for app_id, events in by_app.items():
        if app_id in known:
            continue
        pending = None
        for ev in events:
            if ev.kind in MESSAGE_KINDS:
                if pending is not None:
                    add((pending.on, pending.channel, UNKNOWN, pending.contact_id, False))
                pending = ev
            elif ev.kind == "response_received" and pending is not None:
                add((pending.on, pending.channel, UNKNOWN, pending.contact_id, True))
                pending = None
        if pending is not None:
            add((pending.on, pending.channel, UNKNOWN, pending.contact_id, False))

    contacts = board.contact_by_id
    roles: dict[Any, str] = {}
    for contact_id in {m[3] for m in sent if isinstance(m[3], int)}:
        contact = contacts.get(contact_id)
        if contact is None:
            roles[contact_id] = UNKNOWN
            continue
        # The finder shows a contact it cannot place as "role unknown"; count it the same way.
        role, inferred = effective_role(contact)
        roles[contact_id] = UNKNOWN if inferred and role == "other" else _name(role)
    messages = [
        (
            on,
            (
                _name(channel),
                _name(source),
                roles.get(cid, UNKNOWN) if isinstance(cid, int) else UNKNOWN,
                answered,
            ),
        )
        for on, channel, source, cid, answered in sent
    ]
    return _Summary(
        rows,
        messages,
        Counter(map(itemgetter(1), messages)),
        Counter(map(itemgetter(0), messages)),
    )


def prepare(board: Board) -> None:
    """Do the one pass over ``board`` now, so ``compute_stats`` on it only filters by period.

    Meant for the thread that has just loaded a snapshot (it is memoised per snapshot):
    the stats screen then opens without walking 50,000 events on the UI thread.
    """
    from tui.followup.finder import board_memo

    board_memo(board, "stats.summary", lambda: _summarise(board))


def _rows(counts: Counter[tuple[str, bool]], order: tuple[str, ...]) -> tuple[RateRow, ...]:
    """Rows from (key, answered) counts: most messages first; ties in the models' order, "unknown" last."""
    totals: Counter[str] = Counter()
    hits: Counter[str] = Counter()
    for (key, was_answered), n in counts.items():
        totals[key] += n
        if was_answered:
            hits[key] += n
    rank = {key: i for i, key in enumerate(order)}
    keys = sorted(totals, key=lambda k: (-totals[k], rank.get(k, len(order)), k))
    return tuple(RateRow(k, Ratio(hits[k], totals[k])) for k in keys)


def compute_stats(board: Board, today: date, period_days: int | None = None) -> Stats:
    """Every figure of the stats screen for ``period_days`` before ``today`` (None: all time).

    The period keeps applications applied to (or, if never applied to, created) in it,
    and messages sent in it; the weekly chart always covers the last 12 weeks.
    """
    if period_days is not None and period_days < 1:
        raise InputError(f"A stats period is at least one day, not {period_days}.")
    from tui.followup.finder import board_memo

    summary: _Summary = board_memo(board, "stats.summary", lambda: _summarise(board))
    since = today - timedelta(days=period_days - 1) if period_days is not None else None

    furthest = [0] * len(FUNNEL)
    first_response: list[int] = []
    counted = 0
    for day, best, first in summary.apps:
        if since is not None and (day is None or day < since):
            continue
        counted += 1
        furthest[best] += 1
        if first is not None:
            first_response.append(first)
    # A funnel is cumulative: reaching a step means having reached every step before it.
    reached = [sum(furthest[i:]) for i in range(len(FUNNEL))]
    funnel = tuple(
        FunnelStep(stage, reached[i], Ratio(reached[i], reached[i - 1]) if i else None)
        for i, stage in enumerate(FUNNEL)
    )

    keys = summary.all_keys if since is None else Counter(key for on, key in summary.messages if on >= since)
    by: list[Counter[tuple[str, bool]]] = [Counter(), Counter(), Counter()]
    for (channel, source, role, was_answered), n in keys.items():
        by[0][channel, was_answered] += n
        by[1][source, was_answered] += n
        by[2][role, was_answered] += n
    answered = sum(n for k, n in keys.items() if k[3])

    # Messages per calendar week, the current week last.
    this_monday = today - timedelta(days=today.weekday())
    first_monday = this_monday - timedelta(weeks=WEEKS - 1)
    per_day = summary.message_days
    per_week = tuple(
        (
            first_monday + timedelta(weeks=w),
            sum(per_day.get(first_monday + timedelta(days=7 * w + d), 0) for d in range(7)),
        )
        for w in range(WEEKS)
    )

    return Stats(
        today=today,
        period_days=period_days,
        since=since,
        applications=counted,
        funnel=funnel,
        responses=Ratio(answered, sum(keys.values())),
        by_channel=_rows(by[0], CHANNELS),
        by_source=_rows(by[1], SOURCES),
        by_role=_rows(by[2], CONTACT_ROLES),
        days_to_first_response=tuple(sorted(first_response)),
        per_week=per_week,
    )


# -- text charts (the CLI, and the cell arithmetic the screen shares) -------------------


def cells(value: int, scale: int, width: int) -> int:
    """How many whole cells of ``width`` draw ``value`` out of ``scale``; anything above 0 shows."""
    if value <= 0 or scale <= 0 or width <= 0:
        return 0
    return max(1, min(width, round(value * width / scale)))


def split_cells(hits: int, total: int, scale: int, width: int) -> tuple[int, int]:
    """(solid, light) cells for ``hits`` of ``total``: the bar's length is the total, its solid part the hits.

    Neither part vanishes when it is above zero, so "0 of 1" and "1 of 1" look different.
    """
    length = cells(total, scale, width)
    if length == 0:
        return 0, 0
    solid = cells(hits, total, length)
    if hits < total and solid == length:
        if length == 1:
            return (0, 1) if hits * 2 < total else (1, 0)
        solid -= 1
    return solid, length - solid


def answered_text(ratio: Ratio) -> str:
    """ "0 of 1 messages answered", "29% of messages answered (2 of 7)", or "no messages sent yet"."""
    if ratio.total == 0:
        return "no messages sent yet"
    if ratio.total < SMALL:
        return f"{ratio.hits} of {ratio.total} messages answered"
    return f"{percent(ratio.hits, ratio.total)}% of messages answered ({ratio.hits} of {ratio.total})"


def format_days(days: float | None) -> str:
    if days is None:
        return "no responses yet"
    text = f"{days:g}"
    return f"{text} day" if days == 1 else f"{text} days"


def median_text(stats: Stats) -> str:
    n = len(stats.days_to_first_response)
    if n == 0:
        return "No responses yet."
    who = "1 application" if n == 1 else f"{n} applications"
    return f"median {format_days(stats.median_days_to_first_response)} ({who})"


_LABEL_W = 16
_BAR_W = 32


def _bar_line(name: str, solid: int, light: int, note: str) -> str:
    bar = "█" * solid + "░" * light
    return f"  {name[:_LABEL_W]:<{_LABEL_W}} {bar:<{_BAR_W}} {note}".rstrip()


def conversion_text(step: FunnelStep, previous: str | None) -> str:
    """ "88% of applied", or "1 of 2 at offer" when the previous step has fewer than ``SMALL``."""
    ratio = step.from_previous
    if ratio is None or ratio.total == 0:
        return ""
    if ratio.total < SMALL:
        return f"{ratio.hits} of {ratio.total} at {previous}"
    return f"{percent(ratio.hits, ratio.total)}% of {previous}"


def funnel_note(step: FunnelStep, previous: str | None) -> str:
    return f"{step.reached:<5} {conversion_text(step, previous)}".rstrip()


def format_stats(stats: Stats) -> str:
    """The figures as plain text charts, at most 80 columns wide."""
    out = [
        f"followup stats · {period_label(stats.period_days)} · "
        f"{stats.applications} application{'s' if stats.applications != 1 else ''} · "
        f"as of {stats.today.isoformat()}",
        "",
        "Funnel (reached this stage or further)",
    ]
    top = stats.funnel[0].reached if stats.funnel else 0
    previous: str | None = None
    for step in stats.funnel:
        out.append(_bar_line(step.stage, cells(step.reached, top, _BAR_W), 0, funnel_note(step, previous)))
        previous = step.stage

    out += ["", f"Response rate: {answered_text(stats.responses)}"]
    for title, rows in (
        ("by channel", stats.by_channel),
        ("by source", stats.by_source),
        ("by contact role", stats.by_role),
    ):
        out.append(f"  {title}")
        if not rows:
            out.append("    no messages sent yet")
            continue
        scale = max(r.ratio.total for r in rows)
        for row in rows:
            solid, light = split_cells(row.ratio.hits, row.ratio.total, scale, _BAR_W - 2)
            out.append(_bar_line("  " + row.label, solid, light, row.ratio.text))

    out += ["", f"Days from applying to the first response: {median_text(stats)}"]
    buckets = stats.response_time_buckets
    scale = max((n for _, n in buckets), default=0)
    if stats.days_to_first_response:
        for name, n in buckets:
            out.append(_bar_line(name, cells(n, scale, _BAR_W), 0, str(n)))

    total = sum(n for _, n in stats.per_week)
    out += ["", f"Messages sent per week (follow-ups and thank-yous), last {WEEKS} weeks: {total}"]
    peak = max((n for _, n in stats.per_week), default=0)
    for monday, n in stats.per_week:
        out.append(_bar_line(f"week of {monday:%b} {monday.day}", cells(n, peak, _BAR_W), 0, str(n)))
    out.append("")
    out.append(f"Rates from fewer than {SMALL} cases are shown as counts.")
    return "\n".join(out)
