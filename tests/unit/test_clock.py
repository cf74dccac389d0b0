"""tui.domain.clock: "today" is the user's local date, stored instants are UTC, and
FOLLOWUP_TODAY is strictly YYYY-MM-DD (issue 22 "Time zones", "Errors in words")."""

from __future__ import annotations

import time
from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest

from tui.domain import clock
from tui.domain.dates import parse_day
from tui.domain.errors import InputError


@pytest.fixture
def zone(monkeypatch):
    def set_zone(name: str) -> None:
        monkeypatch.setenv("TZ", name)
        time.tzset()

    yield set_zone
    monkeypatch.undo()
    time.tzset()


@pytest.mark.parametrize("name", ["Pacific/Kiritimati", "Pacific/Pago_Pago", "UTC"])  # UTC+14, UTC-11
def test_today_is_the_local_date_and_instants_are_utc(monkeypatch, zone, name):
    monkeypatch.delenv("FOLLOWUP_TODAY")
    zone(name)
    before = datetime.now(ZoneInfo(name)).date()
    today = clock.today()
    assert today in (before, datetime.now(ZoneInfo(name)).date())
    assert clock.now_iso().endswith("+00:00")


def test_a_stored_instant_is_counted_on_the_users_local_day(zone):
    stamp = "2026-11-27T12:30:00+00:00"  # saved at 12:30 UTC
    zone("Pacific/Kiritimati")
    assert clock.local_day(stamp) == date(2026, 11, 28)
    zone("Pacific/Pago_Pago")
    assert clock.local_day(stamp) == date(2026, 11, 27)
    assert clock.local_day("not a time") is None


@pytest.mark.parametrize(
    "value", ["2026-02-30", "20261127", "2026-W48-5", "2026-11-27T10:00", " ", "２０２６-11-27"]
)
def test_only_yyyy_mm_dd_is_a_day(monkeypatch, value):
    assert clock.iso_day(value) is None
    if value.strip():
        monkeypatch.setenv("FOLLOWUP_TODAY", value)
        with pytest.raises(InputError, match="YYYY-MM-DD"):
            clock.today()
    with pytest.raises(ValueError):
        parse_day(value, date(2026, 11, 27))


def test_a_real_day_is_accepted(monkeypatch):
    monkeypatch.setenv("FOLLOWUP_TODAY", "2026-02-28")
    assert clock.today() == date(2026, 2, 28)
    assert parse_day("2026-11-27", date(2026, 11, 27)) == date(2026, 11, 27)
