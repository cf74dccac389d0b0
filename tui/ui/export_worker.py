"""Writes an export file off the UI thread."""

from __future__ import annotations

import os
from pathlib import Path


def render_export(board, actions, today, fmt: str) -> bytes:
    if fmt == "json":
        from tui.io.export.json_export import export_json

        return export_json(board, actions).encode("utf-8")
    if fmt == "csv":
        from tui.io.export.csv_export import export_csv

        return export_csv(board, actions, today).encode("utf-8")
    if fmt == "ics":
        from tui.io.export.ics import export_ics

        return export_ics(board, actions, today)
    from tui.io.export.markdown import export_markdown

    return export_markdown(board, actions, today).encode("utf-8")


def write_export(app, fmt: str, path: Path) -> None:
    board, actions, today = app.board, dict(app.actions), app.today

    def job() -> None:
        try:
            data = render_export(board, actions, today, fmt)
            path.parent.mkdir(parents=True, exist_ok=True)
            tmp = path.with_name(f".{path.name}.tmp")
            tmp.write_bytes(data)
            os.replace(tmp, path)
        except OSError as exc:
            app.call_from_thread(
                app.notify, f"Export failed: {path}: {exc.strerror}", severity="error", markup=False
            )
            return
        app.call_from_thread(
            app.notify, f"Exported {_applications(len(board.applications))} to {path}", markup=False
        )

    app.run_worker(job, thread=True, group="export", name=f"export-{fmt}")


def _applications(n: int) -> str:
    return "1 application" if n == 1 else f"{n:,} applications"
