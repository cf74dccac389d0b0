"""The contact form's rules, without widgets: what each typed value must look like.

``check_contact`` takes the form's text values and returns the cleaned values plus one
message per wrong field, in words that say what is wrong and what would be right. The
form shows the messages under the fields and saves nothing until there are none. Pure
functions, so they are tested without a terminal; nothing here imports Textual.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from urllib.parse import urlsplit

from tui.domain.models import MAX_TEXT, Contact
from tui.io.importers.merge import email_key, profile_key

TEXT_FIELDS: tuple[str, ...] = ("name", "title", "company", "email", "phone", "linkedin", "twitter", "notes")
# One-line fields: a name or title is a line, not a page. Notes take up to MAX_TEXT.
MAX_LINE = 300

# An address as mail clients accept one: something@host.tld, no spaces or brackets.
_EMAIL = re.compile(r"[^@\s<>()\[\],;:\"]+@[^@\s<>()\[\],;:\"]+\.[^@\s<>()\[\],;:\".]{2,}")
_PHONE_CHARS = re.compile(r"\+?[\d\s().\-/]+(?:\s*(?:x|ext\.?|extension)\s*\d{1,6})?", re.IGNORECASE)
_HANDLE = re.compile(r"@?([A-Za-z0-9_]{1,15})")
_TWITTER_HOSTS = ("twitter.com", "x.com")


def check_email(text: str) -> str | None:
    """A message when ``text`` (stripped, non-empty) is not an email address."""
    if _EMAIL.fullmatch(text) is None:
        if "@" not in text:
            return "not an email address: it has no @ (like name@example.com)"
        return "not an email address (like name@example.com)"
    return None


def check_phone(text: str) -> str | None:
    """A message when ``text`` is not a phone number: digits, spaces, + ( ) - . / and an
    extension ("x 12"); 4 to 20 digits."""
    if _PHONE_CHARS.fullmatch(text) is None:
        return "a phone number holds digits, spaces, + ( ) - . and an extension like x12"
    digits = sum(ch.isdigit() for ch in re.split(r"(?i)x|ext", text)[0])
    if digits < 4:
        return "too few digits for a phone number"
    if digits > 20:
        return "too many digits for a phone number"
    return None


def _web_url(text: str) -> tuple[str, str] | None:
    """(url with a scheme, host) for a web address, adding https:// when it was left out."""
    url = text if re.match(r"(?i)https?://", text) else "https://" + text.removeprefix("//")
    if any(ch.isspace() for ch in url):
        return None
    try:
        parts = urlsplit(url)
        host = (parts.hostname or "").lower()
    except ValueError:
        return None
    if parts.scheme.lower() not in ("http", "https") or "." not in host:
        return None
    return url, host


def clean_linkedin(text: str) -> tuple[str, str | None]:
    """(the profile URL to keep, a message when it is not a LinkedIn address)."""
    found = _web_url(text)
    if found is None:
        return text, "not a web address: expected a profile URL like https://www.linkedin.com/in/name"
    url, host = found
    if host != "linkedin.com" and not host.endswith(".linkedin.com"):
        return text, f"{host} is not LinkedIn: expected a profile URL like https://www.linkedin.com/in/name"
    if urlsplit(url).path.strip("/") == "":
        return (
            text,
            "that is LinkedIn's home page: expected a profile URL like https://www.linkedin.com/in/name",
        )
    return url, None


def clean_twitter(text: str) -> tuple[str, str | None]:
    """(the handle as "@name", a message when ``text`` is neither a handle nor a profile link)."""
    handle = _HANDLE.fullmatch(text)
    if handle is not None:
        return "@" + handle.group(1), None
    found = _web_url(text)
    if found is not None and found[1].removeprefix("www.").removeprefix("mobile.") in _TWITTER_HOSTS:
        name = urlsplit(found[0]).path.strip("/").split("/", 1)[0]
        if _HANDLE.fullmatch(name) is not None:
            return "@" + name.lstrip("@"), None
    return text, "expected a handle like @name (letters, digits and _, at most 15) or an x.com link"


def check_contact(
    values: dict[str, str], others: Iterable[Contact] = (), self_id: int | None = None
) -> tuple[dict[str, str], dict[str, str]]:
    """(cleaned values, {field: message}) for the form's text fields.

    ``others`` are the stored contacts: an email address or profile already kept for
    someone else is refused (edit that contact instead), since an import would later
    merge the two anyway.
    """
    cleaned: dict[str, str] = {}
    errors: dict[str, str] = {}
    for name in TEXT_FIELDS:
        raw = values.get(name, "")
        value = raw if isinstance(raw, str) else ""
        if name == "notes":
            value = value.strip()
            if len(value) > MAX_TEXT:
                errors[name] = f"{len(value):,} characters is over the {MAX_TEXT:,} limit"
        else:
            value = " ".join(value.split())  # a pasted newline or tab is a space in a one-line field
            if len(value) > MAX_LINE:
                errors[name] = f"{len(value):,} characters; at most {MAX_LINE} fit a one-line field"
        cleaned[name] = value
    if not cleaned["name"] and not cleaned["email"]:
        errors.setdefault("name", "a contact needs a name (or at least an email address)")
    if cleaned["email"] and "email" not in errors:
        message = check_email(cleaned["email"])
        if message:
            errors["email"] = message
    if cleaned["phone"] and "phone" not in errors:
        message = check_phone(cleaned["phone"])
        if message:
            errors["phone"] = message
    if cleaned["linkedin"] and "linkedin" not in errors:
        cleaned["linkedin"], message = clean_linkedin(cleaned["linkedin"])
        if message:
            errors["linkedin"] = message
    if cleaned["twitter"] and "twitter" not in errors:
        cleaned["twitter"], message = clean_twitter(cleaned["twitter"])
        if message:
            errors["twitter"] = message
    _check_duplicates(cleaned, errors, others, self_id)
    return cleaned, errors


def _check_duplicates(
    cleaned: dict[str, str], errors: dict[str, str], others: Iterable[Contact], self_id: int | None
) -> None:
    email = email_key(cleaned["email"]) if "email" not in errors else ""
    profile = profile_key(cleaned["linkedin"]) if cleaned["linkedin"] and "linkedin" not in errors else ""
    if not (email or profile):
        return
    for other in others:
        if other.id is not None and other.id == self_id:
            continue
        if email and other.email and "email" not in errors and email_key(other.email) == email:
            errors["email"] = f"already the address of {other.display_name}: edit that contact instead"
        if profile and other.linkedin and "linkedin" not in errors and profile_key(other.linkedin) == profile:
            errors["linkedin"] = f"already the profile of {other.display_name}: edit that contact instead"
