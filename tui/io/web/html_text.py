"""HTML to plain text: paragraphs, line breaks and bullets kept, markup and scripts gone.

A job description in JSON-LD is HTML, often escaped twice (``&lt;p&gt;``); both forms
come out as the same text. The walk is iterative, so a page of 100,000 nested
``<div>`` (broken HTML) cannot exhaust the stack. Control characters (an ESC that
would drive the terminal) are removed: other people's text never reaches it raw.
"""

from __future__ import annotations

import html
import re

BLOCK_TAGS = frozenset(
    [
        "address",
        "article",
        "aside",
        "blockquote",
        "dd",
        "details",
        "div",
        "dl",
        "dt",
        "fieldset",
        "figcaption",
        "figure",
        "footer",
        "form",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "header",
        "hr",
        "li",
        "main",
        "nav",
        "ol",
        "p",
        "pre",
        "section",
        "summary",
        "table",
        "tbody",
        "thead",
        "tfoot",
        "tr",
        "ul",
    ]
)
SKIP_TAGS = frozenset(
    {"script", "style", "noscript", "template", "head", "svg", "iframe", "object", "-comment"}
)
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u200b\u2028\u2029\ufeff]")
_SPACES = re.compile(r"[ \t\f\v\r\n\u00a0]+")
_ESCAPED_TAG = re.compile(r"&lt;\s*/?\s*(?:p|br|li|ul|ol|div|h[1-6]|strong|b|em|span)\b", re.IGNORECASE)
_LOOKS_LIKE_HTML = re.compile(r"<\s*/?\s*[a-zA-Z][a-zA-Z0-9]*[\s/>]")
# Rows of a list or table end a line; other blocks end a paragraph (a blank line).
LINE_TAGS = frozenset({"li", "dt", "dd", "tr", "summary", "figcaption"})
VOID_TAGS = frozenset(
    [
        "area",
        "base",
        "br",
        "col",
        "embed",
        "hr",
        "img",
        "input",
        "link",
        "meta",
        "param",
        "source",
        "track",
        "wbr",
    ]
)
_TAG_TOKEN = re.compile(r"<(/?)([a-zA-Z][a-zA-Z0-9-]{0,30})[^<>]{0,2000}?(/?)>")
# HTML5 tree building scans the open elements for each tag, so its cost grows with the
# square of the nesting: 16,000 unclosed <div> take seconds. Real pages nest < 100 deep.
MAX_DEPTH = 1_500


def clean_text(text: str) -> str:
    """One run of text: control characters out, whitespace runs to one space, trimmed."""
    return _SPACES.sub(" ", _CONTROL.sub("", text)).strip()


def cut_runaway_nesting(markup: str) -> str:
    """``markup`` up to the first tag that would nest deeper than ``MAX_DEPTH`` (broken HTML)."""
    depth = 0
    for match in _TAG_TOKEN.finditer(markup):
        closing, tag, self_closing = match.groups()
        tag = tag.lower()
        if tag in VOID_TAGS or self_closing:
            continue
        if closing:
            depth = max(0, depth - 1)
        else:
            depth += 1
            if depth > MAX_DEPTH:
                return markup[: match.start()]
    return markup


def parse_html(markup: str):
    """A parsed document (selectolax's lexbor), safe against runaway nesting."""
    from selectolax.lexbor import LexborHTMLParser

    return LexborHTMLParser(cut_runaway_nesting(markup))


def html_to_text(markup: str) -> str:
    """Plain text of an HTML fragment or document (plain text in gives the same text back)."""
    if not markup or not markup.strip():
        return ""
    if _ESCAPED_TAG.search(markup) and not _LOOKS_LIKE_HTML.search(markup):
        markup = html.unescape(markup)  # HTML escaped into a JSON-LD string
    if not _LOOKS_LIKE_HTML.search(markup):
        return _paragraphs(html.unescape(markup).split("\n"))
    tree = parse_html(markup)
    root = tree.body or tree.root
    return node_text(root) if root is not None else ""


def node_text(root) -> str:
    """Plain text under one parsed node (see ``html_to_text``)."""
    lines: list[str] = []
    current: list[str] = []

    def end_line(paragraph: bool) -> None:
        text = clean_text("".join(current))
        current.clear()
        if text:
            lines.append(text)
        if paragraph and lines and lines[-1] != "":
            lines.append("")  # a paragraph break, once

    # (node, entering): a block ends its line on the way out as well as in.
    stack = [(root, True)]
    while stack:
        node, entering = stack.pop()
        tag = node.tag
        if not entering:
            end_line(tag not in LINE_TAGS)
            continue
        if tag == "-text":
            current.append(node.text_content or "")
            continue
        if tag in SKIP_TAGS:
            continue
        if tag == "br":
            end_line(False)
            continue
        if tag in BLOCK_TAGS:
            end_line(tag not in LINE_TAGS)
            if tag == "li":
                current.append("- ")
            stack.append((node, False))
        children = list(node.iter(include_text=True))
        stack.extend((child, True) for child in reversed(children))
    end_line(False)
    return _paragraphs(lines)


def _paragraphs(lines: list[str]) -> str:
    out: list[str] = []
    for raw in lines:
        line = clean_text(raw)
        if line in ("", "-"):
            if out and out[-1] != "":
                out.append("")
            continue
        out.append(line)
    while out and out[-1] == "":
        out.pop()
    return "\n".join(out)
