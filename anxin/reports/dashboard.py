"""The service-results dashboard: indicators (indicators.yaml) counted by organisation unit
by period, every table through the k rule, and the totals an indicator's tables share
hidden alike in all of them.

    board = dashboard(node=unit, year=2026, period="month", k=5, sections=["counselling"])

A table of an indicator has one row per key of a breakdown (the child units of `node`,
the genders, the channels ...) and one column per period (or per value of the
indicator's `split`). Every record lands in exactly one row of each breakdown, so the
tables of one indicator share their column totals and their grand total; a total hidden
in one table is hidden in all of them, or the others would give it away (decision 0057).

Counts are of records, and a record may be one of several of the same person (sessions,
attendances): besides the primary rule on the counts, every entry whose records come
from fewer than k people is hidden too (`kanon.suppress_table(hide=...)`), and kanon
then hides its complements. A value read beside a count (hours, mean days) is shown
only through the count's entry (`Entry.format`), so it is hidden wherever the count is.
A source that counts no people (`sources.PEOPLELESS`: event sessions) has nobody to
protect, and its tables hide nothing (decision 0082).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from functools import cache
from pathlib import Path

import yaml
from django.utils.translation import get_language, gettext

from anxin.core import kanon
from anxin.core.roc import roc_year
from anxin.people.models import OrgUnit
from anxin.reports.charts import trend_chart
from anxin.reports.sources import (
    COUNTED,
    DIMENSIONS,
    PEOPLELESS,
    PERIOD,
    SOURCES,
    Counted,
    Fetched,
    Record,
)

DEFINITIONS = Path(__file__).with_name("indicators.yaml")
PERIODS = ("month", "quarter", "year")
YEARS_SHOWN = 5  # the trend of the year view


class IndicatorFileError(ValueError):
    pass


@dataclass(frozen=True)
class ValueSpec:
    key: str
    title: dict
    aggregate: str  # "sum" or "mean"
    spec: str = ""


@dataclass(frozen=True)
class Indicator:
    key: str
    title: dict
    source: str
    by: tuple[str, ...]
    split: str = ""
    value: ValueSpec | None = None


@dataclass(frozen=True)
class Section:
    key: str
    title: dict
    indicators: tuple[Indicator, ...]


def localized(text: dict) -> str:
    language = (get_language() or "zh-hant").lower()
    return text.get(language) or text.get(language.split("-")[0]) or text["zh-hant"]


def _check_title(title, where: str) -> dict:
    if not isinstance(title, dict) or not title.get("zh-hant"):
        raise IndicatorFileError(f"{where}: a title needs its zh-hant text")
    return title


def parse_definitions(data: dict) -> tuple[Section, ...]:
    """The sections of an indicator file, checked: every source and dimension known."""
    sections = []
    keys: set[str] = set()
    for s_index, raw in enumerate(data.get("sections") or []):
        where = f"sections[{s_index}]"
        indicators = []
        for i_index, item in enumerate(raw.get("indicators") or []):
            at = f"{where}.indicators[{i_index}]"
            key = item.get("key", "")
            if not key or key in keys:
                raise IndicatorFileError(f"{at}: a missing or repeated key {key!r}")
            keys.add(key)
            if item.get("source") not in SOURCES and item.get("source") not in COUNTED:
                raise IndicatorFileError(f"{at}: unknown source {item.get('source')!r}")
            by = tuple(item.get("by") or ())
            split = item.get("split", "")
            for dimension in (*by, *([split] if split else [])):
                if dimension not in DIMENSIONS:
                    raise IndicatorFileError(f"{at}: unknown dimension {dimension!r}")
            if not by:
                raise IndicatorFileError(f"{at}: `by` names no breakdown")
            value = item.get("value")
            if value is not None:
                if value.get("aggregate") not in ("sum", "mean"):
                    raise IndicatorFileError(f"{at}.value: aggregate is sum or mean")
                value = ValueSpec(
                    value["key"],
                    _check_title(value.get("title"), f"{at}.value"),
                    value["aggregate"],
                    value.get("spec", ""),
                )
            indicators.append(
                Indicator(
                    key, _check_title(item.get("title"), at), item["source"], by, split, value
                )
            )
        sections.append(
            Section(raw["key"], _check_title(raw.get("title"), where), tuple(indicators))
        )
    return tuple(sections)


@cache
def definitions() -> tuple[Section, ...]:
    return parse_definitions(yaml.safe_load(DEFINITIONS.read_text(encoding="utf-8")))


# --- periods ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Period:
    key: date  # its first day
    label: str


def periods_of(year: int, period: str) -> tuple[list[Period], date, date]:
    """The columns of a view and the dates they cover [start, end)."""
    if period == "month":
        cols = [
            Period(date(year, m, 1), gettext("M%(month)s") % {"month": m}) for m in range(1, 13)
        ]
        return cols, date(year, 1, 1), date(year + 1, 1, 1)
    if period == "quarter":
        cols = [
            Period(date(year, 3 * q - 2, 1), gettext("Q%(quarter)s") % {"quarter": q})
            for q in range(1, 5)
        ]
        return cols, date(year, 1, 1), date(year + 1, 1, 1)
    first = year - YEARS_SHOWN + 1
    cols = [
        Period(date(y, 1, 1), gettext("Year %(year)s") % {"year": roc_year(y)})
        for y in range(first, year + 1)
    ]
    return cols, date(first, 1, 1), date(year + 1, 1, 1)


def _period_key(on: date, period: str) -> date:
    if period == "month":
        return on.replace(day=1)
    if period == "quarter":
        return date(on.year, 3 * ((on.month - 1) // 3) + 1, 1)
    return date(on.year, 1, 1)


# --- tables -------------------------------------------------------------------------------


@dataclass(frozen=True)
class Row:
    label: str
    cells: list[kanon.Entry]
    total: kanon.Entry
    values: list[kanon.Display]  # the value read beside each cell ([] without a value)
    value_total: kanon.Display | None
    shares: list[kanon.Display]  # for a split: each cell as a share of the row


@dataclass(frozen=True)
class Table:
    dimension: str
    title: str
    columns: list[str]
    rows: list[Row]
    footer: list[kanon.Entry]
    total: kanon.Entry
    footer_values: list[kanon.Display]
    total_value: kanon.Display | None
    hidden: int


@dataclass
class IndicatorResult:
    indicator: Indicator
    title: str
    value_title: str
    tables: list[Table]
    chart: str = ""
    # The trend: each column's total (shown or hidden), the same in every table.
    trend: list[tuple[str, kanon.Entry, kanon.Display | None]] = field(default_factory=list)

    @property
    def key(self) -> str:
        return self.indicator.key

    def table(self, dimension: str) -> Table:
        for table in self.tables:
            if table.dimension == dimension:
                return table
        return self.tables[0]


@dataclass
class SectionResult:
    section: Section
    title: str
    indicators: list[IndicatorResult]


@dataclass
class Dashboard:
    node: OrgUnit
    year: int
    period: str
    k: int
    columns: list[Period]
    sections: list[SectionResult]

    def indicator(self, key: str) -> IndicatorResult:
        for section in self.sections:
            for item in section.indicators:
                if item.key == key:
                    return item
        raise KeyError(key)


def _child_on_path(node: OrgUnit, path: str) -> int:
    """The child of `node` that `path` runs through (`node` itself for its own people)."""
    parts = path.strip("/").split("/")
    depth = node.path.strip("/").count("/") + 1
    return int(parts[depth]) if len(parts) > depth else node.pk


@dataclass
class _Counts:
    """Counts, people and values of one table, by (row, column) and by totals."""

    cells: dict = field(default_factory=lambda: defaultdict(int))
    people: dict = field(default_factory=lambda: defaultdict(int))
    values: dict = field(default_factory=lambda: defaultdict(float))

    def add(self, position, records: int, people: int, value: float) -> None:
        """A cell counted by the source (people of distinct keys, so that they add up)."""
        self.cells[position] += records
        self.values[position] += value
        self.people[position] += people


def _suppress(counts: _Counts, rows, columns, k: int, shared: set) -> kanon.SuppressedTable:
    few = {
        position
        for position, people in counts.people.items()
        if 0 < people < k and counts.cells[position] >= k
    }
    return kanon.suppress_table(
        {row: {column: counts.cells.get((row, column), 0) for column in columns} for row in rows},
        k=k,
        rows=rows,
        columns=columns,
        hide=few | shared,
    )


def _value(entry: kanon.Entry, counts: _Counts, position, spec: ValueSpec | None):
    if spec is None:
        return None
    total = counts.values.get(position, 0.0)
    n = counts.cells.get(position, 0)
    if spec.aggregate == "mean":
        return entry.format(total / n if n else None, spec.spec)
    return entry.format(total, spec.spec)


def _fill(per_dimension: dict, counted: Counted, column_of: str, known: set, node) -> None:
    """The tables of an indicator from a source counted by the database."""
    for dimension, counts in per_dimension.items():
        for row, column in (
            (dimension, column_of),
            (dimension, None),
            (None, column_of),
            (None, None),
        ):
            for (row_key, column_key), cell in counted.cells[(row, column)].items():
                if column is not None and column_key not in known:
                    continue
                if row == "unit":
                    row_key = _child_on_path(node, row_key)
                elif row is None:
                    row_key = None
                counts.add((row_key, column_key if column else None), *cell)


def shapes_of(indicator: Indicator) -> set:
    """What a counted source counts for `indicator` (sources.py, `_count`)."""
    column = indicator.split or PERIOD
    return {(None, column), (None, None)} | {
        shape for dimension in indicator.by for shape in ((dimension, column), (dimension, None))
    }


def _record_key(record: Record, row):
    if row == "unit":
        return record.path
    return record.dims.get(row, "") if row else None


def counted_records(fetched: Fetched, period: str, shapes) -> Counted:
    """The cells of a record source's records, counted in Python as `_count` counts them
    in the database (the people of a cell: its distinct keys)."""
    cells: dict = {shape: {} for shape in shapes}
    people: dict = defaultdict(set)
    for record in fetched.records:
        for row, column in shapes:
            if column == PERIOD:
                at = _period_key(record.on, period)
            else:
                at = record.dims.get(column, "") if column else None
            key = _record_key(record, row)
            n, _people, value = cells[(row, column)].get((key, at), (0, 0, 0.0))
            if record.person is not None:
                people[(row, column, key, at)].add(record.person)
            heads = len(people.get((row, column, key, at), ()))
            cells[(row, column)][(key, at)] = (n + 1, heads, value + record.value)
    return Counted(cells, fetched.labels)


def _labels_of(dimension: str, keys, fetched: Counted, units: dict) -> dict:
    if dimension == "unit":
        return {key: units.get(key, "") for key in keys}
    fixed = dict(DIMENSIONS[dimension].choices)
    given = fetched.labels.get(dimension, {})
    return {key: str(fixed.get(key) or given.get(key) or key) for key in keys}


def _order(dimension: str, keys: set, labels: dict, units_order: dict) -> list:
    fixed = [key for key, _label in DIMENSIONS[dimension].choices]
    if dimension == "unit":
        return sorted(keys, key=lambda key: units_order.get(key, 10**9))
    if fixed:
        return [key for key in fixed if key in keys] + sorted(keys - set(fixed), key=str)
    return sorted(keys, key=lambda key: labels.get(key, ""))


def indicator_result(
    indicator: Indicator,
    fetched: Fetched | Counted,
    *,
    node: OrgUnit,
    columns: list[Period],
    period: str,
    k: int,
    units: dict,
    units_order: dict,
) -> IndicatorResult:
    split = indicator.split
    if split:
        column_keys = [key for key, _label in DIMENSIONS[split].choices]
        column_labels = [str(label) for _key, label in DIMENSIONS[split].choices]
    else:
        column_keys = [column.key for column in columns]
        column_labels = [column.label for column in columns]
    known_columns = set(column_keys)
    per_dimension: dict[str, _Counts] = {dimension: _Counts() for dimension in indicator.by}
    if isinstance(fetched, Fetched):
        fetched = counted_records(fetched, period, shapes_of(indicator))
    _fill(per_dimension, fetched, split or PERIOD, known_columns, node)

    row_keys = {}
    for dimension, counts in per_dimension.items():
        keys = {row for row, column in counts.cells if row is not None}
        if dimension == "unit":
            keys |= {key for key in units if key != node.pk}
        labels = _labels_of(dimension, keys, fetched, units)
        row_keys[dimension] = (_order(dimension, keys, labels, units_order), labels)

    # The totals shared by the indicator's tables (each column's and the grand total):
    # suppress each table, gather what any of them hid, and again until nothing changes.
    shared: set = set()
    while True:
        suppressed = {
            dimension: _suppress(counts, row_keys[dimension][0], column_keys, k, shared)
            for dimension, counts in per_dimension.items()
        }
        hidden = set()
        for table in suppressed.values():
            hidden |= {(None, c) for c, entry in table.column_totals.items() if entry.suppressed}
            if table.total.suppressed:
                hidden.add((None, None))
        if hidden <= shared:
            break
        shared |= hidden

    tables = []
    spec = indicator.value
    for dimension, table in suppressed.items():
        counts = per_dimension[dimension]
        keys, labels = row_keys[dimension]
        rows = []
        for key in keys:
            cells = [table.cell(key, column) for column in column_keys]
            rows.append(
                Row(
                    labels[key],
                    cells,
                    table.row_totals[key],
                    [
                        _value(table.cell(key, column), counts, (key, column), spec)
                        for column in column_keys
                    ]
                    if spec
                    else [],
                    _value(table.row_totals[key], counts, (key, None), spec),
                    [table.percent(key, column) for column in column_keys] if split else [],
                )
            )
        tables.append(
            Table(
                dimension,
                str(DIMENSIONS[dimension].title),
                column_labels,
                rows,
                table.footer,
                table.total,
                [
                    _value(table.column_totals[column], counts, (None, column), spec)
                    for column in column_keys
                ]
                if spec
                else [],
                _value(table.total, counts, (None, None), spec),
                table.hidden_count,
            )
        )
    first = tables[0]
    trend = [
        (label, entry, first.footer_values[index] if spec else None)
        for index, (label, entry) in enumerate(zip(column_labels, first.footer, strict=True))
    ]
    title = localized(indicator.title)
    points = [(label, entry) for label, entry, _value in trend]
    return IndicatorResult(
        indicator,
        title,
        localized(spec.title) if spec else "",
        tables,
        chart="" if split else trend_chart(f"chart-{indicator.key}", title, points),
        trend=trend,
    )


def _units(node: OrgUnit) -> tuple[dict, dict]:
    """The names of `node`'s children (and of `node` itself) and their order. One query."""
    units = list(OrgUnit.objects.filter(parent=node).order_by("path").values_list("pk", "name"))
    names = {node.pk: node.name, **dict(units)}
    order = {node.pk: -1, **{pk: index for index, (pk, _name) in enumerate(units)}}
    return names, order


def dashboard(
    *,
    node: OrgUnit,
    year: int,
    period: str,
    k: int,
    sections: list[str] | None = None,
    indicators: list[str] | None = None,
) -> Dashboard:
    """The figures of the chosen sections (every section when None) for `node`'s subtree.
    One query for the units and a fixed number per source (one on PostgreSQL), whatever
    the size of the data."""
    if period not in PERIODS:
        raise ValueError(f"unknown period {period!r}")
    columns, start, end = periods_of(year, period)
    units, units_order = _units(node)
    chosen = [
        (section, [
            indicator
            for indicator in section.indicators
            if indicators is None or indicator.key in indicators
        ])
        for section in definitions()
        if sections is None or section.key in sections
    ]  # fmt: skip
    shapes: dict[str, set] = defaultdict(set)
    for _section, items in chosen:
        for indicator in items:
            shapes[indicator.source] |= shapes_of(indicator)
    fetched: dict[str, Counted] = {}
    results = []
    for section, chosen_indicators in chosen:
        items = []
        for indicator in chosen_indicators:
            if indicator.source not in fetched:
                # A split indicator (response rates) is counted over the whole view.
                wanted = frozenset(shapes[indicator.source])
                if indicator.source in COUNTED:
                    fetched[indicator.source] = COUNTED[indicator.source](
                        node, start, end, period, wanted
                    )
                else:
                    fetched[indicator.source] = counted_records(
                        SOURCES[indicator.source](node, start, end), period, wanted
                    )
            items.append(
                indicator_result(
                    indicator,
                    fetched[indicator.source],
                    node=node,
                    columns=columns,
                    period=period,
                    k=1 if indicator.source in PEOPLELESS else k,
                    units=units,
                    units_order=units_order,
                )
            )
        results.append(SectionResult(section, localized(section.title), items))
    return Dashboard(node, year, period, k, columns, results)
