"""Survey charts as server-rendered SVG, the same markup for the page and the PDF.

Built with ElementTree, so that every label is escaped and the document is well formed.
Each chart has a <title> and a <desc> (read by screen readers through aria-labelledby) and
the page shows the same figures in a table next to it. A hidden figure draws no bar and
no point: its label says "*", as the table does.

    bar_chart(chart_id, title, desc, bars) -> str
    interval_chart(chart_id, title, desc, points, scale=None) -> str
    distribution_chart(result, chart_id) -> str | None    (a question's overall shares)
    means_chart(result, table, chart_id) -> str | None    (means by group, with intervals)
    trend_chart(result, chart_id) -> str | None           (means by year, with intervals)
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from dataclasses import dataclass

from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext

from anxin.core import kanon

SVG_NS = "http://www.w3.org/2000/svg"
WIDTH = 640
LABEL_WIDTH = 180
RIGHT = 72
ROW = 26
TOP = 8
AXIS = 24
# The Traditional Chinese face by name: "sans-serif" alone lets fontconfig pick the
# Japanese forms of Noto Sans CJK for the labels and DejaVu for the figures (in the PDF
# and on a browser that has both).
FONT = '"Noto Sans CJK TC", "Noto Sans TC", sans-serif'
COLOUR = "#0b5394"  # 3:1 or more against white (WCAG non-text contrast)
TEXT = "#212529"
GRID = "#adb5bd"
LABEL_CHARS = 14


@dataclass(frozen=True)
class Bar:
    label: str
    value: float | None  # a fraction 0..1; None when hidden
    text: str  # what is written after the bar (e.g. "42.0%" or "*")


@dataclass(frozen=True)
class Point:
    label: str
    mean: float | None  # None when hidden
    interval: tuple[float, float] | None
    text: str


def _short(label: str) -> str:
    return label if len(label) <= LABEL_CHARS else label[: LABEL_CHARS - 1] + "…"


def _svg(chart_id: str, title: str, desc: str, height: int) -> ET.Element:
    ET.register_namespace("", SVG_NS)
    svg = ET.Element(
        "svg",
        {
            "xmlns": SVG_NS,
            "width": str(WIDTH),
            "height": str(height),
            "viewBox": f"0 0 {WIDTH} {height}",
            "role": "img",
            "aria-labelledby": f"{chart_id}-title {chart_id}-desc",
            "id": chart_id,
            "class": "survey-chart",
            "font-family": FONT,
            "font-size": "12",
        },
    )
    ET.SubElement(svg, "title", {"id": f"{chart_id}-title"}).text = title
    ET.SubElement(svg, "desc", {"id": f"{chart_id}-desc"}).text = desc
    return svg


def _text(parent, x: float, y: float, text: str, anchor: str = "start") -> None:
    ET.SubElement(
        parent,
        "text",
        {"x": f"{x:.1f}", "y": f"{y:.1f}", "fill": TEXT, "text-anchor": anchor},
    ).text = text


def _render(svg: ET.Element) -> SafeString:
    return mark_safe(ET.tostring(svg, encoding="unicode"))  # noqa: S308 - escaped by ElementTree


def bar_chart(chart_id: str, title: str, desc: str, bars: list[Bar]) -> SafeString:
    """Horizontal bars on a 0–100% axis."""
    height = TOP + ROW * len(bars) + AXIS
    svg = _svg(chart_id, title, desc, height)
    left, right = LABEL_WIDTH, WIDTH - RIGHT
    span = right - left
    bottom = TOP + ROW * len(bars)
    for step in range(5):
        x = left + span * step / 4
        ET.SubElement(
            svg,
            "line",
            {"x1": f"{x:.1f}", "y1": str(TOP), "x2": f"{x:.1f}", "y2": str(bottom),
             "stroke": GRID, "stroke-width": "1"},
        )  # fmt: skip
        _text(svg, x, bottom + 16, f"{25 * step}%", "middle")
    for index, bar in enumerate(bars):
        y = TOP + ROW * index
        _text(svg, left - 6, y + ROW / 2 + 4, _short(bar.label), "end")
        width = span * bar.value if bar.value is not None else 0
        if bar.value is not None:
            ET.SubElement(
                svg,
                "rect",
                {"x": str(left), "y": f"{y + 4:.1f}", "width": f"{width:.1f}",
                 "height": str(ROW - 8), "fill": COLOUR},
            )  # fmt: skip
        _text(svg, left + width + 4, y + ROW / 2 + 4, bar.text)
    return _render(svg)


def interval_chart(
    chart_id: str,
    title: str,
    desc: str,
    points: list[Point],
    scale: tuple[float, float] | None = None,
) -> SafeString:
    """A mean per row, drawn as a dot with its 95% interval as a whisker."""
    if scale is None:
        values = [v for p in points if p.mean is not None for v in (p.interval or (p.mean,))]
        values += [p.mean for p in points if p.mean is not None]
        low, high = (min(values), max(values)) if values else (0.0, 1.0)
        if high == low:
            low, high = low - 1, high + 1
        pad = (high - low) * 0.1
        scale = (low - pad, high + pad)
    low, high = scale
    height = TOP + ROW * len(points) + AXIS
    svg = _svg(chart_id, title, desc, height)
    left, right = LABEL_WIDTH, WIDTH - RIGHT
    span = right - left
    bottom = TOP + ROW * len(points)

    def x_of(value: float) -> float:
        value = min(max(value, low), high)
        return left + span * (value - low) / (high - low)

    for step in range(5):
        value = low + (high - low) * step / 4
        x = x_of(value)
        ET.SubElement(
            svg,
            "line",
            {"x1": f"{x:.1f}", "y1": str(TOP), "x2": f"{x:.1f}", "y2": str(bottom),
             "stroke": GRID, "stroke-width": "1"},
        )  # fmt: skip
        _text(svg, x, bottom + 16, f"{value:.1f}", "middle")
    for index, point in enumerate(points):
        y = TOP + ROW * index + ROW / 2
        _text(svg, left - 6, y + 4, _short(point.label), "end")
        if point.mean is not None:
            if point.interval:
                ET.SubElement(
                    svg,
                    "line",
                    {"x1": f"{x_of(point.interval[0]):.1f}", "y1": f"{y:.1f}",
                     "x2": f"{x_of(point.interval[1]):.1f}", "y2": f"{y:.1f}",
                     "stroke": COLOUR, "stroke-width": "2"},
                )  # fmt: skip
            ET.SubElement(
                svg,
                "circle",
                {"cx": f"{x_of(point.mean):.1f}", "cy": f"{y:.1f}", "r": "4", "fill": COLOUR},
            )
        _text(svg, right + 6, y + 4, point.text)
    return _render(svg)


# --- charts of an analysis ------------------------------------------------------------------


def _hidden_note() -> str:
    return gettext("Figures marked * are hidden to protect small groups.")


def distribution_chart(result, chart_id: str) -> SafeString | None:
    """The overall share of each answer of a choice or multiple-choice question."""
    if not result.by_answer:
        return None
    bars = [
        Bar(label, cell.share, str(cell.percent) + ("" if cell.count.suppressed else "%"))
        for label, cell in zip(result.columns, result.overall.cells, strict=True)
    ]
    title = gettext("Question %(number)s: share of each answer") % {
        "number": result.question.number
    }
    desc = gettext(
        "%(text)s Bars show the percentage of respondents giving each answer; the table "
        "below gives the same figures. %(note)s"
    ) % {"text": result.question.text, "note": _hidden_note()}
    return bar_chart(chart_id, title, desc, bars)


def _point(row) -> Point:
    text = str(row.mean) if row.mean is not None else kanon.NOTHING
    return Point(row.label, row.mean_value, row.interval, text)


def means_chart(result, table, chart_id: str) -> SafeString | None:
    """The mean of a numeric question by the groups of `table`, with 95% intervals."""
    if not result.has_mean:
        return None
    title = gettext("Question %(number)s: mean by %(dimension)s") % {
        "number": result.question.number,
        "dimension": table.title,
    }
    desc = gettext(
        "%(text)s Dots show the mean of each group and lines its 95%% interval; the table "
        "below gives the same figures. %(note)s"
    ) % {"text": result.question.text, "note": _hidden_note()}
    points = [_point(row) for row in [*table.rows, table.total]]
    return interval_chart(chart_id, title, desc, points, result.scale)


def trend_chart(result, chart_id: str) -> SafeString | None:
    """The mean of a numeric question in each round (ROC year), with 95% intervals."""
    if not result.has_mean or len(result.trend) < 2:
        return None
    title = gettext("Question %(number)s: mean by year") % {"number": result.question.number}
    desc = gettext(
        "%(text)s Dots show the mean of each year's survey and lines its 95%% interval; "
        "the table below gives the same figures. %(note)s"
    ) % {"text": result.question.text, "note": _hidden_note()}
    points = []
    for point in result.trend:
        row = point.row
        label = gettext("%(year)s (ROC)") % {"year": point.year}
        points.append(Point(label, row.mean_value, row.interval, _point(row).text))
    return interval_chart(chart_id, title, desc, points, result.scale)
