"""``followup stats [--json]`` (DESIGN.md §8, §9): the stats screen's figures for scripts, all time.

The store (today is Fri 2026-11-27):

    1 Acme     applied 11-02 via linkedin; follow-up 11-09 (Mon) by email; response 11-12
    2 Globex   applied 10-01 via referral; interview 10-15; thank-you 10-16 (Fri) by email;
               moved to closed as hired on 11-20
    3 Initech  saved

Funnel: saved 3, applied 2 (Acme, Globex), interviewing 1, offer 1, hired 1 (Globex).
Messages: the follow-up (answered 11-12) and the thank-you (no reply): 1 of 2.
First response: Acme, 11-02 → 11-12 = 10 days. Weeks: 10-12 has 1, 11-09 has 1.
"""

from __future__ import annotations

import json
from datetime import date

import pytest

from tui.domain.models import Application, Event
from tui.store.repository import Store


def D(mmdd: str) -> date:
    return date.fromisoformat(f"2026-{mmdd}")


@pytest.fixture
def filled(tmp_store: Store) -> Store:
    acme = tmp_store.add_application(
        Application("Acme", "Backend Engineer", applied_on=D("11-02"), source="linkedin")
    )
    globex = tmp_store.add_application(
        Application("Globex", "Data Engineer", applied_on=D("10-01"), source="referral")
    )
    tmp_store.add_application(Application("Initech", "SRE", stage="saved"))
    for event in (
        Event(acme.id, "follow_up_sent", D("11-09"), channel="email"),
        Event(acme.id, "response_received", D("11-12"), channel="email", response="positive"),
        Event(globex.id, "interview", D("10-15")),
        Event(globex.id, "thank_you_sent", D("10-16"), channel="email"),
    ):
        tmp_store.add_event(event)
    tmp_store.move(globex.id, "closed", "hired", on=D("11-20"))
    tmp_store.close()
    return tmp_store


def test_json_gives_every_figure(cli, filled) -> None:
    result = cli("stats", "--json")
    assert result.code == 0, result.err
    data = json.loads(result.out)
    assert data["period"] == {"days": None, "since": None}
    assert data["applications"] == 3
    assert [(s["stage"], s["reached"]) for s in data["funnel"]] == [
        ("saved", 3),
        ("applied", 2),
        ("interviewing", 1),
        ("offer", 1),
        ("hired", 1),
    ]
    assert data["response_rate"]["overall"] == {"hits": 1, "total": 2, "rate": None}  # under five: no rate
    assert data["response_rate"]["by_channel"] == [{"channel": "email", "hits": 1, "total": 2, "rate": None}]
    assert data["response_rate"]["by_source"] == [
        {"source": "linkedin", "hits": 1, "total": 1, "rate": None},
        {"source": "referral", "hits": 0, "total": 1, "rate": None},
    ]
    assert data["response_rate"]["by_contact_role"] == [
        {"role": "unknown", "hits": 1, "total": 2, "rate": None}
    ]
    assert data["first_response"]["median_days"] == 10
    weeks = {w["week_start"]: w["count"] for w in data["messages_per_week"]}
    assert weeks["2026-10-12"] == 1 and weeks["2026-11-09"] == 1 and sum(weeks.values()) == 2


def test_text_is_readable_at_80_columns(cli, filled) -> None:
    result = cli("stats")
    assert result.code == 0, result.err
    lines = result.out.splitlines()
    assert max(len(line) for line in lines) <= 80
    assert lines[0] == "followup stats · all time · 3 applications · as of 2026-11-27"
    # Bars 32 cells wide at most: saved 3 is the full bar, applied 2 of 3 is round(21.3) = 21 cells.
    assert f"  {'saved':<16} {'█' * 32} 3" in lines
    assert f"  {'applied':<16} {'█' * 21:<32} 2     2 of 3 at saved" in lines
    assert "1 of 2 messages answered" in result.out
    assert "median 10 days (1 application)" in result.out
    assert "1 of 1 at offer" in result.out  # hired from offer: a count, not 100%


def test_db_option_after_the_subcommand(cli, filled, tmp_path, monkeypatch) -> None:
    monkeypatch.setenv("FOLLOWUP_DB", str(tmp_path / "elsewhere.json"))
    result = cli("stats", "--json", "--db", str(filled.path))
    assert result.code == 0, result.err
    assert json.loads(result.out)["applications"] == 3


def test_empty_store(cli, tmp_store) -> None:
    tmp_store.close()
    result = cli("stats", "--json")
    assert result.code == 0, result.err
    data = json.loads(result.out)
    assert data["applications"] == 0
    assert data["response_rate"]["overall"] == {"hits": 0, "total": 0, "rate": None}
    text = cli("stats")
    assert text.code == 0 and "No responses yet." in text.out


def test_a_corrupt_store_is_exit_1_without_a_traceback(cli, env) -> None:
    env.db.write_text("{ torn", encoding="utf-8")
    result = cli("stats")
    assert result.code == 1
    assert "Traceback" not in result.err and result.err.strip()
