"""The one durable write: every file the user keeps goes through here.

The store, exports (``-o`` and the board's ``x``), ``config.toml`` written back, the
capture history and ``.eml`` drafts all need the same things, so they share this:

- **atomic**: the bytes go to a temp file in the target's own folder, created with
  ``O_EXCL`` under a random name (a planted symlink or file of that name is never
  written through), fsynced, ``os.replace``d over the target, then the folder is
  fsynced. A reader or a crash sees the old file or the new one, never a mix.
- **symlinks resolved**: a target that is a symlink (a dotfiles or synced-folder
  setup) has its *target* replaced, so the link stays a link and the real file gets
  the new bytes.
- **private**: a new file is 0600 and a new folder 0700 whatever the umask; an
  existing file keeps its mode, except that group/other bits are never widened
  beyond what it had (and a group/world-writable file is narrowed to 0600).
- ``write_new`` creates a file that must not exist yet (drafts never overwrite).
- ``describe`` turns an ``OSError`` into a sentence naming the file and what was
  not written (disk full, read-only, no permission, file too large, I/O error).

Not ``tempfile``: importing it costs more than `followup add` may spend (DESIGN.md §10).
"""

from __future__ import annotations

import contextlib
import errno
import os
import stat
import sys
from pathlib import Path
from typing import BinaryIO

from tui.domain.errors import FollowupError, InputError

FILE_MODE = 0o600
DIR_MODE = 0o700


class WriteError(FollowupError):
    """A file could not be written; the message says which and why, in words."""

    exit_status = 1

    def __init__(self, message: str, errno_: int | None = None) -> None:
        super().__init__(message)
        self.errno = errno_


_REASONS = {
    errno.ENOSPC: "the disk is full",
    errno.EDQUOT: "the disk quota is used up",
    errno.EROFS: "the file system is read-only",
    errno.EACCES: "permission denied",
    errno.EPERM: "the operation is not permitted",
    errno.EFBIG: "the file would be larger than the size limit allows",
    errno.EIO: "an input/output error (the disk or its connection failed)",
    errno.ENOENT: "the folder does not exist",
    errno.ENOTDIR: "a part of the path is not a folder",
    errno.EISDIR: "it is a folder",
    errno.ENAMETOOLONG: "the name is too long",
    errno.ELOOP: "too many symbolic links",
    errno.EEXIST: "a file of that name already exists",
}


def reason(exc: OSError) -> str:
    """The cause of an OSError in words (the system's own words for the rare ones)."""
    return _REASONS.get(exc.errno or 0) or (exc.strerror or type(exc).__name__).lower()


def describe(exc: OSError, path: Path | str, what: str = "nothing was written") -> str:
    """``Cannot write PATH: the disk is full; nothing was written.``"""
    return f"Cannot write {path}: {reason(exc)}; {what}."


def resolve_target(path: Path | str) -> Path:
    """The file a write to ``path`` must replace: symlinks followed (also dangling ones)."""
    path = Path(path)
    try:
        return path.resolve()
    except (OSError, RuntimeError):  # a symlink loop: let the open below report it
        return path


def make_dirs(folder: Path) -> None:
    """Create ``folder`` and missing parents as 0700 (whatever the umask)."""
    if folder.is_dir():
        return
    missing = []
    probe = folder
    while not probe.exists() and probe != probe.parent:
        missing.append(probe)
        probe = probe.parent
    folder.mkdir(mode=DIR_MODE, parents=True, exist_ok=True)
    for made in missing:  # mkdir's mode is masked by the umask; chmod is not
        with contextlib.suppress(OSError):
            os.chmod(made, DIR_MODE)


def fsync_dir(folder: Path) -> None:
    with contextlib.suppress(OSError):  # some file systems refuse a directory fsync
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def full_fsync(fd: int) -> None:
    if sys.platform == "darwin":  # fsync on macOS does not reach the platter
        import fcntl

        with contextlib.suppress(OSError):
            fcntl.fcntl(fd, fcntl.F_FULLFSYNC)
            return
    os.fsync(fd)


def write_all(fd: int, payload: bytes) -> None:
    view = memoryview(payload)
    while view:
        view = view[os.write(fd, view) :]


def open_temp(folder: Path, name: str, mode: int = FILE_MODE) -> tuple[int, Path]:
    """A new file ``.<name>.<random>.tmp`` in ``folder``, created with O_EXCL (never through a link).

    The store sweeps leftovers of this pattern (``.<name>.*.tmp``) when it opens.
    """
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_CLOEXEC", 0)
    while True:
        tmp = folder / f".{name}.{os.urandom(8).hex()}.tmp"
        try:
            fd = os.open(tmp, flags, mode)
        except FileExistsError:  # pragma: no cover - 64 random bits collided
            continue
        with contextlib.suppress(OSError):
            os.fchmod(fd, mode)  # the open's mode is masked by the umask; fchmod is not
        return fd, tmp


def _kept_mode(target: Path) -> int:
    """The mode the replaced file keeps: its own, never more open than before, never writable by others."""
    try:
        st = os.stat(target)
    except OSError:
        return FILE_MODE
    if not stat.S_ISREG(st.st_mode):
        return FILE_MODE
    mode = stat.S_IMODE(st.st_mode)
    if mode & 0o022:  # group/world-writable: anyone could have swapped the content
        return FILE_MODE
    return mode | 0o600  # we must be able to read back what we wrote


def atomic_write(
    path: Path | str,
    data: bytes,
    *,
    durable: bool = True,
    keep_fd: bool = False,
    mode: int | None = None,
) -> tuple[Path, int | None]:
    """Replace the file at ``path`` (its symlink target) with ``data``, atomically and durably.

    Returns the file written (symlinks resolved) and, with ``keep_fd``, an open read-write
    descriptor of the new file (the store keeps it to pin the inode). ``mode`` forces the new
    file's mode (the store: always 0600); by default an existing file keeps its own. Raises ``OSError``;
    use ``describe`` for the words. The folder must exist (``make_dirs``).
    """
    target = resolve_target(path)
    folder = target.parent
    fd, tmp = open_temp(folder, target.name, _kept_mode(target) if mode is None else mode)
    try:
        write_all(fd, data)
        if durable:
            full_fsync(fd)
        os.replace(tmp, target)
    except BaseException:
        os.close(fd)
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise
    if durable:
        fsync_dir(folder)
    if keep_fd:
        return target, fd
    os.close(fd)
    return target, None


def write_new(path: Path | str, data: bytes) -> Path:
    """Create ``path`` with ``data`` durably; ``FileExistsError`` if anything has that name.

    Written to a temp file and hard-linked into place, so the name appears complete or not
    at all; a file system without hard links gets an ``O_EXCL`` create of the name itself.
    """
    target = Path(path)
    folder = target.parent
    fd, tmp = open_temp(folder, target.name)
    try:
        write_all(fd, data)
        full_fsync(fd)
    except BaseException:
        os.close(fd)
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise
    os.close(fd)
    try:
        os.link(tmp, target, follow_symlinks=False)  # fails if target exists (even a dangling link)
    except FileExistsError:
        raise
    except OSError as exc:
        if exc.errno not in (errno.EPERM, errno.EOPNOTSUPP, errno.EMLINK, errno.ENOTSUP):
            raise
        _create_exclusive(target, data)  # no hard links here (FAT, some network file systems)
    finally:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
    fsync_dir(folder)
    return target


def _create_exclusive(target: Path, data: bytes) -> None:
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_CLOEXEC", 0)
    fd = os.open(target, flags, FILE_MODE)
    try:
        os.fchmod(fd, FILE_MODE)
        write_all(fd, data)
        full_fsync(fd)
    except BaseException:
        os.close(fd)
        with contextlib.suppress(OSError):
            os.unlink(target)
        raise
    os.close(fd)


MAX_INPUT_BYTES = 256 * 1024 * 1024  # an address book with photos fits; /dev/zero does not


class NotAFileError(OSError):
    """The path names a pipe, a device, a socket or a folder: nothing was read."""


def open_regular(path: Path | str) -> BinaryIO:
    """``path`` opened for reading, only when it is a regular file.

    A FIFO is opened without blocking and refused, like a device (``/dev/zero`` would read
    until memory runs out) or a folder: ``NotAFileError``. Other failures are the
    ``OSError`` of the open (``reason`` has the words).
    """
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0))
    try:
        mode = os.fstat(fd).st_mode
        if not stat.S_ISREG(mode):
            kind = "a folder" if stat.S_ISDIR(mode) else "not a regular file (a pipe or a device)"
            raise NotAFileError(errno.EISDIR if stat.S_ISDIR(mode) else errno.EINVAL, kind, str(path))
        os.set_blocking(fd, True)
        return os.fdopen(fd, "rb")
    except BaseException:
        os.close(fd)
        raise


def read_regular_file(path: Path | str, limit: int = MAX_INPUT_BYTES) -> bytes:
    """The bytes of a regular file (``open_regular``) of at most ``limit`` bytes; ``EFBIG`` past it."""
    with open_regular(path) as handle:
        if os.fstat(handle.fileno()).st_size > limit:
            raise OSError(errno.EFBIG, f"over the {limit // 2**20} MB limit", str(path))
        data = handle.read(limit + 1)
    if len(data) > limit:  # it grew while we read
        raise OSError(errno.EFBIG, f"over the {limit // 2**20} MB limit", str(path))
    return data


def input_error(exc: OSError, path: Path | str, what: str, limit: int = MAX_INPUT_BYTES) -> InputError:
    """An input file that cannot be read, in words: the one wording for every reader."""
    name = f"{what} {path}" if what else str(path)
    if isinstance(exc, FileNotFoundError):
        return InputError(f"{name} does not exist.")
    if isinstance(exc, IsADirectoryError) or exc.errno == errno.EISDIR:
        return InputError(f"{name} is a folder, not a file.")
    if isinstance(exc, NotAFileError):
        return InputError(f"{name} is not a regular file (a pipe or a device); nothing was read.")
    if exc.errno == errno.EFBIG:
        return InputError(f"{name} is over the {limit // 2**20} MB limit; nothing was read.")
    return InputError(f"Cannot read {what.lower() + ' ' if what else ''}{path}: {reason(exc)}.")


def read_input(path: Path | str, what: str = "Input file", limit: int = MAX_INPUT_BYTES) -> bytes:
    """The bytes of a file the user gave us (an import, an invitation), or ``InputError`` in words."""
    try:
        return read_regular_file(path, limit)
    except OSError as exc:
        raise input_error(exc, path, what, limit) from None


def open_input(path: Path | str, what: str = "Input file") -> BinaryIO:
    """A file the user gave us, open for streaming (hashing, line by line), or ``InputError``."""
    try:
        return open_regular(path)
    except OSError as exc:
        raise input_error(exc, path, what) from None



def save(path: Path | str, data: bytes, what: str, *, make_folders: bool = True) -> Path:
    """``atomic_write`` for a file the user keeps (an export, the config): missing folders made
    0700 (unless ``make_folders`` is False), errors raised as ``WriteError`` in words (``what``
    names what was not written)."""
    target = resolve_target(path)
    try:
        if target.is_dir():
            raise IsADirectoryError(errno.EISDIR, "Is a directory", str(target))
        if make_folders:
            make_dirs(target.parent)
        atomic_write(target, data)
    except OSError as exc:
        raise WriteError(describe(exc, path, f"{what} was not written"), exc.errno) from None
    return target


__all__ = [
    "DIR_MODE",
    "FILE_MODE",
    "WriteError",
    "atomic_write",
    "describe",
    "make_dirs",
    "reason",
    "resolve_target",
    "save",
    "write_new",
]
