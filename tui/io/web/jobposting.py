"""The schema.org ``JobPosting`` a job page carries, read from its HTML.

Applicant-tracking systems put it in a ``<script type="application/ld+json">`` (alone,
in a list, or in an ``@graph``) for search engines; some older pages use microdata
(``itemscope itemtype="https://schema.org/JobPosting"``). Read: title → role,
hiringOrganization → company, datePosted, validThrough, jobLocation (or remote),
employmentType, and the description as plain text. Without one, OpenGraph
(``og:title``, ``og:site_name``, ``og:description``) and ``<title>`` stand in, and the
result says so (``kind``), so the preview can tell the user what is a guess.

The page's visible text is also scanned for a sentence saying the job is closed ("no
longer accepting applications"): ``closed_sentence``, the evidence ``check`` records.
Never raises on any HTML: broken markup, bad JSON, odd types give what can be read.
"""

from __future__ import annotations

import html
import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from typing import Any

from tui.io.web.html_text import clean_text, node_text, parse_html

MAX_FIELD = 300  # a title or company name longer than this is not one
_ISO_DAY = re.compile(r"^\s*(\d{4})-(\d{2})-(\d{2})")
EMPLOYMENT_TYPES = {
    "FULL_TIME": "full time",
    "PART_TIME": "part time",
    "CONTRACTOR": "contract",
    "CONTRACT": "contract",
    "TEMPORARY": "temporary",
    "INTERN": "internship",
    "INTERNSHIP": "internship",
    "VOLUNTEER": "volunteer",
    "PER_DIEM": "per diem",
    "OTHER": "other",
}


@dataclass(frozen=True)
class PagePosting:
    kind: str  # where it was read: "json-ld", "microdata", "opengraph", "title", or "" (nothing)
    title: str = ""
    company: str = ""
    date_posted: date | None = None
    valid_through: date | None = None
    location: str = ""
    employment_type: str = ""
    description: str = ""  # plain text
    closed_sentence: str = ""  # "This job is no longer accepting applications." when the page says so

    @property
    def is_structured(self) -> bool:
        """Read from a JobPosting (not guessed from OpenGraph or the title)."""
        return self.kind in ("json-ld", "microdata")


# -- small readers ------------------------------------------------------------------------


def _short(value: Any) -> str:
    if isinstance(value, list):
        value = next((v for v in value if isinstance(v, str | dict)), "")
    if isinstance(value, dict):
        value = value.get("name") or value.get("@value") or ""
    if not isinstance(value, str | int | float) or isinstance(value, bool):
        return ""
    text = clean_text(html.unescape(str(value)))
    return text if len(text) <= MAX_FIELD else text[: MAX_FIELD - 1] + "…"


def _day(value: Any) -> date | None:
    if isinstance(value, list):
        value = value[0] if value else None
    if not isinstance(value, str):
        return None
    match = _ISO_DAY.match(value)
    if not match:
        return None
    try:
        return date(*(int(g) for g in match.groups()))
    except ValueError:
        return None


def _employment(value: Any) -> str:
    items = value if isinstance(value, list) else [value]
    words = []
    for item in items:
        if not isinstance(item, str) or not item.strip():
            continue
        key = item.strip().upper().replace("-", "_").replace(" ", "_")
        word = EMPLOYMENT_TYPES.get(key, clean_text(item).lower().replace("_", " "))
        if word not in words:
            words.append(word)
    return ", ".join(words)[:MAX_FIELD]


def _place(value: Any) -> str:
    """A jobLocation (a Place, its PostalAddress, or text) as "Berlin, BE, DE"."""
    if isinstance(value, str):
        return _short(value)
    if not isinstance(value, dict):
        return ""
    address = value.get("address", value)
    if isinstance(address, list):
        address = address[0] if address else {}
    if isinstance(address, str):
        return _short(address)
    if not isinstance(address, dict):
        return _short(value.get("name"))
    parts = []
    for key in ("addressLocality", "addressRegion", "addressCountry"):
        part = _short(address.get(key))
        if part and part not in parts:
            parts.append(part)
    return ", ".join(parts) or _short(value.get("name"))


def _location(posting: dict[str, Any]) -> str:
    places = posting.get("jobLocation")
    places = places if isinstance(places, list) else [places]
    names = []
    for place in places[:10]:
        name = _place(place)
        if name and name not in names:
            names.append(name)
    remote = str(posting.get("jobLocationType", "")).upper() == "TELECOMMUTE"
    if remote:
        names.insert(0, "remote")
    return "; ".join(names)[:MAX_FIELD]


def _description(value: Any) -> str:
    from tui.io.web.html_text import html_to_text

    if isinstance(value, list):
        value = "\n".join(v for v in value if isinstance(v, str))
    return html_to_text(value) if isinstance(value, str) else ""


def _from_schema(posting: dict[str, Any], kind: str) -> PagePosting:
    return PagePosting(
        kind=kind,
        title=_short(posting.get("title") or posting.get("name")),
        company=_short(posting.get("hiringOrganization")),
        date_posted=_day(posting.get("datePosted")),
        valid_through=_day(posting.get("validThrough")),
        location=_location(posting),
        employment_type=_employment(posting.get("employmentType")),
        description=_description(posting.get("description")),
    )


# -- JSON-LD ---------------------------------------------------------------------------------


def _is_job_posting(node: dict[str, Any]) -> bool:
    types = node.get("@type")
    types = types if isinstance(types, list) else [types]
    return any(isinstance(t, str) and t.rsplit("/", 1)[-1].rsplit(":", 1)[-1] == "JobPosting" for t in types)


def _json_ld_postings(data: Any) -> Iterator[dict[str, Any]]:
    """Every JobPosting object in a JSON-LD value (lists, ``@graph``, nesting), breadth-first."""
    queue = [data]
    seen = 0
    while queue and seen < 10_000:
        node = queue.pop(0)
        seen += 1
        if isinstance(node, list):
            queue.extend(node)
        elif isinstance(node, dict):
            if _is_job_posting(node):
                yield node
            queue.extend(v for v in node.values() if isinstance(v, list | dict))


def _load_json(text: str) -> Any:
    text = text.strip()
    # Some pages wrap the JSON in an HTML comment or CDATA for very old browsers.
    for start, end in (("<!--", "-->"), ("<![CDATA[", "]]>"), ("//<![CDATA[", "//]]>")):
        if text.startswith(start) and text.endswith(end):
            text = text[len(start) : -len(end)].strip()
    try:
        return json.loads(text, strict=False)  # strict=False: raw newlines inside strings
    except ValueError:
        pass
    try:  # trailing junk after the object ("};" from a template)
        return json.JSONDecoder(strict=False).raw_decode(text)[0]
    except ValueError:
        return None


def _read_json_ld(tree) -> PagePosting | None:
    for script in tree.css("script"):
        kind = (script.attributes.get("type") or "").split(";")[0].strip().lower()
        if kind != "application/ld+json":
            continue
        data = _load_json(script.text(deep=True) or "")
        for posting in _json_ld_postings(data):
            found = _from_schema(posting, "json-ld")
            if found.title or found.company:
                return found
    return None


# -- microdata -------------------------------------------------------------------------------


def _item_value(node) -> Any:
    attrs = node.attributes
    tag = node.tag
    if "itemscope" in attrs:
        return _microdata_item(node)
    if tag == "meta":
        return attrs.get("content") or ""
    if tag == "time":
        return attrs.get("datetime") or node.text()
    if tag in ("a", "link", "area"):
        return attrs.get("href") or node.text()
    if tag in ("data", "meter"):
        return attrs.get("value") or node.text()
    if tag in ("img", "source"):
        return attrs.get("src") or ""
    return node


def _microdata_item(item) -> dict[str, Any]:
    """One item's properties (the first value of each); a nested item is its own dict.
    Node values are kept as nodes so the description can be read as text with its blocks."""
    props: dict[str, Any] = {}
    stack = list(reversed(list(item.iter())))
    while stack:
        node = stack.pop()
        names = (node.attributes.get("itemprop") or "").split()
        for name in names:
            if name not in props:
                props[name] = _item_value(node)
        if "itemscope" not in node.attributes:
            stack.extend(reversed(list(node.iter())))
    return props


def _as_text(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _as_text(v) for k, v in value.items()}
    if isinstance(value, str):
        return value
    return node_text(value) if value is not None else ""


def _read_microdata(tree) -> PagePosting | None:
    for node in tree.css("[itemscope][itemtype]"):
        types = (node.attributes.get("itemtype") or "").split()
        if not any(t.rstrip("/").rsplit("/", 1)[-1] == "JobPosting" for t in types):
            continue
        props = _microdata_item(node)
        description = props.pop("description", "")
        posting = _as_text(props)
        found = _from_schema(posting, "microdata")
        text = description if isinstance(description, str) else node_text(description)
        found = PagePosting(**{**found.__dict__, "description": clean_paragraphs(text)})
        if found.title or found.company:
            return found
    return None


def clean_paragraphs(text: str) -> str:
    from tui.io.web.html_text import html_to_text

    return (
        html_to_text(text)
        if "<" in text
        else "\n".join(clean_text(line) for line in text.split("\n")).strip()
    )


# -- fallbacks -------------------------------------------------------------------------------

# "Job Application for Backend Engineer at Acme" (a common ATS title), "Backend Engineer at Acme".
_TITLE_AT = re.compile(
    r"^(?:job\s+application\s+for\s+)?(?P<role>.+?)\s+at\s+(?P<company>[^|–—]+?)\s*(?:[|–—].*)?$",
    re.IGNORECASE,
)
_TITLE_SPLIT = re.compile(r"\s+[|–—-]\s+")


def _meta(tree, prop: str) -> str:
    node = tree.css_first(f'meta[property="{prop}"]') or tree.css_first(f'meta[name="{prop}"]')
    return _short(node.attributes.get("content") or "") if node is not None else ""


def _read_fallback(tree) -> PagePosting:
    og_title = _meta(tree, "og:title")
    site = _meta(tree, "og:site_name")
    title_node = tree.css_first("title")
    page_title = _short(title_node.text()) if title_node is not None else ""
    kind = "opengraph" if og_title else ("title" if page_title else "")
    title = og_title or page_title
    company = site
    match = _TITLE_AT.match(title)
    if match:
        title, company = match.group("role").strip(), company or match.group("company").strip()
    elif company:
        # "Backend Engineer - Acme" / "Acme | Backend Engineer": drop the part naming the site.
        parts = [p for p in _TITLE_SPLIT.split(title) if p.strip()]
        rest = [p for p in parts if p.strip().casefold() != company.casefold()]
        if rest and len(rest) < len(parts):
            title = " - ".join(rest)
    description = _meta(tree, "og:description") or _meta(tree, "description")
    return PagePosting(
        kind=kind if (title or company) else "", title=title, company=company, description=description
    )


# -- "no longer accepting applications" -----------------------------------------------------

_CLOSED = re.compile(
    r"\b(?:"
    r"(?:is\s+|are\s+)?no\s+longer\s+(?:accepting|taking)\s+(?:applications|applicants|candidates)"
    r"|(?:job|position|posting|role|vacancy|opening|listing|requisition)\s+(?:is|has)\s+(?:been\s+)?"
    r"(?:no\s+longer\s+(?:available|open|active|accepting\s+applications)|closed|filled|expired|removed)"
    r"|(?:job|position|posting|role|vacancy|opening|page)\s+you\s+(?:are|were|'re)\s+looking\s+for\s+"
    r"(?:is\s+no\s+longer\s+(?:available|open)|has\s+been\s+(?:closed|filled|removed)|(?:does\s+not|doesn't)\s+exist)"
    r"|applications\s+(?:for\s+this\s+(?:job|position|role)\s+)?(?:are|have)\s+(?:now\s+)?closed"
    r"|this\s+(?:job|position|posting)\s+has\s+expired"
    r")",
    re.IGNORECASE,
)
# What may follow the phrase in a sentence that means "this job is closed". Anything
# else ("... from agencies", "... after 5 January") is about something narrower.
_CLOSED_TAIL = re.compile(
    r"^\s*(?:(?:for|to)\s+this\s+(?:job|position|role|posting|opening|vacancy)|at\s+this\s+time|now)?\s*"
    r"(?:[.!,;:)]|\s)*$",
    re.IGNORECASE,
)
_SENTENCE = re.compile(r"[^.!?\n]{0,300}[.!?]?")


def closed_sentence(text: str) -> str:
    """The first sentence of ``text`` saying the job is closed, or ""."""
    for line in text.split("\n"):
        for match in _CLOSED.finditer(line):
            # The sentence around the match: back to the last stop, on to the next.
            start = max(line.rfind(". ", 0, match.start()), line.rfind("! ", 0, match.start())) + 1
            end_match = re.search(r"[.!?](?:\s|$)", line[match.end() :])
            end = match.end() + (end_match.end() if end_match else len(line) - match.end())
            if not _CLOSED_TAIL.match(line[match.end() : end]):
                continue
            sentence = line[start:end].strip()
            return sentence if len(sentence) <= 200 else sentence[:199] + "…"
    return ""


def _visible_text(tree) -> str:
    body = tree.body
    return node_text(body) if body is not None else ""


# -- the entry point -------------------------------------------------------------------------


def read_job_page(markup: str) -> PagePosting:
    """What a job page says about its posting (see the module docstring)."""
    if not isinstance(markup, str) or not markup.strip():
        return PagePosting(kind="")
    tree = parse_html(markup)
    found = _read_json_ld(tree) or _read_microdata(tree)
    if found is None:
        found = _read_fallback(tree)
    visible = _visible_text(tree)
    closed = closed_sentence(visible)
    if not closed and found.description:
        closed = closed_sentence(found.description)
    if closed:
        found = PagePosting(**{**found.__dict__, "closed_sentence": closed})
    return found
