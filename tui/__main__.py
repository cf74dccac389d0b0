"""``python -m tui`` is the same as the ``followup`` command."""

from tui.cli.main import entry

entry()
