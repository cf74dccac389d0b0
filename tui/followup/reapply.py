"""Re-applying (issue 19): a capture at a company you applied to before says so, so a
second application is a choice, not an accident: when, for what role, how it ended
and what you sent. Companies compare as in DESIGN.md §5 (``company_key``)."""

from __future__ import annotations

from collections.abc import Iterable

from tui.domain.models import Application

_MAX_LISTED = 3


def _ended(app: Application) -> str:
    if app.stage == "closed":
        return f"closed: {app.outcome.replace('_', ' ')}" if app.outcome else "closed"
    return f"still {app.stage}"


def _one(app: Application) -> str:
    when = f"applied {app.applied_on.isoformat()}" if app.applied_on else "not applied"
    sent = [a["name"] for a in app.attachments]
    what = f"; sent {', '.join(sent[:3])}" + (" …" if len(sent) > 3 else "") if sent else ""
    return f"#{app.id} {' '.join(app.role.split())} ({when}, {_ended(app)}{what})"


def before_here(previous: Iterable[Application], company: str) -> str:
    """ "You applied to Acme before: #3 SRE (applied 2026-09-01, closed: rejected; sent cv.pdf)",
    or "" when there is nothing before. ``previous``: the applications at the same company."""
    apps = sorted(previous, key=lambda a: (a.applied_on is None, a.applied_on or a.created_at, a.id or 0))
    if not apps:
        return ""
    listed = "; ".join(_one(a) for a in apps[:_MAX_LISTED])
    more = f"; and {len(apps) - _MAX_LISTED} more" if len(apps) > _MAX_LISTED else ""
    return f"You applied to {' '.join(company.split())} before: {listed}{more}."
