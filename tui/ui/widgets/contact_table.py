"""Every contact in one sortable table, drawn with the Line API.

Why not ``DataTable``: it measures every cell of every row it is given. Measured here
(160x45, six columns of fixed width): 1,000 rows took 0.06 s to add and 0.56 s to the
first paint, 5,000 took 0.28 s + 2.2 s, 30,000 took 1.6 s + 11.9 s, and re-adding
1,000 rows after a sort 0.5 s. A full LinkedIn network is 30,000 contacts, so this table
renders only the visible lines (like the board's ``CardList``): sorting 30,000 rows is
a Python ``sort`` and a repaint, and any row can be scrolled to.

The first line is the header (click a column to sort by it); the rows scroll under it.
"""

from __future__ import annotations

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

from tui.followup.contact_rows import COLUMNS, SORTABLE, ContactRow

_WIDTHS = {"name": 22, "company": 20, "title": 24, "role": 22, "count": 5}
_MIN_APPLICATIONS = 16


def column_widths(width: int) -> list[int]:
    """The width of each column (one space between them) for a table ``width`` cells wide."""
    room = max(width - (len(COLUMNS) - 1), 0)
    fixed = sum(_WIDTHS.values())
    if room - fixed >= _MIN_APPLICATIONS:
        return [*_WIDTHS.values(), room - fixed]
    # Narrow: the text columns give up width in proportion; Applications keeps a little.
    apps = min(_MIN_APPLICATIONS, max(room // 6, 0))
    text_room = max(room - _WIDTHS["count"] - apps, 0)
    text_total = fixed - _WIDTHS["count"]
    widths = [max(w * text_room // text_total, 1) for name, w in _WIDTHS.items() if name != "count"]
    widths.insert(4, _WIDTHS["count"])
    return [*widths, max(room - sum(widths), 0)]


def _fit(text: str, width: int, *, right: bool = False) -> str:
    """Crop to ``width`` cells with an ellipsis and pad to exactly ``width``."""
    text = " ".join(text.split())
    if width <= 0:
        return ""
    if cell_len(text) > width:
        return set_cell_size(text, width - 1) + "…"
    if right:
        return " " * (width - cell_len(text)) + text
    return set_cell_size(text, width)


class ContactTable(ScrollView, can_focus=True, inherit_bindings=False):
    """Rows with a cursor under a fixed header. Posts ``Highlighted`` when the cursor moves,
    ``Selected`` on enter or a double click, ``SortRequested`` on a click on a heading."""

    COMPONENT_CLASSES = {
        "contact-table--header",
        "contact-table--header-sorted",
        "contact-table--row",
        "contact-table--cursor",
        "contact-table--cursor-blurred",
        "contact-table--muted",
        "contact-table--inferred",
        "contact-table--empty",
    }
    BINDINGS = [
        Binding("up,k", "cursor_up", "Up", show=False),
        Binding("down,j", "cursor_down", "Down", show=False),
        Binding("home", "first", "First", show=False),
        Binding("end", "last", "Last", show=False),
        Binding("pageup", "page_up", "Page up", show=False),
        Binding("pagedown", "page_down", "Page down", show=False),
        Binding("enter", "select", "Edit", tooltip="Edit the contact"),
    ]

    cursor: reactive[int] = reactive(0, always_update=True)

    class Highlighted(Message):
        def __init__(self, table: ContactTable, row: ContactRow | None) -> None:
            super().__init__()
            self.table = table
            self.row = row

        @property
        def control(self) -> ContactTable:
            return self.table

    class Selected(Highlighted):
        """Enter or a double click on a row."""

    class SortRequested(Message):
        def __init__(self, table: ContactTable, column: str) -> None:
            super().__init__()
            self.table = table
            self.column = column

        @property
        def control(self) -> ContactTable:
            return self.table

    def __init__(self, *, id: str | None = None, empty_text: str = "No contacts") -> None:
        super().__init__(id=id)
        self.rows: list[ContactRow] = []
        self.sort_column = "name"
        self.sort_reverse = False
        self.empty_text = empty_text
        self._cache: dict[tuple, Strip] = {}

    # -- data ----------------------------------------------------------------------

    def set_rows(self, rows: list[ContactRow], keep_id: int | None = None) -> None:
        """Show ``rows`` (already sorted); the cursor stays on ``keep_id`` when it is there."""
        self.rows = rows
        self._cache.clear()
        self._update_virtual_size()
        index = self.index_of(keep_id) if keep_id is not None else None
        self.set_cursor(index if index is not None else min(self.cursor, max(len(rows) - 1, 0)))
        self.refresh()

    def set_sort(self, column: str, reverse: bool) -> None:
        self.sort_column, self.sort_reverse = column, reverse
        self._cache.clear()
        self.refresh()

    def index_of(self, contact_id: int | None) -> int | None:
        for i, row in enumerate(self.rows):
            if row.contact_id == contact_id:
                return i
        return None

    @property
    def current(self) -> ContactRow | None:
        if 0 <= self.cursor < len(self.rows):
            return self.rows[self.cursor]
        return None

    def set_cursor(self, index: int) -> None:
        self.cursor = max(0, min(index, len(self.rows) - 1)) if self.rows else 0

    def watch_cursor(self) -> None:
        self._cache.clear()
        self.scroll_to_cursor()
        self.refresh()
        self.post_message(self.Highlighted(self, self.current))

    def _body_height(self) -> int:
        return max((self.scrollable_content_region.height or self.size.height) - 1, 1)

    def scroll_to_cursor(self) -> None:
        if not self.rows:
            return
        height = self._body_height()
        if self.cursor < self.scroll_y:
            self.scroll_to(y=self.cursor, animate=False, immediate=True)
        elif self.cursor >= self.scroll_y + height:
            self.scroll_to(y=self.cursor - height + 1, animate=False, immediate=True)

    def _update_virtual_size(self) -> None:
        self.virtual_size = Size(self.size.width, len(self.rows) + 1)

    # -- actions -------------------------------------------------------------------

    def action_cursor_up(self) -> None:
        if self.cursor > 0:
            self.cursor -= 1

    def action_cursor_down(self) -> None:
        if self.cursor < len(self.rows) - 1:
            self.cursor += 1

    def action_first(self) -> None:
        self.set_cursor(0)

    def action_last(self) -> None:
        self.set_cursor(len(self.rows) - 1)

    def action_page_up(self) -> None:
        self.set_cursor(self.cursor - self._body_height())

    def action_page_down(self) -> None:
        self.set_cursor(self.cursor + self._body_height())

    def action_select(self) -> None:
        if self.current is not None:
            self.post_message(self.Selected(self, self.current))

    def _on_click(self, event: events.Click) -> None:
        self.focus()
        if event.y == 0:
            column = self.column_at(event.x)
            if column in SORTABLE:
                self.post_message(self.SortRequested(self, column))
            return
        index = int(self.scroll_y) + event.y - 1
        if 0 <= index < len(self.rows):
            self.cursor = index
            if event.chain == 2:
                self.post_message(self.Selected(self, self.current))

    def column_at(self, x: int) -> str | None:
        left = 0
        for (name, _heading), width in zip(COLUMNS, column_widths(self._width()), strict=True):
            if left <= x < left + width + 1:
                return name
            left += width + 1
        return None

    def on_focus(self) -> None:
        self._cache.clear()
        self.refresh()

    def on_blur(self) -> None:
        self._cache.clear()
        self.refresh()

    def on_resize(self) -> None:
        self._cache.clear()
        self._update_virtual_size()
        self.scroll_to_cursor()

    def notify_style_update(self) -> None:
        self._cache.clear()
        super().notify_style_update()

    # -- drawing -------------------------------------------------------------------

    def _width(self) -> int:
        return self.scrollable_content_region.width or self.size.width

    def render_line(self, y: int) -> Strip:
        width = self._width()
        base = self.get_component_rich_style("contact-table--row")
        if y == 0:
            return self._header(width)
        if not self.rows:
            if y == 2:
                text = _fit(f"  {self.empty_text}", width)
                return Strip([Segment(text, self.get_component_rich_style("contact-table--empty"))], width)
            return Strip.blank(width, base)
        index = int(self.scroll_y) + y - 1
        if index >= len(self.rows):
            return Strip.blank(width, base)
        selected = index == self.cursor
        key = (index, selected, self.has_focus, width)
        if (strip := self._cache.get(key)) is not None:
            return strip
        strip = self._row(self.rows[index], selected, width, base)
        self._cache[key] = strip
        return strip

    def _header(self, width: int) -> Strip:
        plain = self.get_component_rich_style("contact-table--header")
        sorted_style = self.get_component_rich_style("contact-table--header-sorted")
        segments: list[Segment] = []
        for (name, heading), w in zip(COLUMNS, column_widths(width), strict=True):
            if name == self.sort_column:
                heading += " ▼" if self.sort_reverse else " ▲"
            style = sorted_style if name == self.sort_column else plain
            segments.append(Segment(_fit(heading, w, right=name == "count"), style))
            segments.append(Segment(" ", plain))
        return Strip(segments, width).adjust_cell_length(width, plain)

    def _row(self, row: ContactRow, selected: bool, width: int, base: Style) -> Strip:
        if selected:
            frame = self.get_component_rich_style(
                "contact-table--cursor" if self.has_focus else "contact-table--cursor-blurred"
            )
        else:
            frame = base
        muted = self.get_component_rich_style("contact-table--muted", partial=True)
        inferred = self.get_component_rich_style("contact-table--inferred", partial=True)
        values = (
            (row.name, Style()),
            (row.company, Style()),
            (row.title, muted),
            (row.role, inferred if row.inferred else Style()),
            (str(row.count) if row.count else "·", Style() if row.count else muted),
            (row.applications, muted),
        )
        segments: list[Segment] = []
        for (name, _heading), w, (text, style) in zip(COLUMNS, column_widths(width), values, strict=True):
            segments.append(Segment(_fit(text, w, right=name == "count"), frame + style))
            segments.append(Segment(" ", frame))
        return Strip(segments, width).adjust_cell_length(width, frame)
