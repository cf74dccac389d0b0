"""Where the files that ship with followup live (the demo board, the default templates)."""

from __future__ import annotations

from pathlib import Path

# The repository's top-level ``data/`` folder; an installed wheel carries it as ``tui/_data``.
_IN_WHEEL = Path(__file__).resolve().parents[1] / "_data"
SHIPPED_DATA = _IN_WHEEL if _IN_WHEEL.is_dir() else Path(__file__).resolve().parents[2] / "data"


def documents_folder() -> Path:
    """Where exports and ``.eml`` drafts are proposed by default: a ``followup`` folder in the
    user's documents (platformdirs), not wherever the app was started. ``FOLLOWUP_DOCUMENTS``
    overrides it (tests, or a synced folder)."""
    import os

    override = os.environ.get("FOLLOWUP_DOCUMENTS")
    if override:
        return Path(override).expanduser()
    from platformdirs import user_documents_path

    return user_documents_path() / "followup"
