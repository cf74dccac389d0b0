"""Local mail folders, read-only: Maildir (mutt, aerc, mbsync, notmuch) and mbox (Takeout).

A source yields each message's *headers* (``RawMessage``) and hands out a body on
request, so a scan parses the headers of 10,000 messages and reads only the few
bodies that match. Each source also says where it stopped (``cursor``), and skips
what it already read when given that cursor back:

- Maildir: the inode change time. Delivery, mbsync, a copy, a rename (flags changing)
  and even ``utime`` all set a file's ctime to "now", and nothing can set it back, so a
  file whose ctime is older than the previous scan's start was read by it.
- mbox: the messages are appended; when the file still starts and (up to where we
  stopped) ends as before, the first N messages are skipped.

Nothing is ever written: Maildir files are opened for reading, and ``mailbox.mbox``
only writes when asked to flush a change, which we never make.
"""

from __future__ import annotations

import contextlib
import glob
import hashlib
import mailbox
import os
import re
import time
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from tui.domain.errors import InputError
from tui.io.inbox.message import BODY_LIMIT, has_header_end, header_block

CTIME_SLACK_NS = 2_000_000_000  # file times come from a coarse clock; network folders drift a little


@dataclass
class RawMessage:
    key: str
    header: bytes
    size: int
    fallback_date: datetime | None  # when the message has no usable Date: (file time, IMAP INTERNALDATE)


class Source:
    """What a scan needs from a folder; Maildir, mbox and IMAP fill it in."""

    kind = ""
    sent = False  # a Sent folder: the messages are yours

    @property
    def id(self) -> str:  # stable across runs: the cursor is kept under it
        raise NotImplementedError

    @property
    def label(self) -> str:
        raise NotImplementedError

    def open(self) -> None:
        """Check the folder is there and readable; raise InputError (or FollowupError) if not."""

    def messages(self, cursor: dict[str, Any] | None) -> Iterator[RawMessage]:
        raise NotImplementedError

    def body(self, key: str) -> bytes:
        """At most BODY_LIMIT bytes of the whole message."""
        raise NotImplementedError

    def cursor(self) -> dict[str, Any]:
        """Where the last ``messages`` run stopped (call after it is exhausted)."""
        return {}

    def close(self) -> None:
        pass


def _where(path: Path) -> str:
    home = Path.home()
    with contextlib.suppress(ValueError):
        return "~/" + str(path.relative_to(home))
    return str(path)


class MaildirSource(Source):
    """A Maildir read straight from its ``cur/`` and ``new/`` (``mailbox.Maildir`` hides the file
    times the cursor needs): one ``scandir`` each, a stat per file, the headers of those newer
    than the cursor. Keys are file names relative to the folder."""

    kind = "maildir"

    def __init__(self, path: str | os.PathLike[str], *, sent: bool = False) -> None:
        self.path = Path(path).expanduser()
        self.sent = sent
        self._started_ns = 0

    @property
    def id(self) -> str:
        return f"maildir:{self.path.resolve()}"

    @property
    def label(self) -> str:
        return f"Maildir {_where(self.path)}"

    def open(self) -> None:
        if not self.path.exists():
            raise InputError(f"The Maildir {self.path} does not exist; nothing was written.")
        if not self.path.is_dir():
            raise InputError(f"{self.path} is a file, not a Maildir folder (for an mbox file use --mbox).")
        if not (self.path / "cur").is_dir() or not (self.path / "new").is_dir():
            inside = sorted(p.name for p in self.path.iterdir() if _is_maildir(p))
            hint = (
                f" It holds these Maildirs: {', '.join(inside[:12])}; list the ones to read."
                if inside
                else ""
            )
            raise InputError(f"{self.path} is not a Maildir (it has no cur/ and new/ folders).{hint}")
        for sub in ("cur", "new"):
            if not os.access(self.path / sub, os.R_OK | os.X_OK):
                raise InputError(f"Cannot read the Maildir {self.path}: {sub}/ is not readable.")

    def messages(self, cursor: dict[str, Any] | None) -> Iterator[RawMessage]:
        since = int(cursor.get("ctime_ns", 0)) if cursor else 0
        self._started_ns = time.time_ns()
        for sub in ("new", "cur"):
            try:
                entries = list(os.scandir(self.path / sub))
            except OSError as exc:
                raise InputError(f"Cannot read the Maildir {self.path}: {exc.strerror}.") from None
            for entry in entries:
                if entry.name.startswith("."):
                    continue
                try:
                    st = entry.stat()
                    if st.st_ctime_ns < since or not entry.is_file():
                        continue
                    with open(entry.path, "rb") as f:
                        header = header_block(f.read)
                except FileNotFoundError:
                    continue  # moved (read in the mail client) since the listing: it comes back next scan
                yield RawMessage(
                    f"{sub}/{entry.name}", header, st.st_size, datetime.fromtimestamp(st.st_mtime, UTC)
                )

    def body(self, key: str) -> bytes:
        sub, _, name = key.partition("/")
        try:
            with open(self.path / sub / name, "rb") as f:
                return f.read(BODY_LIMIT)
        except FileNotFoundError:
            pass
        # read in the mail client since the listing: same unique name, new flags after ":"
        unique = glob.escape(name.partition(":")[0])
        for path in [*self.path.glob(f"cur/{unique}*"), *self.path.glob(f"new/{unique}*")]:
            with contextlib.suppress(FileNotFoundError), open(path, "rb") as f:
                return f.read(BODY_LIMIT)
        return b""

    def cursor(self) -> dict[str, Any]:
        return {"ctime_ns": self._started_ns - CTIME_SLACK_NS}


def _is_maildir(path: Path) -> bool:
    return path.is_dir() and (path / "cur").is_dir() and (path / "new").is_dir()


_FROM_LINE = re.compile(rb"^From ")
_BOUNDARY = re.compile(rb'boundary\s*=\s*"?([^";\r\n]+)"?', re.IGNORECASE)
_EDGE = 4096  # bytes hashed at the start and before where the last scan stopped


class MboxSource(Source):
    kind = "mbox"

    def __init__(self, path: str | os.PathLike[str], *, sent: bool = False) -> None:
        self.path = Path(path).expanduser()
        self.sent = sent
        self._box: mailbox.mbox | None = None
        self._count = 0
        self._end = 0

    @property
    def id(self) -> str:
        return f"mbox:{self.path.resolve()}"

    @property
    def label(self) -> str:
        return f"mbox {_where(self.path)}"

    def open(self) -> None:
        if not self.path.exists():
            raise InputError(f"The mbox file {self.path} does not exist; nothing was written.")
        if self.path.is_dir():
            raise InputError(f"{self.path} is a folder, not an mbox file (for a Maildir use --maildir).")
        try:
            with self.path.open("rb") as f:
                head = f.read(5)
        except OSError as exc:
            raise InputError(f"Cannot read the mbox {self.path}: {exc.strerror}.") from None
        if head and not _FROM_LINE.match(head):
            raise InputError(
                f"{self.path} is not an mbox file: it does not start with a “From ” line. "
                "Nothing was written."
            )
        # mailbox.mbox opens the file for update when it may (it never writes unless flushed).
        self._box = mailbox.mbox(self.path, factory=None, create=False)
        try:
            keys = self._box.keys()
        except OSError as exc:
            raise InputError(f"Cannot read the mbox {self.path}: {exc.strerror}.") from None
        if keys:
            self._check_last(keys[-1])

    def _check_last(self, key: Any) -> None:
        """A cut-short file (a download or copy that stopped) ends inside its last message."""
        assert self._box is not None
        with self._box.get_file(key) as f:
            header = header_block(f.read)
            problem = ""
            if not has_header_end(header):
                problem = "ends inside the headers of its last message"
            else:
                m = _BOUNDARY.search(header)
                if m and b"multipart" in header.lower():
                    closing = b"--" + m.group(1).strip() + b"--"
                    rest = f.read()
                    if closing not in rest:
                        problem = "ends inside its last message (its closing MIME boundary is missing)"
        if problem:
            raise InputError(
                f"The mbox {self.path} looks cut short: it {problem}. Nothing was written; "
                "copy or export it again."
            )

    def _head_hash(self, upto: int) -> tuple[str, str]:
        with self.path.open("rb") as f:
            first = f.read(_EDGE)
            f.seek(max(0, upto - _EDGE))
            last = f.read(min(_EDGE, upto))
        return hashlib.sha256(first).hexdigest()[:16], hashlib.sha256(last).hexdigest()[:16]

    def messages(self, cursor: dict[str, Any] | None) -> Iterator[RawMessage]:
        assert self._box is not None
        keys = self._box.keys()
        skip = 0
        if cursor:
            end, count = int(cursor.get("end", 0)), int(cursor.get("count", 0))
            size = self.path.stat().st_size
            if 0 < end <= size and count <= len(keys) and list(self._head_hash(end)) == cursor.get("edges"):
                skip = count  # the same file, with mail appended since
        mtime = datetime.fromtimestamp(self.path.stat().st_mtime, UTC)
        for key in keys[skip:]:
            with self._box.get_file(key) as f:
                header = header_block(f.read)
            start, stop = self._box._toc[key]  # the message's span in the file
            yield RawMessage(str(key), header, stop - start, mtime)
        self._count = len(keys)
        self._end = self._box._toc[keys[-1]][1] if keys else 0

    def body(self, key: str) -> bytes:
        assert self._box is not None
        with self._box.get_file(int(key)) as f:
            return f.read(BODY_LIMIT)

    def cursor(self) -> dict[str, Any]:
        if not self._end:
            return {}
        return {"end": self._end, "count": self._count, "edges": list(self._head_hash(self._end))}

    def close(self) -> None:
        if self._box is not None:
            self._box.close()
