"""A horizontal bar chart drawn with block characters, one row per bar, numbers beside.

Each bar has a solid part and an optional light part after it (``█████░░░``): the
response charts draw the messages sent as the bar's length and the answered ones
solid, so "0 of 2" and "2 of 2" look as different as they are. The bars fill the width
the chart is given, between the labels and the numbers, so it reads at 80 columns.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from textual.content import Content
from textual.reactive import reactive
from textual.widget import Widget

from tui.stats import cells, split_cells

LABEL_MAX = 16
NOTE_MAX = 26
BAR_MIN = 4


@dataclass(frozen=True)
class Bar:
    label: str
    solid: int  # the value drawn solid
    light: int = 0  # drawn light after the solid part (the rest of a total)
    note: str = ""  # the numbers, right of the bar


class BarChart(Widget):
    """Rows of ``label  ███░░  note``; ``scale`` is the value of a full-width bar (default: the largest)."""

    DEFAULT_CSS = """
    BarChart {
        width: 1fr;
        height: auto;
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
        "bar-chart--label",
        "bar-chart--solid",
        "bar-chart--light",
        "bar-chart--note",
        "bar-chart--empty",
    }

    bars: reactive[tuple[Bar, ...]] = reactive((), layout=True)

    def __init__(
        self,
        bars: Sequence[Bar] = (),
        *,
        scale: int | None = None,
        empty: str = "Nothing yet.",
        id: str | None = None,
        classes: str | None = None,
    ) -> None:
        super().__init__(id=id, classes=classes)
        self.scale = scale
        self.empty = empty
        self.set_reactive(BarChart.bars, tuple(bars))

    def set_bars(self, bars: Sequence[Bar], *, scale: int | None = None, empty: str | None = None) -> None:
        self.scale = scale
        if empty is not None:
            self.empty = empty
        self.bars = tuple(bars)
        self.refresh(layout=True)

    @property
    def full_scale(self) -> int:
        if self.scale is not None:
            return self.scale
        return max((b.solid + b.light for b in self.bars), default=0)

    def get_content_height(self, container, viewport, width: int) -> int:  # type: ignore[override]
        return max(1, len(self.bars))

    def columns(self, width: int) -> tuple[int, int, int]:
        """(label, bar, note) widths for ``width`` columns, with one space between each."""
        bars = self.bars
        label_w = min(LABEL_MAX, max((len(b.label) for b in bars), default=0))
        note_w = min(NOTE_MAX, max((len(b.note) for b in bars), default=0))
        bar_w = width - label_w - note_w - 2
        if bar_w < BAR_MIN:  # a very narrow terminal: the numbers matter more than the bars
            note_w = max(0, min(note_w, width - label_w - 1))
            bar_w = max(0, width - label_w - note_w - 2)
        return label_w, bar_w, note_w

    def lines(self, width: int) -> list[tuple[str, int, int, str]]:
        """Each row as (label, solid cells, light cells, note), fitted to ``width`` columns."""
        label_w, bar_w, note_w = self.columns(width)
        scale = self.full_scale
        out = []
        for bar in self.bars:
            if bar.light:
                solid, light = split_cells(bar.solid, bar.solid + bar.light, scale, bar_w)
            else:
                solid, light = cells(bar.solid, scale, bar_w), 0
            out.append((_fit(bar.label, label_w), solid, light, _fit(bar.note, note_w)))
        return out

    def render(self) -> Content:
        if not self.bars:
            return Content.assemble((self.empty, self.get_visual_style("bar-chart--empty", partial=True)))
        width = self.content_region.width or self.size.width
        style = self.get_visual_style
        label_s = style("bar-chart--label", partial=True)
        solid_s = style("bar-chart--solid", partial=True)
        light_s = style("bar-chart--light", partial=True)
        note_s = style("bar-chart--note", partial=True)
        label_w, bar_w, _note_w = self.columns(width)
        parts: list[str | tuple[str, object]] = []
        for i, (label, solid, light, note) in enumerate(self.lines(width)):
            if i:
                parts.append("\n")
            parts += [
                (label.ljust(label_w), label_s),
                " ",
                ("█" * solid, solid_s),
                ("░" * light, light_s),
                " " * (bar_w - solid - light),
                " ",
                (note, note_s),
            ]
        return Content.assemble(*parts)  # type: ignore[arg-type]


def _fit(text: str, width: int) -> str:
    if len(text) <= width:
        return text
    return text[: max(0, width - 1)] + "…" if width > 0 else ""
