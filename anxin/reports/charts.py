"""The dashboard's trend charts as server-rendered SVG: the same markup for the page and
the PDF, drawn from suppressed entries only. A hidden total draws no column; its label
says "*", as the table beside the chart does. Built with ElementTree, so that every label
is escaped (as anxin/surveys/charts.py draws its charts)."""

from __future__ import annotations

import xml.etree.ElementTree as ET

from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext

from anxin.core import kanon
from anxin.surveys.charts import COLOUR, FONT, GRID, SVG_NS, TEXT

WIDTH = 640
HEIGHT = 220
LEFT = 48
RIGHT = 12
TOP = 16
BOTTOM = 40


def _text(parent, x: float, y: float, text: str, anchor: str = "middle") -> None:
    ET.SubElement(
        parent, "text", {"x": f"{x:.1f}", "y": f"{y:.1f}", "fill": TEXT, "text-anchor": anchor}
    ).text = text


def trend_chart(chart_id: str, title: str, points: list[tuple[str, kanon.Entry]]) -> SafeString:
    """A column per period, its height the period's total (hidden: no column, "*")."""
    shown = [entry.count for _label, entry in points if not entry.suppressed]
    # The axis' top rounded up to a multiple of its four steps: whole-number ticks.
    top = -(-max(max(shown, default=0), 1) // 4) * 4
    desc = gettext("One column per period; the table beside the chart gives the figures.")
    ET.register_namespace("", SVG_NS)
    svg = ET.Element(
        "svg",
        {
            "xmlns": SVG_NS,
            # As wide as its column (a narrower one on the page than in the PDF; anxin.css
            # caps it at WIDTH); the viewBox keeps its proportions.
            "width": "100%",
            "viewBox": f"0 0 {WIDTH} {HEIGHT}",
            "role": "img",
            "aria-labelledby": f"{chart_id}-title {chart_id}-desc",
            "id": chart_id,
            "class": "report-chart",
            "font-family": FONT,
            "font-size": "11",
        },
    )
    ET.SubElement(svg, "title", {"id": f"{chart_id}-title"}).text = title
    ET.SubElement(svg, "desc", {"id": f"{chart_id}-desc"}).text = desc
    bottom = HEIGHT - BOTTOM
    span = bottom - TOP
    for step in range(5):
        y = bottom - span * step / 4
        ET.SubElement(
            svg,
            "line",
            {"x1": str(LEFT), "y1": f"{y:.1f}", "x2": str(WIDTH - RIGHT), "y2": f"{y:.1f}",
             "stroke": GRID, "stroke-width": "1"},
        )  # fmt: skip
        _text(svg, LEFT - 6, y + 4, f"{top * step / 4:.0f}", "end")
    slot = (WIDTH - LEFT - RIGHT) / max(len(points), 1)
    for index, (label, entry) in enumerate(points):
        x = LEFT + slot * index
        centre = x + slot / 2
        _text(svg, centre, bottom + 16, label)
        if entry.suppressed:
            _text(svg, centre, bottom - 4, kanon.MARKER)
            continue
        height = span * entry.count / top
        ET.SubElement(
            svg,
            "rect",
            {"x": f"{x + slot * 0.2:.1f}", "y": f"{bottom - height:.1f}",
             "width": f"{slot * 0.6:.1f}", "height": f"{height:.1f}", "fill": COLOUR},
        )  # fmt: skip
        _text(svg, centre, bottom - height - 4, str(entry.count))
    return mark_safe(ET.tostring(svg, encoding="unicode"))  # noqa: S308 - escaped by ElementTree
