"""A crash at any moment leaves the old or the new file, and no acknowledged write is lost.

STORAGE.md §4.4: a SIGKILL loop over a writer, and a kill at each step of the write
protocol. SIGKILL simulates a process crash, not a power loss (STORAGE.md §1.2).
"""

from __future__ import annotations

import os
import random
import signal
import time
from pathlib import Path

import orjson
import pytest

from tests.helpers import spawn
from tests.helpers.crash_child import LEDGER_ID, Model
from tui.domain.models import Application
from tui.store.repository import Store

pytestmark = [pytest.mark.slow, pytest.mark.skipif(os.name != "posix", reason="SIGKILL is POSIX")]

CRASH_TRIALS = int(os.environ.get("FOLLOWUP_CRASH_TRIALS", "20"))


def _temps(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.endswith(".tmp"))


def _wait_for(proc, word: str) -> None:
    line = proc.stdout.readline()
    assert line.strip() == word, f"child said {line!r}; stderr: {proc.stderr.read()}"


def _kill_after(proc, delay_s: float) -> int:
    """SIGKILL ``proc`` after ``delay_s``; returns the last sequence number it acknowledged."""
    time.sleep(delay_s)
    proc.send_signal(signal.SIGKILL)
    out, err = proc.communicate(timeout=30)
    acks = [int(line.split()[1]) for line in out.splitlines() if line.startswith("ack ")]
    assert proc.returncode == -signal.SIGKILL, f"the child died on its own: {err[-2000:]}"
    return acks[-1] if acks else 0


def test_crash_kill_loop_never_corrupts_or_loses_acked_writes(tmp_path: Path) -> None:
    rng = random.Random(20261127)
    total_acked = 0
    for trial in range(CRASH_TRIALS):
        folder = tmp_path / f"t{trial}"
        folder.mkdir()
        db = folder / "db.json"
        seed = rng.randrange(1 << 30)
        proc = spawn("crash_child", db, seed)
        _wait_for(proc, "ready")
        last_ack = _kill_after(proc, rng.uniform(0.010, 0.300))
        total_acked += last_ack

        orjson.loads(db.read_bytes())  # a torn file would not even parse
        with Store(db) as store:  # reopening sweeps the killed writer's temp file
            assert _temps(folder) == []
            board = store.board()
            ledger = store.get_application(LEDGER_ID)
            seq = int(ledger.notes)
            # The op in flight may have committed before its ack was printed, never more.
            assert last_ack <= seq <= last_ack + 1, (trial, last_ack, seq)
            expected = Model.after(seed, seq).apps
            stored = {a.id: a.notes for a in board.applications if a.id != LEDGER_ID}
            assert stored.keys() == expected.keys(), trial
            assert stored == expected, trial  # no torn or spliced text either
            for backup in store.path.parent.joinpath("backups").iterdir():
                orjson.loads(backup.read_bytes())  # backups are whole files too
    assert total_acked > CRASH_TRIALS, "the kills landed before any write: the test proved nothing"


STEPS = [
    ("fsync-temp", False),
    ("replace-before", False),
    ("replace-after", True),
    ("fsync-dir", True),
]


@pytest.mark.parametrize(("step", "lands"), STEPS, ids=[s for s, _ in STEPS])
def test_kill_at_each_step_leaves_old_or_new_state(tmp_path: Path, step: str, lands: bool) -> None:
    db = tmp_path / "db.json"
    with Store(db) as store:
        store.add_application(Application(company="Kill", role="Before", stage="saved"))
        generation = store.generation
    before = db.read_bytes()

    proc = spawn("kill_step_child", db, step)
    out, err = proc.communicate(timeout=60)
    assert out.splitlines() == ["armed"], err
    assert proc.returncode == -signal.SIGKILL

    data = orjson.loads(db.read_bytes())
    if lands:
        assert data["generation"] == generation + 1
    else:
        assert db.read_bytes() == before
        assert _temps(tmp_path), "the killed writer's temp file should still be there"
    with Store(db) as store:
        roles = [a.role for a in store.board().applications]
        assert roles == (["Before", "After"] if lands else ["Before"])
        assert _temps(tmp_path) == []
