"""One board column: a virtualised list of cards drawn with the Line API.

A widget per card costs ~2 ms to mount (TEXTUAL8.md B.6), so a column of
thousands of cards is one ScrollView that renders only the visible lines. Every
card has the same height, so the line → card mapping is a division, not a cache.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from rich.cells import cell_len, set_cell_size
from rich.segment import Segment
from rich.style import Style
from textual import events
from textual.binding import Binding
from textual.geometry import Size
from textual.message import Message
from textual.reactive import reactive
from textual.scroll_view import ScrollView
from textual.strip import Strip

CARD_LINES = 3
CARD_HEIGHT = CARD_LINES + 1  # a blank line between cards


@dataclass(frozen=True)
class Card:
    app_id: int
    title: str  # company
    subtitle: str  # role
    badge: str
    tone: str  # due | soon | wait | quiet | warn | closed


def _fit(text: str, width: int) -> str:
    """Crop to ``width`` cells with an ellipsis, pad to exactly ``width``."""
    text = " ".join(text.split())  # newlines or tabs in a field must not break the grid
    if width <= 0:
        return ""
    if cell_len(text) > width:
        return set_cell_size(text, width - 1) + "…"
    return set_cell_size(text, width)


class CardList(ScrollView, can_focus=True, inherit_bindings=False):
    """A column of cards with a cursor. Posts ``Highlighted`` when the cursor moves."""

    COMPONENT_CLASSES = {
        "card-list--card",
        "card-list--cursor",
        "card-list--cursor-blurred",
        "card-list--title",
        "card-list--subtitle",
        "card-list--tone-due",
        "card-list--tone-soon",
        "card-list--tone-wait",
        "card-list--tone-quiet",
        "card-list--tone-warn",
        "card-list--tone-closed",
        "card-list--empty",
    }

    # Priority: run in the app's task the moment the key is read, so a burst of keys moves the
    # cursor exactly as the same keys typed slowly (see tui/ui/session.py).
    BINDINGS = [
        Binding("up,k", "cursor_up", "Previous card", show=False, priority=True),
        Binding("down,j", "cursor_down", "Next card", show=False, priority=True),
        Binding("home", "first", "First card", show=False, priority=True),
        Binding("end", "last", "Last card", show=False, priority=True),
        Binding("pageup", "page_up", "Page up", show=False, priority=True),
        Binding("pagedown", "page_down", "Page down", show=False, priority=True),
    ]

    cursor: reactive[int] = reactive(0, always_update=True)

    class Highlighted(Message):
        def __init__(self, card_list: CardList, card: Card | None) -> None:
            super().__init__()
            self.card_list = card_list
            self.card = card

        @property
        def control(self) -> CardList:
            return self.card_list

    class Selected(Highlighted):
        """Enter or a double click on a card."""

    def __init__(self, stage: str, *, id: str | None = None, empty_text: str = "No cards") -> None:
        super().__init__(id=id)
        self.stage = stage
        self.cards: list[Card] = []
        self.show_blurred_cursor = False  # only the column of the selected card keeps a dim cursor
        self.empty_text = empty_text
        self._cache: dict[tuple, Strip] = {}
        # Called at once (not through a message) when the cursor lands on a card: the board's
        # selection must be right for the very next key.
        self.on_cursor: Callable[[CardList, Card | None], None] | None = None

    # -- data ----------------------------------------------------------------------

    def set_cards(self, cards: list[Card], keep_app_id: int | None = None) -> None:
        self.cards = cards
        self._cache.clear()
        self.virtual_size = Size(self.size.width, len(cards) * CARD_HEIGHT)
        index = self.index_of(keep_app_id) if keep_app_id is not None else None
        if index is None:
            index = min(self.cursor, max(len(cards) - 1, 0))
        self.set_cursor(index)
        self.refresh()

    def index_of(self, app_id: int | None) -> int | None:
        for i, card in enumerate(self.cards):
            if card.app_id == app_id:
                return i
        return None

    @property
    def current(self) -> Card | None:
        if 0 <= self.cursor < len(self.cards):
            return self.cards[self.cursor]
        return None

    def set_cursor(self, index: int) -> None:
        index = max(0, min(index, len(self.cards) - 1)) if self.cards else 0
        self.cursor = index

    def watch_cursor(self, old: int, new: int) -> None:
        self._cache.clear()
        self.scroll_to_cursor()
        self.refresh()
        if self.on_cursor is not None:
            self.on_cursor(self, self.current)
        self.post_message(self.Highlighted(self, self.current))

    def scroll_to_cursor(self) -> None:
        if not self.cards:
            return
        top = self.cursor * CARD_HEIGHT
        height = self.scrollable_content_region.height or self.size.height
        if top < self.scroll_y:
            self.scroll_to(y=top, animate=False, immediate=True)
        elif top + CARD_LINES > self.scroll_y + height:
            self.scroll_to(y=top + CARD_LINES - height, animate=False, immediate=True)

    # -- actions -------------------------------------------------------------------

    def action_cursor_up(self) -> None:
        if self.cursor > 0:
            self.cursor -= 1

    def action_cursor_down(self) -> None:
        if self.cursor < len(self.cards) - 1:
            self.cursor += 1

    def action_first(self) -> None:
        self.cursor = 0

    def action_last(self) -> None:
        self.set_cursor(len(self.cards) - 1)

    def _page(self) -> int:
        return max(1, (self.scrollable_content_region.height or CARD_HEIGHT) // CARD_HEIGHT)

    def action_page_up(self) -> None:
        self.set_cursor(self.cursor - self._page())

    def action_page_down(self) -> None:
        self.set_cursor(self.cursor + self._page())

    def _on_click(self, event: events.Click) -> None:
        line = event.y + int(self.scroll_y)
        index = line // CARD_HEIGHT
        if 0 <= index < len(self.cards):
            self.focus()
            self.cursor = index
            if event.chain == 2:
                self.post_message(self.Selected(self, self.current))

    def on_focus(self) -> None:
        self._cache.clear()
        self.refresh()
        self.post_message(self.Highlighted(self, self.current))

    def on_blur(self) -> None:
        self._cache.clear()
        self.refresh()

    def on_resize(self) -> None:
        self._cache.clear()
        self.virtual_size = Size(self.size.width, len(self.cards) * CARD_HEIGHT)
        self.scroll_to_cursor()

    def notify_style_update(self) -> None:
        self._cache.clear()
        super().notify_style_update()

    # -- drawing -------------------------------------------------------------------

    def render_line(self, y: int) -> Strip:
        width = self.scrollable_content_region.width or self.size.width
        base = self.get_component_rich_style("card-list--card")
        if not self.cards:
            if y == 1:
                text = _fit(f"  {self.empty_text}", width)
                return Strip([Segment(text, self.get_component_rich_style("card-list--empty"))], width)
            return Strip.blank(width, base)
        line = y + int(self.scroll_y)
        index, row = divmod(line, CARD_HEIGHT)
        if index >= len(self.cards):
            return Strip.blank(width, base)
        selected = index == self.cursor and (self.has_focus or self.show_blurred_cursor)
        key = (index, row, selected, self.has_focus, width)
        if (strip := self._cache.get(key)) is not None:
            return strip
        strip = self._render_card_line(self.cards[index], row, selected, width, base)
        self._cache[key] = strip
        return strip

    def _render_card_line(self, card: Card, row: int, selected: bool, width: int, base: Style) -> Strip:
        if row == CARD_LINES:
            return Strip.blank(width, base)
        if selected:
            frame = self.get_component_rich_style(
                "card-list--cursor" if self.has_focus else "card-list--cursor-blurred"
            )
        else:
            frame = base
        marker = "▌" if selected else " "
        inner = max(width - 2, 0)
        part = self.get_component_rich_style
        if row == 0:
            text, style = card.title, part("card-list--title", partial=True)
        elif row == 1:
            text, style = card.subtitle, part("card-list--subtitle", partial=True)
        else:
            text, style = card.badge, part(f"card-list--tone-{card.tone}", partial=True)
        segments = [
            Segment(marker, frame + part("card-list--title", partial=True)),
            Segment(_fit(text, inner), frame + style),
            Segment(" ", frame),
        ]
        return Strip(segments, width)
