"""Settings from an optional ``config.toml`` (DESIGN.md §2, Settings).

Every key has a default, so no file is needed. A malformed file or an unknown key
produces a message naming the line; the app still starts on defaults. Choices made
in the app (theme, export paths) are written back with tomlkit so the user's
comments and layout survive.
"""

from __future__ import annotations

import os
import tomllib
from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import Any

ENV_VAR = "FOLLOWUP_CONFIG"


@dataclass(frozen=True)
class Cadence:
    """The numbers of the follow-up rules (DESIGN.md §4), in days unless named otherwise."""

    # Defaults follow the published etiquette guides; README "Configuration" gives each reason.
    follow_up_after_days: int = 7  # rule 13: applied, nothing since
    follow_up_again_days: int = 14  # rule 12: a second follow-up about two weeks after the first
    thank_you_after_days: int = 0  # rule 8: the thank-you is due on the interview day (1: the day after)
    post_interview_days: int = 7  # rule 11: after the thank-you, no news
    response_wait_days: int = 7  # rule 9: after a positive or neutral response
    ghosted_after_days: int = 30  # rule 7
    taken_down_after_days: int = 21  # rule 6
    max_follow_ups: int = 2  # rule 10
    company_cooldown_days: int = 7  # one contact budget per company


@dataclass(frozen=True)
class Me:
    name: str = ""
    signature: str = ""
    email: str = ""
    linkedin_premium: bool = False  # a connection note holds 300 characters with Premium, else 200


@dataclass(frozen=True)
class Postings:
    """Reading postings from their link (DESIGN.md §13). Nothing is fetched unless asked."""

    check: bool = False  # re-read open postings' links once a day while the board is open
    timeout: int = 10  # seconds to connect and between bytes (the whole fetch: 3x)
    host_delay_ms: int = 1000  # between two requests to the same site
    max_at_once: int = 3  # requests in flight at once


@dataclass(frozen=True)
class Inbox:
    """``[inbox]``: the mail folders ``followup inbox scan`` reads (issue 17). Never a password."""

    maildir: tuple[str, ...] = ()
    mbox: tuple[str, ...] = ()
    imap: str = ""  # imaps://user@host/INBOX
    sent: tuple[str, ...] = ()  # your Sent folders: paths, or folder names on the IMAP account
    password_command: str = ""  # e.g. "pass show mail"
    ca_file: str = ""  # the certificate of an IMAP server with its own (self-signed) one
    scan_at_launch: bool = False  # scan in a worker once the board is on screen (never before)


def _inbox(raw: Any, problems: list[str]) -> Inbox:
    if not isinstance(raw, dict):
        problems.append("[inbox] must be a table; using defaults")
        return Inbox()
    known = {f.name: f.default for f in fields(Inbox)}
    kwargs: dict[str, Any] = {}
    for key, value in raw.items():
        if key == "password":
            problems.append("[inbox] password: never write a password here; use password_command")
        elif key not in known:
            problems.append(f"[inbox] unknown key {key!r} (known: {', '.join(known)})")
        elif isinstance(known[key], bool):
            if not isinstance(value, bool):
                problems.append(f"[inbox] {key} should be true or false, got {value!r}")
            else:
                kwargs[key] = value
        elif isinstance(known[key], tuple):
            items = [value] if isinstance(value, str) else value
            if not isinstance(items, list) or not all(isinstance(v, str) for v in items):
                problems.append(f"[inbox] {key} should be a list of paths, got {value!r}")
            else:
                kwargs[key] = tuple(items)
        elif not isinstance(value, str):
            problems.append(f"[inbox] {key} should be text, got {value!r}")
        else:
            kwargs[key] = value
    return Inbox(**kwargs)


@dataclass
class Settings:
    me: Me = field(default_factory=Me)
    inbox: Inbox = field(default_factory=Inbox)
    cadence: Cadence = field(default_factory=Cadence)
    postings: Postings = field(default_factory=Postings)
    keymap: dict[str, str] = field(default_factory=dict)
    theme: str = "textual-dark"
    export_path: str = ""
    eml_dir: str = ""
    path: Path | None = None
    problems: list[str] = field(default_factory=list)


def config_path() -> Path:
    override = os.environ.get(ENV_VAR)
    if override:
        return Path(override).expanduser()
    from platformdirs import user_config_path

    return user_config_path("followup", appauthor=False) / "config.toml"


def _section(cls: type, raw: Any, name: str, problems: list[str]) -> Any:
    if not isinstance(raw, dict):
        problems.append(f"[{name}] must be a table; using defaults")
        return cls()
    known = {f.name: f for f in fields(cls)}
    kwargs = {}
    for key, value in raw.items():
        if key not in known:
            problems.append(f"[{name}] unknown key {key!r} (known: {', '.join(known)})")
            continue
        default = known[key].default
        # type(), not isinstance(): true is no number of days, and 1 is no yes-or-no.
        if type(value) is not type(default):
            problems.append(f"[{name}] {key} should be {type(default).__name__}, got {value!r}")
            continue
        if type(value) is int and value < 0:
            problems.append(f"[{name}] {key} must not be negative")
            continue
        kwargs[key] = value
    return cls(**kwargs)


def load_settings(path: Path | None = None) -> Settings:
    path = path or config_path()
    settings = Settings(path=path)
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return settings
    except (OSError, UnicodeDecodeError) as exc:
        settings.problems.append(f"{path}: cannot read ({exc}); using defaults")
        return settings
    try:
        raw = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        settings.problems.append(f"{path}: {exc}; using defaults")
        return settings
    problems = settings.problems
    for key, value in raw.items():
        if key == "me":
            settings.me = _section(Me, value, "me", problems)
        elif key == "cadence":
            settings.cadence = _section(Cadence, value, "cadence", problems)
        elif key == "postings":
            settings.postings = _section(Postings, value, "postings", problems)
        elif key == "inbox":
            settings.inbox = _inbox(value, problems)
        elif key == "keymap":
            if isinstance(value, dict) and all(isinstance(v, str) for v in value.values()):
                settings.keymap = dict(value)
            else:
                problems.append("[keymap] must map binding ids to key strings")
        elif key in ("theme", "export_path", "eml_dir"):
            if isinstance(value, str):
                setattr(settings, key, value)
            else:
                problems.append(f"{key} must be text")
        else:
            problems.append(f"unknown key {key!r} in {path.name}")
    if problems:
        problems[:] = [p if str(path) in p else f"{path}: {p}" for p in problems]
    return settings


def save_choice(key: str, value: str, path: Path | None = None) -> None:
    """Write one top-level choice back, keeping the file's comments and order."""
    import tomlkit

    path = path or config_path()
    try:
        doc = tomlkit.parse(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        doc = tomlkit.document()
    doc[key] = value
    from tui.store.fsio import save

    # the one durable write: 0600 (folders 0700) whatever the umask, a symlinked config kept a link
    save(path, tomlkit.dumps(doc).encode("utf-8"), f"the {key} setting")


def save_me(name: str, signature: str, path: Path | None = None) -> None:
    """Write ``[me] name`` (and ``signature`` when given) back, keeping comments and order."""
    import tomlkit

    path = path or config_path()
    try:
        doc = tomlkit.parse(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        doc = tomlkit.document()
    me = doc.get("me")
    if me is None:
        me = tomlkit.table()
        doc["me"] = me
    me["name"] = name
    if signature:
        me["signature"] = signature
    from tui.store.fsio import save

    save(path, tomlkit.dumps(doc).encode("utf-8"), "your name in [me]")
