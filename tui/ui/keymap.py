"""The ids a ``[keymap]`` in config.toml may name: every Binding id the app's screens and
widgets declare. Textual's ``set_keymap`` ignores an id it does not know, so a typo in
the config would silently do nothing; the app reports such ids instead."""

from __future__ import annotations

import importlib
import inspect
import pkgutil

from textual.binding import Binding


def known_binding_ids() -> set[str]:
    """Every ``Binding(id=…)`` in ``tui.ui`` (imports every screen and widget module)."""
    import tui.ui as ui

    ids: set[str] = set()
    names = [m.name for m in pkgutil.walk_packages(ui.__path__, "tui.ui.")]
    for name in names:
        module = importlib.import_module(name)
        for _, cls in inspect.getmembers(module, inspect.isclass):
            if cls.__module__ != name:
                continue
            for binding in cls.__dict__.get("BINDINGS", []):
                if isinstance(binding, Binding) and binding.id:
                    ids.add(binding.id)
    return ids


def keymap_problems(keymap: dict[str, str], known: set[str] | None = None) -> list[str]:
    """One message per id in ``keymap`` that no binding has, with the nearest real id."""
    import difflib

    known = known_binding_ids() if known is None else known
    out = []
    for key in keymap:
        if key in known:
            continue
        near = difflib.get_close_matches(key, sorted(known), n=1, cutoff=0.6)
        hint = f" (did you mean {near[0]!r}?)" if near else " (the help screen, ?, lists the ids)"
        out.append(f"[keymap] {key!r} is not a binding id; it does nothing{hint}")
    return out
