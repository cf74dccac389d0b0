"""``python -m tui`` is the same as the ``followup`` command."""

from tui.cli import entry

entry()
