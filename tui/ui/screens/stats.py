"""Stats (DESIGN.md §9): the funnel, response rates, time to a first response, messages per week.

The figures come from ``tui.followup.stats.compute_stats`` on the app's board snapshot; this
screen only draws them: horizontal bars (``BarChart``) with their numbers beside, and
a ``Sparkline`` with the weekly counts under it. ``1``/``2``/``3`` choose the period
(30 days, 90 days, all time); the charts follow the store (``app.data_version``).
Two columns from 120 columns wide, one scrolling column below that.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual import events
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.content import Content
from textual.reactive import reactive
from textual.screen import Screen
from textual.widgets import Footer, Header, Sparkline, Static

from tui.followup.attachments import VersionRow, response_by_version
from tui.followup.stats import (
    SMALL,
    WEEKS,
    RateRow,
    Stats,
    answered_text,
    compute_stats,
    conversion_text,
    median_text,
)
from tui.ui.widgets.bar_chart import Bar, BarChart, Group

if TYPE_CHECKING:
    from textual import getters

    from tui.ui.app import FollowupApp

WIDE = 120  # from this width the charts sit in two columns
# Columns per week in the sparkline: #chart-weeks is WEEKS × WEEK_CELLS = 48 wide (stats.tcss). Four
# keeps Sparkline's bucket step (12/48) exact in binary, so no week is drawn a column off.
WEEK_CELLS = 4
PERIOD_KEYS: tuple[tuple[str, int | None, str], ...] = (
    ("1", 30, "30 days"),
    ("2", 90, "90 days"),
    ("3", None, "all"),
)
NO_APPLICATIONS = "No applications in this period."
NO_MESSAGES = "No follow-ups or thank-yous sent in this period."
NO_VERSIONS = "No resume recorded yet: alt+a in an application records one."
FOOTNOTE = f"Solid: answered; light: not answered. Fewer than {SMALL} cases: counts, not a %."


def period_bar(current: int | None) -> Content:
    """ "1 30 days 2 90 days 3 all", the current one highlighted (the keys choose one)."""
    parts: list[str | tuple[str, str]] = []
    for key, days, name in PERIOD_KEYS:
        chosen = days == current
        parts += [
            (f" {key}", "bold reverse $accent" if chosen else "bold $accent"),
            (f" {name} ", "bold reverse $accent" if chosen else "$text-muted"),
        ]
    return Content.assemble(*parts)


def summary_line(stats: Stats) -> Content:
    """The period chips, then what the period holds (the chip says which period it is)."""
    n, sent = stats.applications, stats.responses.total
    return Content.assemble(
        period_bar(stats.period_days),
        "  ",
        (f"{n} application{'s' if n != 1 else ''}", "bold"),
        f" · {sent} message{'s' if sent != 1 else ''} sent",
    )


def funnel_bars(stats: Stats) -> list[Bar]:
    if not stats.applications:
        return []
    width = max(len(str(s.reached)) for s in stats.funnel)
    bars, previous = [], None
    for step in stats.funnel:
        note = f"{step.reached:>{width}}  {conversion_text(step, previous)}".rstrip()
        bars.append(Bar(step.stage, step.reached, note=note))
        previous = step.stage
    return bars


def rate_bars(rows: tuple[RateRow, ...]) -> tuple[Bar, ...]:
    return tuple(Bar(r.label, r.ratio.hits, r.ratio.total - r.ratio.hits, r.ratio.text) for r in rows)


def version_bars(rows: list[VersionRow]) -> list[Bar]:
    """One bar per resume version (same hash = same version): heard back, or not yet."""
    return [Bar(r.label, r.ratio.hits, r.ratio.total - r.ratio.hits, r.ratio.text) for r in rows]


def week_axis(stats: Stats) -> Content:
    """The counts under the sparkline, one per week, and the date of every fourth Monday."""
    counts = "".join(str(n).center(WEEK_CELLS) for _, n in stats.per_week)
    mondays = [monday for monday, _ in stats.per_week]
    dates = "".join(f"{m:%b} {m.day}".ljust(4 * WEEK_CELLS) for m in mondays[::4])
    return Content.assemble((counts, "bold"), "\n", (dates.rstrip(), "$text-muted"))


class StatsScreen(Screen):
    if TYPE_CHECKING:  # self.app is the followup app (typed, no cast at run time)
        app = getters.app(FollowupApp)

    CSS_PATH = "stats.tcss"
    BINDINGS = [
        Binding(
            "1",
            "period(30)",
            "30 days",
            id="stats.period_30",
            tooltip="Applications and messages of the last 30 days",
        ),
        Binding(
            "2",
            "period(90)",
            "90 days",
            id="stats.period_90",
            tooltip="Applications and messages of the last 90 days",
        ),
        Binding("3", "period(0)", "All", id="stats.period_all", tooltip="Everything on the board"),
        Binding("escape", "app.pop_screen", "Back", id="stats.back", tooltip="Back to the board"),
    ]

    period: reactive[int | None] = reactive(None, init=False)

    def __init__(self) -> None:
        super().__init__()
        self.stats: Stats | None = None

    def compose(self) -> ComposeResult:
        self._fit(self.app.size.width)  # before the children are styled, so they are styled once
        yield Header(icon="◆")
        yield Static("", id="stats-summary")
        with VerticalScroll(id="stats-body"), Vertical(id="stats-columns"):
            with Vertical(classes="stats-column"):
                yield BarChart("Funnel · reached this stage or further", id="chart-funnel")
                yield BarChart("Days from applying to the first response", id="chart-first-response")
                yield Static(
                    f"Messages sent per week · last {WEEKS} weeks, whatever the period", classes="stats-title"
                )
                yield Sparkline([], id="chart-weeks")
                yield Static("", id="weeks-axis")
            with Vertical(classes="stats-column"):
                yield BarChart("Response rate · answered before the next message", id="chart-responses")
                yield BarChart(
                    "Response rate by resume version · heard back, whatever the period", id="chart-versions"
                )
        yield Footer()

    def on_mount(self) -> None:
        self.sub_title = "stats"
        self.refresh_stats()
        self.watch(self.app, "data_version", self.refresh_stats, init=False)
        self.query_one("#stats-body").focus()

    def on_resize(self, event: events.Resize) -> None:
        self._fit(event.size.width)

    def _fit(self, width: int) -> None:
        self.set_class(width >= WIDE, "-wide")

    def action_period(self, days: int) -> None:
        self.period = days or None

    def watch_period(self) -> None:
        self.refresh_stats()

    # -- drawing --------------------------------------------------------------------------

    def refresh_stats(self) -> None:
        stats = compute_stats(self.app.board, self.app.today, self.period)
        self.stats = stats
        q = self.query_one
        q("#stats-summary", Static).update(summary_line(stats))
        q("#chart-funnel", BarChart).set_bars(funnel_bars(stats), empty=NO_APPLICATIONS)

        buckets = stats.response_time_buckets if stats.days_to_first_response else ()
        q("#chart-first-response", BarChart).set_bars(
            [Bar(name, count, note=str(count)) for name, count in buckets],
            empty="",
            notes=[median_text(stats)],
        )

        overall = stats.responses
        groups = [
            Group(rate_bars(rows), title=f"by {what}", empty=NO_MESSAGES)
            for what, rows in (
                ("channel", stats.by_channel),
                ("source", stats.by_source),
                ("contact role", stats.by_role),
            )
        ]
        q("#chart-responses", BarChart).set_chart(
            groups if overall.total else [],
            notes=[answered_text(overall) if overall.total else NO_MESSAGES],
            footnote=FOOTNOTE if overall.total else "",
        )

        versions = response_by_version(self.app.board)
        q("#chart-versions", BarChart).set_bars(version_bars(versions), empty=NO_VERSIONS)

        q("#chart-weeks", Sparkline).data = [n for _, n in stats.per_week]
        q("#weeks-axis", Static).update(week_axis(stats))
