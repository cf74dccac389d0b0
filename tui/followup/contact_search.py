"""Fuzzy search over every contact (DESIGN.md §5), fast enough for one frame per keystroke.

Measured with ``tests/bench/bench_search.py --compare`` (one run, both side by side):
30,000 synthetic contacts, every prefix of 16 typed queries ("s", "sa", ... "sarah",
"acme rec", "jose garcia", "sftwr", ...), 5 rounds, a 2-core machine shared with other
jobs (load average about 4), wall clock per keystroke, median / p95:

- rapidfuzz ``process.extract(q, choices, scorer=..., processor=None, limit=50)`` over
  prebuilt lowercased display strings: ``partial_ratio`` 39 / 61 ms,
  ``partial_token_set_ratio`` 109 / 151 ms, ``WRatio`` 137 / 221 ms (``process.cdist``
  with workers needs numpy, which is not installed). Over the 16 ms budget, and wrong for
  the job besides: a word start scores no better than the inside of a word and nothing
  makes every query word match, so "acme rec" mixes Acme's engineers into its recruiters.
- this module: 0.38 / 7.3 ms (CPU time p95 3.5 ms: the rest is the other jobs; 0.4 / 3.3
  ms wall on a quieter run). Index build 0.3-0.5 s of CPU (build it off the UI thread or
  on first use), about 23 MB; upsert or remove of one contact 1-2 ms.

How it ranks. The query is folded (lowercase, accents off: "jose" finds "José", "lukasz"
finds "Łukasz") and split into words; every word must match one field (name, company,
title or email). A word matches a field, best first: as a prefix of the field's first
word (tier 0), of a later word (1), inside a word (2), or scattered (3), compactly (every
gap at most 2 characters: "sftwr" in "software") before loosely. Within a tier, name beats
company beats title beats email. A contact ranks by its weakest word, then by the sum over
its words, so "acme rec" lists Acme's recruiters before anyone matched by scattered
letters. Equal ranks go by name (contacts added since the build come after). Words of
punctuation alone ("-", "·") are separators.

How it stays fast. Tiers 0 and 1 come from sorted word arrays (one per field and tier):
the words starting with the query word are one ``bisect`` range, already in rank order,
so a one-word query reads its first 50 hits and stops. Tiers 2 and 3 are needed only when
fewer than ``limit`` contacts match at word starts; they come from C-speed scans
(``str.find``, a possessive regex that never backtracks) over one newline-joined text per
field, again in rank order so reading stops at ``limit``. With several words, the
contacts that match at word starts are intersected; the rest are found from one word and
checked one by one (a word loosely scattered is not looked for there: noise, and too slow
for a frame). A one-contact change edits the arrays in place, never rebuilding the rest.
Not thread-safe: search and update from the same thread.
"""

from __future__ import annotations

import heapq
import re
import sys
import unicodedata
from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from itertools import accumulate
from operator import attrgetter

from tui.domain.models import Contact

# Indexed fields in rank order (ties within a tier go to the earlier field).
FIELDS: tuple[str, ...] = ("name", "company", "title", "email")
# The display string's order, which the highlight spans refer to.
DISPLAY_ORDER: tuple[str, ...] = ("name", "title", "company", "email")
SEPARATOR = " · "
MAX_QUERY = 200  # characters; a pasted essay is not a search
MAX_WORDS = 10  # every word must match: more than this and nothing would
MAX_SCATTERED = 32  # a longer word is not looked for as a scattered match
_RECENT = 4  # scans kept for the words of the last few keystrokes
_MASK = (1 << 26) - 1
_CHEAP_PIVOT = 2000  # candidates; checking one costs about 2 microseconds
_GET_FIELDS = attrgetter(*FIELDS)

_NF = len(FIELDS)
_TIER = 1000  # a word's cost: tier * _TIER (+ _SUB for a loose scattered match) + field rank
_SUB = 100
_WORD = re.compile(r"[^\W_]+")  # a run of str.isalnum() characters
_TOP = "\U0010ffff"  # sorts after every character a word can hold


@dataclass(frozen=True)
class Match:
    """One search hit: which contact, how good (1.0 = a name prefix), which field matched
    best, and the character ranges of ``display(contact)`` to highlight."""

    contact_id: int
    score: float
    field: str
    spans: list[tuple[int, int]] = field(default_factory=list)


def display(contact: Contact) -> str:
    """The one-line form the finder shows: "Name · Title · Company · email" (empty parts left out)."""
    return SEPARATOR.join(v for v in (_value(contact, f) for f in DISPLAY_ORDER) if v)


def _value(contact: Contact, name: str) -> str:
    value = getattr(contact, name, "")
    return value if isinstance(value, str) else ""


def _fold_row(contact: Contact) -> tuple[str, ...]:
    """The folded FIELDS of one contact (a non-text value counts as empty)."""
    return tuple([fold(v) if isinstance(v, str) else "" for v in _GET_FIELDS(contact)])


# -- folding ---------------------------------------------------------------------------

# Letters that carry no combining mark to strip, folded by hand.
_SPECIAL = {
    "ł": "l",
    "ø": "o",
    "ı": "i",
    "đ": "d",
    "ð": "d",
    "þ": "t",
    "ħ": "h",
    "ß": "s",
    "æ": "a",
    "œ": "o",
}


class _FoldTable(dict):
    """A ``str.translate`` table that folds each character to exactly one character, so an
    offset in the folded text is the same offset in the original (the highlight spans)."""

    def __missing__(self, code: int) -> str:
        ch = chr(code)
        if not ch.isprintable() or ch.isspace():
            out = " "
        else:
            low = ch.lower()
            low = _SPECIAL.get(low, low)
            base = "".join(c for c in unicodedata.normalize("NFKD", low) if not unicodedata.combining(c))
            base = _SPECIAL.get(base, base)
            out = base if len(base) == 1 else (low if len(low) == 1 else ch)
        self[code] = out
        return out


_FOLD = _FoldTable()


def fold(text: str) -> str:
    """Lowercase, accents off, control characters to spaces; same length as ``text``."""
    if text.isascii():
        low = text.lower()
        return low if low.isprintable() else low.translate(_FOLD)
    return text.translate(_FOLD)


def _tokens(query: str) -> list[str]:
    """The query's words, folded: repeats dropped, words of punctuation alone ("-", "·",
    "@") ignored as separators, at most MAX_WORDS of them."""
    words = [w for w in fold(query[:MAX_QUERY]).split() if any(ch.isalnum() for ch in w)]
    return list(dict.fromkeys(words))[:MAX_WORDS]


def _substring_tier(text: str, token: str) -> tuple[int, int] | None:
    """(tier, position) of the best exact occurrence: 0 at the first word, 1 at a later
    word start, 2 inside a word; None when ``token`` does not occur."""
    i = text.find(token)
    if i == -1:
        return None
    if _WORD.search(text, 0, i) is None:  # nothing word-like before it: the field's start
        return 0, i
    best = None
    while i != -1:
        if text[i].isalnum() and not text[i - 1].isalnum():
            return 1, i
        if best is None:
            best = i
        i = text.find(token, i + 1)
    return 2, best  # type: ignore[return-value]


@lru_cache(maxsize=512)
def _fuzzy_patterns(token: str) -> tuple[re.Pattern[str], re.Pattern[str]]:
    """Subsequence matches within one line: compact (every gap at most 2 characters), then
    any. Each step takes the next occurrence possessively, so a scan never backtracks."""
    first = re.escape(token[0])
    compact = [first] + [f"[^{re.escape(c)}\\n]{{0,2}}+{re.escape(c)}" for c in token[1:]]
    loose = [first] + [f"[^{re.escape(c)}\\n]*+{re.escape(c)}" for c in token[1:]]
    return re.compile("".join(compact)), re.compile("".join(loose))


def _walk(text: str, token: str, start: int) -> list[int]:
    """The positions of a leftmost subsequence match that starts at ``start``."""
    positions, at = [], start
    for ch in token:
        at = text.index(ch, at)
        positions.append(at)
        at += 1
    return positions


def _match_field(text: str, token: str) -> tuple[int, list[int]] | None:
    """(tier cost, matched positions) of ``token`` in one folded field, or None."""
    hit = _substring_tier(text, token)
    if hit is not None:
        return hit[0] * _TIER, list(range(hit[1], hit[1] + len(token)))
    if not 1 < len(token) <= MAX_SCATTERED:
        return None
    for sub, pattern in enumerate(_fuzzy_patterns(token)):
        m = pattern.search(text)
        if m is not None:
            return 3 * _TIER + sub * _SUB, _walk(text, token, m.start())
    return None


def _best_cost(folded: tuple[str, ...], token: str) -> int | None:
    """The lowest cost of ``token`` over the fields of one contact (None: no match)."""
    best = None
    for f, text in enumerate(folded):
        if token in text:
            tier = _substring_tier(text, token)[0]  # type: ignore[index]
            if best is None or tier * _TIER + f < best:
                best = tier * _TIER + f
    if best is not None or not 1 < len(token) <= MAX_SCATTERED:
        return best
    for sub, pattern in enumerate(_fuzzy_patterns(token)):
        for f, text in enumerate(folded):
            if pattern.search(text) is not None:
                return 3 * _TIER + sub * _SUB + f
    return None


# -- the index -------------------------------------------------------------------------

_Rank = tuple[int, int, int, int]  # (weakest tier, summed cost, tie-break, slot): lower is better


class ContactIndex:
    """Fuzzy search over a list of contacts; build once, then ``upsert``/``remove`` per change.

    Contacts without an id are not indexed (a hit must name a stored contact).
    """

    def __init__(self, contacts: Iterable[Contact] = ()) -> None:
        rows: dict[int, tuple[str, ...]] = {}
        for c in contacts:
            if type(c.id) is int:  # a repeated id: the last one wins
                rows[c.id] = _fold_row(c)
        # A slot is a dense number per contact. Ties rank by slot, so the first slots
        # follow the names' alphabetical order; later additions go at the end.
        ordered = sorted(rows.items(), key=lambda kv: (kv[1][0], kv[0]))
        self._ids: list[int | None] = [cid for cid, _ in ordered]
        self._folded: list[tuple[str, ...] | None] = [row for _, row in ordered]
        self._slot_of: dict[int, int] = {cid: slot for slot, (cid, _) in enumerate(ordered)}
        # Sorted word arrays, index f * 2 + k: field f, k = 0 its first word, 1 later words.
        self._words: list[list[str]] = []
        self._slots: list[list[int]] = []
        # One newline-joined text per field, line number == slot, and where each line starts.
        self._blobs: list[str] = []
        self._starts: list[list[int]] = []
        slot_numbers = list(range(len(ordered)))  # one int object per slot, shared by all arrays
        for f in range(_NF):
            lines = [row[f] for _, row in ordered]
            firsts: tuple[list[str], list[int]] = ([], [])
            laters: tuple[list[str], list[int]] = ([], [])
            for slot, line in zip(slot_numbers, lines, strict=True):
                words = _WORD.findall(line)
                if words:
                    firsts[0].append(words[0])
                    firsts[1].append(slot)
                    if len(words) > 1:
                        laters[0].extend(words[1:])
                        laters[1].extend([slot] * (len(words) - 1))
            for words, slots in (firsts, laters):
                # A stable sort by word keeps equal words in slot order.
                order = sorted(range(len(words)), key=words.__getitem__)
                self._words.append(list(map(sys.intern, map(words.__getitem__, order))))
                self._slots.append(list(map(slots.__getitem__, order)))
            self._blobs.append("\n".join(lines))
            self._starts.append(list(accumulate(map(len, lines[:-1]), lambda at, n: at + n + 1, initial=0)))
            if not lines:
                self._starts[f] = []
        self._recent: dict[tuple[str, bool], list[int]] = {}

    def __len__(self) -> int:
        return len(self._slot_of)

    def __contains__(self, contact_id: object) -> bool:
        return contact_id in self._slot_of

    # -- keeping it current ------------------------------------------------------------

    def upsert(self, contact: Contact) -> None:
        """Add a contact, or re-index one whose fields changed (same id). About 0.1-2 ms."""
        if type(contact.id) is not int:
            return
        row = _fold_row(contact)
        slot = self._slot_of.get(contact.id)
        if slot is not None and self._folded[slot] == row:
            return
        self._recent.clear()
        if slot is None:
            slot = len(self._ids)
            self._ids.append(contact.id)
            self._folded.append(row)
            self._slot_of[contact.id] = slot
            for f in range(_NF):
                self._starts[f].append(len(self._blobs[f]) + 1 if slot else 0)
                self._blobs[f] += ("\n" if slot else "") + row[f]
        else:
            self._drop_entries(slot)
            self._folded[slot] = row
            self._set_line(slot, row)
        for arr, word in self._array_entries(slot):
            words, slots = self._words[arr], self._slots[arr]
            lo, hi = bisect_left(words, word), bisect_right(words, word)
            i = bisect_left(slots, slot, lo, hi)
            words.insert(i, word)
            slots.insert(i, slot)

    def remove(self, contact_id: int) -> None:
        """Forget a contact; an unknown id is ignored."""
        slot = self._slot_of.pop(contact_id, None)
        if slot is None:
            return
        self._recent.clear()
        self._drop_entries(slot)
        self._ids[slot] = None
        self._folded[slot] = None
        self._set_line(slot, ("",) * _NF)

    def _array_entries(self, slot: int) -> list[tuple[int, str]]:
        row = self._folded[slot]
        out: list[tuple[int, str]] = []
        if row is not None:
            for f, text in enumerate(row):
                for k, word in enumerate(_WORD.findall(text)):
                    out.append((f * 2 + (k > 0), sys.intern(word)))
        return out

    def _drop_entries(self, slot: int) -> None:
        for arr, word in self._array_entries(slot):
            words, slots = self._words[arr], self._slots[arr]
            lo, hi = bisect_left(words, word), bisect_right(words, word)
            i = bisect_left(slots, slot, lo, hi)
            if i < hi and slots[i] == slot:
                del words[i], slots[i]

    def _set_line(self, slot: int, row: tuple[str, ...]) -> None:
        """Replace one line of each field text in place, shifting the later line starts."""
        for f in range(_NF):
            blob, starts = self._blobs[f], self._starts[f]
            begin = starts[slot]
            end = starts[slot + 1] - 1 if slot + 1 < len(starts) else len(blob)
            if blob[begin:end] == row[f]:
                continue
            self._blobs[f] = blob[:begin] + row[f] + blob[end:]
            delta = len(row[f]) - (end - begin)
            if delta:
                starts[slot + 1 :] = map(delta.__add__, starts[slot + 1 :])

    # -- search ------------------------------------------------------------------------

    def search(self, query: str, limit: int = 50) -> list[Match]:
        """The best ``limit`` contacts for ``query``, best first; every word must match."""
        if not isinstance(query, str) or type(limit) is not int or limit <= 0 or not self._slot_of:
            return []
        tokens = _tokens(query)
        if not tokens:
            return []
        ranked = self._search_one(tokens[0], limit) if len(tokens) == 1 else self._search_many(tokens, limit)
        return [self._to_match(r, tokens) for r in ranked]

    def _word_arrays(self) -> Iterator[tuple[int, list[str], list[int]]]:
        """(cost, words, slots) for tiers 0 and 1, best first."""
        for tier in (0, 1):
            for f in range(_NF):
                arr = f * 2 + tier
                yield tier * _TIER + f, self._words[arr], self._slots[arr]

    def _lines(self, f: int, token: str) -> Iterator[int]:
        """The slots whose field ``f`` contains ``token``, in slot order, once each."""
        blob, starts = self._blobs[f], self._starts[f]
        i = blob.find(token)
        while i != -1:
            slot = bisect_right(starts, i) - 1
            yield slot
            i = blob.find(token, starts[slot + 1]) if slot + 1 < len(starts) else -1

    def _fuzzy_lines(self, f: int, pattern: re.Pattern[str]) -> Iterator[int]:
        """The slots whose field ``f`` matches ``pattern``, in slot order (maybe repeated)."""
        starts = self._starts[f]
        for m in pattern.finditer(self._blobs[f]):
            yield bisect_right(starts, m.start()) - 1

    def _search_one(self, token: str, limit: int) -> list[_Rank]:
        """One query word. Hits come out tier by tier and field by field, each group in
        slot order, which is the rank order; so reading stops once ``limit`` are in."""
        out: list[_Rank] = []
        seen: set[int] = set()

        def take(slots: Iterable[int], cost: int) -> bool:
            for s in slots:
                if s not in seen:
                    seen.add(s)
                    out.append((cost // _TIER, cost, len(out), s))
                    if len(out) >= limit:
                        return True
            return False

        if token.isalnum():
            for cost, words, slots in self._word_arrays():
                lo = bisect_left(words, token)
                if take(slots[lo : bisect_left(words, token + _TOP, lo)], cost):
                    return out
            for f in range(_NF):  # inside a word: any occurrence not counted above
                if take(self._lines(f, token), 2 * _TIER + f):
                    return out
        else:  # punctuation in it ("o'brien", "@acme"): no word array holds it, so scan
            for s, cost in sorted(self._scan(token).items(), key=lambda kv: (kv[1], kv[0])):
                if take((s,), cost):
                    return out
        if 1 < len(token) <= MAX_SCATTERED:
            for sub, pattern in enumerate(_fuzzy_patterns(token)):  # scattered, compact first
                for f in range(_NF):
                    if take(self._fuzzy_lines(f, pattern), 3 * _TIER + sub * _SUB + f):
                        return out
        return out

    def _scan(self, token: str, max_tier: int = 2) -> dict[int, int]:
        """slot -> best cost up to ``max_tier`` (at most 2), by scanning the field texts."""
        best: dict[int, int] = {}
        for f in range(_NF):
            for s in self._lines(f, token):
                tier = _substring_tier(self._folded[s][f], token)[0]  # type: ignore[index]
                if tier <= max_tier and tier * _TIER + f < best.get(s, 1 << 30):
                    best[s] = tier * _TIER + f
        return best

    def _word_level(self, token: str) -> dict[int, int]:
        """slot -> best cost of one word over tiers 0 and 1."""
        if not token.isalnum():
            return self._scan(token, max_tier=1)
        best: dict[int, int] = {}
        for cost, words, slots in reversed(list(self._word_arrays())):  # better costs overwrite
            lo = bisect_left(words, token)
            hi = bisect_left(words, token + _TOP, lo)
            if hi > lo:
                best.update(dict.fromkeys(slots[lo:hi], cost))
        return best

    def _search_many(self, tokens: list[str], limit: int) -> list[_Rank]:
        """Several words: contacts where every word starts a word, ranked by the weakest word
        then the sum. If those are fewer than ``limit``, the rest come from one word (the
        pivot): contacts holding it, then contacts holding it compactly scattered (gaps of
        at most 2 characters), each checked against every word. Contacts where the pivot is
        only loosely scattered are not looked for: with several words that is noise, and
        a scan too slow for one frame."""
        per_token = sorted((self._word_level(t) for t in tokens), key=len)
        common = set(per_token[0]).intersection(*per_token[1:])
        # Rank keys packed into one int (weakest tier, sum, slot): ints are not tracked by
        # the garbage collector, so ranking thousands of candidates starts no collection.
        keys: list[int] = []
        for s in common:
            worst = total = 0
            for d in per_token:
                cost = d[s]
                total += cost
                worst = max(worst, cost)
            keys.append(((worst // _TIER) << 52) | (total << 26) | s)
        ranked = [(k >> 52, (k >> 26) & _MASK, k & _MASK, k & _MASK) for k in heapq.nsmallest(limit, keys)]
        if len(ranked) >= limit:
            return ranked
        room = limit - len(ranked)
        order = sorted(tokens, key=len, reverse=True)  # longest first: the likeliest to fail
        pivot = self._pick_pivot(order)
        found: list[_Rank] = []
        checked = set(common)

        def check(slots: Iterable[int]) -> None:
            for s in slots:
                if s in checked:
                    continue
                checked.add(s)
                row = self._folded[s]
                if row is None:  # removed
                    continue
                total = worst = 0
                for t in order:
                    cost = _best_cost(row, t)  # type: ignore[arg-type]
                    if cost is None:
                        break
                    total += cost
                    worst = max(worst, cost)
                else:
                    found.append((worst // _TIER, total, s, s))

        check(self._pivot_slots(pivot, scattered=False))
        if 1 < len(pivot) <= MAX_SCATTERED and sum(1 for r in found if r[0] <= 2) < room:
            check(self._pivot_slots(pivot, scattered=True))
        return ranked + heapq.nsmallest(room, found)

    def _pick_pivot(self, order: list[str]) -> str:
        """The longest word, unless a word scanned for a recent keystroke is cheap enough:
        typing "jose garcia" keeps "jose" as the pivot instead of scanning for "garc",
        "garci", "garcia" in turn."""
        cached = [(len(self._recent[(t, False)]), t) for t in order if (t, False) in self._recent]
        if cached and min(cached)[0] <= _CHEAP_PIVOT:
            return min(cached)[1]
        return order[0]

    def _pivot_slots(self, token: str, scattered: bool) -> list[int]:
        """The slots holding ``token`` (or holding it compactly scattered), kept for the
        words of the last few keystrokes."""
        key = (token, scattered)
        slots = self._recent.pop(key, None)
        if slots is None:
            if scattered:
                compact = _fuzzy_patterns(token)[0]
                slots = [s for f in range(_NF) for s in self._fuzzy_lines(f, compact)]
            else:
                slots = [s for f in range(_NF) for s in self._lines(f, token)]
            if len(self._recent) >= _RECENT:
                del self._recent[next(iter(self._recent))]
        self._recent[key] = slots  # the most recently used last
        return slots

    def _to_match(self, rank: _Rank, tokens: list[str]) -> Match:
        slot = rank[3]
        row = self._folded[slot]
        assert row is not None
        hits: list[tuple[int, int, list[int]]] = []  # (cost, field, positions) per word
        for token in tokens:
            best: tuple[int, int, list[int]] | None = None
            for f, text in enumerate(row):
                hit = _match_field(text, token)
                if hit is not None and (best is None or hit[0] + f < best[0]):
                    best = (hit[0] + f, f, hit[1])
            if best is not None:
                hits.append(best)
        offsets: dict[int, int] = {}  # where each field starts in display()
        at = 0
        for name in DISPLAY_ORDER:
            f = FIELDS.index(name)
            if row[f]:
                offsets[f] = at
                at += len(row[f]) + len(SEPARATOR)
        spans: list[tuple[int, int]] = []
        for p in sorted({offsets[f] + p for _, f, positions in hits for p in positions}):
            if spans and spans[-1][1] == p:
                spans[-1] = (spans[-1][0], p + 1)
            else:
                spans.append((p, p + 1))
        # 1.0 for a name prefix, falling with the weakest tier, then the average cost.
        average = min(rank[1] / len(tokens), 10 * _TIER - 1)
        score = round(1.0 - (rank[0] * 10 * _TIER + average) / (40 * _TIER), 4)
        best_field = min(hits)[1] if hits else 0
        contact_id = self._ids[slot]
        assert contact_id is not None
        return Match(contact_id=contact_id, score=score, field=FIELDS[best_field], spans=spans)
