"""An import file as numbered text lines, in whatever encoding it was saved, in constant memory.

Exports come as UTF-8 (LinkedIn, phones), UTF-8 with a few broken bytes (a bad copy),
cp1252 or Mac Roman (a spreadsheet's re-save), or UTF-16 with a BOM (Outlook). The
encoding is decided once, from the bytes themselves:

- every line is UTF-8: UTF-8;
- some lines are not, but others hold real UTF-8 letters: UTF-8 with broken bytes; those
  lines carry a ``problem`` (the reader skips what they belong to and says why);
- no line holds UTF-8 letters: a legacy 8-bit encoding, guessed by charset-normalizer
  from the lines that are not UTF-8 (cp1252 when it cannot tell).

A file is read twice from disk (once to decide, once to read), a line at a time; a line
longer than ``MAX_LINE`` bytes (a 10 MB photo on one line) is never held: it comes out
empty, with a problem saying so. Line ends may be ``\\n``, ``\\r\\n``, ``\\r\\r\\n`` (iOS) or ``\\r``.
"""

from __future__ import annotations

import io
import os
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO, NamedTuple

from tui.domain.errors import ImportFormatError, InputError

MAX_LINE = 1 << 20  # bytes; longer lines are dropped, not read
_SAMPLE = 64 * 1024  # bytes of non-UTF-8 lines shown to the encoding detector
_CHUNK = 64 * 1024


class Line(NamedTuple):  # a tuple: a 30,000-line file makes 30,000 of them
    number: int  # 1-based physical line
    text: str  # without its line end
    problem: str = ""  # why the line cannot be trusted ("" when it can)


class TextFile:
    """The lines of one import file. ``encoding`` is what it was read as."""

    def __init__(self, source: str | bytes | os.PathLike[str], what: str = "import file") -> None:
        self.label = what
        self._path: Path | None = None
        self._bytes: bytes | None = None
        self._text: str | None = None
        if isinstance(source, os.PathLike) or (
            isinstance(source, str)
            and "\n" not in source
            and len(source) < 4096
            and os.path.exists(source)
            and not os.path.isdir(source)
        ):
            self._path = Path(source)
            self.label = self._path.name
            try:
                self._open_regular().close()
            except FileNotFoundError:
                raise InputError(f"{self.label}: no such file.") from None
            except IsADirectoryError:
                raise InputError(f"{self.label}: a folder, not a file.") from None
            except OSError as exc:
                from tui.store.fsio import reason

                raise InputError(f"{self.label}: cannot be read ({reason(exc)}); nothing was read.") from None
        elif isinstance(source, bytes | bytearray | memoryview):
            self._bytes = bytes(source)
        elif isinstance(source, str):
            self._text = source
        else:
            raise InputError(f"{self.label}: expected a file path or its text, got {type(source).__name__}.")
        self.encoding = "text" if self._text is not None else self._decide()

    # -- reading -----------------------------------------------------------------------

    def _open_regular(self) -> BinaryIO:
        """The file, opened only when it is a regular file: a FIFO or a device is refused at
        once instead of blocking or reading forever."""
        from tui.store.fsio import open_regular

        assert self._path is not None
        return open_regular(self._path)

    def _open(self) -> BinaryIO:
        if self._path is not None:
            try:
                return self._open_regular()
            except OSError as exc:
                raise InputError(f"{self.label}: cannot be read ({exc.strerror or exc}).") from None
        return io.BytesIO(self._bytes or b"")

    def _raw_lines(self) -> Iterator[bytes | None]:
        """Each physical line's bytes without its end (None: longer than MAX_LINE)."""
        with self._open() as f:
            pending = b""
            while True:
                chunk = f.readline(_CHUNK)
                if not chunk:
                    break
                if not chunk.endswith(b"\n"):
                    if len(pending) + len(chunk) <= MAX_LINE:
                        pending += chunk
                        continue
                    while chunk and not chunk.endswith(b"\n"):  # skip the rest of the long line
                        chunk = f.readline(_CHUNK)
                    pending = b""
                    yield None
                    continue
                line, pending = pending + chunk, b""
                yield from _split_cr(line.rstrip(b"\n").rstrip(b"\r"))
            if pending:
                yield from _split_cr(pending.rstrip(b"\r"))

    def _decide(self) -> str:
        head = self._head()
        if head.startswith(b"\xef\xbb\xbf"):
            head = head[3:]
        elif head.startswith((b"\xff\xfe", b"\xfe\xff")):
            return "utf-16"
        if b"\x00" in head:
            # UTF-16 without a BOM is mostly NULs between ASCII letters
            even, odd = head[0::2].count(0), head[1::2].count(0)
            if odd > len(head) // 3 and even == 0:
                return "utf-16-le"
            if even > len(head) // 3 and odd == 0:
                return "utf-16-be"
            raise ImportFormatError(f"{self.label}: not a text file (it holds NUL bytes).")
        letters = bad = 0
        sample = bytearray()
        for raw in self._raw_lines():
            if raw is None or raw.isascii():
                continue
            try:
                raw.decode("utf-8")
                letters += 1
            except UnicodeDecodeError:
                bad += 1
                if len(sample) < _SAMPLE:
                    sample += raw + b"\n"
        if not bad:
            return "utf-8"
        if letters:
            return "utf-8-broken"
        return _guess_legacy(bytes(sample))

    def _head(self) -> bytes:
        with self._open() as f:
            return f.read(4096)

    def __iter__(self) -> Iterator[Line]:
        if self._text is not None:
            yield from _text_lines(self._text.removeprefix("\ufeff"))
            return
        if self.encoding.startswith("utf-16"):
            # UTF-16 cannot be cut at b"\n"; such files (Outlook's) are small: decode whole
            raw = self._bytes if self._bytes is not None else self._open().read()
            text = raw.decode(self.encoding, "replace")
            if "\x00" in text:
                raise ImportFormatError(f"{self.label}: not a text file (it holds NUL bytes).")
            yield from _text_lines(text.removeprefix("\ufeff"))
            return
        codec = "utf-8" if self.encoding.startswith("utf-8") else self.encoding
        for number, raw in enumerate(self._raw_lines(), start=1):
            if number == 1 and raw is not None and raw.startswith(b"\xef\xbb\xbf"):
                raw = raw[3:]
            if raw is None:
                yield Line(number, "", f"longer than {MAX_LINE // (1 << 20)} MiB, left out")
                continue
            if b"\x00" in raw:
                yield Line(number, "", "holds NUL bytes (not text)")
                continue
            try:
                yield Line(number, raw.decode(codec))
            except UnicodeDecodeError as exc:
                yield Line(
                    number,
                    raw.decode(codec, "replace"),
                    f"byte 0x{raw[exc.start]:02x} at column {exc.start + 1} is not {codec.upper()} text",
                )


def _split_cr(line: bytes) -> list[bytes]:
    """Old Mac files end lines with a lone CR; "\\r\\r\\n" was stripped before this."""
    return line.split(b"\r") if b"\r" in line else [line]


def _text_lines(text: str) -> Iterator[Line]:
    number = 0
    for part in text.split("\n"):
        for piece in part.rstrip("\r").split("\r"):
            number += 1
            if "\x00" in piece:
                yield Line(number, "", "holds NUL bytes (not text)")
            else:
                yield Line(number, piece)
    # a final newline leaves one empty line behind: harmless to every reader


# What spreadsheets and old mail programs save as; isolating them keeps the guess quick.
_LEGACY = ("cp1252", "mac_roman", "cp850", "iso8859_15", "cp1250", "iso8859_2", "cp1251", "koi8_r")


def _guess_legacy(sample: bytes) -> str:
    """The 8-bit encoding of lines that are not UTF-8 (cp1252 when the detector cannot tell)."""
    from charset_normalizer import from_bytes  # only a non-UTF-8 file pays for it

    matches = from_bytes(sample, cp_isolation=list(_LEGACY))
    best = matches.best()
    encoding = best.encoding if best is not None else "cp1252"
    # cp1250 and cp1252 read most Western letters alike; when cp1252 is as clean, it is the
    # one a spreadsheet wrote (Windows' default outside Central Europe).
    for m in matches:
        if best is not None and m.encoding == "cp1252" and m.chaos <= best.chaos + 0.01:
            encoding = "cp1252"
    if encoding in ("utf_8", "ascii"):
        encoding = "cp1252"
    return encoding.replace("_", "-")
