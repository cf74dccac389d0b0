"""Replies from your own mailbox (issue 17, DESIGN.md §12), read-only and local.

- ``addresses``: the one place that reads a contact's addresses, and mail domains.
- ``message``: headers first, then the new text of a body (no quoted history).
- ``sources``: Maildir and mbox folders (the stdlib ``mailbox``); ``imap``: an IMAP account
  (EXAMINE + BODY.PEEK: nothing is marked read, moved or deleted).
- ``matching``: which application a message belongs to, and why.
- ``classify``: what a message says, deterministically (phrases, no model, no network).
- ``proposals``: the proposals kept in the store, accepted or rejected by the user.
- ``scan``: ties them together; ``followup inbox scan`` and the palette call ``scan_sources``.

Nothing here imports Textual.
"""
