"""Kill this process at one step of the write protocol (STORAGE.md §4.1).

``python -m tests.helpers.kill_step_child DB STEP`` opens the store, then adds one
application ("After @ Kill") with ``os.fsync`` / ``os.replace`` patched to SIGKILL the
process at STEP:

- ``fsync-temp``: at the fsync of the temp file (before the rename)
- ``replace-before``: just before ``os.replace``
- ``replace-after``: just after ``os.replace`` (before the folder fsync)
- ``fsync-dir``: at the folder fsync (after the rename)

It prints ``armed`` before the write; reaching the end prints ``survived`` (a failure).
"""

from __future__ import annotations

import os
import signal
import sys


def main(db: str, step: str) -> None:
    from tui.domain.models import Application
    from tui.store.repository import Store

    store = Store(db)
    real_fsync, real_replace = os.fsync, os.replace
    fsyncs = 0

    def die() -> None:
        os.kill(os.getpid(), signal.SIGKILL)

    def fsync(fd: int) -> None:
        nonlocal fsyncs
        fsyncs += 1
        if (step == "fsync-temp" and fsyncs == 1) or (step == "fsync-dir" and fsyncs == 2):
            die()
        real_fsync(fd)

    def replace(src: str, dst: str) -> None:
        if step == "replace-before":
            die()
        real_replace(src, dst)
        if step == "replace-after":
            die()

    os.fsync, os.replace = fsync, replace  # type: ignore[assignment]
    print("armed", flush=True)
    store.add_application(Application(company="Kill", role="After", stage="saved"))
    print("survived", flush=True)


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
