"""Mail in the shapes real mailers send, built here (no one's real mail), and a small board to match it.

Every message is raw bytes, so the test controls the encodings exactly: quoted-printable
with soft line breaks through a phrase, base64, windows-1252, RFC 2047 headers, an
HTML-only multipart/alternative from an ATS, a reply with quoted history, an
out-of-office note. ``write_maildir`` / ``write_mbox`` lay them out as mutt/mbsync and
a Google Takeout export do.
"""

from __future__ import annotations

import base64
import os
import quopri
from dataclasses import dataclass
from pathlib import Path

from tui.domain.models import Application, Contact
from tui.store.repository import Store

ME = "sam.rivera@example.com"


def message(
    *,
    sender: str,
    to: str = ME,
    subject: str,
    body: bytes | str = b"",
    date: str = "Tue, 24 Nov 2026 09:30:00 +0000",
    msgid: str,
    headers: dict[str, str] | None = None,
    content_type: str = 'text/plain; charset="utf-8"',
    encoding: str = "",
) -> bytes:
    """One message. ``body`` str is encoded as UTF-8 unless ``encoding`` says otherwise."""
    lines = [
        f"From: {sender}",
        f"To: {to}",
        f"Subject: {subject}",
        f"Date: {date}",
        f"Message-ID: <{msgid}>",
        "MIME-Version: 1.0",
    ]
    for name, value in (headers or {}).items():
        lines.append(f"{name}: {value}")
    lines.append(f"Content-Type: {content_type}")
    raw = body.encode("utf-8") if isinstance(body, str) else body
    if encoding == "quoted-printable":
        lines.append("Content-Transfer-Encoding: quoted-printable")
        raw = quopri.encodestring(raw)
    elif encoding == "base64":
        lines.append("Content-Transfer-Encoding: base64")
        raw = base64.encodebytes(raw)
    elif encoding:
        lines.append(f"Content-Transfer-Encoding: {encoding}")
    return ("\r\n".join(lines) + "\r\n\r\n").encode("ascii") + raw.replace(b"\r\n", b"\n").replace(
        b"\n", b"\r\n"
    )


def multipart(
    boundary: str, parts: list[tuple[str, str, bytes]], kind: str = "alternative"
) -> tuple[str, bytes]:
    """(content type, body) of a multipart: parts are (content type, transfer encoding, payload)."""
    out = [b"This is a multi-part message in MIME format.\r\n"]
    for ctype, enc, payload in parts:
        out.append(f"--{boundary}\r\nContent-Type: {ctype}\r\n".encode())
        if enc == "base64":
            payload = base64.encodebytes(payload)
        elif enc == "quoted-printable":
            payload = quopri.encodestring(payload)
        if enc:
            out.append(f"Content-Transfer-Encoding: {enc}\r\n".encode())
        out.append(b"\r\n" + payload + b"\r\n")
    out.append(f"--{boundary}--\r\n".encode())
    return f'multipart/{kind}; boundary="{boundary}"', b"".join(out)


# -- the board the mail is about -------------------------------------------------------------


@dataclass
class Board:
    acme: int  # Backend Engineer @ Acme, Inc. (Jane Doe, recruiter, attached)
    globex_data: int  # Data Engineer @ Globex Corporation
    globex_backend: int  # Backend Engineer @ Globex Corporation (two applications at one company)
    initech: int  # Platform Engineer @ Initech (saved; its posting on an Initech URL)
    umbrella: int  # SRE @ Umbrella Health (interviewed; Lee Park interviewer)
    jane: int
    omar: int
    lee: int


def seed(store: Store) -> Board:
    from datetime import date

    jane = store.add_contact(
        Contact(name="Jane Doe", email="jane.doe@acme.example", company="Acme, Inc.", role="recruiter")
    )
    omar = store.add_contact(
        Contact(name="Omar Haddad", email="omar@globex.example", company="Globex", role="recruiter")
    )
    lee = store.add_contact(
        Contact(name="Lee Park", email="lee.park@umbrella-health.example", company="Umbrella Health",
                role="interviewer")
    )  # fmt: skip
    acme = store.add_application(
        Application(company="Acme, Inc.", role="Backend Engineer", applied_on=date(2026, 11, 10),
                    contact_ids=[jane.id])
    )  # fmt: skip
    g1 = store.add_application(
        Application(company="Globex Corporation", role="Data Engineer", applied_on=date(2026, 11, 12))
    )
    g2 = store.add_application(
        Application(company="Globex Corporation", role="Backend Engineer", applied_on=date(2026, 11, 13))
    )
    initech = store.add_application(
        Application(company="Initech", role="Platform Engineer", stage="saved",
                    url="https://www.initech.example/careers/platform-engineer",
                    created_at="2026-11-18T08:00:00+00:00")
    )  # fmt: skip
    umbrella = store.add_application(
        Application(company="Umbrella Health", role="SRE", stage="interviewing",
                    applied_on=date(2026, 11, 2), contact_ids=[lee.id])
    )  # fmt: skip
    from tui.domain.models import Event

    store.add_event(
        Event(application_id=umbrella.id, kind="interview", on=date(2026, 11, 20), contact_id=lee.id)
    )
    return Board(acme.id, g1.id, g2.id, initech.id, umbrella.id, jane.id, omar.id, lee.id)


# -- the messages -------------------------------------------------------------------------------


def ats_rejection() -> bytes:
    """An HTML-only multipart/alternative from a no-reply ATS address at Acme's domain, base64."""
    html = (
        b"<html><head><style>p{color:#333}</style></head><body>"
        b"<p>Hi Sam,</p><p>Thank you for your interest in the <b>Backend Engineer</b> role at Acme.</p>"
        b"<p>After careful consideration, we&#8217;ve decided to move forward with other candidates "
        b"whose experience more closely matches our needs.</p><p>We wish you the best.</p>"
        b"<p>Acme Talent Team</p></body></html>"
    )
    ctype, body = multipart("==acme-ats-1==", [('text/html; charset="utf-8"', "base64", html)])
    return message(
        sender='"Acme Careers" <no-reply@careers.acme.example>',
        subject="Your application to Acme, Inc.",
        msgid="ats-7781@careers.acme.example",
        date="Wed, 25 Nov 2026 16:02:11 -0800",
        headers={"Auto-Submitted": "auto-generated", "X-Mailer": "ATS Notifications"},
        content_type=ctype,
        body=body,
    )


def globex_invitation() -> bytes:
    """A reply from Globex's recruiter naming the Data Engineer role: QP, RFC 2047 subject, one time."""
    text = (
        "Hi Sam,\n\nThanks for your note about the Data Engineer position. The team would like to "
        "schedule a video interview with you. Would Tuesday, December 1 at 2:00 PM EST work?\n\n"
        "Best,\nOmar\n\nOn Mon, Nov 23, 2026 at 9:12 AM Sam Rivera <sam.rivera@example.com> wrote:\n"
        "> Hello Omar, I wanted to follow up on my application for the Data Engineer role.\n"
    )
    return message(
        sender="=?UTF-8?Q?Omar_Haddad_=E2=80=94_Globex?= <omar@globex.example>",
        # "Re: Data Engineer — next steps"
        subject="=?UTF-8?B?UmU6IERhdGEgRW5naW5lZXIg4oCUIG5leHQgc3RlcHM=?=",
        msgid="CAF=globex-invite-42@mail.globex.example",
        date="Thu, 26 Nov 2026 10:15:00 -0500",
        headers={"In-Reply-To": "<sam-followup-1@example.com>"},
        body=text,
        encoding="quoted-printable",
    )


def jane_neutral_with_quote() -> bytes:
    """A neutral reply whose quoted history holds the words of a rejection (the user's own)."""
    text = (
        "Hi Sam,\n\nThanks for checking in! We are still reviewing applications for this role and "
        "will get back to you by the end of next week.\n\nJane\n\n"
        "-----Original Message-----\nFrom: Sam Rivera <sam.rivera@example.com>\nSent: Monday\n\n"
        "If you have decided to move forward with other candidates, I would appreciate knowing.\n"
    )
    return message(
        sender='"Jane Doe" <Jane.Doe@acme.example>',
        subject="RE: Following up: Backend Engineer",
        msgid="jane-reply-1@acme.example",
        date="Mon, 23 Nov 2026 14:00:00 +0000",
        body=text,
        encoding="quoted-printable",
    )


def umbrella_closed_cp1252() -> bytes:
    """windows-1252 body (curly quotes), an RFC 2047 ISO-8859-1 name: the position was filled."""
    text = (
        "Dear Sam,\r\n\r\nI wanted to let you know that the SRE position has been filled internally. "
        "We\x92re grateful for the time you spent with us \x96 it was a pleasure.\r\n\r\nLee\r\n"
    ).encode("latin-1")
    return message(
        sender="=?ISO-8859-1?Q?Lee_Park_=28Umbrella_Sant=E9=29?= <lee.park@umbrella-health.example>",
        subject="Update on the SRE role",
        msgid="umb-closed-9@umbrella-health.example",
        date="Tue, 24 Nov 2026 08:00:00 +0100",
        content_type='text/plain; charset="windows-1252"',
        body=text,
        encoding="8bit",
    )


def out_of_office() -> bytes:
    return message(
        sender="Omar Haddad <omar@globex.example>",
        subject="Automatic reply: Following up on my application",
        msgid="ooo-1@globex.example",
        date="Mon, 23 Nov 2026 09:13:00 -0500",
        headers={"Auto-Submitted": "auto-replied", "X-Auto-Response-Suppress": "All"},
        body="I am out of the office until November 30 with limited access to email.",
    )


def initech_acknowledgement() -> bytes:
    return message(
        sender="Initech Recruiting <donotreply@initech.example>",
        subject="Thank you for applying to Initech",
        msgid="ack-55@initech.example",
        date="Sun, 22 Nov 2026 12:00:00 +0000",
        headers={"Auto-Submitted": "auto-generated"},
        body="We have received your application for Platform Engineer. This is an automated message.",
        encoding="base64",
    )


def acme_newsletter() -> bytes:
    return message(
        sender="Acme News <news@acme.example>",
        subject="Acme's November product update",
        msgid="news-2026-11@acme.example",
        date="Fri, 20 Nov 2026 07:00:00 +0000",
        headers={"List-Unsubscribe": "<https://acme.example/unsubscribe>"},
        body="Our new widgets are here.",
    )


def unrelated() -> bytes:
    return message(
        sender="Mum <mum@example.net>",
        subject="Sunday lunch",
        msgid="family-1@example.net",
        body="Are you coming on Sunday?",
    )


def followup_sent() -> bytes:
    return message(
        sender=f"Sam Rivera <{ME}>",
        to="Jane Doe <jane.doe@acme.example>",
        subject="Following up: Backend Engineer",
        msgid="sam-followup-2@example.com",
        date="Fri, 20 Nov 2026 09:00:00 +0000",
        body="Hi Jane, I wanted to follow up on my application for the Backend Engineer role.",
    )


def thank_you_sent() -> bytes:
    return message(
        sender=f"Sam Rivera <{ME}>",
        to="Lee Park <lee.park@umbrella-health.example>",
        subject="Thank you",
        msgid="sam-thanks-1@example.com",
        date="Fri, 20 Nov 2026 18:00:00 +0000",
        body="Hi Lee, thank you for taking the time to speak with me today about the SRE role.",
    )


def inbox_messages() -> list[bytes]:
    return [
        ats_rejection(),
        globex_invitation(),
        jane_neutral_with_quote(),
        umbrella_closed_cp1252(),
        out_of_office(),
        initech_acknowledgement(),
        acme_newsletter(),
        unrelated(),
    ]


# -- laying them out ---------------------------------------------------------------------------------


def write_maildir(path: Path, messages: list[bytes], *, seen: bool = True) -> Path:
    """A Maildir as a delivery agent and mbsync leave it: written in tmp/, renamed into new/;
    every other one read, in cur/ with ``:2,S``."""
    for sub in ("tmp", "new", "cur"):
        (path / sub).mkdir(parents=True, exist_ok=True)
    for raw in messages:
        _write_maildir.counter += 1
        name = f"1764000000.M{_write_maildir.counter}P{os.getpid()}.mailhost"
        tmp = path / "tmp" / name
        tmp.write_bytes(raw)
        read = seen and _write_maildir.counter % 2 == 0
        os.rename(tmp, path / ("cur" if read else "new") / (name + (":2,S" if read else "")))
    return path


def _write_maildir() -> None:  # a holder for the counter that keeps file names unique
    pass


_write_maildir.counter = 0  # type: ignore[attr-defined]


def takeout_mbox(path: Path, messages: list[bytes]) -> Path:
    """An mbox as Google Takeout writes one: ``From <id>@xxx <date>`` lines, X-Gmail-Labels,
    and a body line starting with "From " quoted as ">From "."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("wb") as f:
        for i, raw in enumerate(messages):
            f.write(f"From 17{i:017d}@xxx Tue Nov 24 09:30:00 +0000 2026\n".encode())
            labels = b"X-GM-THRID: 17%017d\r\nX-Gmail-Labels: Inbox,Opened\r\n" % i
            raw = labels + raw
            body = b"\n".join(b">" + line if line.startswith(b"From ") else line for line in raw.split(b"\n"))
            f.write(body.rstrip(b"\n") + b"\n\n")
    return path
