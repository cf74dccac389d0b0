"""Runs every benchmark in tests/bench and prints one table: each budget of DESIGN.md §10
(and the issues' own), the measured figure, the floor it is compared with in the same
run, and pass/short.

    uv run python tests/bench/run_all.py                 # print the table
    uv run python tests/bench/run_all.py --write-readme  # also put it in README.md

Takes a few minutes (it launches the app in tmux dozens of times). Run it on a quiet
machine: every figure is wall-clock.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import re
import subprocess
import sys
from datetime import UTC, datetime
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
sys.path[:0] = [str(HERE), str(ROOT)]
os.environ.setdefault("FOLLOWUP_TODAY", "2026-11-27")

# (module, label) in the order of DESIGN.md §10; the issues' own budgets follow.
SUITES = [
    "bench_board",
    "bench_search",
    "bench_store",
    "bench_export",
    "bench_capture",
    "bench_rules",
    "bench_stats",
    "bench_import",
    "bench_inbox",
    "bench_commands",
]


def _figure(row: dict) -> str:
    if row.get("value"):
        return str(row["value"])
    for key, suffix in (("p95_ms", " ms (p95)"), ("median_ms", " ms")):
        if row.get(key) is not None:
            return f"{row[key]:,.1f}{suffix}"
    return "—"


def _budget(row: dict) -> str:
    if row.get("budget"):
        return str(row["budget"])
    if row.get("budget_ratio") and row.get("floor_ms"):
        return f"≤ {row['budget_ratio']} × floor ({row['budget_ratio'] * row['floor_ms']:,.0f} ms)"
    if row.get("budget_ms"):
        return f"≤ {row['budget_ms']:,.0f} ms"
    return "—"


def _verdict(row: dict) -> str:
    if "ok" in row and row["ok"] is not None:
        return "pass" if row["ok"] else "**short**"
    measured = row.get("p95_ms", row.get("median_ms"))
    if row.get("budget_ms") and measured is not None:
        return "pass" if measured <= row["budget_ms"] else "**short**"
    return "info"


def collect() -> list[tuple[str, dict]]:
    """Each suite runs in a process of its own: objects one leaves behind would make the
    next one's garbage collections (and so its figures) slower."""
    rows: list[tuple[str, dict]] = []
    for name in SUITES:
        print(f"running {name} …", file=sys.stderr, flush=True)
        code = (
            "import json, sys; sys.path[:0] = [sys.argv[1], sys.argv[2]]; "
            f"import {name} as m; r = m.run(); print('\\n@@' + json.dumps(r if isinstance(r, list) else [r]))"
        )
        done = subprocess.run(
            [sys.executable, "-c", code, str(HERE), str(ROOT)], capture_output=True, text=True, check=False
        )
        marker = done.stdout.rfind("\n@@")
        if done.returncode or marker < 0:
            reason = (done.stderr.strip().splitlines() or ["no output"])[-1]
            rows.append((name, {"name": f"{name} failed: {reason}", "ok": False}))
            continue
        for row in json.loads(done.stdout[marker + 3 :]):
            rows.append((name, row))
    return rows


def table(rows: list[tuple[str, dict]]) -> str:
    machine = f"{platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}"
    when = datetime.now(UTC).strftime("%Y-%m-%d")
    lines = [
        f"Measured {when} on {machine} by `uv run python tests/bench/run_all.py` (medians; wall clock).",
        "",
        "| benchmark | measured | floor (same run) | budget | verdict |",
        "| --- | ---: | ---: | --- | --- |",
    ]
    for _suite, row in rows:
        floor = f"{row['floor_ms']:,.1f} ms" if row.get("floor_ms") else "—"
        name = str(row["name"]).replace("|", "\\|")
        lines.append(f"| {name} | {_figure(row)} | {floor} | {_budget(row)} | {_verdict(row)} |")
    return "\n".join(lines)


def write_readme(text: str) -> None:
    readme = ROOT / "README.md"
    body = readme.read_text(encoding="utf-8")
    block = f"<!-- bench:start -->\n{text}\n<!-- bench:end -->"
    new, count = re.subn(r"<!-- bench:start -->.*?<!-- bench:end -->", lambda _m: block, body, flags=re.S)
    if not count:
        raise SystemExit("README.md has no <!-- bench:start --> … <!-- bench:end --> block")
    readme.write_text(new, encoding="utf-8")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--write-readme", action="store_true")
    parser.add_argument("--only", nargs="*", help="run only these suites (e.g. bench_board)")
    args = parser.parse_args()
    if args.only:
        SUITES[:] = [s for s in SUITES if s in args.only]
    text = table(collect())
    print(text)
    if args.write_readme:
        write_readme(text)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
