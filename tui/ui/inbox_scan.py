"""Scan the mail from the app (the palette's "Scan mail"), in a thread: never blocks a key."""

from __future__ import annotations

from typing import Any

from tui.domain.errors import FollowupError


def scan_mail(app: Any) -> None:
    conf = app.settings.inbox
    if not (conf.maildir or conf.mbox or conf.imap):
        app.notify(
            "Nothing to read: set maildir, mbox or imap in [inbox] of config.toml (see the README).",
            title="mail",
            severity="warning",
            markup=False,
            timeout=8,
        )
        return
    app.notify("Reading your mail (read-only)…", title="mail", markup=False)
    app.run_worker(lambda: _scan(app), thread=True, exclusive=True, group="inbox", name="inbox-scan")


def scan_at_launch(app: Any) -> None:
    """With ``[inbox] scan_at_launch = true``: the same scan, started once the board has been
    painted (``call_after_refresh``), in its worker: the first paint never waits for mail."""
    if app.settings.inbox.scan_at_launch:
        app.call_after_refresh(scan_mail, app)


def _scan(app: Any) -> None:
    from tui.io.inbox.scan import scan_sources, sources_from

    conf, me = app.settings.inbox, {app.settings.me.email}
    try:
        sources = sources_from(
            maildirs=list(conf.maildir),
            mboxes=list(conf.mbox),
            imap=conf.imap,
            sent=list(conf.sent),
            password_command=conf.password_command,
            ca_file=conf.ca_file,
        )
        report = scan_sources(app.store, sources, me=me)
    except FollowupError as exc:
        app.call_from_thread(app.notify, str(exc), title="mail", severity="error", markup=False, timeout=10)
        return
    where = " — they are first on the agenda (a)" if report.new else ""
    app.call_from_thread(app.notify, f"{report.summary()} from your mail{where}.", title="mail", markup=False)
    for note in report.notes[:3]:
        app.call_from_thread(app.notify, note, title="mail", severity="warning", markup=False)
    app.call_from_thread(app.reload_now)
