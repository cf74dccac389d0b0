"""Checking postings from the app: the palette's "Check postings" and the daily check.

The fetches run in a thread worker (nothing waits on the network in the UI thread);
what was seen is then written through ``app.persist`` like any change, so the board
reloads with the taken-down cards marked. The daily check runs only when the user
turned ``[postings] check = true`` on, at most once a day (``io.web.schedule``).
"""

from __future__ import annotations

from typing import Any

GROUP = "postings"


def summary(results: list[Any]) -> str:
    down = [r for r in results if r.verdict.state == "down"]
    up = sum(1 for r in results if r.verdict.state == "up")
    unknown = sum(1 for r in results if r.verdict.state == "unknown")
    names = ", ".join(r.application.company for r in down[:3]) + (" …" if len(down) > 3 else "")
    head = f"{len(down)} taken down" + (f" ({names})" if down else "")
    return f"Postings checked: {head}, {up} still up, {unknown} could not be checked."


def start_check(app: Any, *, automatic: bool = False) -> None:
    """Check every open posting's link in a worker; ``automatic``: the daily check (quiet)."""
    from tui.io.web.check import postings_to_check

    if any(w.group == GROUP and not w.is_finished for w in app.workers):
        if not automatic:
            app.notify("Postings are being checked already.", markup=False)
        return
    apps = postings_to_check(app.board)
    if not apps:
        if not automatic:
            app.notify("No open application has a posting link to check.", markup=False)
        return
    if not automatic:
        app.notify(f"Checking {len(apps)} posting{'s' if len(apps) != 1 else ''}…", markup=False)
    settings, today = app.settings.postings, app.today
    app.run_worker(
        lambda: _check(app, apps, settings, today, automatic), thread=True, group=GROUP, name="check postings"
    )


def _check(app: Any, apps: list[Any], settings: Any, today: Any, automatic: bool) -> None:
    from tui.io.web.check import check_postings, record_results
    from tui.io.web.schedule import fetcher_for, mark_checked

    with fetcher_for(settings) as fetcher:
        results = check_postings(apps, fetcher, today, max_at_once=max(1, settings.max_at_once))
    mark_checked(today)

    def done(recorded: list[Any]) -> None:
        if not automatic or any(r.recorded == "taken_down" for r in recorded):
            app.notify(summary(recorded), title="postings", markup=False, timeout=8)

    app.call_from_thread(app.persist, lambda store: record_results(store, results, today), done=done)


def start_daily_check(app: Any) -> None:
    from tui.io.web.schedule import daily_check_due

    if daily_check_due(app.settings.postings, app.today):
        start_check(app, automatic=True)
