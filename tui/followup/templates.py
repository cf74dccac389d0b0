"""Message templates as human-readable files (DESIGN.md §6).

A template file is a small header block, a blank line, then the body::

    name: Application follow-up (email)
    kind: application_follow_up
    channel: email
    subject: Following up on my application for {role}

    Hello {first_name},
    ...

The defaults ship in ``data/templates/`` (one file each); the user's own live in the
store and override a default of the same name. The same format is what the composer
hands to ``$EDITOR``, so ``parse_template_file`` must explain every mistake in words.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace
from functools import lru_cache
from pathlib import Path

from tui.domain.errors import InputError
from tui.domain.models import CHANNELS, TEMPLATE_KINDS, Template, ValidationError
from tui.domain.paths import SHIPPED_DATA

DEFAULTS_DIR = SHIPPED_DATA / "templates"
HEADER_KEYS: tuple[str, ...] = ("name", "kind", "channel", "subject")


class TemplateFileError(InputError, ValueError):
    """A template file whose header cannot be read; the message names the line."""


def _one_line(text: str) -> str:
    # Header values are single lines: a newline in a name or subject would end the header.
    return " ".join(text.split())


def parse_template_file(text: str, name_hint: str = "") -> Template:
    """Read one template file. ``name_hint`` (e.g. the file name) names it if the header does not.

    Raises TemplateFileError (an InputError and a ValueError) on a bad header.
    """
    if not isinstance(text, str):
        raise TemplateFileError(f"{name_hint or 'template'}: expected text")
    where = name_hint or "template"
    text = text.removeprefix("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    lines = text.split("\n")
    header: dict[str, str] = {}
    body_start = len(lines)
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            body_start = number
            break
        if line.lstrip().startswith("#"):
            continue
        key, sep, value = line.partition(":")
        key = key.strip().lower()
        if not sep or not key:
            raise TemplateFileError(
                f"{where}, line {number}: expected 'key: value' (keys: {', '.join(HEADER_KEYS)}), "
                "then a blank line, then the body"
            )
        if key not in HEADER_KEYS:
            raise TemplateFileError(
                f"{where}, line {number}: unknown header key {key!r} (known: {', '.join(HEADER_KEYS)})"
            )
        if key in header:
            raise TemplateFileError(f"{where}, line {number}: {key!r} is given twice")
        header[key] = value.strip()
    if "kind" not in header:
        raise TemplateFileError(f"{where}: the header needs 'kind:' (one of {', '.join(TEMPLATE_KINDS)})")
    if header["kind"] not in TEMPLATE_KINDS:
        raise TemplateFileError(f"{where}: kind {header['kind']!r} is not one of {', '.join(TEMPLATE_KINDS)}")
    channel = header.get("channel") or "email"
    if channel not in CHANNELS:
        raise TemplateFileError(f"{where}: channel {channel!r} is not one of {', '.join(CHANNELS)}")
    name = header.get("name") or _one_line(name_hint)
    if not name:
        raise TemplateFileError(f"{where}: the header needs 'name:'")
    body = "\n".join(lines[body_start:]).rstrip("\n")
    try:
        return Template(
            name=name, kind=header["kind"], channel=channel, subject=header.get("subject", ""), body=body
        ).with_changes()
    except ValidationError as exc:
        raise TemplateFileError(f"{where}: {exc}") from None


def format_template_file(template: Template) -> str:
    """The file text for a template; ``parse_template_file`` reads it back unchanged.

    Name and subject are header lines, so any newline in them becomes a space.
    """
    lines = [
        f"name: {_one_line(template.name)}",
        f"kind: {template.kind}",
        f"channel: {template.channel}",
    ]
    if template.subject.strip():
        lines.append(f"subject: {_one_line(template.subject)}")
    return "\n".join(lines) + "\n\n" + template.body.rstrip("\n") + "\n"


def load_templates_dir(folder: Path) -> tuple[list[Template], list[str]]:
    """Every ``*.txt`` template in a folder, sorted by file name, plus one problem line per bad file."""
    templates: list[Template] = []
    problems: list[str] = []
    try:
        paths = sorted(p for p in folder.iterdir() if p.suffix == ".txt" and p.is_file())
    except OSError as exc:
        return [], [f"{folder.name}: cannot list templates ({exc.strerror or exc})"]
    for path in paths:
        try:
            text = path.read_text(encoding="utf-8")
            templates.append(replace(parse_template_file(text, path.name), builtin=True, id=None))
        except (OSError, UnicodeDecodeError) as exc:
            problems.append(f"{path.name}: cannot read ({exc})")
        except TemplateFileError as exc:
            problems.append(str(exc))
    return templates, problems


@lru_cache(maxsize=1)
def _defaults() -> tuple[Template, ...]:
    templates, _problems = load_templates_dir(DEFAULTS_DIR)
    return tuple(templates)


def load_default_templates() -> list[Template]:
    """The shipped templates (builtin=True, id None). Fresh copies: callers may change them."""
    return [replace(t) for t in _defaults()]


def _key(name: str) -> str:
    return " ".join(name.split()).casefold()


def merged_templates(user_templates: Iterable[Template], defaults: Iterable[Template]) -> list[Template]:
    """Defaults in their order, each replaced by the user's template of the same name
    (names compared ignoring case and spacing), then the user's other templates."""
    users = list(user_templates)
    by_name = {_key(t.name): t for t in users}
    out: list[Template] = []
    used: set[str] = set()
    for default in defaults:
        key = _key(default.name)
        if key in by_name:
            if key not in used:
                out.append(by_name[key])
                used.add(key)
        else:
            out.append(default)
    for t in users:
        key = _key(t.name)
        if key not in used:
            out.append(by_name[key])
            used.add(key)
    return out
