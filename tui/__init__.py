"""followup: a keyboard-first job-search follow-up tracker.

The package root stays import-light: the command line must start fast, and only the
board and the capture prompt import Textual (from ``tui.ui``).
"""

__version__ = "0.1.0"
