"""Printing a benchmark's rows when it is run on its own (run_all.py prints the table)."""

from __future__ import annotations


def print_rows(rows: list[dict]) -> int:
    """One line a row, with the verdict where there is a budget; exit status 1 if one is over."""
    failed = False
    for row in rows:
        budget = row.get("budget_ms")
        verdict = ""
        if budget is not None:
            ok = row["median_ms"] <= budget
            failed |= not ok
            verdict = f"  (budget {budget:.0f} ms: {'ok' if ok else 'OVER'})"
        print(f"{row['median_ms']:8.1f} ms  {row['name']}{verdict}")
    return 1 if failed else 0
