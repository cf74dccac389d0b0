"""Writes an export file off the UI thread."""

from __future__ import annotations

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
        from tui.store.fsio import WriteError, save

        try:
            data = render_export(board, actions, today, fmt)
            save(path, data, "the export")  # the one durable write: 0600, folders 0700, links kept
        except WriteError as exc:
            app.call_from_thread(app.notify, f"Export failed. {exc}", severity="error", markup=False)
            return
        app.call_from_thread(
            app.notify, f"Exported {len(board.applications)} applications to {path}", markup=False
        )

    app.run_worker(job, thread=True, group="export", name=f"export-{fmt}")
