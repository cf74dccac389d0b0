"""Benchmark: each scripted command as a whole process (issue 20, DESIGN.md §10).

Run by hand: ``uv run python tests/bench/bench_commands.py [--runs N] [--sizes 100,5000]
[--source CHECKOUT]``. A benchmark runner imports ``run()``, which returns rows
``{"name", "median_ms", "floor_ms", "budget", "budget_ms", "ok"}``. Not a pytest test.

Stores of 100, 1,000 and 5,000 applications, each with 30,000 contacts and ten events
per application, built by ``big_store.build`` and opened once by the Store before any
timing (it writes schema version 1, so the first open migrates it). Per size, medians
of ``RUNS``, measured round-robin so a noisy neighbour hits every figure alike:

- ``python -c pass``: the interpreter alone;
- bare read: ``orjson.loads`` of the store file, timed inside a fresh process;
- ``followup add``, ``log``, ``move``, ``due``, ``export`` (Markdown, to a pipe) and
  ``stats``: ``python -m tui COMMAND --db STORE``, wall time from the outside.

Each command's floor is ``python -c pass`` + the bare read: no command that reads the
store can take less. Budgets (issue 20): ``add`` ≤ 2 × ``python -c pass`` + the bare
read; ``export`` (Markdown, whole command) ≤ 300 ms at 5,000 applications. The others
are for information. ``--source`` times another checkout of the project (its ``tui``
package) with this one's stores, to compare before and after.
"""

from __future__ import annotations

import argparse
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
EXPORT_BUDGET_MS = 300.0
EXPORT_BUDGET_SIZE = 5_000

_BARE_READ = (
    "import sys, time, orjson\n"
    "from pathlib import Path\n"
    "t = time.perf_counter()\n"
    "orjson.loads(Path(sys.argv[1]).read_bytes())\n"
    "print((time.perf_counter() - t) * 1000)\n"
)


def _commands(i: int) -> dict[str, list[str]]:
    """The command lines of round ``i`` (an add, a log and a move change the store a little)."""
    return {
        "add": ["add", f"Bench Role {i} @ Bench Co {i}"],
        "log": ["log", "1", "note", "--text", f"bench {i}"],
        "move": ["move", "2", "interviewing" if i % 2 else "offer"],
        "due": ["due"],
        "export": ["export"],
        "stats": ["stats"],
    }


def _env(folder: Path, source: Path) -> dict[str, str]:
    env = dict(os.environ)
    env["PYTHONPATH"] = str(source)
    env["FOLLOWUP_TODAY"] = "2026-11-27"
    env["FOLLOWUP_CONFIG"] = str(folder / "no-config.toml")  # defaults, not the user's settings
    env.pop("FOLLOWUP_DEBUG", None)
    env.pop("PYTHONDONTWRITEBYTECODE", None)  # cached bytecode, as an installed followup has
    return env


def _wall_ms(argv: list[str], env: dict[str, str], cwd: Path) -> float:
    started = time.perf_counter()
    done = subprocess.run(
        argv, env=env, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True
    )
    elapsed = (time.perf_counter() - started) * 1000
    if done.returncode != 0:
        raise RuntimeError(f"{' '.join(argv[2:5])} failed: {done.stderr.strip()}")
    return elapsed


def _bare_read_ms(path: Path, env: dict[str, str]) -> float:
    done = subprocess.run(
        [sys.executable, "-c", _BARE_READ, str(path)], env=env, capture_output=True, text=True, check=True
    )
    return float(done.stdout.strip().splitlines()[-1])


def _migrated_store(folder: Path, n: int) -> Path:
    path = build(folder / f"store-{n}.json", apps=n, contacts=CONTACTS, events=n * EVENTS_PER_APP)
    from tui.store.repository import Store

    Store(path).close()  # the first open migrates big_store's schema 1: not part of any timing
    return path


def _measure(path: Path, env: dict[str, str], cwd: Path, runs: int) -> dict[str, float]:
    py = sys.executable
    times: dict[str, list[float]] = {"pass": [], "read": []}
    for i in range(runs):  # round-robin: noise lands on every figure alike
        times["pass"].append(_wall_ms([py, "-c", "pass"], env, cwd))
        times["read"].append(_bare_read_ms(path, env))
        for name, args in _commands(i).items():
            ms = _wall_ms([py, "-m", "tui", *args, "--db", str(path)], env, cwd)
            times.setdefault(name, []).append(ms)
    return {name: statistics.median(values) for name, values in times.items()}


def _rows(n: int, m: dict[str, float], size_mb: float) -> list[dict[str, Any]]:
    label = f"{n:,} apps + {CONTACTS:,} contacts ({size_mb:.1f} MB)"
    floor = m["pass"] + m["read"]
    rows: list[dict[str, Any]] = [
        {"name": f"python -c pass [{label}]", "median_ms": m["pass"], "floor_ms": m["pass"]},
        {"name": f"bare read (orjson.loads) [{label}]", "median_ms": m["read"], "floor_ms": m["read"]},
    ]
    for name in _commands(0):
        row: dict[str, Any] = {"name": f"followup {name} [{label}]", "median_ms": m[name], "floor_ms": floor}
        budget = None
        if name == "add":
            budget = 2 * m["pass"] + m["read"]
            row["budget"] = f"≤ 2 × pass + bare read ({budget:,.0f} ms)"
        elif name == "export" and n == EXPORT_BUDGET_SIZE:
            budget = EXPORT_BUDGET_MS
            row["budget"] = f"≤ {EXPORT_BUDGET_MS:,.0f} ms"
        if budget is not None:
            row["budget_ms"] = budget
            row["ok"] = m[name] <= budget
        rows.append(row)
    return rows


def run(sizes: tuple[int, ...] = SIZES, *, runs: int = RUNS, source: Path = REPO) -> list[dict[str, Any]]:
    rows: list[dict[str, Any]] = []
    with tempfile.TemporaryDirectory(prefix="followup-bench-commands-") as tmp:
        folder = Path(tmp)
        env = _env(folder, source)
        for n in sizes:
            path = _migrated_store(folder, n)
            size_mb = path.stat().st_size / 1e6
            rows += _rows(n, _measure(path, env, source, runs), size_mb)
    return rows


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=RUNS)
    parser.add_argument("--sizes", default=",".join(map(str, SIZES)), help="comma separated")
    parser.add_argument("--source", type=Path, default=REPO, help="the checkout whose tui package runs")
    args = parser.parse_args()
    sizes = tuple(int(s) for s in args.sizes.split(","))
    rows = run(sizes, runs=args.runs, source=args.source.resolve())
    failed = False
    for row in rows:
        verdict = ""
        if "ok" in row:
            failed |= not row["ok"]
            verdict = f"  ({row['budget']}: {'ok' if row['ok'] else 'OVER'})"
        print(f"{row['median_ms']:8.1f} ms  floor {row['floor_ms']:7.1f}  {row['name']}{verdict}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
