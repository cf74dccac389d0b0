"""A throwaway Dovecot IMAP server on 127.0.0.1 for the inbox tests (Debian's dovecot-imapd).

Its own config, base_dir and Maildir, one passwd-file user (jane / secret), plaintext
login allowed (on loopback only), a plain port and a TLS port with a self-signed
certificate made here. ``start_dovecot`` returns a running server; ``stop`` ends it and
waits until it is gone.

As root, Dovecot will not run mail processes as root: the mail user is then ``nobody``,
and the server's folder is made in the system temp folder (pytest's tmp_path sits under
a 0700 folder that ``nobody`` cannot enter). As any other user, everything runs as that user.
"""

from __future__ import annotations

import contextlib
import os
import pwd
import shutil
import signal
import socket
import subprocess
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

USER, PASSWORD = "jane", "secret"


def dovecot_binary() -> str | None:
    return shutil.which("dovecot") or next(
        (p for p in ("/usr/sbin/dovecot", "/usr/local/sbin/dovecot") if os.access(p, os.X_OK)), None
    )


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@dataclass
class Dovecot:
    root: Path
    port: int
    tls_port: int
    cert: Path
    process: subprocess.Popen
    mail_root: Path
    owned_root: bool

    @property
    def url(self) -> str:
        return f"imap://{USER}@127.0.0.1:{self.port}/INBOX"

    @property
    def tls_url(self) -> str:
        return f"imaps://{USER}@127.0.0.1:{self.tls_port}/INBOX"

    def client(self):
        from imapclient import IMAPClient

        c = IMAPClient("127.0.0.1", self.port, ssl=False, timeout=10)
        c.login(USER, PASSWORD)
        return c

    def append(self, folder: str, messages: list[tuple[bytes, list[bytes]]]) -> None:
        """Deliver messages with their flags (``[b"\\\\Seen"]``), creating the folder if need be."""
        c = self.client()
        try:
            if not c.folder_exists(folder):
                c.create_folder(folder)
            for raw, flags in messages:
                c.append(folder, raw, flags=flags)
        finally:
            c.logout()

    def flags(self, folder: str) -> dict[int, tuple[bytes, ...]]:
        """Every message's flags, read without changing anything (EXAMINE); \\Recent is per session."""
        c = self.client()
        try:
            c.select_folder(folder, readonly=True)
            got = c.fetch(c.search("ALL"), ["FLAGS"])
            return {uid: tuple(sorted(f for f in d[b"FLAGS"] if f != b"\\Recent")) for uid, d in got.items()}
        finally:
            c.logout()

    def maildir_files(self) -> list[str]:
        """The server's own Maildir file names (its flags are in them: ``:2,S``)."""
        out = []
        for sub in ("cur", "new"):
            for base in self.mail_root.rglob(sub):
                out += sorted(f"{base.relative_to(self.mail_root)}/{p.name}" for p in base.iterdir())
        return sorted(out)

    def log(self) -> str:
        out = ""
        for name in ("stderr.log", "dovecot.log"):
            with contextlib.suppress(OSError):
                out += (self.root / name).read_text(errors="replace")
        return out

    def stop(self) -> None:
        """SIGTERM, then wait: the master stops its children before it exits."""
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        if self.owned_root:
            shutil.rmtree(self.root, ignore_errors=True)


def start_dovecot(tmp_path: Path) -> Dovecot:
    binary = dovecot_binary()
    assert binary, "dovecot is not installed"
    as_root = os.geteuid() == 0
    root = Path(tempfile.mkdtemp(prefix="followup-dovecot-")) if as_root else tmp_path / "dovecot"
    root.mkdir(exist_ok=True)
    os.chmod(root, 0o755)
    (root / "run").mkdir()
    (root / "state").mkdir()
    mail_root = root / "mail"
    mail_root.mkdir()
    if as_root:
        nobody = pwd.getpwnam("nobody")
        uid, gid = nobody.pw_uid, nobody.pw_gid
        os.chown(mail_root, uid, gid)
        users = ""
    else:
        uid, gid = os.getuid(), os.getgid()
        me = pwd.getpwuid(uid).pw_name
        users = f"default_login_user = {me}\ndefault_internal_user = {me}\n"
    cert, key = root / "cert.pem", root / "key.pem"
    make_cert = ["openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1"]
    make_cert += ["-nodes", "-keyout", str(key), "-out", str(cert), "-days", "2", "-subj", "/CN=127.0.0.1"]
    subprocess.run([*make_cert, "-addext", "subjectAltName=IP:127.0.0.1"], check=True, capture_output=True)
    os.chmod(key, 0o600)
    (root / "passwd").write_text(f"{USER}:{{PLAIN}}{PASSWORD}::::::\n", encoding="utf-8")
    port, tls_port = _free_port(), _free_port()
    conf = root / "dovecot.conf"
    conf.write_text(
        f"""base_dir = {root}/run
state_dir = {root}/state
log_path = {root}/dovecot.log
instance_name = followup-test-{port}
{users}protocols = imap
listen = 127.0.0.1
ssl = yes
ssl_cert = <{cert}
ssl_key = <{key}
disable_plaintext_auth = no
auth_mechanisms = plain login
auth_failure_delay = 0
first_valid_uid = 1
mail_location = maildir:{mail_root}/%u
passdb {{
  driver = passwd-file
  args = scheme=PLAIN username_format=%u {root}/passwd
}}
userdb {{
  driver = static
  args = uid={uid} gid={gid} home={mail_root}/%u
}}
service imap-login {{
  inet_listener imap {{
    address = 127.0.0.1
    port = {port}
  }}
  inet_listener imaps {{
    address = 127.0.0.1
    port = {tls_port}
    ssl = yes
  }}
  chroot =
}}
service anvil {{
  chroot =
}}
""",
        encoding="utf-8",
    )
    # In the foreground (-F): the fixture owns the process and waits for it to end.
    log_file = (root / "stderr.log").open("wb")
    process = subprocess.Popen(
        [binary, "-F", "-c", str(conf)], stdin=subprocess.DEVNULL, stdout=log_file, stderr=log_file
    )
    log_file.close()
    server = Dovecot(root, port, tls_port, cert, process, mail_root, owned_root=as_root)
    deadline = time.monotonic() + 15
    while True:  # until it answers on both ports
        if process.poll() is not None:
            server.stop()
            raise AssertionError(f"dovecot did not start (exit {process.returncode}):\n{server.log()}")
        try:
            for p in (port, tls_port):
                socket.create_connection(("127.0.0.1", p), timeout=1).close()
            return server
        except OSError:
            if time.monotonic() > deadline:
                server.stop()
                raise AssertionError(f"dovecot did not answer on 127.0.0.1:{port}:\n{server.log()}") from None
            time.sleep(0.02)
