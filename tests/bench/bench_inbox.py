"""Benchmark: `followup inbox scan` over a 10,000-message Maildir and a 10,000-message mbox (issue 17).

The mailbox is what a real one looks like to the scan: mostly mail about nothing on the
board (friends, newsletters, receipts), 1 % from the companies applied to. The board
holds 200 applications and 600 contacts. Timed: the first scan (every header parsed,
the bodies of the ~100 candidates read), the next scan with nothing new (the cursor:
Maildir file ctimes, the mbox's length), and a scan after 100 new messages arrive.
Medians of 3, each first scan on a fresh copy of the store. The budget: a first scan
"stays in seconds" — 5 s.

Run: ``uv run python tests/bench/bench_inbox.py``. ``run()`` returns the rows for a
benchmark runner. Not a pytest test.
"""

from __future__ import annotations

import os
import random
import shutil
import statistics
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

if __package__ in (None, ""):  # run as a script: make the project importable
    sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
    sys.path.insert(0, str(Path(__file__).resolve().parent))

os.environ.setdefault("FOLLOWUP_TODAY", "2026-11-27")

from tests.helpers import mail
from tui.domain.models import Application, Contact
from tui.io.inbox import sources as inbox_sources
from tui.io.inbox.scan import scan_sources, sources_from
from tui.store.repository import Store

MESSAGES = 10_000
RUNS = 3
BUDGET_MS = 5_000.0
FILLER = "Hello! Here is the news you asked for. " * 40  # a ~1.6 KB body: a typical plain-text mail


def _store(folder: Path) -> Path:
    path = folder / "board.json"
    store = Store(path, backup_interval_s=float("inf"))
    rng = random.Random(7)
    contacts = [
        Contact(name=f"Person {i}", email=f"person{i}@company{i % 200}.example", company=f"Company {i % 200}")
        for i in range(600)
    ]
    store.save_contacts(contacts, [])
    with store.transaction():
        for i in range(200):
            applied = date(2026, 9, 1) + timedelta(days=rng.randrange(60))
            store.add_application(
                Application(
                    company=f"Company {i}", role=f"Engineer {i}", applied_on=applied, contact_ids=[i + 1]
                )
            )
    store.close()
    return path


def _messages(n: int, start: int = 0) -> list[bytes]:
    rng = random.Random(start)
    out = []
    for i in range(start, start + n):
        day = 1 + i % 26
        if i % 100 == 0:  # 1 %: a company on the board writes back
            c = rng.randrange(200)
            sender, subject = f"Recruiter <person{c}@company{c}.example>", f"Re: Engineer {c}"
            body = "Hi, thanks for following up. We are still reviewing applications and will be in touch.\n"
        elif i % 7 == 0:
            sender, subject = "Shop <orders@shop.example>", f"Your order #{i}"
            body = FILLER
        else:
            sender, subject = f"Friend {i % 50} <friend{i % 50}@example.net>", f"Catching up {i}"
            body = FILLER
        out.append(
            mail.message(
                sender=sender,
                subject=subject,
                msgid=f"bench-{i}@example.org",
                date=f"Mon, {day:02d} Nov 2026 10:00:00 +0000",
                body=body,
                headers={
                    "Received": "from mx.example.org by mail.example.com; Mon, 2 Nov 2026 10:00:00 +0000"
                },
            )
        )
    return out


CPU: list[float] = []  # the process time of each timed scan: on a shared machine, the steadier figure


def _timed(store_path: Path, source_args: dict) -> tuple[float, int, int]:
    store = Store(store_path, backup_interval_s=float("inf"))
    try:
        started, cpu = time.perf_counter(), time.process_time()
        report = scan_sources(store, sources_from(**source_args))
        CPU.append((time.process_time() - cpu) * 1000)
        return (time.perf_counter() - started) * 1000, report.read, len(report.new)
    finally:
        store.close()


def run(runs: int = RUNS) -> list[dict]:
    inbox_sources.CTIME_SLACK_NS = 0  # the folder was written a moment ago; real mail is older
    rows = []
    with tempfile.TemporaryDirectory(prefix="followup-bench-inbox-") as tmp:
        folder = Path(tmp)
        seed = _store(folder)
        messages = _messages(MESSAGES)
        maildir = mail.write_maildir(folder / "Maildir", messages)
        mbox = mail.takeout_mbox(folder / "All mail.mbox", messages)
        for kind, args in (
            ("Maildir", {"maildirs": [str(maildir)], "mboxes": []}),
            ("mbox", {"maildirs": [], "mboxes": [str(mbox)]}),
        ):
            firsts, resumes, cpus = [], [], []
            for i in range(runs):
                store_path = folder / f"{kind}-{i}.json"
                shutil.copy(seed, store_path)
                ms, read, new = _timed(store_path, args)
                assert read == MESSAGES, read
                firsts.append(ms)
                cpus.append(CPU[-1])
                time.sleep(0.05)  # file clocks are coarse: a new file must be younger than the cursor
                ms, read, _ = _timed(store_path, args)
                assert read == 0, read
                resumes.append(ms)
            rows.append(
                {
                    "name": f"inbox scan, {MESSAGES:,}-message {kind}, first scan ({new} proposals)",
                    "median_ms": statistics.median(firsts),
                    "budget_ms": BUDGET_MS,
                }
            )
            rows.append(
                {"name": f"inbox scan, {kind}, first scan, CPU time", "median_ms": statistics.median(cpus)}
            )
            rows.append(
                {
                    "name": f"inbox scan, {kind}, again with nothing new",
                    "median_ms": statistics.median(resumes),
                }
            )
            # 100 new messages arrive
            more = _messages(100, start=MESSAGES)
            if kind == "Maildir":
                mail.write_maildir(maildir, more)
            else:
                with mbox.open("ab") as f:
                    for j, raw in enumerate(more):
                        f.write(
                            f"From 18{j:017d}@xxx Tue Nov 24 09:30:00 +0000 2026\n".encode() + raw + b"\n\n"
                        )
            ms, read, _ = _timed(folder / f"{kind}-0.json", args)
            assert read == 100, read
            rows.append({"name": f"inbox scan, {kind}, after 100 new messages", "median_ms": ms})
    return rows


if __name__ == "__main__":
    from report import print_rows

    raise SystemExit(print_rows(run()))
