"""`followup inbox scan --imap` against a real IMAP server: Dovecot on 127.0.0.1 (issue 17).

The scan must leave every message exactly as it was: EXAMINE and BODY.PEEK, so no
\\Seen appears, nothing moves, nothing is deleted. A wrong password, a failing
password_command and a refused TLS certificate are one line each, exit status 1, and
nothing is written.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tests.helpers import mail
from tests.helpers.dovecot import Dovecot, dovecot_binary, start_dovecot
from tui.io.inbox import proposals as inbox

NO_DOVECOT = "dovecot is not installed (apt-get install dovecot-imapd; .ci/run does)"
pytestmark = [
    pytest.mark.skipif(dovecot_binary() is None, reason=NO_DOVECOT),
    pytest.mark.skipif(shutil.which("openssl") is None, reason="openssl makes the server's certificate"),
]

SEEN, FLAGGED, ANSWERED = b"\\Seen", b"\\Flagged", b"\\Answered"


@pytest.fixture
def dovecot(tmp_path: Path):
    server = start_dovecot(tmp_path)
    try:
        yield server
    finally:
        server.stop()


@pytest.fixture
def account(dovecot: Dovecot, tmp_store) -> Dovecot:
    """The seeded board, and its mail on the server with a mix of flags."""
    mail.seed(tmp_store)
    flag_sets = [[SEEN], [], [SEEN, FLAGGED], [], [ANSWERED, SEEN], [], [SEEN], []]
    dovecot.append("INBOX", list(zip(mail.inbox_messages(), flag_sets, strict=True)))
    dovecot.append("Sent", [(mail.followup_sent(), [SEEN]), (mail.thank_you_sent(), [SEEN])])
    return dovecot


def configure(env, server: Dovecot | None = None, **keys: str) -> None:
    """``[inbox]`` with these keys; with ``server``, its certificate as ca_file (imap:// upgrades with
    STARTTLS, which checks the certificate like imaps:// does)."""
    if server is not None:
        keys["ca_file"] = str(server.cert)
    body = "".join(f'{k} = "{v}"\n' for k, v in keys.items())
    env.config.write_text(f"[inbox]\n{body}", encoding="utf-8")


def test_an_imap_scan_proposes_and_leaves_every_flag_as_it_was(cli, env, tmp_store, account) -> None:
    configure(env, account, imap=account.url, password_command="echo secret")
    env.config.write_text(env.config.read_text() + 'sent = ["Sent"]\n', encoding="utf-8")
    flags_before = {folder: account.flags(folder) for folder in ("INBOX", "Sent")}
    files_before = account.maildir_files()
    assert any(name.startswith("jane/new/") for name in files_before)  # unread mail waiting in new/

    result = cli("inbox", "scan")
    assert result.code == 0, result.err
    assert "IMAP jane@127.0.0.1/INBOX: 8 new messages read" in result.out
    assert "IMAP jane@127.0.0.1/Sent: 2 new messages read" in result.out
    assert "7 new proposals" in result.out
    got = {p.subject: p for p in inbox.all_proposals(tmp_store)}
    assert got["Your application to Acme, Inc."].category == "rejected"
    assert got["Re: Data Engineer — next steps"].event_kind == "interview"
    assert got["Following up: Backend Engineer"].event_kind == "follow_up_sent"

    # nothing marked read, moved or deleted
    assert {folder: account.flags(folder) for folder in ("INBOX", "Sent")} == flags_before
    assert account.maildir_files() == files_before

    # the second scan starts after the last UID it read
    again = cli("inbox", "scan")
    assert again.code == 0 and "INBOX: 0 new messages read" in again.out and "0 new proposals" in again.out
    account.append("INBOX", [(mail.message(sender="Omar Haddad <omar@globex.example>", subject="Re: Data "
                    "Engineer", msgid="omar-late@globex.example",
                    body="We have decided to move forward with other candidates."), [])])  # fmt: skip
    third = cli("inbox", "scan")
    assert "INBOX: 1 new message read" in third.out and "1 new proposal" in third.out
    assert account.flags("INBOX")[9] == ()  # still unread


def test_tls_with_the_servers_own_certificate(cli, env, tmp_store, account) -> None:
    # without it: the certificate is refused, in one line, exit 1, nothing written
    configure(env, imap=account.tls_url, password_command="echo secret")
    before = Path(tmp_store.path).read_bytes()
    refused = cli("inbox", "scan")
    assert refused.code == 1
    assert (
        refused.err.count("\n") == 1
        and "the TLS certificate was refused (self-signed certificate)" in refused.err
    )
    assert "set ca_file in [inbox]" in refused.err and "Traceback" not in refused.err
    assert Path(tmp_store.path).read_bytes() == before
    # with ca_file naming it: read over TLS
    configure(env, account, imap=account.tls_url, password_command="echo secret")
    result = cli("inbox", "scan")
    assert result.code == 0, result.err
    assert "IMAP jane@127.0.0.1/INBOX: 8 new messages read" in result.out


def test_a_wrong_password_is_one_line_and_writes_nothing(cli, env, tmp_store, account) -> None:
    before = Path(tmp_store.path).read_bytes()
    configure(env, account, imap=account.url, password_command="echo wrong")
    wrong = cli("inbox", "scan")
    assert wrong.code == 1 and wrong.err.count("\n") == 1
    assert "IMAP login to jane@127.0.0.1 failed: the server refused the user or password" in wrong.err
    assert "AUTHENTICATIONFAILED" in wrong.err
    # a password_command that fails says so
    configure(
        env, account, imap=account.url, password_command="sh -c 'echo gpg: decryption failed >&2; exit 2'"
    )
    failed = cli("inbox", "scan")
    assert failed.code == 1 and failed.err.count("\n") == 1
    assert "failed (exit status 2): gpg: decryption failed" in failed.err
    configure(env, account, imap=account.url, password_command="no-such-password-tool show mail")
    missing = cli("inbox", "scan")
    assert missing.code == 1 and "the program was not found" in missing.err
    # no password_command at all: how to set one
    configure(env, account, imap=account.url)
    unset = cli("inbox", "scan")
    assert unset.code == 2 and "set password_command" in unset.err and "never stores one" in unset.err
    # a folder that is not there
    configure(env, account, imap=account.url.replace("/INBOX", "/Archive"), password_command="echo secret")
    folder = cli("inbox", "scan")
    assert folder.code == 2 and "the folder 'Archive' cannot be opened" in folder.err
    tmp_store.reload()
    assert Path(tmp_store.path).read_bytes() == before


def test_the_command_line_imap_flag_needs_no_config_address(cli, env, tmp_store, account) -> None:
    configure(env, account, password_command="echo secret")
    result = cli("inbox", "scan", "--imap", account.url)
    assert result.code == 0 and "7 new proposals" not in result.out and "5 new proposals" in result.out
