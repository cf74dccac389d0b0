"""One fuzzy-search index of every contact per running app, kept in step with the board.

Building a ``ContactIndex`` over 30,000 contacts takes about half a second, so it is
built once, in a worker thread, the first time someone searches (the finder's search
box, the contacts screen's filter) and never at start-up, where it would compete with
the first paint. After that, each new board snapshot is applied as a diff (``upsert`` /
``remove`` of the contacts that changed), which costs milliseconds. Every method may be
called from a worker thread; one lock keeps a search from reading a half-applied diff.
No Textual here: the widgets own the threads.
"""

from __future__ import annotations

import threading
import weakref
from typing import Any

from tui.domain.board import Board
from tui.domain.models import Contact
from tui.followup.contact_search import ContactIndex, Match

# Past this many changed contacts (an import), a fresh build is cheaper than the diff.
REBUILD_AFTER = 2_000


class LiveIndex:
    """A ``ContactIndex`` that follows the board's contacts; thread-safe."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._index: ContactIndex | None = None
        self._seen: dict[int, Contact] = {}  # what the index holds, by id
        self._board: Board | None = None  # the snapshot it reflects

    @property
    def ready(self) -> bool:
        """Built at least once (a search now answers without a build)."""
        return self._index is not None

    def sync(self, board: Board) -> None:
        """Bring the index in step with ``board``'s contacts; builds it on first use."""
        with self._lock:
            self._sync(board)

    def _sync(self, board: Board) -> None:
        if self._board is board:
            return
        current = board.contact_by_id
        if self._index is None:
            self._rebuild(board)
            return
        seen = self._seen
        changed = [c for cid, c in current.items() if seen.get(cid) != c]
        gone = [cid for cid in seen if cid not in current]
        if len(changed) + len(gone) > REBUILD_AFTER:
            self._rebuild(board)
            return
        for contact in changed:
            self._index.upsert(contact)
        for cid in gone:
            self._index.remove(cid)
        self._seen = dict(current)
        self._board = board

    def _rebuild(self, board: Board) -> None:
        self._index = ContactIndex(board.contacts)
        self._seen = dict(board.contact_by_id)
        self._board = board

    def search(self, board: Board, query: str, limit: int) -> list[Match]:
        """The best ``limit`` contacts of ``board`` for ``query`` (syncing first)."""
        with self._lock:
            self._sync(board)
            assert self._index is not None
            return self._index.search(query, limit)


_LIVE: weakref.WeakKeyDictionary[Any, LiveIndex] = weakref.WeakKeyDictionary()
_LIVE_LOCK = threading.Lock()


def live_index(owner: Any) -> LiveIndex:
    """The index shared by everything in one running app (``owner`` is the app)."""
    with _LIVE_LOCK:
        index = _LIVE.get(owner)
        if index is None:
            index = _LIVE[owner] = LiveIndex()
        return index
