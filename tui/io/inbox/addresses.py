"""Mail addresses and domains: whose address is it, which company's domain is it.

``contact_emails`` is the ONE place that reads a contact's addresses: when Contact
holds several emails (DESIGN.md §14), only this function changes.
"""

from __future__ import annotations

import re
from email.utils import getaddresses
from urllib.parse import urlsplit

from tui.domain.models import Contact

# Personal mail providers: an address there says nothing about the employer.
FREE_MAIL = frozenset(
    {
        "gmail.com", "googlemail.com", "outlook.com", "hotmail.com", "live.com", "msn.com", "yahoo.com",
        "ymail.com", "icloud.com", "me.com", "mac.com", "aol.com", "proton.me", "protonmail.com",
        "pm.me", "gmx.com", "gmx.de", "gmx.net", "web.de", "mail.com", "fastmail.com", "fastmail.fm",
        "hey.com", "zoho.com", "yandex.com", "yandex.ru", "tutanota.com", "posteo.de", "mailbox.org",
    }
)  # fmt: skip
# Hosts of applicant-tracking systems and job boards: a posting URL there names the ATS, not the company.
ATS_HOSTS = frozenset(
    {
        "greenhouse.io", "lever.co", "myworkdayjobs.com", "workday.com", "smartrecruiters.com",
        "ashbyhq.com", "jobvite.com", "icims.com", "bamboohr.com", "workable.com", "recruitee.com",
        "teamtailor.com", "breezy.hr", "jazzhr.com", "applytojob.com", "personio.de", "personio.com",
        "linkedin.com", "indeed.com", "glassdoor.com", "wellfound.com", "angel.co", "ziprecruiter.com",
        "monster.com", "stepstone.de", "welcometothejungle.com", "otta.com", "dice.com", "builtin.com",
        "hire.withgoogle.com", "successfactors.com", "taleo.net", "oraclecloud.com", "rippling.com",
    }
)  # fmt: skip
# Second-level labels under which a registered name sits one level deeper (acme.co.uk).
_SHORT_SLD = frozenset({"co", "com", "org", "net", "ac", "gov", "edu", "ltd", "plc", "ne", "or", "go"})
_NO_REPLY = re.compile(r"^(?:no[-_.]?reply|do[-_.]?not[-_.]?reply|notifications?|mailer-daemon|postmaster)\b")


def contact_emails(contact: Contact) -> list[str]:
    """Every address of a contact (a work and a private one both match), lower-cased."""
    out: list[str] = []
    for point in contact.emails:
        email = normalize(point.get("value", ""))
        if email and email not in out:
            out.append(email)
    return out


def normalize(address: str) -> str:
    return address.strip().strip("<>").lower()


def addresses_in(*header_values: str | None) -> list[tuple[str, str]]:
    """(display name, address) pairs of To/Cc/From values; addresses lower-cased, empty ones dropped."""
    values = [v for v in header_values if v]
    return [(name, normalize(addr)) for name, addr in getaddresses(values) if "@" in addr]


def domain_of(address: str) -> str:
    return address.rpartition("@")[2].strip().lower().rstrip(".")


def registered_domain(host: str) -> str:
    """``careers.acme.example`` → ``acme.example``; ``mail.acme.co.uk`` → ``acme.co.uk``.

    A heuristic without the public-suffix list: the last two labels, three when the
    second-to-last is a short generic one (co, com, org...) under a country code.
    """
    labels = [label for label in host.lower().strip(".").split(".") if label]
    if len(labels) >= 3 and len(labels[-1]) == 2 and labels[-2] in _SHORT_SLD:
        return ".".join(labels[-3:])
    return ".".join(labels[-2:])


def company_domain_of_address(address: str) -> str | None:
    """The registered domain of an address, unless it is a personal mail provider."""
    domain = registered_domain(domain_of(address))
    if not domain or domain in FREE_MAIL or "." not in domain:
        return None
    return domain


def company_domain_of_url(url: str) -> str | None:
    """The registered domain of a posting URL, unless it is an ATS or a job board."""
    if not url:
        return None
    try:
        host = urlsplit(url if "://" in url else "https://" + url).hostname or ""
    except ValueError:
        return None
    domain = registered_domain(host)
    if not domain or "." not in domain or domain in ATS_HOSTS or host in ATS_HOSTS:
        return None
    return domain


def is_no_reply(address: str) -> bool:
    """``no-reply@``, ``donotreply@``, ``notifications@``: a machine, never a person answering."""
    return bool(_NO_REPLY.match(address.partition("@")[0].lower()))
