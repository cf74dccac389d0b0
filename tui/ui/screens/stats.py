"""Stats (DESIGN.md §9): the funnel, response rates, time to a first response, messages per week.

The figures come from ``tui.stats.compute_stats`` on the app's board snapshot; this
screen only draws them: horizontal bars (``BarChart``) with their numbers beside, and
a ``Sparkline`` with the weekly counts under it. ``1``/``2``/``3`` choose the period
(30 days, 90 days, all time); the charts follow the store (``app.data_version``).
Two columns from 120 columns wide, one scrolling column below that.
"""

from __future__ import annotations

from datetime import date

from textual import events
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.content import Content
from textual.reactive import reactive
from textual.screen import Screen
from textual.widgets import Footer, Header, Sparkline, Static

from tui.stats import (
    SMALL,
    WEEKS,
    RateRow,
    Stats,
    compute_stats,
    conversion_text,
    median_text,
    period_label,
)
from tui.ui.widgets.bar_chart import Bar, BarChart

WIDE = 120  # from this width the charts sit in two columns
# Columns per week in the sparkline: #chart-weeks is WEEKS × WEEK_CELLS = 48 wide (stats.tcss). Four
# keeps Sparkline's bucket step (12/48) exact in binary, so no week is drawn a column off.
WEEK_CELLS = 4
PERIOD_KEYS: tuple[tuple[str, int | None, str], ...] = (("1", 30, "30 days"), ("2", 90, "90 days"), ("3", None, "all"))
NO_MESSAGES = "No follow-ups or thank-yous sent in this period."


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


def funnel_bars(stats: Stats) -> list[Bar]:
    width = max((len(str(s.reached)) for s in stats.funnel), default=1)
    bars, previous = [], None
    for step in stats.funnel:
        note = f"{step.reached:>{width}}  {conversion_text(step, previous)}".rstrip()
        bars.append(Bar(step.stage, step.reached, note=note))
        previous = step.stage
    return bars


def rate_bars(rows: tuple[RateRow, ...]) -> list[Bar]:
    return [Bar(r.label, r.ratio.hits, r.ratio.total - r.ratio.hits, r.ratio.text) for r in rows]


def week_axis(stats: Stats) -> Content:
    """The counts under the sparkline, one per week, and the date of every fourth Monday."""
    counts = "".join(str(n).center(WEEK_CELLS) for _, n in stats.per_week)
    mondays = [monday for monday, _ in stats.per_week]
    dates = "".join(f"{m:%b} {m.day}".ljust(4 * WEEK_CELLS) for m in mondays[::4])
    return Content.assemble((counts, "bold"), "\n", (dates.rstrip(), "$text-muted"))


class StatsScreen(Screen):
    CSS_PATH = "stats.tcss"
    BINDINGS = [
        Binding("1", "period(30)", "30 days", id="stats.period_30", tooltip="Applications and messages of the last 30 days"),
        Binding("2", "period(90)", "90 days", id="stats.period_90", tooltip="Applications and messages of the last 90 days"),
        Binding("3", "period(0)", "All", id="stats.period_all", tooltip="Everything on the board"),
        Binding("escape", "app.pop_screen", "Back", id="stats.back", tooltip="Back to the board"),
    ]

    period: reactive[int | None] = reactive(None, init=False)

    def __init__(self) -> None:
        super().__init__()
        self.stats: Stats | None = None

    def compose(self) -> ComposeResult:
        yield Header(icon="◆")
        yield Static("", id="stats-summary")
        with VerticalScroll(id="stats-body"):
            with Vertical(id="stats-columns"):
                with Vertical(classes="stats-column"):
                    with Vertical(classes="stats-section", id="section-funnel"):
                        yield Static("Funnel · reached this stage or further", classes="stats-title")
                        yield BarChart(id="chart-funnel", empty="No applications in this period.")
                    with Vertical(classes="stats-section", id="section-first-response"):
                        yield Static("Days from applying to the first response", classes="stats-title")
                        yield Static("", id="first-response-median", classes="stats-note")
                        yield BarChart(id="chart-first-response", empty="")
                    with Vertical(classes="stats-section", id="section-weeks"):
                        yield Static(
                            f"Messages sent per week · last {WEEKS} weeks, whatever the period",
                            classes="stats-title",
                        )
                        yield Sparkline([], id="chart-weeks")
                        yield Static("", id="weeks-axis")
                with Vertical(classes="stats-column"):
                    with Vertical(classes="stats-section", id="section-responses"):
                        yield Static("Response rate · answered before the next message", classes="stats-title")
                        yield Static("", id="responses-overall", classes="stats-note")
                        yield Static("by channel", classes="stats-subtitle")
                        yield BarChart(id="chart-channel", empty=NO_MESSAGES)
                        yield Static("by source", classes="stats-subtitle")
                        yield BarChart(id="chart-source", empty=NO_MESSAGES)
                        yield Static("by contact role", classes="stats-subtitle")
                        yield BarChart(id="chart-role", empty=NO_MESSAGES)
                        yield Static(
                            f"Solid: answered; light: not answered. Fewer than {SMALL} cases: counts, not a %.",
                            classes="stats-footnote",
                        )
        yield Footer()

    def on_mount(self) -> None:
        self.sub_title = "stats"
        self._fit(self.app.size.width)
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
        today: date = self.app.today  # type: ignore[attr-defined]
        stats = compute_stats(self.app.board, today, self.period)  # type: ignore[attr-defined]
        self.stats = stats
        q = self.query_one
        n = stats.applications
        q("#stats-summary", Static).update(
            Content.assemble(
                period_bar(stats.period_days),
                "  ",
                (period_label(stats.period_days).capitalize(), "bold"),
                f" · {n} application{'s' if n != 1 else ''}",
                f" · {stats.responses.total} message{'s' if stats.responses.total != 1 else ''} sent",
            )
        )
        q("#chart-funnel", BarChart).set_bars(funnel_bars(stats) if n else [])

        q("#first-response-median", Static).update(Content(median_text(stats)))
        buckets = stats.response_time_buckets if stats.days_to_first_response else ()
        q("#chart-first-response", BarChart).set_bars([Bar(name, count, note=str(count)) for name, count in buckets])

        overall = stats.responses
        q("#responses-overall", Static).update(
            Content(f"{overall.text} of the messages sent were answered" if overall.total else NO_MESSAGES)
        )
        # One scale for the three breakdowns, so a bar's length compares across them.
        scale = max((r.ratio.total for r in (*stats.by_channel, *stats.by_source, *stats.by_role)), default=0)
        q("#chart-channel", BarChart).set_bars(rate_bars(stats.by_channel), scale=scale)
        q("#chart-source", BarChart).set_bars(rate_bars(stats.by_source), scale=scale)
        q("#chart-role", BarChart).set_bars(rate_bars(stats.by_role), scale=scale)

        q("#chart-weeks", Sparkline).data = [n for _, n in stats.per_week]
        q("#weeks-axis", Static).update(week_axis(stats))
