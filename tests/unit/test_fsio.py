"""tui.store.fsio: the one durable write (issue 13 "one durable write", issue 22 trust boundaries)."""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path

import pytest

from tui.store import fsio


@pytest.fixture
def umask_000():
    old = os.umask(0)
    try:
        yield
    finally:
        os.umask(old)


def mode(path: Path) -> int:
    return stat.S_IMODE(os.stat(path).st_mode)


def test_a_new_file_and_its_folders_are_private_at_umask_000(tmp_path, umask_000):
    target = tmp_path / "a" / "b" / "export.md"  # two folders to make
    fsio.save(target, b"hello", "the export")
    assert target.read_bytes() == b"hello"
    assert mode(target) == 0o600
    assert mode(tmp_path / "a") == 0o700 and mode(tmp_path / "a" / "b") == 0o700
    assert [p.name for p in target.parent.iterdir()] == ["export.md"]  # no temp file left


def test_rewriting_never_widens_an_existing_mode(tmp_path, umask_000):
    private = tmp_path / "private.md"
    fsio.save(private, b"one", "the export")
    fsio.save(private, b"two", "the export")
    assert mode(private) == 0o600 and private.read_bytes() == b"two"
    shared = tmp_path / "shared.md"
    shared.write_bytes(b"old")
    os.chmod(shared, 0o640)
    fsio.save(shared, b"new", "the export")
    assert mode(shared) == 0o640  # kept: the user chose it, and it is no wider than before
    writable = tmp_path / "writable.md"
    writable.write_bytes(b"old")
    os.chmod(writable, 0o666)
    fsio.save(writable, b"new", "the export")
    assert mode(writable) == 0o600  # a world-writable file is narrowed, never kept open


def test_a_symlink_keeps_pointing_at_its_target(tmp_path):
    real = tmp_path / "synced" / "board.md"
    real.parent.mkdir()
    real.write_bytes(b"old")
    link = tmp_path / "board.md"
    link.symlink_to(real)
    for n in range(3):
        fsio.save(link, f"v{n}".encode(), "the export")
    assert link.is_symlink() and os.readlink(link) == str(real)
    assert real.read_bytes() == b"v2"


def test_a_planted_temp_name_is_never_written_through(tmp_path, monkeypatch):
    victim = tmp_path / "victim.txt"
    victim.write_bytes(b"precious")
    target = tmp_path / "out.md"
    # The first random name the writer picks is already a symlink to the victim.
    names = iter([b"\x01" * 8, b"\x02" * 8])
    monkeypatch.setattr(fsio.os, "urandom", lambda n: next(names))
    planted = tmp_path / f".out.md.{'01' * 8}.tmp"
    planted.symlink_to(victim)
    fsio.atomic_write(target, b"export")
    assert victim.read_bytes() == b"precious"
    assert target.read_bytes() == b"export" and not target.is_symlink()
    assert planted.is_symlink()  # left alone


def test_write_new_never_overwrites_anything(tmp_path, umask_000):
    tmp_path = tmp_path / "drafts"
    tmp_path.mkdir()
    target = tmp_path / "draft.eml"
    fsio.write_new(target, b"first")
    assert mode(target) == 0o600
    with pytest.raises(FileExistsError):
        fsio.write_new(target, b"second")
    assert target.read_bytes() == b"first"
    dangling = tmp_path / "dangling.eml"
    dangling.symlink_to(tmp_path / "elsewhere.eml")
    with pytest.raises(FileExistsError):
        fsio.write_new(dangling, b"x")
    assert not (tmp_path / "elsewhere.eml").exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["dangling.eml", "draft.eml"]


@pytest.mark.parametrize(
    ("code", "words"),
    [
        (errno.ENOSPC, "the disk is full"),
        (errno.EROFS, "the file system is read-only"),
        (errno.EACCES, "permission denied"),
        (errno.EFBIG, "larger than the size limit"),
        (errno.EIO, "input/output error"),
    ],
)
def test_os_errors_become_words_naming_the_file(tmp_path, monkeypatch, code, words):
    tmp_path = tmp_path / "out"
    tmp_path.mkdir()
    target = tmp_path / "board.md"
    target.write_bytes(b"old")

    def failing_write(fd, data):
        raise OSError(code, os.strerror(code))

    monkeypatch.setattr(fsio.os, "write", failing_write)
    with pytest.raises(fsio.WriteError) as err:
        fsio.save(target, b"new", "the export")
    message = str(err.value)
    assert str(target) in message and words in message and "the export was not written" in message
    assert target.read_bytes() == b"old"
    assert [p.name for p in tmp_path.iterdir()] == ["board.md"]  # the temp file was removed
