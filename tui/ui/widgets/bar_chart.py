"""A horizontal bar chart drawn with block characters: one row per bar, its numbers beside.

Each bar has a solid part and an optional light part after it (``█████░░░``): the
response charts draw the messages sent as the bar's length and the answered ones
solid, so "0 of 2" and "2 of 2" look as different as they are. The bars fill the width
the chart is given (up to ``BAR_MAX``), between the labels and the numbers, so it reads
at 80 columns.

A chart has a title, a few lines of notes, then one or more groups of bars under
their own subtitles, and a footnote. The groups of one chart share the scale and the
columns, so the same value draws the same bar in each. One widget draws it all: a
screen of charts stays a handful of widgets, which keeps it quick to open.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from textual.content import Content
from textual.widget import Widget

from tui.followup.stats import cells, split_cells

LABEL_MAX = 16
NOTE_MAX = 26
BAR_MIN = 4
BAR_MAX = 48  # wider bars add nothing but distance between a label and its number


@dataclass(frozen=True)
class Bar:
    label: str
    solid: int  # the value drawn solid
    light: int = 0  # drawn light after the solid part (the rest of a total)
    note: str = ""  # the numbers, right of the bar


@dataclass(frozen=True)
class Group:
    bars: tuple[Bar, ...]
    title: str = ""
    empty: str = "Nothing yet."  # shown instead of bars when there are none


class BarChart(Widget):
    """``title``, notes, then groups of ``label  ███░░  note`` rows, then a footnote."""

    DEFAULT_CSS = """
    BarChart {
        width: 1fr;
        height: auto;
        text-wrap: nowrap;
        text-overflow: ellipsis;
    }
    BarChart > .bar-chart--title {
        color: $text-accent;
        text-style: bold;
    }
    BarChart > .bar-chart--subtitle {
        color: $text-muted;
        text-style: italic;
    }
    BarChart > .bar-chart--label {
        color: $text;
    }
    BarChart > .bar-chart--solid {
        color: $primary;
    }
    BarChart > .bar-chart--light {
        color: $primary 45%;
    }
    BarChart > .bar-chart--note {
        color: $text-muted;
    }
    BarChart > .bar-chart--empty {
        color: $text-muted;
        text-style: italic;
    }
    """
    COMPONENT_CLASSES = {
        "bar-chart--title",
        "bar-chart--subtitle",
        "bar-chart--label",
        "bar-chart--solid",
        "bar-chart--light",
        "bar-chart--note",
        "bar-chart--empty",
    }

    def __init__(self, title: str = "", *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self.title = title
        self.groups: tuple[Group, ...] = ()
        self.notes: tuple[str, ...] = ()
        self.footnote = ""
        self.scale: int | None = None

    def set_chart(
        self,
        groups: Sequence[Group],
        *,
        notes: Sequence[str] = (),
        footnote: str = "",
        scale: int | None = None,
    ) -> None:
        """New content; ``scale`` is the value of a full-width bar (default: the largest bar)."""
        self.groups = tuple(groups)
        self.notes = tuple(notes)
        self.footnote = footnote
        self.scale = scale
        self.refresh(layout=True)

    def set_bars(
        self, bars: Sequence[Bar], *, empty: str = "Nothing yet.", notes: Sequence[str] = ()
    ) -> None:
        self.set_chart([Group(tuple(bars), empty=empty)], notes=notes)

    @property
    def bars(self) -> tuple[Bar, ...]:
        """Every bar, group after group."""
        return tuple(bar for group in self.groups for bar in group.bars)

    @property
    def full_scale(self) -> int:
        if self.scale is not None:
            return self.scale
        return max((b.solid + b.light for b in self.bars), default=0)

    # -- layout ---------------------------------------------------------------------------

    def _rows(self) -> list[tuple[str, object]]:
        """What to draw, one line each: (kind, text or Bar)."""
        rows: list[tuple[str, object]] = []
        if self.title:
            rows.append(("title", self.title))
        rows += [("label", note) for note in self.notes]
        for i, group in enumerate(self.groups):
            if group.title:
                if i or rows:
                    rows.append(("blank", ""))
                rows.append(("subtitle", group.title))
            if group.bars:
                rows += [("bar", bar) for bar in group.bars]
            elif group.empty:
                rows.append(("empty", group.empty))
        if self.footnote:
            rows += [("blank", ""), ("note", self.footnote)]
        return rows

    def get_content_height(self, container, viewport, width: int) -> int:  # type: ignore[override]
        return max(1, len(self._rows()))

    def columns(self, width: int) -> tuple[int, int, int]:
        """(label, bar, note) widths for ``width`` columns, with one space between each."""
        bars = self.bars
        label_w = min(LABEL_MAX, max((len(b.label) for b in bars), default=0))
        note_w = min(NOTE_MAX, max((len(b.note) for b in bars), default=0))
        bar_w = min(BAR_MAX, width - label_w - note_w - 2)
        if bar_w < BAR_MIN:  # a very narrow terminal: the numbers matter more than the bars
            note_w = max(0, min(note_w, width - label_w - 1))
            bar_w = max(0, width - label_w - note_w - 2)
        return label_w, bar_w, note_w

    def bar_cells(self, bar: Bar, bar_w: int) -> tuple[int, int]:
        if bar.light:
            return split_cells(bar.solid, bar.solid + bar.light, self.full_scale, bar_w)
        return cells(bar.solid, self.full_scale, bar_w), 0

    def render(self) -> Content:
        width = self.content_region.width or self.size.width
        style = self.get_visual_style
        styles = {
            kind: style(f"bar-chart--{kind}", partial=True)
            for kind in ("title", "subtitle", "label", "solid", "light", "note", "empty")
        }
        label_w, bar_w, note_w = self.columns(width)
        parts: list[str | tuple[str, object]] = []
        for i, (kind, item) in enumerate(self._rows()):
            if i:
                parts.append("\n")
            if isinstance(item, Bar):
                solid, light = self.bar_cells(item, bar_w)
                parts += [
                    (_fit(item.label, label_w).ljust(label_w), styles["label"]),
                    " ",
                    ("█" * solid, styles["solid"]),
                    ("░" * light, styles["light"]),
                    " " * (bar_w - solid - light),
                    " ",
                    (_fit(item.note, note_w), styles["note"]),
                ]
            elif item:
                parts.append((str(item), styles.get(kind, styles["note"])))
        return Content.assemble(*parts)  # type: ignore[arg-type]


def _fit(text: str, width: int) -> str:
    if len(text) <= width:
        return text
    return text[: max(0, width - 1)] + "…" if width > 0 else ""
