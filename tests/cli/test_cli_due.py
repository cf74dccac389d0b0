"""`followup due` (DESIGN.md §8, §9): what to follow up, overdue first, also as JSON for scripts."""

from __future__ import annotations

import json
from datetime import date, timedelta
from pathlib import Path

import pytest

rules = pytest.importorskip("tui.followup.rules")
if not hasattr(rules, "due_items"):
    pytest.skip("tui.followup.rules.due_items is not written yet", allow_module_level=True)

from tui.domain.models import ACTION_KINDS, CHANNELS, STAGES  # noqa: E402
from tui.io.demo import demo_copy  # noqa: E402
from tui.store.repository import Store  # noqa: E402


@pytest.fixture
def demo(tmp_path: Path) -> Path:
    return demo_copy(tmp_path)


def _due(cli, db: Path, *extra: str) -> list[dict]:
    result = cli("due", "--json", "--db", str(db), *extra)
    assert result.code == 0, result.err
    return json.loads(result.out)


def test_due_json_shape(cli, demo: Path, env) -> None:
    items = _due(cli, demo)
    assert items, "the demo board has something due on its own day"
    with Store(demo) as store:
        apps = store.board().application_by_id
        contacts = store.board().contact_by_id
    for item in items:
        assert set(item) == {"id", "company", "role", "stage", "next_action"}
        app = apps[item["id"]]
        assert (item["company"], item["role"], item["stage"]) == (app.company, app.role, app.stage)
        assert item["stage"] in STAGES
        action = item["next_action"]
        assert set(action) == {"kind", "due", "contact_id", "channel", "reason", "rule"}
        assert action["rule"]  # which rule produced it, for scripts that must not parse the reason
        assert action["kind"] in ACTION_KINDS and action["kind"] != "none"
        assert date.fromisoformat(action["due"]) <= env.today  # due today or overdue
        assert action["contact_id"] is None or action["contact_id"] in contacts
        assert action["channel"] is None or action["channel"] in CHANNELS
        assert isinstance(action["reason"], str) and action["reason"]


def test_due_is_overdue_first(cli, demo: Path) -> None:
    days = [item["next_action"]["due"] for item in _due(cli, demo, "--within", "30")]
    assert days == sorted(days)


def test_within_adds_what_falls_due_soon(cli, demo: Path, env) -> None:
    today = {item["id"] for item in _due(cli, demo)}
    week = _due(cli, demo, "--within", "7")
    assert today <= {item["id"] for item in week}
    assert len(week) > len(today), "the demo has follow-ups due later this week"
    limit = env.today + timedelta(days=7)
    assert all(date.fromisoformat(item["next_action"]["due"]) <= limit for item in week)


def test_due_on_an_empty_or_missing_store(cli, env) -> None:
    result = cli("due", "--json")
    assert result.code == 0 and json.loads(result.out) == []
    text = cli("due")
    assert text.code == 0 and "Nothing due" in text.out
    assert not env.db.exists()  # reading never creates the store


def test_due_text_names_each_application(cli, demo: Path) -> None:
    items = _due(cli, demo)
    result = cli("due", "--db", str(demo))
    assert result.code == 0, result.err
    lines = result.out.splitlines()
    assert len(lines) == len(items)
    for line, item in zip(lines, items, strict=True):
        assert f"#{item['id']} " in line and item["company"] in line


def test_a_card_snoozed_within_the_horizon_is_listed_on_the_day_it_comes_back(cli, demo: Path, env) -> None:
    from tui.followup.changes import set_snooze
    from tui.followup.rules import next_actions

    target = _due(cli, demo)[0]["id"]  # due today or overdue: snooze it three days
    back = date(2026, 12, 2)  # a Wednesday, within a week of the pinned day
    assert env.today < back <= env.today + timedelta(days=7)
    with Store(demo) as store:
        set_snooze(store, target, back)
        assert next_actions(store.board(), env.today)[target].rule == "snoozed"
    assert target not in {item["id"] for item in _due(cli, demo)}  # not due today
    week = {item["id"]: item["next_action"] for item in _due(cli, demo, "--within", "7")}
    assert (week[target]["rule"], week[target]["due"]) == ("snoozed", back.isoformat())
    assert target not in {item["id"] for item in _due(cli, demo, "--within", "2")}  # not yet in 2 days
