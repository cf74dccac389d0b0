"""What you sent where (issue 19): the files that went with each application.

``followup attach ID FILE --as resume`` records a file's name, size, SHA-256 and the
day, on the application (``Application.attachments``); the file itself is copied only
when asked (into ``attachments/`` beside the store, private). The same bytes are the
same version whatever the file is called, so "which resume went where" and the response
rate by resume version (``response_by_version``) compare hashes, not names.
"""

from __future__ import annotations

import os
import shutil
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from tui.domain.board import Board
from tui.domain.errors import InputError
from tui.domain.models import ATTACHMENT_KINDS, Application
from tui.followup.stats import Ratio

if TYPE_CHECKING:
    from tui.store.repository import Store

_CHUNK = 1 << 20


def sha256_of(path: Path) -> tuple[str, int]:
    """The file's SHA-256 (hex) and size, read in chunks; InputError naming it when unreadable."""
    import hashlib  # here: `followup stats` reads the versions, it hashes nothing

    digest = hashlib.sha256()
    size = 0
    from tui.store.fsio import open_input

    with open_input(path, "") as handle:
        while chunk := handle.read(_CHUNK):
            digest.update(chunk)
            size += len(chunk)
    return digest.hexdigest(), size


def attachment_for(path: Path, kind: str, today: date) -> dict[str, Any]:
    if kind not in ATTACHMENT_KINDS:
        raise InputError(f"--as {kind!r}: use one of {', '.join(ATTACHMENT_KINDS)}.")
    digest, size = sha256_of(path)
    return {"name": path.name, "size": size, "sha256": digest, "on": today.isoformat(), "as": kind}


def copy_beside_store(path: Path, store_path: Path, digest: str) -> str:
    """Copy the file into ``attachments/`` beside the store (mode 0600), named by its hash so
    one version is kept once; returns the path relative to the store's folder."""
    folder = store_path.parent / "attachments"
    folder.mkdir(mode=0o700, exist_ok=True)
    target = folder / f"{digest[:16]}-{path.name}"
    if not target.exists():
        tmp = target.with_name(target.name + ".tmp")
        shutil.copyfile(path, tmp)
        os.chmod(tmp, 0o600)
        with tmp.open("rb") as handle:
            os.fsync(handle.fileno())
        os.replace(tmp, target)
    return str(target.relative_to(store_path.parent))


@dataclass(frozen=True)
class Attached:
    application: Application
    record: dict[str, Any]
    already: dict[str, Any] | None = None  # the same file, already recorded: nothing written


def record_attachment(
    store: Store, app_id: int, path: Path, kind: str, today: date, *, copy: bool = False
) -> Attached:
    """Record ``path`` as sent with the application (one home for ``followup attach`` and the
    detail screen). The file is hashed before the lock; a missing one is an ``InputError``."""
    record = attachment_for(path, kind, today)  # nothing written when the file is unreadable
    with store.transaction():
        app = store.get_application(app_id)
        same = [a for a in app.attachments if a["sha256"] == record["sha256"] and a["as"] == record["as"]]
        if same:
            return Attached(app, record, same[0])
        if copy:
            record["copy"] = copy_beside_store(path, store.path, record["sha256"])
        app = store.update_application(app.with_changes(attachments=[*app.attachments, record]))
    return Attached(app, record)


def version_labels(board: Board, kind: str = "resume") -> dict[str, str]:
    """Hash → "v1 cv.pdf", numbered in the order the versions were first sent."""
    first: dict[str, tuple[str, str]] = {}
    for app in board.applications:
        for a in app.attachments:
            if a.get("as") == kind:
                seen = first.get(a["sha256"])
                if seen is None or a["on"] < seen[0]:
                    first[a["sha256"]] = (a["on"], a["name"])
    ordered = sorted(first.items(), key=lambda kv: (kv[1][0], kv[0]))
    return {digest: f"v{i} {name}" for i, (digest, (_on, name)) in enumerate(ordered, 1)}


@dataclass(frozen=True)
class VersionRow:
    label: str
    sha256: str
    ratio: Ratio  # applications that heard back (a response or an interview) / sent with it


def _heard_back(board: Board, app: Application) -> bool:
    return any(e.kind in ("response_received", "interview") for e in board.events_for(app.id))


def response_by_version(board: Board, kind: str = "resume") -> list[VersionRow]:
    """The response rate of each version of a resume: an application counts for the version
    it was first sent with (same hash = same version). Small numbers are shown as counts."""
    labels = version_labels(board, kind)
    hits: dict[str, int] = dict.fromkeys(labels, 0)
    totals: dict[str, int] = dict.fromkeys(labels, 0)
    for app in board.applications:
        sent = sorted((a for a in app.attachments if a.get("as") == kind), key=lambda a: a["on"])
        if not sent:
            continue
        digest = sent[0]["sha256"]
        totals[digest] += 1
        hits[digest] += _heard_back(board, app)
    return [VersionRow(labels[d], d, Ratio(hits[d], totals[d])) for d in labels]


def format_versions(rows: list[VersionRow]) -> str:
    lines = ["Response rate by resume version:"]
    for row in rows:
        lines.append(f"  {row.label} ({row.sha256[:12]}): {row.ratio.text}")
    return "\n".join(lines)
