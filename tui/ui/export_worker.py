"""Writes an export file off the UI thread."""

from __future__ import annotations

from pathlib import Path

from tui.io.export import render


def write_export(app, fmt: str, path: Path) -> None:
    board, actions, today = app.board, dict(app.actions), app.today

    def job() -> None:
        from tui.store.fsio import WriteError, save

        try:
            data = render(fmt, board, actions, today)
            save(path, data, "the export")  # the one durable write: 0600, folders 0700, links kept
        except WriteError as exc:
            app.call_from_thread(app.notify, f"Export failed. {exc}", severity="error", markup=False)
            return
        app.call_from_thread(
            app.notify, f"Exported {_applications(len(board.applications))} to {path}", markup=False
        )

    app.run_worker(job, thread=True, group="export", name=f"export-{fmt}")


def _applications(n: int) -> str:
    return "1 application" if n == 1 else f"{n:,} applications"
