"""The Textual board and capture prompt (the only package that imports Textual)."""

from tui.ui.safe_render import install as _install_safe_fields

_install_safe_fields()
