"""A writer to be SIGKILLed: mixed add / update / delete through ``Store``, acking each commit.

``python -m tests.helpers.crash_child DB SEED`` builds a starting board, prints ``ready``,
then runs operations forever. Each operation and the update of a *ledger* application
(its notes hold the sequence number) commit in one transaction; ``ack <seq>`` is printed
after the commit returns. The operations come from ``Model`` (seeded, and a pure
function of the model's own state), so the parent can replay exactly what the store must
hold after the ledger's sequence number.
"""

from __future__ import annotations

import random
import sys
from dataclasses import dataclass, field

LEDGER_ID = 1  # the first application in a new store
START_APPS = 150  # enough bytes that a kill often lands inside a write
TEXT = "Nachfaßen 🙂 {braces} | *md* ← "  # unicode, emoji, braces, markdown


@dataclass
class Model:
    """What the store's applications must be: id -> notes (the ledger excluded)."""

    seed: int
    apps: dict[int, str] = field(default_factory=dict)
    next_id: int = LEDGER_ID + 1
    seq: int = 0

    def __post_init__(self) -> None:
        self.rng = random.Random(self.seed)
        for _ in range(START_APPS):
            self.apps[self.next_id] = self._text(200, 1200)
            self.next_id += 1

    def _text(self, low: int, high: int) -> str:
        n = self.rng.randint(low, high)
        return (TEXT * (n // len(TEXT) + 1))[:n] + f" #{self.rng.random()}"

    def next_op(self) -> tuple[str, int, str]:
        """The next operation: (kind, id, notes). Deterministic given the seed and the past."""
        self.seq += 1
        roll = self.rng.random()
        ids = sorted(self.apps)
        if roll < 0.45 or len(ids) < 3:
            op = ("add", self.next_id, self._text(0, 3000))
        elif roll < 0.8:
            op = ("update", self.rng.choice(ids), self._text(0, 3000))
        else:
            op = ("delete", self.rng.choice(ids), "")
        self.apply(op)
        return op

    def apply(self, op: tuple[str, int, str]) -> None:
        kind, app_id, notes = op
        if kind == "add":
            self.apps[app_id] = notes
            self.next_id += 1
        elif kind == "update":
            self.apps[app_id] = notes
        else:
            del self.apps[app_id]

    @classmethod
    def after(cls, seed: int, seq: int) -> Model:
        model = cls(seed)
        while model.seq < seq:
            model.next_op()
        return model


def main(db: str, seed: int) -> None:
    from tui.domain.models import Application
    from tui.store.repository import Store

    model = Model(seed)
    store = Store(db, backup_interval_s=0.05, keep_backups=3)
    with store.transaction():
        store.add_application(Application(company="Ledger", role="ledger", stage="saved", notes="0"))
        for app_id, notes in sorted(model.apps.items()):
            saved = store.add_application(
                Application(company=f"Co {app_id}", role="Dev", stage="saved", notes=notes)
            )
            assert saved.id == app_id, (saved.id, app_id)
    print("ready", flush=True)
    while True:
        kind, app_id, notes = model.next_op()
        with store.transaction():
            if kind == "add":
                saved = store.add_application(
                    Application(company=f"Co {app_id}", role="Dev", stage="saved", notes=notes)
                )
                assert saved.id == app_id, (saved.id, app_id)
            elif kind == "update":
                store.update_application(store.get_application(app_id).with_changes(notes=notes))
            else:
                store.delete_application(app_id)
            ledger = store.get_application(LEDGER_ID)
            store.update_application(ledger.with_changes(notes=str(model.seq)))
        print(f"ack {model.seq}", flush=True)


if __name__ == "__main__":
    main(sys.argv[1], int(sys.argv[2]))
