"""The stats screen on the demo board (clock pinned to Fri 2026-11-27, DEMO_DAY).

The demo's figures, worked out from ``tui/demo.py``:

- 24 applications: 3 saved, 12 applied, 3 interviewing, 1 offer, 5 closed.
  Funnel: saved 24; applied 21 (all but the saved); interviewing 5 (Globex, Wonka,
  Pied Piper there; Tyrell's offer; Monsters Inc hired); offer 2 (Tyrell, Monsters);
  hired 1 (Monsters Inc).
- 7 messages: follow-ups Initech (email), Hooli ×2 (linkedin), Prestige (email);
  thank-yous Wonka, Pied Piper, Tyrell (email). Answered: Pied Piper's and Tyrell's
  thank-yous. Email 2 of 5, linkedin 0 of 2.
- Last 30 days (since 10-29): the 3 saved (created on the demo day), 11 applied (not
  Oscorp, 34 days), 3 interviewing = 17. Last 90 days: + Oscorp, Tyrell, and the
  closed ones applied 45–75 days ago (not Monsters Inc, 120) = 23.
"""

from __future__ import annotations

from pathlib import Path

from textual.widgets import Footer, Sparkline, Static

from tui.domain.config import Settings
from tui.domain.models import Event
from tui.io.demo import DEMO_DAY
from tui.store.repository import Store
from tui.ui.screens.main import MainScreen
from tui.ui.screens.stats import StatsScreen
from tui.ui.widgets.bar_chart import BarChart


def chart(app, chart_id: str) -> BarChart:
    return app.screen.query_one(f"#{chart_id}", BarChart)


def text_of(widget) -> str:
    return widget.render().plain


async def open_stats(pilot) -> StatsScreen:
    await pilot.pause()
    await pilot.press("s")
    await pilot.pause()
    assert isinstance(pilot.app.screen, StatsScreen)
    return pilot.app.screen


async def test_s_opens_the_funnel_and_escape_closes_it(make_app) -> None:
    app = make_app()
    async with app.run_test(size=(160, 45)) as pilot:
        screen = await open_stats(pilot)
        funnel = chart(app, "chart-funnel")
        assert [(b.label, b.solid) for b in funnel.bars] == [
            ("saved", 24),
            ("applied", 21),
            ("interviewing", 5),
            ("offer", 2),
            ("hired", 1),
        ]
        drawn = text_of(funnel)
        assert "88% of saved" in drawn and "1 of 2 at offer" in drawn
        assert "24 applications" in text_of(screen.query_one("#stats-summary", Static))
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, MainScreen)


async def test_the_palette_opens_stats(make_app) -> None:
    app = make_app()
    async with app.run_test(size=(160, 45)) as pilot:
        await pilot.pause()
        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*"stats")
        await pilot.pause(0.5)
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, StatsScreen)


async def test_response_charts_show_counts_for_small_numbers(make_app) -> None:
    app = make_app()
    async with app.run_test(size=(160, 45)) as pilot:
        screen = await open_stats(pilot)
        responses = chart(app, "chart-responses")
        channel, source, role = responses.groups
        assert [g.title for g in responses.groups] == ["by channel", "by source", "by contact role"]
        assert [(b.label, b.solid, b.light) for b in channel.bars] == [("email", 2, 3), ("linkedin", 0, 2)]
        assert [b.label for b in source.bars] == ["linkedin", "referral", "company site", "job board"]
        assert (role.bars[0].label, role.bars[0].solid, role.bars[0].light) == ("hiring manager", 2, 0)
        drawn = text_of(responses).splitlines()
        email = next(line for line in drawn if line.startswith("email"))
        assert email.endswith("40% (2 of 5)")  # five cases: a percentage
        linkedin = next(line for line in drawn if line.startswith("linkedin"))
        assert linkedin.endswith("0 of 2") and "%" not in linkedin  # two cases: the counts
        assert "29% of messages answered (2 of 7)" in drawn
        # One scale and one set of columns for the three groups: the bars start in the same column,
        # and the 5 emails are the longest bar, the 2 referrals (2 of 2) 2/5 of it.
        assert len({line.index("█") for line in drawn if "█" in line}) == 1
        width = responses.columns(responses.content_region.width)[1]
        assert responses.bar_cells(channel.bars[0], width) == (
            round(width * 2 / 5),
            width - round(width * 2 / 5),
        )
        assert "median 15 days (3 applications)" in text_of(chart(app, "chart-first-response"))
        weeks = screen.query_one("#chart-weeks", Sparkline)
        assert list(weeks.data) == [0, 0, 0, 0, 0, 0, 0, 0, 1, 2, 4, 0]


async def test_period_keys_filter_and_show_in_the_footer(make_app) -> None:
    app = make_app()
    async with app.run_test(size=(160, 45)) as pilot:
        screen = await open_stats(pilot)
        shown = {b.key: b.description for _, b, enabled, _ in _footer_bindings(screen) if enabled}
        assert shown["1"] == "30 days" and shown["2"] == "90 days" and shown["3"] == "All"
        assert shown["escape"] == "Back"
        summary = screen.query_one("#stats-summary", Static)
        for key, days, count, title in (
            ("1", 30, 17, "30 days"),
            ("2", 90, 23, "90 days"),
            ("3", None, 24, "all"),
        ):
            await pilot.press(key)
            await pilot.pause()
            assert screen.stats.period_days == days
            assert chart(app, "chart-funnel").bars[0].solid == count
            assert f"{count} applications · 7 messages sent" in text_of(summary)
            content = summary.render()
            chosen = "".join(
                content.plain[s.start : s.end] for s in content.spans if "reverse" in str(s.style)
            )
            assert chosen.split() == [key, *title.split()]  # the chip of the period shown


def _footer_bindings(screen):
    for key, active in screen.active_bindings.items():
        yield key, active.binding, active.enabled, active.tooltip


async def test_follows_the_store_while_open(make_app) -> None:
    app = make_app()
    async with app.run_test(size=(160, 45)) as pilot:
        await open_stats(pilot)
        aperture = next(a for a in app.board.applications if a.company == "Aperture Science")
        app.persist(lambda s: s.add_event(Event(aperture.id, "follow_up_sent", DEMO_DAY, channel="linkedin")))
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert any(
            e.kind == "follow_up_sent" and e.application_id == aperture.id for e in app.store.board().events
        )
        linkedin = chart(app, "chart-responses").groups[0].bars[1]
        assert (linkedin.label, linkedin.solid, linkedin.light) == ("linkedin", 0, 3)  # was 0 of 2
        assert list(app.screen.query_one("#chart-weeks", Sparkline).data)[-1] == 1


async def test_two_columns_when_wide_one_at_80(make_app) -> None:
    app = make_app()
    async with app.run_test(size=(160, 45)) as pilot:
        screen = await open_stats(pilot)
        assert screen.has_class("-wide")
        await pilot.resize_terminal(80, 24)
        await pilot.pause()
        assert not screen.has_class("-wide")
        for bar_chart in screen.query(BarChart):
            width = bar_chart.content_region.width
            assert width <= 80
            for line in text_of(bar_chart).splitlines():
                assert len(line) <= width, line
        await pilot.resize_terminal(40, 12)  # tiny: still draws, no crash
        await pilot.pause()
        assert isinstance(app.screen, StatsScreen)


async def test_an_empty_board(make_app, tmp_path: Path) -> None:
    store = Store(tmp_path / "empty.json")
    app = make_app(store=store, settings=Settings(path=tmp_path / "config.toml"))
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_stats(pilot)
        assert "No applications in this period." in text_of(chart(app, "chart-funnel"))
        assert "No follow-ups or thank-yous sent in this period." in text_of(chart(app, "chart-responses"))
        assert "No responses yet." in text_of(chart(app, "chart-first-response"))
        assert list(screen.query_one("#chart-weeks", Sparkline).data) == [0] * 12
        assert app.screen.query_one(Footer) is not None
    store.close()


async def test_the_response_rate_by_resume_version_follows_the_small_number_rule(
    make_app, demo_store: Store, tmp_path: Path
) -> None:
    from datetime import timedelta

    from tui.followup.attachments import record_attachment

    first, second = tmp_path / "cv.pdf", tmp_path / "cv-short.pdf"
    first.write_bytes(b"%PDF-1.4 the long one\n")
    second.write_bytes(b"%PDF-1.4 the short one\n")
    # v1 went with Globex, Wonka, Pied Piper (they heard back), Acme and Initech (not yet);
    # v2, sent later, with Tyrell (an offer: heard back) and Hooli.
    for app_id in (16, 17, 18, 4, 6):
        record_attachment(demo_store, app_id, first, "resume", DEMO_DAY - timedelta(days=10))
    for app_id in (19, 7):
        record_attachment(demo_store, app_id, second, "resume", DEMO_DAY - timedelta(days=3))
    app = make_app()
    async with app.run_test(size=(160, 45)) as pilot:
        await open_stats(pilot)
        versions = chart(app, "chart-versions")
        assert [(b.label, b.solid, b.light, b.note) for b in versions.bars] == [
            ("v1 cv.pdf", 3, 2, "60% (3 of 5)"),  # five cases: a percentage
            ("v2 cv-short.pdf", 1, 1, "1 of 2"),  # fewer than five: counts, not a %
        ]
        drawn = text_of(versions)
        assert "60% (3 of 5)" in drawn and "1 of 2" in drawn


async def test_with_no_resume_recorded_the_versions_chart_says_how_to_record_one(make_app) -> None:
    app = make_app()
    async with app.run_test(size=(160, 45)) as pilot:
        await open_stats(pilot)
        versions = chart(app, "chart-versions")
        assert versions.bars == ()
        assert "alt+a" in text_of(versions)
