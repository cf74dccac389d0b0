"""Writes an export file off the UI thread."""

from __future__ import annotations

import os
from pathlib import Path

from tui.io.export import render


def write_export(app, fmt: str, path: Path) -> None:
    board, actions, today = app.board, dict(app.actions), app.today

    def job() -> None:
        try:
            data = render(fmt, board, actions, today)
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
            app.notify, f"Exported {len(board.applications)} applications to {path}", markup=False
        )

    app.run_worker(job, thread=True, group="export", name=f"export-{fmt}")
