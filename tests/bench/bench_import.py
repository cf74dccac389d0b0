"""Issue 15: `followup import` of a 30,000-row Connections.csv, as a person runs it.

Each figure is one whole command in a fresh process (start-up included), its wall time
and the peak resident memory of that process. Rows: into an empty store; the same file
again (all up to date); an older export of the same people without the URL column and
with most emails missing, then the new one (the issue's duplicate case: every row must
land on its person); and a vCard with a 10 MB photo (streamed, so memory stays flat).

    uv run python tests/bench/bench_import.py
"""

from __future__ import annotations

import base64
import csv
import io
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
sys.path[:0] = [str(HERE), str(ROOT)]

N = 30_000
BEFORE_S, BEFORE_MIB = 1.8, 116  # issue 15's figures for the old importer on this machine

_CHILD = (
    "import json, resource, sys, time; t = time.perf_counter(); "
    "from tui.cli.main import main; code = main(sys.argv[1:]); "
    "print('\\n@@' + json.dumps({'code': code, 'inner_s': time.perf_counter() - t, "
    "'rss_kib': resource.getrusage(resource.RUSAGE_SELF).ru_maxrss}))"
)


def _run(*argv: str) -> dict:
    env = {**os.environ, "FOLLOWUP_TODAY": "2026-11-27"}
    t0 = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-c", _CHILD, *argv], capture_output=True, text=True, env=env, cwd=ROOT, check=False
    )
    wall = time.perf_counter() - t0
    marker = done.stdout.rfind("\n@@")
    if marker < 0:
        raise RuntimeError(done.stderr.strip() or "no output")
    out = json.loads(done.stdout[marker + 3 :])
    out["wall_s"] = wall
    out["summary"] = done.stdout[:marker].strip().splitlines()[0] if done.stdout[:marker].strip() else ""
    return out


def _csv(rows: list[list[str]], header: list[str], notes: bool = True) -> str:
    buf = io.StringIO()
    if notes:
        buf.write(
            'Notes:\r\n"When exporting your connection data, you may notice that some of the email '
            'addresses are missing."\r\n\r\n'
        )
    writer = csv.writer(buf, lineterminator="\r\n")
    writer.writerow(header)
    writer.writerows(rows)
    return buf.getvalue()


def files(folder: Path) -> tuple[Path, Path]:
    """(new export, older export of the same people: no URL column, 4 % with an email)."""
    from bench_search import synthetic_contacts

    people = synthetic_contacts(N)
    # The generator draws names from short lists: ~600 pairs share a name *and* a company,
    # which a real network of 30,000 hardly has and an export without URLs cannot tell
    # apart. Give those a company of their own, so each row is one findable person.
    from tui.domain.companies import company_key

    seen: set[tuple[str, str]] = set()
    for i, c in enumerate(people):
        while (c.name, company_key(c.company)) in seen:
            c = people[i] = c.with_changes(company=f"{c.company} Unit {i % 97 + 1}")
        seen.add((c.name, company_key(c.company)))
    new_rows, old_rows = [], []
    for i, c in enumerate(people):
        first, _, last = c.name.partition(" ")
        email = c.email if i % 25 == 0 else ""  # LinkedIn: 2.5–4.4 % of rows carry one
        new_rows.append([first, last, c.linkedin, email, c.company, c.title, "14 Mar 2024"])
        old_rows.append([first, last, email or "NA", c.company, c.title, "3/14/2019"])
    new = folder / "Connections.csv"
    new.write_text(
        _csv(
            new_rows,
            ["First Name", "Last Name", "URL", "Email Address", "Company", "Position", "Connected On"],
        ),
        encoding="utf-8",
    )
    old = folder / "Connections-2019.csv"
    old.write_text(
        _csv(
            old_rows,
            ["FirstName", "LastName", "EmailAddress", "Company", "Position", "ConnectedOn"],
            notes=False,
        ),
        encoding="utf-8",
    )
    return new, old


def _row(name: str, runs: list[dict], budget_s: float | None = None) -> list[dict]:
    wall = statistics.median(r["wall_s"] for r in runs)
    rss = max(r["rss_kib"] for r in runs) / 1024
    rows = [
        {
            "name": f"import: {name} (whole command, wall)",
            "median_ms": round(wall * 1000, 1),
            "budget_ms": round(budget_s * 1000) if budget_s else None,
            "summary": runs[0]["summary"],
        }
    ]
    rows.append(
        {
            "name": f"import: {name} (peak memory)",
            "value": f"{rss:,.0f} MiB",
            "budget": f"≤ {BEFORE_MIB} MiB (before)" if budget_s else "—",
            "ok": (rss <= BEFORE_MIB) if budget_s else None,
        }
    )
    return rows


def run(rounds: int = 3) -> list[dict]:
    rows: list[dict] = []
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        new, old = files(folder)
        empty_runs, again_runs = [], []
        for i in range(rounds):
            db = folder / f"s{i}.json"
            empty_runs.append(_run("import", str(new), "--db", str(db)))
            again_runs.append(_run("import", str(new), "--db", str(db)))
        rows += _row(f"{N:,}-row Connections.csv into an empty store", empty_runs, BEFORE_S)
        rows += _row(f"the same {N:,} rows again (all up to date)", again_runs, BEFORE_S)

        db = folder / "two.json"
        first = _run("import", str(old), "--db", str(db))
        second = _run("import", str(new), "--db", str(db))
        with open(db, "rb") as f:
            contacts = len(json.load(f)["tables"]["contacts"])
        rows += _row(f"older export without URLs, then the new one ({N:,} each)", [second])
        rows.append(
            {
                "name": f"import: older export then the new one: contacts for {N:,} people",
                "value": f"{contacts:,}",
                "budget": f"= {N:,} (was 29,872 duplicates)",
                "ok": contacts == N,
                "summary": first["summary"] + " / " + second["summary"],
            }
        )

        photo = base64.b64encode(os.urandom(7_500_000)).decode()  # 10 MB of base64
        vcf = folder / "photo.vcf"
        with vcf.open("w", encoding="utf-8", newline="") as f:
            f.write(
                "BEGIN:VCARD\r\nVERSION:2.1\r\nN:Doe;Jane\r\nEMAIL;WORK:jane@acme.example\r\n"
                "PHOTO;ENCODING=BASE64;JPEG:" + photo[:76] + "\r\n"
            )
            for i in range(76, len(photo), 76):
                f.write("  " + photo[i : i + 76] + "\r\n")
            f.write("\r\nEND:VCARD\r\n")
        rows += _row("a vCard with a 10 MB photo", [_run("import", str(vcf), "--db", str(folder / "v.json"))])
        small = folder / "one.vcf"  # the same command's own footprint, for scale
        small.write_text("BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Jane Doe\r\nEND:VCARD\r\n", encoding="utf-8")
        rows += _row(
            "a vCard of one card, no photo", [_run("import", str(small), "--db", str(folder / "w.json"))]
        )
    return rows


def main() -> int:
    from report import print_rows

    rows = run()
    for row in rows:
        if "value" in row:
            print(
                f"{row['value']:>12}  {row['name']}  {row.get('budget', '')}"
                + (f"  {'ok' if row['ok'] else 'OVER'}" if row.get("ok") is not None else "")
            )
        if row.get("summary"):
            print(f"{'':>12}  {row['summary']}")
    return print_rows([r for r in rows if "median_ms" in r])


if __name__ == "__main__":
    raise SystemExit(main())
