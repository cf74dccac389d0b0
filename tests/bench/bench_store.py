"""Benchmark: `followup add` and one store write on a large store (DESIGN.md §10).

Run by hand: ``uv run python tests/bench/bench_store.py [--profile]``. A benchmark
runner can import ``run()``, which returns rows ``{"name", "median_ms", "budget_ms"}``
or ``{"name", "median_ms", "floor_ms"}``. Not a pytest test (pytest only collects
``test_*.py``, and ``tests/bench`` is excluded).

Stores of 100, 1,000 and 5,000 applications, each with 30,000 contacts and ten events
per application (50,000 at 5,000), built by ``big_store.build``. Per size, medians of 7,
measured round-robin so a noisy neighbour hits every figure alike:

- ``python -c pass``: the interpreter alone (the floor).
- bare read: a fresh process's ``orjson.loads(path.read_bytes())`` of the store file,
  timed inside that process (the store's own load).
- ``followup add``: the whole command (``python -m tui add "Role @ Company" --db``),
  wall time from the outside. Budget: 2 × ``python -c pass`` + the bare read.
- one Store write: ``Store.add_application`` in a warm process. Its budget is the 50 ms
  of "moving a card, 5,000 applications (persisted)": the store's part must fit in it.

``--profile`` adds where a fresh ``followup add`` spends its time (imports, open,
duplicate check, write), measured inside the process.
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[2]
if __package__ in (None, ""):  # run as a script: make the project importable
    sys.path.insert(0, str(REPO))

from tests.bench.big_store import build  # noqa: E402

RUNS = 7
SIZES = (100, 1_000, 5_000)
CONTACTS = 30_000
EVENTS_PER_APP = 10
WRITE_BUDGET_MS = 50.0

_BARE_READ = (
    "import sys, time, orjson\n"
    "from pathlib import Path\n"
    "t = time.perf_counter()\n"
    "orjson.loads(Path(sys.argv[1]).read_bytes())\n"
    "print((time.perf_counter() - t) * 1000)\n"
)

_PHASES = (
    "import time\n"
    "t0 = time.perf_counter()\n"
    "import sys\n"
    "from tui.cli import main, handlers\n"
    "from tui.followup import capture\nfrom tui.domain import companies\n"
    "from tui.store.repository import Store\n"
    "t1 = time.perf_counter()\n"
    "store = Store(sys.argv[1])\n"
    "t2 = time.perf_counter()\n"
    "line = capture.parse_capture('Profiled Role @ Profiled Co ' + sys.argv[2], commands._today())\n"
    "app = line.to_application()\n"
    "same = lambda c, r: companies.same_company(c, app.company) and capture.same_role(r, app.role)\n"
    "if sys.argv[3] == 'board':\n"
    "    dup = [a for a in store.board().applications if same(a.company, a.role)]\n"
    "else:\n"
    "    dup = store.find_applications(same)\n"
    "t3 = time.perf_counter()\n"
    "store.add_application(app)\n"
    "t4 = time.perf_counter()\n"
    "print(*(round((b - a) * 1000, 1) for a, b in ((t0, t1), (t1, t2), (t2, t3), (t3, t4))))\n"
)


def _env(folder: Path) -> dict[str, str]:
    env = dict(os.environ)
    env["PYTHONPATH"] = str(REPO)
    env["FOLLOWUP_TODAY"] = "2026-11-27"
    env["FOLLOWUP_CONFIG"] = str(folder / "no-config.toml")  # defaults, not the user's settings
    env.pop("FOLLOWUP_DEBUG", None)
    return env


def _wall_ms(argv: list[str], env: dict[str, str]) -> float:
    started = time.perf_counter()
    done = subprocess.run(argv, env=env, cwd=REPO, capture_output=True, text=True)
    elapsed = (time.perf_counter() - started) * 1000
    if done.returncode != 0:
        raise RuntimeError(f"{' '.join(argv[:4])} failed: {done.stderr.strip()}")
    return elapsed


def _inner_ms(argv: list[str], env: dict[str, str]) -> str:
    done = subprocess.run(argv, env=env, cwd=REPO, capture_output=True, text=True, check=True)
    return done.stdout.strip().splitlines()[-1]


def _one_write_ms(path: Path) -> float:
    from tui.domain.models import Application
    from tui.store.repository import Store

    store = Store(path)
    store.board()  # a warm process: the board is open
    times = []
    for i in range(RUNS):
        started = time.perf_counter()
        store.add_application(Application(company=f"Write Co {i}", role="Bench", stage="saved"))
        times.append((time.perf_counter() - started) * 1000)
    store.close()
    return statistics.median(times)


def _measure(path: Path, env: dict[str, str], profile: bool) -> dict[str, Any]:
    py = sys.executable
    passes, reads, adds, phases = [], [], [], []
    for i in range(RUNS):  # round-robin: noise lands on every figure alike
        passes.append(_wall_ms([py, "-c", "pass"], env))
        reads.append(float(_inner_ms([py, "-c", _BARE_READ, str(path)], env)))
        adds.append(
            _wall_ms([py, "-m", "tui", "add", f"Bench Role {i} @ Bench Co {i}", "--db", str(path)], env)
        )
        if profile:
            for mode in ("board", "find"):
                probe = [py, "-c", _PHASES, str(path), f"{mode}{i}", mode]
                phases.append([float(x) for x in _inner_ms(probe, env).split()])
    out = {
        "pass": statistics.median(passes),
        "read": statistics.median(reads),
        "add": statistics.median(adds),
        "write": _one_write_ms(path),
        "size_mb": path.stat().st_size / 1e6,
    }
    if profile:
        board, find = phases[0::2], phases[1::2]
        out["phases"] = [statistics.median(col) for col in zip(*board, strict=True)]
        out["phases"].append(statistics.median(row[2] for row in find))
    return out


def run(sizes: tuple[int, ...] = SIZES, *, profile: bool = False) -> list[dict[str, Any]]:
    rows: list[dict[str, Any]] = []
    with tempfile.TemporaryDirectory(prefix="followup-bench-store-") as tmp:
        folder = Path(tmp)
        env = _env(folder)
        for n in sizes:
            path = build(folder / f"store-{n}.json", apps=n, contacts=CONTACTS, events=n * EVENTS_PER_APP)
            m = _measure(path, env, profile)
            label = f"{n:,} apps + {CONTACTS:,} contacts ({m['size_mb']:.1f} MB)"
            rows.append({"name": f"python -c pass [{label}]", "median_ms": m["pass"], "floor_ms": m["pass"]})
            rows.append(
                {"name": f"bare read (orjson.loads) [{label}]", "median_ms": m["read"], "floor_ms": m["read"]}
            )
            rows.append(
                {
                    "name": f"followup add [{label}]",
                    "median_ms": m["add"],
                    "budget_ms": 2 * m["pass"] + m["read"],
                }
            )
            rows.append(
                {"name": f"one Store write [{label}]", "median_ms": m["write"], "budget_ms": WRITE_BUDGET_MS}
            )
            if profile:
                names = (
                    "imports",
                    "Store open",
                    "duplicate check via board().applications",
                    "add + write",
                    "duplicate check via find_applications",
                )
                for phase, ms in zip(names, m["phases"], strict=True):
                    rows.append(
                        {"name": f"  add phase: {phase} [{label}]", "median_ms": ms, "floor_ms": None}
                    )
    return rows


def main() -> int:
    rows = run(profile="--profile" in sys.argv[1:])
    width = max(len(r["name"]) for r in rows)
    print(f"{'what':<{width}}  {'median':>9}  {'budget':>9}  verdict")
    missed = 0
    for r in rows:
        budget = r.get("budget_ms")
        verdict = ""
        if budget is not None:
            ok = r["median_ms"] <= budget
            missed += not ok
            verdict = "ok" if ok else f"OVER by {r['median_ms'] - budget:.0f} ms"
        shown = f"{budget:8.1f}" if budget is not None else "       —"
        print(f"{r['name']:<{width}}  {r['median_ms']:8.1f}  {shown}  {verdict}")
    print("\nbudget: followup add ≤ 2 × python -c pass + the bare read; one Store write ≤ 50 ms")
    return 1 if missed else 0


if __name__ == "__main__":
    raise SystemExit(main())
