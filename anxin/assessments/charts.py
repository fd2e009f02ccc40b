"""The private history chart: geometry for a server-rendered inline SVG (no JavaScript).

The template draws what `history_chart()` returns; the same series is also given as a
table for screen readers and for anyone who prefers numbers.
"""

from dataclasses import dataclass, field

from anxin.assessments.definitions import Definition, format_score

WIDTH = 640
HEIGHT = 240
LEFT = 48
RIGHT = 16
TOP = 16
BOTTOM = 32
# One dash pattern per score (besides colour), so that the lines differ without colour.
DASHES = ("", "6 4", "2 3", "10 3 2 3")
# Colours with at least 3:1 contrast against white (WCAG 2.2 non-text contrast).
COLOURS = ("#0b5394", "#a61c00", "#38761d", "#674ea7")


@dataclass
class Line:
    key: str
    label: str
    colour: str
    dash: str
    points: list[tuple[float, float, str]] = field(default_factory=list)  # x, y, value

    @property
    def polyline(self) -> str:
        return " ".join(f"{x:.1f},{y:.1f}" for x, y, _value in self.points)


@dataclass
class Chart:
    width: int
    height: int
    lines: list[Line]
    grid: list[tuple[float, str]]  # y, label
    thresholds: list[tuple[float, str]]  # y, label of the band bound
    x_labels: list[tuple[float, object]]  # x, datetime
    plot_left: int = LEFT
    plot_right: int = WIDTH - RIGHT
    plot_bottom: int = HEIGHT - BOTTOM


def history_chart(definition: Definition, series: list[dict]) -> Chart | None:
    """The chart of `series` (oldest first), or None with fewer than one point."""
    if not series:
        return None
    low = min(score.low for score in definition.scores)
    high = max(score.high for score in definition.scores)
    plot_width = WIDTH - LEFT - RIGHT
    plot_height = HEIGHT - TOP - BOTTOM

    def x_of(index: int) -> float:
        if len(series) == 1:
            return LEFT + plot_width / 2
        return LEFT + plot_width * index / (len(series) - 1)

    def y_of(value: float) -> float:
        return TOP + plot_height * (1 - (value - low) / (high - low))

    lines = []
    for position, score in enumerate(definition.scores):
        line = Line(score.key, score.label, COLOURS[position % 4], DASHES[position % len(DASHES)])
        for index, point in enumerate(series):
            value = point["scores"].get(score.key)
            if value is not None:
                line.points.append((x_of(index), y_of(value), format_score(value)))
        lines.append(line)
    steps = 4
    grid = [
        (y_of(low + (high - low) * step / steps), format_score(low + (high - low) * step / steps))
        for step in range(steps + 1)
    ]
    thresholds = []
    if len(definition.scores) == 1:
        for band in definition.scores[0].bands:
            bound = band.to if band.to is not None else band.below
            if bound is not None:
                thresholds.append((y_of(bound), format_score(bound)))
    shown = {0, len(series) - 1} if len(series) > 1 else {0}
    if len(series) > 2:
        shown.add(len(series) // 2)
    x_labels = [(x_of(index), series[index]["at"]) for index in sorted(shown)]
    return Chart(WIDTH, HEIGHT, lines, grid, thresholds, x_labels)
