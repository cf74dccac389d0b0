"""An IMAP account, read-only: ``EXAMINE`` (a read-only select) and ``BODY.PEEK``.

Nothing is marked read, moved or deleted: EXAMINE refuses every change to the folder
and BODY.PEEK does not set \\Seen. Headers of new messages are fetched in batches;
a body (its first 2 MB) only for the messages that match an application. The folder's
UIDVALIDITY and the highest UID read are the cursor.

``imaps://user@host[:993]/FOLDER`` is TLS from the first byte; ``imap://`` connects in
the clear and upgrades with STARTTLS, which is required except on the loopback
address (a local bridge such as Proton Bridge or a test server). A login name with an
@ in it is written ``user%40example.com@imap.example.com``. The password comes from
``password_command`` (``pass show mail``), never from a file.
"""

from __future__ import annotations

import contextlib
import ipaddress
import shlex
import ssl
import subprocess
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any
from urllib.parse import unquote, urlsplit

from tui.domain.errors import FollowupError, InputError
from tui.io.inbox.message import BODY_LIMIT
from tui.io.inbox.sources import RawMessage, Source

BATCH = 500
TIMEOUT_S = 30.0
_SHELL_CHARS = set("|&;<>()$`*?[]{}~\"'\\\n")


class ImapError(FollowupError):
    """A connection, TLS or login failure: one line, exit status 1, nothing written."""


@dataclass(frozen=True)
class ImapUrl:
    tls: bool
    user: str
    host: str
    port: int
    folder: str

    @property
    def account(self) -> str:
        return f"{self.user}@{self.host}" if self.user else self.host


def parse_imap_url(url: str) -> ImapUrl:
    try:
        parts = urlsplit(url.strip())
        port = parts.port
    except ValueError as exc:
        raise InputError(f"{url!r} is not an IMAP address ({exc}).") from None
    if parts.scheme not in ("imap", "imaps") or not parts.hostname:
        raise InputError(
            f"{url!r} is not an IMAP address; write it like imaps://you%40example.com@imap.example.com/INBOX."
        )
    tls = parts.scheme == "imaps"
    folder = unquote(parts.path.lstrip("/")) or "INBOX"
    return ImapUrl(tls, unquote(parts.username or ""), parts.hostname, port or (993 if tls else 143), folder)


def _is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def run_password_command(command: str) -> str:
    """The first line the command prints (``pass`` prints the password first). No shell unless needed."""
    if not command.strip():
        raise InputError("password_command is empty.")
    use_shell = any(ch in _SHELL_CHARS for ch in command)
    try:
        argv: Any = command if use_shell else shlex.split(command)
        done = subprocess.run(
            argv, shell=use_shell, capture_output=True, text=True, timeout=120, stdin=subprocess.DEVNULL
        )
    except FileNotFoundError:
        raise ImapError(
            f"password_command {command!r}: the program was not found; nothing was written."
        ) from None
    except subprocess.TimeoutExpired:
        raise ImapError(
            f"password_command {command!r} did not finish in 2 minutes; nothing was written."
        ) from None
    except (OSError, ValueError) as exc:
        raise ImapError(f"password_command {command!r} could not run ({exc}); nothing was written.") from None
    if done.returncode != 0:
        said = (done.stderr or "").strip().splitlines()
        tail = f": {said[-1]}" if said else ""
        raise ImapError(
            f"password_command {command!r} failed (exit status {done.returncode}){tail}; nothing was written."
        )
    lines = (done.stdout or "").splitlines()
    if not lines or not lines[0]:
        raise ImapError(f"password_command {command!r} printed no password; nothing was written.")
    return lines[0]


class ImapSource(Source):
    kind = "imap"

    def __init__(
        self,
        url: str | ImapUrl,
        *,
        password: str | None = None,
        password_command: str = "",
        ca_file: str = "",
        folder: str | None = None,
        sent: bool = False,
    ) -> None:
        self.url = url if isinstance(url, ImapUrl) else parse_imap_url(url)
        if folder:
            self.url = ImapUrl(self.url.tls, self.url.user, self.url.host, self.url.port, folder)
        self.sent = sent
        self._password = password
        self._password_command = password_command
        self._ca_file = ca_file
        self._client: Any = None
        self._parent: ImapSource | None = None  # the folders of one account share its login
        self._validity = 0
        self._last_uid = 0

    @property
    def id(self) -> str:
        u = self.url
        return f"imap:{u.account}:{u.port}/{u.folder}"

    @property
    def label(self) -> str:
        return f"IMAP {self.url.account}/{self.url.folder}"

    def _context(self) -> ssl.SSLContext:
        try:
            return ssl.create_default_context(cafile=self._ca_file or None)
        except (OSError, ssl.SSLError) as exc:
            raise InputError(f"ca_file {self._ca_file}: cannot be read as certificates ({exc}).") from None

    def folder(self, name: str, *, sent: bool) -> ImapSource:
        """Another folder of this account (a Sent folder), over the same login."""
        other = ImapSource(self.url, folder=name, sent=sent)
        other._parent = self
        return other

    def connect(self) -> Any:
        """A logged-in client (shared with the other folders of this account)."""
        if self._parent is not None:
            self._client = self._parent.connect()
        if self._client is not None:
            return self._client
        from imapclient import IMAPClient
        from imapclient.exceptions import IMAPClientError, LoginError

        u = self.url
        where = f"{u.host}:{u.port}"
        try:
            client = IMAPClient(u.host, u.port, ssl=u.tls, ssl_context=self._context(), timeout=TIMEOUT_S)
            if not u.tls:
                if b"STARTTLS" in client.capabilities():
                    client.starttls(self._context())
                elif not _is_loopback(u.host):
                    raise ImapError(
                        f"IMAP {where} offers no STARTTLS: refusing to send a password in the clear "
                        "(use imaps://); nothing was written."
                    )
        except ssl.SSLCertVerificationError as exc:
            reason = exc.verify_message or exc.reason or "certificate verify failed"
            raise ImapError(
                f"IMAP {where}: the TLS certificate was refused ({reason}); nothing was written. "
                "For a server with its own certificate, set ca_file in [inbox]."
            ) from None
        except ssl.SSLError as exc:
            raise ImapError(f"IMAP {where}: TLS failed ({exc.reason or exc}); nothing was written.") from None
        except TimeoutError:
            raise ImapError(f"IMAP {where}: no answer in {TIMEOUT_S:g} s; nothing was written.") from None
        except OSError as exc:
            raise ImapError(
                f"IMAP {where}: cannot connect ({exc.strerror or exc}); nothing was written."
            ) from None
        except IMAPClientError as exc:
            raise ImapError(f"IMAP {where}: {_said(exc)}; nothing was written.") from None
        password = self._password
        if password is None:
            if not self._password_command:
                client.shutdown()
                raise InputError(
                    f"IMAP {u.account} needs a password: set password_command in [inbox] of config.toml "
                    '(for example "pass show mail"); followup never stores one.'
                )
            password = run_password_command(self._password_command)
        try:
            client.login(u.user, password)
        except LoginError as exc:
            client.shutdown()
            raise ImapError(
                f"IMAP login to {u.account} failed: the server refused the user or password ({_said(exc)}); "
                "nothing was written."
            ) from None
        except IMAPClientError as exc:
            client.shutdown()
            raise ImapError(
                f"IMAP login to {u.account} failed ({_said(exc)}); nothing was written."
            ) from None
        self._client = client
        return client

    def open(self) -> None:
        self._examine()

    def _examine(self) -> None:
        """EXAMINE our folder (again: the folders of one account share a connection)."""
        from imapclient.exceptions import IMAPClientError

        client = self.connect()
        try:
            info = client.select_folder(self.url.folder, readonly=True)  # EXAMINE
        except IMAPClientError as exc:
            raise InputError(
                f"IMAP {self.url.account}: the folder {self.url.folder!r} cannot be opened ({_said(exc)}). "
                "Nothing was written."
            ) from None
        self._validity = int(info.get(b"UIDVALIDITY", 0) or 0)

    def messages(self, cursor: dict[str, Any] | None) -> Iterator[RawMessage]:
        self._examine()
        client = self._client
        start = 1
        if cursor and int(cursor.get("uidvalidity", -1)) == self._validity:
            start = int(cursor.get("last_uid", 0)) + 1
        uids = sorted(u for u in client.search(["UID", f"{start}:*"]) if u >= start)
        self._last_uid = max(start - 1, 0)
        for i in range(0, len(uids), BATCH):
            batch = uids[i : i + BATCH]
            fetched = client.fetch(batch, ["RFC822.SIZE", "INTERNALDATE", "BODY.PEEK[HEADER]"])
            for uid in batch:
                data = fetched.get(uid)
                if not data:
                    continue  # expunged meanwhile
                when = data.get(b"INTERNALDATE")
                if isinstance(when, datetime):
                    when = when if when.tzinfo else when.astimezone(UTC)
                yield RawMessage(
                    str(uid), data.get(b"BODY[HEADER]", b""), int(data.get(b"RFC822.SIZE", 0)), when
                )
                self._last_uid = max(self._last_uid, uid)

    def body(self, key: str) -> bytes:
        part = f"BODY.PEEK[]<0.{BODY_LIMIT}>"
        fetched = self._client.fetch([int(key)], [part])
        data = fetched.get(int(key)) or {}
        for name, value in data.items():
            if isinstance(name, bytes) and name.startswith(b"BODY[]"):
                return value or b""
        return b""

    def cursor(self) -> dict[str, Any]:
        return {"uidvalidity": self._validity, "last_uid": self._last_uid}

    def close(self) -> None:
        if self._client is not None and self._parent is None:
            with contextlib.suppress(Exception):  # the server hung up first: nothing to tidy
                self._client.logout()
        self._client = None


def _said(exc: BaseException) -> str:
    text = exc.args[0] if exc.args else str(exc)
    if isinstance(text, bytes):
        text = text.decode("utf-8", "replace")
    return " ".join(str(text).split()) or type(exc).__name__
