"""`followup inbox`: replies from your own mailbox become proposals you accept or reject (issue 17).

The mail is built in tests/helpers/mail.py in the shapes real mailers send; the board it
is about is seeded by ``mail.seed``.
"""

from __future__ import annotations

import json
import os
import re
from datetime import date
from pathlib import Path

import pytest

from tests.helpers import mail
from tui.io.inbox import proposals as inbox
from tui.io.inbox import sources
from tui.io.inbox.message import BODY_LIMIT
from tui.store.repository import Store


@pytest.fixture
def board(tmp_store: Store) -> mail.Board:
    return mail.seed(tmp_store)


@pytest.fixture
def folders(tmp_path: Path) -> tuple[Path, Path]:
    inbox_dir = mail.write_maildir(tmp_path / "Mail" / "INBOX", mail.inbox_messages())
    sent_dir = mail.write_maildir(tmp_path / "Mail" / "Sent", [mail.followup_sent(), mail.thank_you_sent()])
    return inbox_dir, sent_dir


def by_subject(store: Store) -> dict[str, inbox.Proposal]:
    store.reload()
    return {p.subject: p for p in inbox.all_proposals(store)}


def test_scan_proposes_one_event_per_real_world_message(cli, tmp_store, board, folders) -> None:
    inbox_dir, sent_dir = folders
    result = cli("inbox", "scan", "--maildir", str(inbox_dir), "--sent", str(sent_dir))
    assert result.code == 0, result.err
    assert "7 new proposals" in result.out
    assert "1 × automatic replies (out of office)" in result.out
    got = by_subject(tmp_store)
    assert len(got) == 7

    # an HTML-only multipart/alternative, base64, from a no-reply ATS address at Acme's domain
    ats = got["Your application to Acme, Inc."]
    assert (ats.category, ats.application_id, ats.response) == ("rejected", board.acme, "rejected")
    assert (ats.move_to, ats.outcome) == ("closed", "rejected")
    assert "careers.acme.example" in ats.why and "decided to move forward with other candidates" in ats.why
    assert "<" not in ats.snippet and "color:#333" not in ats.snippet  # the HTML became text
    assert ats.event_on == date(2026, 11, 26) or ats.event_on == date(2026, 11, 25)  # 16:02 -0800, local day

    # quoted-printable, an RFC 2047 subject and name, the role named: the Data Engineer, not the Backend one
    invite = got["Re: Data Engineer — next steps"]
    assert invite.category == "interview" and invite.event_kind == "interview"
    assert invite.application_id == board.globex_data and invite.alternatives == []
    assert invite.event_on == date(2026, 12, 1) and "14:00 EST" in invite.event_text
    assert invite.sender_name == "Omar Haddad — Globex" and invite.contact_id == board.omar
    assert "Sam Rivera <sam.rivera@example.com> wrote" not in invite.snippet  # the quoted history is cut

    # a reply whose quoted history holds a rejection's words: the new text is neutral
    neutral = got["RE: Following up: Backend Engineer"]
    assert (neutral.category, neutral.response, neutral.application_id) == ("neutral", "neutral", board.acme)
    assert neutral.sender == "jane.doe@acme.example"  # addresses compared without case

    # windows-1252 body with curly quotes, an ISO-8859-1 encoded name
    closed = got["Update on the SRE role"]
    assert (closed.category, closed.response, closed.application_id) == (
        "position_closed",
        "position_closed",
        board.umbrella,
    )
    assert "We’re grateful" in closed.snippet and closed.sender_name == "Lee Park (Umbrella Santé)"

    # an automatic acknowledgement (base64) confirms `applied` on the saved card; never a response
    ack = got["Thank you for applying to Initech"]
    assert (ack.category, ack.event_kind, ack.response, ack.application_id) == (
        "acknowledgement",
        "applied",
        None,
        board.initech,
    )

    # your own sent mail closes the loop
    assert got["Following up: Backend Engineer"].event_kind == "follow_up_sent"
    assert got["Following up: Backend Engineer"].contact_id == board.jane
    assert got["Thank you"].event_kind == "thank_you_sent"

    # nothing about the messages that matched nothing (or were ignored) is kept
    raw = Path(tmp_store.path).read_text(encoding="utf-8")
    for never in ("Sunday lunch", "mum@example.net", "product update", "out of the office"):
        assert never not in raw


def test_two_applications_at_one_company_the_role_decides(cli, tmp_store, board, tmp_path) -> None:
    backend = mail.message(
        sender="Omar Haddad <omar@globex.example>",
        subject="Your Backend Engineer application",
        msgid="omar-2@globex.example",
        body="Hi Sam, unfortunately we will not be moving forward with your application for Backend Engineer",
    )
    vague = mail.message(
        sender="Omar Haddad <omar@globex.example>",
        subject="Quick question",
        msgid="omar-3@globex.example",
        body="Hi Sam, are you free for a quick chat this week? Omar",
    )
    box = mail.write_maildir(tmp_path / "globex", [mail.globex_invitation(), backend, vague])
    assert cli("inbox", "scan", "--maildir", str(box)).code == 0
    got = by_subject(tmp_store)
    assert got["Re: Data Engineer — next steps"].application_id == board.globex_data
    assert got["Your Backend Engineer application"].application_id == board.globex_backend
    assert got["Your Backend Engineer application"].category == "rejected"
    tie = got["Quick question"]
    # no role named: the latest application is proposed, and the other is offered
    assert tie.application_id == board.globex_backend and tie.alternatives == [board.globex_data]
    assert "could also be" in tie.why
    # the user can put it on the other one
    code = cli("inbox", "accept", str(tie.id), "--as", "positive", "--app", str(board.globex_data)).code
    assert code == 0
    events = tmp_store.board().events_for(board.globex_data)
    assert [(e.kind, e.response) for e in events][-1] == ("response_received", "positive")


def test_two_scans_make_one_set_of_proposals(cli, tmp_store, board, folders, tmp_path) -> None:
    inbox_dir, sent_dir = folders
    first = cli("inbox", "scan", "--maildir", str(inbox_dir), "--sent", str(sent_dir))
    before = {(p.message_id, p.id) for p in inbox.all_proposals(tmp_store)}
    second = cli("inbox", "scan", "--maildir", str(inbox_dir), "--sent", str(sent_dir))
    assert first.code == second.code == 0
    assert "0 new proposals" in second.out
    tmp_store.reload()
    assert {(p.message_id, p.id) for p in inbox.all_proposals(tmp_store)} == before
    # the same messages in a Takeout mbox as well: still proposed once
    takeout = mail.takeout_mbox(tmp_path / "All mail Including Spam and Trash.mbox", mail.inbox_messages())
    third = cli("inbox", "scan", "--mbox", str(takeout))
    assert third.code == 0 and "0 new proposals" in third.out
    # a decided proposal is not proposed again either
    ats = by_subject(tmp_store)["Your application to Acme, Inc."]
    assert cli("inbox", "reject", str(ats.id)).code == 0
    cli("inbox", "scan", "--maildir", str(inbox_dir), "--sent", str(sent_dir))
    tmp_store.reload()
    assert len(inbox.all_proposals(tmp_store)) == len(before)


def test_a_takeout_mbox_gives_the_same_proposals_and_finds_your_sent_mail(
    cli, env, tmp_store, board, tmp_path
):
    env.config.write_text(f'[me]\nemail = "{mail.ME}"\n', encoding="utf-8")
    everything = [*mail.inbox_messages(), mail.followup_sent(), mail.thank_you_sent()]
    takeout = mail.takeout_mbox(tmp_path / "Takeout" / "Mail" / "All mail.mbox", everything)
    (tmp_path / "Takeout" / "Mail").mkdir(parents=True, exist_ok=True)
    result = cli("inbox", "scan", "--mbox", str(takeout))
    assert result.code == 0, result.err
    got = by_subject(tmp_store)
    assert len(got) == 7
    assert got["Thank you"].event_kind == "thank_you_sent"  # From: you, in the one Takeout file
    assert got["Your application to Acme, Inc."].category == "rejected"


def test_accept_and_reject_through_the_command_line(cli, tmp_store, board, folders) -> None:
    inbox_dir, sent_dir = folders
    cli("inbox", "scan", "--maildir", str(inbox_dir), "--sent", str(sent_dir))
    listing = cli("inbox", "--json")
    rows = json.loads(listing.out)
    assert len(rows) == 7 and all(isinstance(r["id"], int) for r in rows)
    ats = next(r for r in rows if r["category"] == "rejected")
    assert ats["application"] == {"id": board.acme, "company": "Acme, Inc.", "role": "Backend Engineer"}
    assert {"message_id", "sent_at", "sender", "subject", "snippet", "why"} <= ats.keys()

    text = cli("inbox").out
    assert f"#{ats['id']}" in text and "rejection → #1 Backend Engineer @ Acme, Inc." in text

    # a rejection: logged, and --move closes the card
    done = cli("inbox", "accept", str(ats["id"]), "--move")
    assert done.code == 0, done.err
    assert "Logged response_received (rejected)" in done.out and "moved #1 to closed" in done.out
    app = tmp_store.get_application(board.acme)
    assert (app.stage, app.outcome) == ("closed", "rejected")
    logged = [e for e in tmp_store.board().events_for(board.acme) if e.kind == "response_received"]
    assert logged[-1].response == "rejected" and logged[-1].channel == "email"
    assert "Your application to Acme, Inc." in logged[-1].text

    # the same one again: refused, nothing written
    generation = tmp_store.generation
    again = cli("inbox", "accept", str(ats["id"]))
    assert again.code == 2 and "already accepted" in again.err
    tmp_store.reload()
    assert tmp_store.generation == generation

    # reject: nothing logged, not proposed again
    neutral = next(r for r in rows if r["category"] == "neutral")
    events_before = len(tmp_store.board().events)
    assert cli("inbox", "reject", str(neutral["id"])).code == 0
    tmp_store.reload()
    assert len(tmp_store.board().events) == events_before
    assert inbox.get(tmp_store, neutral["id"]).status == "rejected"

    # accept all: the rest, in one go
    rest = cli("inbox", "accept", "all")
    assert rest.code == 0 and "Accepted 5 proposals." in rest.out
    assert cli("inbox").out.startswith("No proposals from your mail")
    initech = tmp_store.get_application(board.initech)
    assert initech.stage == "applied" and initech.applied_on == date(2026, 11, 22)
    kinds = [e.kind for e in tmp_store.board().events_for(board.umbrella)]
    assert "thank_you_sent" in kinds and "response_received" in kinds


def test_a_reply_to_classify_needs_a_response(cli, tmp_store, board, tmp_path) -> None:
    vague = mail.message(
        sender="Jane Doe <jane.doe@acme.example>",
        subject="Re: Backend Engineer",
        msgid="jane-vague@acme.example",
        body="Hi Sam, could you send me your portfolio link? Jane",
    )
    cli("inbox", "scan", "--maildir", str(mail.write_maildir(tmp_path / "box", [vague])))
    (p,) = inbox.pending(tmp_store)
    assert p.category == "unclear" and p.needs_response and "could you send me your portfolio" in p.snippet
    generation = tmp_store.generation
    refused = cli("inbox", "accept", str(p.id))
    assert refused.code == 2 and "--as" in refused.err
    tmp_store.reload()
    assert tmp_store.generation == generation
    left = cli("inbox", "accept", "all")
    assert "Accepted 0 proposals." in left.out and f"#{p.id}" in left.out
    assert cli("inbox", "accept", str(p.id), "--as", "neutral").code == 0
    assert tmp_store.board().events_for(board.acme)[-1].response == "neutral"


def test_sources_come_from_the_config_when_none_are_given(cli, env, tmp_store, board, folders) -> None:
    inbox_dir, sent_dir = folders
    env.config.write_text(f'[inbox]\nmaildir = ["{inbox_dir}"]\nsent = ["{sent_dir}"]\n', encoding="utf-8")
    result = cli("inbox", "scan")
    assert result.code == 0 and "7 new proposals" in result.out and result.err == ""
    env.config.write_text('[inbox]\npassword = "hunter2"\n', encoding="utf-8")
    warned = cli("inbox", "scan", "--maildir", str(inbox_dir))
    assert warned.code == 0 and "never write a password here" in warned.err
    env.config.write_text("", encoding="utf-8")
    nothing = cli("inbox", "scan")
    assert nothing.code == 2 and "No mail to read" in nothing.err


# -- where a scan stopped --------------------------------------------------------------------


def test_a_maildir_scan_resumes_where_it_stopped(cli, tmp_store, board, folders, monkeypatch) -> None:
    monkeypatch.setattr(sources, "CTIME_SLACK_NS", 0)  # the files were just written; no clock slack needed
    inbox_dir, _sent = folders
    assert "Maildir" in cli("inbox", "scan", "--maildir", str(inbox_dir)).out
    tmp_store.reload()
    (mark,) = [m["cursor"]["ctime_ns"] for m in inbox.cursors(tmp_store).values()]
    mail.write_maildir(
        inbox_dir, [mail.message(sender="x@example.org", subject="new", msgid="n1@example.org")]
    )
    # file times come from a coarse clock: until the new file's change time is past the mark
    (new,) = [p for p in inbox_dir.glob("*/*") if b"n1@example.org" in p.read_bytes()]
    while new.stat().st_ctime_ns < mark:
        os.utime(new)
    again = cli("inbox", "scan", "--maildir", str(inbox_dir))
    assert "INBOX: 1 new message read" in again.out
    # a new contact can make old mail match: every folder is read again from its start
    from tui.domain.models import Contact

    tmp_store.add_contact(Contact(name="X", email="x@example.org", company="Globex"))
    full = cli("inbox", "scan", "--maildir", str(inbox_dir))
    assert "INBOX: 9 new messages read" in full.out


def test_an_mbox_scan_resumes_after_mail_is_appended(cli, tmp_store, board, tmp_path) -> None:
    path = mail.takeout_mbox(tmp_path / "archive.mbox", mail.inbox_messages())
    assert "8 new messages read" in cli("inbox", "scan", "--mbox", str(path)).out
    with path.open("ab") as f:
        f.write(b"From someone@example.org Thu Nov 26 10:00:00 2026\n")
        f.write(
            mail.message(sender="someone@example.org", subject="later", msgid="later@example.org") + b"\n"
        )
    assert "1 new message read" in cli("inbox", "scan", "--mbox", str(path)).out


# -- bad input: a clear message, nothing written -----------------------------------------------


def _unchanged(store: Store):
    before = Path(store.path).read_bytes()
    return lambda: Path(store.path).read_bytes() == before


def test_a_missing_folder_is_refused_and_nothing_is_written(cli, tmp_store, board, folders, tmp_path) -> None:
    same = _unchanged(tmp_store)
    inbox_dir, _ = folders
    result = cli(
        "inbox", "scan", "--maildir", str(inbox_dir), "--maildir", str(tmp_path / "Mail" / "Archive")
    )
    assert result.code == 2 and "does not exist; nothing was written" in result.err
    assert "Traceback" not in result.err and same()
    missing = cli("inbox", "scan", "--mbox", str(tmp_path / "Takeout.mbox"))
    assert missing.code == 2 and "does not exist" in missing.err and same()
    # the folder that holds the Maildirs (mbsync's account folder) says which to list
    parent = cli("inbox", "scan", "--maildir", str(tmp_path / "Mail"))
    assert parent.code == 2 and "It holds these Maildirs: INBOX, Sent" in parent.err and same()


def test_a_truncated_mbox_is_refused_and_nothing_is_written(cli, tmp_store, board, tmp_path) -> None:
    same = _unchanged(tmp_store)
    shapes = [mail.globex_invitation(), mail.ats_rejection()]  # the last one has an attachment-like part
    whole = mail.takeout_mbox(tmp_path / "whole.mbox", shapes).read_bytes()
    cut = tmp_path / "cut.mbox"
    cut.write_bytes(whole[: len(whole) - 300])  # the download stopped inside the last attachment
    result = cli("inbox", "scan", "--mbox", str(cut))
    assert result.code == 2 and "looks cut short" in result.err and "Nothing was written" in result.err
    assert same()
    headers_cut = tmp_path / "headers.mbox"
    headers_cut.write_bytes(whole + b"From x Tue Nov 24 09:30:00 2026\nFrom: a@acme.example\nSubj")
    result = cli("inbox", "scan", "--mbox", str(headers_cut))
    assert result.code == 2 and "inside the headers of its last message" in result.err and same()
    not_mbox = tmp_path / "notes.txt"
    not_mbox.write_text("just some notes\n", encoding="utf-8")
    result = cli("inbox", "scan", "--mbox", str(not_mbox))
    assert result.code == 2 and "is not an mbox file" in result.err and same()


def test_a_50_mb_message_is_read_in_its_first_megabytes(cli, tmp_store, board, tmp_path, monkeypatch) -> None:
    blob = b"\0" * (50 * 1024 * 1024)
    ctype, body = mail.multipart(
        "==big==",
        [
            ('text/plain; charset="utf-8"', "", b"Hi Sam, the position has been filled. Sorry! Jane"),
            ('application/pdf; name="portfolio-review.pdf"', "base64", blob),
        ],
        kind="mixed",
    )
    big = mail.message(
        sender="Jane Doe <jane.doe@acme.example>",
        subject="Backend Engineer: update",
        msgid="big-1@acme.example",
        content_type=ctype,
        body=body,
    )
    noisy = mail.message(
        sender="Jane Doe <jane.doe@acme.example>",
        subject="scan",
        msgid="big-2@acme.example",
        content_type="application/octet-stream",
        body=blob,
        encoding="base64",
    )
    assert len(big) > 50_000_000 and len(noisy) > 50_000_000
    box = mail.write_maildir(tmp_path / "big", [big, noisy])
    read: list[int] = []
    body = sources.MaildirSource.body

    def counted(self, key: str) -> bytes:
        data = body(self, key)
        read.append(len(data))
        return data

    monkeypatch.setattr(sources.MaildirSource, "body", counted)
    result = cli("inbox", "scan", "--maildir", str(box))
    assert result.code == 0, result.err
    assert read == [BODY_LIMIT, BODY_LIMIT]  # only the first 2 MB of each, never 50 MB
    assert "1 new proposal" in result.out
    skipped = r"“scan” is 7\d MB and has no text in its first 2 MB; skipped, nothing was written for it"
    assert re.search(skipped, result.err)
    (p,) = inbox.pending(tmp_store)
    assert p.category == "position_closed" and p.subject == "Backend Engineer: update"
