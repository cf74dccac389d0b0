"""Bytes of a web page to text, the way a browser picks the encoding (WHATWG, simplified).

Order: a byte-order mark, then the ``charset`` of the Content-Type header, then a
``<meta charset>`` or ``http-equiv`` in the first 4 KB, then UTF-8 if the bytes are valid
UTF-8, else windows-1252 (what browsers assume for an unlabelled Western page; it is
also what "iso-8859-1" and "ascii" labels really mean on the web). Never raises:
undecodable bytes become U+FFFD.
"""

from __future__ import annotations

import codecs
import re

_META = re.compile(rb"""<meta[^>]{0,200}?charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]{1,40})""", re.IGNORECASE)
_HEADER_CHARSET = re.compile(r"""charset\s*=\s*["']?([A-Za-z0-9_.:-]{1,40})""", re.IGNORECASE)
# Labels the web uses for windows-1252 (WHATWG Encoding: "latin1", "ascii", ... all mean it).
_WINDOWS_1252 = {"iso-8859-1", "iso8859-1", "latin1", "latin-1", "l1", "ascii", "us-ascii", "cp1252"}
_BOMS = ((codecs.BOM_UTF8, "utf-8"), (codecs.BOM_UTF16_LE, "utf-16-le"), (codecs.BOM_UTF16_BE, "utf-16-be"))


def _codec(label: str | bytes | None) -> str | None:
    if not label:
        return None
    if isinstance(label, bytes):
        label = label.decode("ascii", "ignore")
    label = label.strip().lower()
    if label in _WINDOWS_1252:
        return "cp1252"
    try:
        name = codecs.lookup(label).name
    except LookupError:
        return None
    # A page cannot really be UTF-16 once it says so in ASCII; browsers read it as UTF-8.
    return "utf-8" if name.startswith("utf-16") else name


def charset_from_header(content_type: str) -> str | None:
    match = _HEADER_CHARSET.search(content_type or "")
    return _codec(match.group(1)) if match else None


def decode_html(body: bytes, content_type: str = "", *, truncated: bool = False) -> str:
    """``truncated``: the body was cut at a size cap, so its last character may be cut too."""
    for bom, name in _BOMS:
        if body.startswith(bom):
            return body[len(bom) :].decode(name, errors="replace")
    name = charset_from_header(content_type)
    if name is None:
        match = _META.search(body[:4096])
        name = _codec(match.group(1)) if match else None
    if name is None:
        try:
            return body.decode("utf-8")
        except UnicodeDecodeError as exc:
            # A size cap may cut a character in two: valid up to the last few bytes is UTF-8.
            if truncated and exc.start >= len(body) - 3:
                return body.decode("utf-8", errors="replace")
            name = "cp1252"
    return body.decode(name, errors="replace")
