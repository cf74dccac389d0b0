"""The errors the command line turns into exit statuses (DESIGN.md §8).

``InputError`` is the user's to fix (exit 2, nothing written); ``StoreError`` is the
store's state (exit 1: locked, corrupt, newer schema). Messages are complete sentences
meant for a person; no traceback ever reaches the user.
"""

from __future__ import annotations


class FollowupError(Exception):
    exit_status = 1


class InputError(FollowupError):
    """Bad usage or input: a wrong date, a broken capture line, a malformed file."""

    exit_status = 2


class ImportFormatError(InputError):
    """An import file that is not what it claims to be; nothing was imported."""


class StoreError(FollowupError):
    """The store cannot be used right now (corrupt, locked, too new)."""

    exit_status = 1
