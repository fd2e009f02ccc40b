"""Small-cell suppression for every aggregate Anxin shows (DESIGN.md invariant 3).

A count that covers fewer than `k` people (plan setting, default 5) is hidden, and so is
whatever would let a reader work it out again from the totals. Reports build their counts,
pass them through `suppress_table()` (rows × columns with row, column and grand totals) or
`suppress_series()` (one list of counts and its total), and render only what comes back:
a suppressed entry carries no number at all, so no template or export can leak it.

The rules (docs/decisions/0003-k-anonymity.md explains why):

1. *Primary*: every entry, cell or total, with 0 < count < k is hidden. A zero is shown:
   it says that nobody is in the group and describes no person.
2. *Complementary*: each total and the entries it adds up forms a *line* (a row with its
   row total, a column with its column total, the row totals with the grand total, the
   column totals with the grand total). In every line that hides something:
   - at least two entries are hidden, so that no hidden number is the shown total minus
     the shown numbers;
   - when the line's total is shown, the hidden numbers add up to at least `k` (the
     difference a reader can compute is itself a group of at least `k` people) and to
     more than the number of hidden entries (a reader who knows that hidden numbers are at
     least 1, since zeros are shown, cannot pin them all at 1).
   While a line falls short, one more of its shown non-zero numbers is hidden: preferably
   one whose other line (its column, for a row) already hides something, so that no new
   line needs a complement of its own; among those the smallest; among equals the first
   in row, then column order. The line's total is hidden only when no such number is
   left. The first line that falls short (rows, then columns, then the lines of totals) is
   mended one entry at a time until no line falls short.

What this does not claim: a reader who combines several lines, or several tables cut from
the same people, can narrow hidden numbers down; reports publish one table per population
and question.
"""

from __future__ import annotations

from collections.abc import Hashable, Iterable, Mapping, Sequence
from dataclasses import dataclass

from django.utils.html import format_html
from django.utils.translation import gettext

DEFAULT_K = 5
# Shown in place of a hidden number, in pages and in exported spreadsheets alike. It is the
# same for every hidden entry, whatever the reason, so that it tells nothing about the
# size of what it hides.
MARKER = "*"
# Shown for a share or mean of nobody (0 / 0).
NOTHING = "-"

Key = Hashable
# An entry's position: (row index, column index); None stands for the total.
_Pos = tuple[int | None, int | None]
# A line: its total and the entries that add up to it.
_LineSpec = tuple[_Pos, list[_Pos]]


def _hidden_title(k: int) -> str:
    return gettext(
        "Hidden to protect privacy: fewer than %(k)s people, or a number that would "
        "reveal such a group."
    ) % {"k": k}


@dataclass(frozen=True)
class Display:
    """What a page or a spreadsheet shows for one number: its text, or the marker."""

    text: str
    suppressed: bool
    k: int

    @property
    def title(self) -> str:
        """The explanation of the marker, in the active language ("" when shown)."""
        return _hidden_title(self.k) if self.suppressed else ""

    def __str__(self) -> str:
        return self.text

    def __html__(self) -> str:
        if not self.suppressed:
            return format_html("{}", self.text)
        # The marker is decoration for sighted readers; a screen reader hears the title.
        return format_html(
            '<span class="kanon-hidden" title="{}"><span aria-hidden="true">{}</span>'
            '<span class="visually-hidden">{}</span></span>',
            self.title,
            self.text,
            self.title,
        )


@dataclass(frozen=True)
class Entry:
    """One cell or total after suppression. `count` is None when the entry is hidden:
    the hidden number does not travel further than this module."""

    count: int | None
    k: int

    @property
    def suppressed(self) -> bool:
        return self.count is None

    @property
    def display(self) -> Display:
        return self.format(self.count)

    def format(self, value: object, spec: str = "") -> Display:
        """Show `value` (a share or a mean computed from this group) only if the group's
        count is shown; otherwise the marker. `spec` is a format() spec such as ".1f"."""
        if self.suppressed:
            return Display(MARKER, True, self.k)
        if value is None:
            return Display(NOTHING, False, self.k)
        return Display(format(value, spec), False, self.k)

    def __str__(self) -> str:
        return str(self.display)

    def __html__(self) -> str:
        return self.display.__html__()


@dataclass(frozen=True)
class Line:
    """A row of a suppressed table, as a template walks it."""

    key: Key
    cells: list[Entry]
    total: Entry


@dataclass(frozen=True)
class SuppressedTable:
    k: int
    rows: tuple[Key, ...]
    columns: tuple[Key, ...]
    cells: dict[tuple[Key, Key], Entry]
    row_totals: dict[Key, Entry]
    column_totals: dict[Key, Entry]
    total: Entry

    def cell(self, row: Key, column: Key) -> Entry:
        return self.cells[(row, column)]

    @property
    def lines(self) -> list[Line]:
        return [
            Line(row, [self.cells[(row, column)] for column in self.columns], self.row_totals[row])
            for row in self.rows
        ]

    @property
    def footer(self) -> list[Entry]:
        """The column totals, in column order."""
        return [self.column_totals[column] for column in self.columns]

    def percent(self, row: Key, column: Key, *, of: str = "row", spec: str = ".1f") -> Display:
        """The cell as a percentage of its row total, column total or the grand total
        (`of` = "row", "column" or "total"). Hidden when the cell or the total is hidden:
        a shown share of a hidden total would give the total away."""
        part = self.cells[(row, column)]
        whole = {
            "row": lambda: self.row_totals[row],
            "column": lambda: self.column_totals[column],
            "total": lambda: self.total,
        }[of]()
        return _share(part, whole, spec)

    @property
    def hidden_count(self) -> int:
        """How many entries (cells and totals) are hidden; for a report's footnote."""
        entries = [
            *self.cells.values(),
            *self.row_totals.values(),
            *self.column_totals.values(),
            self.total,
        ]
        return sum(entry.suppressed for entry in entries)


@dataclass(frozen=True)
class SuppressedSeries:
    k: int
    keys: tuple[Key, ...]
    entries: dict[Key, Entry]
    total: Entry

    def __getitem__(self, key: Key) -> Entry:
        return self.entries[key]

    def items(self) -> list[tuple[Key, Entry]]:
        return [(key, self.entries[key]) for key in self.keys]

    def percent(self, key: Key, *, spec: str = ".1f") -> Display:
        """The entry as a percentage of the total; hidden when either is hidden."""
        return _share(self.entries[key], self.total, spec)


def _share(part: Entry, whole: Entry, spec: str) -> Display:
    if part.suppressed or whole.suppressed:
        return Display(MARKER, True, part.k)
    if not whole.count:
        return Display(NOTHING, False, part.k)
    return Display(format(100 * part.count / whole.count, spec), False, part.k)


def group_display(size: int, value: object, *, k: int = DEFAULT_K, spec: str = "") -> Display:
    """A figure about one group of `size` people (a mean score, a rate) that is not part of
    a suppressed table: shown only when the group has at least `k` people."""
    _check_k(k)
    if size == 0:
        return Display(NOTHING, False, k)
    return Entry(size if size >= k else None, k).format(value, spec)


# --- the algorithm ----------------------------------------------------------------------


class _Grid:
    """Counts by position, the lines they form, and the set of hidden positions."""

    def __init__(self, k: int, values: dict[_Pos, int], lines: list[_LineSpec]):
        self.k = k
        self.values = values
        self.lines = lines
        self.hidden: set[_Pos] = set()
        # Every line each position belongs to (as a part or as the total).
        self.lines_of: dict[_Pos, list[_LineSpec]] = {pos: [] for pos in values}
        for line in lines:
            total, parts = line
            for pos in (total, *parts):
                self.lines_of[pos].append(line)

    def suppress(self, forced: Iterable[_Pos] = ()) -> None:
        self.hidden = {pos for pos, value in self.values.items() if 0 < value < self.k}
        self.hidden.update(forced)
        # Always mend the first line that falls short, so that rows and columns are settled
        # before the lines of totals, which then rarely need a hidden total of their own.
        while True:
            for line in self.lines:
                if (pick := self._complement(line)) is not None:
                    self.hidden.add(pick)
                    break
            else:
                return

    def _complement(self, line: _LineSpec) -> _Pos | None:
        """The next entry this line must hide, or None if the line is safe."""
        total, parts = line
        hidden_parts = [pos for pos in parts if pos in self.hidden]
        total_hidden = total in self.hidden
        count = len(hidden_parts) + total_hidden
        if count == 0:
            return None
        if total_hidden:
            if count >= 2:
                return None
        else:
            hidden_sum = sum(self.values[pos] for pos in hidden_parts)
            if count >= 2 and hidden_sum >= self.k and hidden_sum > count:
                return None
        candidates = [pos for pos in parts if pos not in self.hidden and self.values[pos] > 0]
        if candidates:
            # `parts` is in row, then column order, and min() keeps the first of equals.
            return min(candidates, key=lambda pos: (self._opens(pos, line), self.values[pos]))
        if total_hidden:
            # Only a total hidden on request (`hide`) gets here: its parts are zeros or
            # hidden, so there is nothing more this line could hide.
            return None
        # Every non-zero part is hidden already, so the shown total equals their sum, which
        # is at least 1: hiding the total closes the line (see the module's docstring).
        return total

    def _opens(self, pos: _Pos, line: _LineSpec) -> int:
        """How many other lines through `pos` hide nothing yet: hiding `pos` would leave
        each of them with a single hidden entry, to be complemented in turn."""
        return sum(
            1
            for other in self.lines_of[pos]
            if other is not line and not any(p in self.hidden for p in (other[0], *other[1]))
        )

    def entry(self, pos: _Pos) -> Entry:
        return Entry(None if pos in self.hidden else self.values[pos], self.k)


def _check_k(k: int) -> None:
    if isinstance(k, bool) or not isinstance(k, int) or k < 1:
        raise ValueError(f"k must be a positive whole number, not {k!r}")


def _check_count(value: object, where: object) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise ValueError(f"count at {where!r} must be a whole number ≥ 0, not {value!r}")
    return value


def _ordered(keys: Iterable[Key]) -> tuple[Key, ...]:
    return tuple(dict.fromkeys(keys))


def suppress_table(
    table: Mapping[Key, Mapping[Key, int]],
    *,
    k: int = DEFAULT_K,
    rows: Sequence[Key] | None = None,
    columns: Sequence[Key] | None = None,
    hide: Iterable[tuple[Key | None, Key | None]] = (),
) -> SuppressedTable:
    """Suppress a table of counts given as `{row: {column: count}}`.

    Rows and columns come in the order given by `rows` and `columns`, or in the order they
    first appear; a missing cell counts 0. Totals are computed here, from the cells.
    `hide` names entries to hide whatever their size, as `(row, column)` with None for a
    total: `(row, None)` a row total, `(None, column)` a column total, `(None, None)` the
    grand total. A report that shows the same totals in several tables hides them alike
    in all of them, so that one table cannot give away what another hides."""
    _check_k(k)
    row_keys = _ordered(rows if rows is not None else table.keys())
    column_keys = _ordered(
        columns if columns is not None else (column for row in table.values() for column in row)
    )
    unknown = set(table) - set(row_keys)
    if unknown:
        raise ValueError(f"rows not listed in `rows`: {sorted(map(repr, unknown))}")
    values: dict[_Pos, int] = {}
    for i, row in enumerate(row_keys):
        given = table.get(row, {})
        stray = set(given) - set(column_keys)
        if stray:
            raise ValueError(f"columns not listed in `columns`: {sorted(map(repr, stray))}")
        for j, column in enumerate(column_keys):
            values[(i, j)] = _check_count(given.get(column, 0), (row, column))
    for i in range(len(row_keys)):
        values[(i, None)] = sum(values[(i, j)] for j in range(len(column_keys)))
    for j in range(len(column_keys)):
        values[(None, j)] = sum(values[(i, j)] for i in range(len(row_keys)))
    values[(None, None)] = sum(values[(i, None)] for i in range(len(row_keys)))

    lines: list[_LineSpec] = []
    lines += [((i, None), [(i, j) for j in range(len(column_keys))]) for i in range(len(row_keys))]
    lines += [((None, j), [(i, j) for i in range(len(row_keys))]) for j in range(len(column_keys))]
    lines.append(((None, None), [(i, None) for i in range(len(row_keys))]))
    lines.append(((None, None), [(None, j) for j in range(len(column_keys))]))

    row_index = {row: i for i, row in enumerate(row_keys)}
    column_index = {column: j for j, column in enumerate(column_keys)}
    forced = [
        (
            None if row is None else row_index[row],
            None if column is None else column_index[column],
        )
        for row, column in hide
    ]
    grid = _Grid(k, values, lines)
    grid.suppress(forced)
    return SuppressedTable(
        k=k,
        rows=row_keys,
        columns=column_keys,
        cells={
            (row, column): grid.entry((i, j))
            for i, row in enumerate(row_keys)
            for j, column in enumerate(column_keys)
        },
        row_totals={row: grid.entry((i, None)) for i, row in enumerate(row_keys)},
        column_totals={column: grid.entry((None, j)) for j, column in enumerate(column_keys)},
        total=grid.entry((None, None)),
    )


def suppress_series(
    counts: Mapping[Key, int] | Sequence[int],
    *,
    k: int = DEFAULT_K,
    hide: Iterable[Key | None] = (),
) -> SuppressedSeries:
    """Suppress one list of counts and its total: `{key: count}`, or a plain list whose
    keys are then 0, 1, 2... `hide` names entries to hide whatever their size (None: the
    total), as in `suppress_table`."""
    _check_k(k)
    items = list(counts.items()) if isinstance(counts, Mapping) else list(enumerate(counts))
    keys = _ordered(key for key, _ in items)
    if len(keys) != len(items):
        raise ValueError("each key may appear once")
    values: dict[_Pos, int] = {
        (i, 0): _check_count(value, key) for i, (key, value) in enumerate(items)
    }
    values[(None, 0)] = sum(values.values())
    index = {key: i for i, key in enumerate(keys)}
    forced = [(None, 0) if key is None else (index[key], 0) for key in hide]
    grid = _Grid(k, values, [((None, 0), [(i, 0) for i in range(len(keys))])])
    grid.suppress(forced)
    return SuppressedSeries(
        k=k,
        keys=keys,
        entries={key: grid.entry((i, 0)) for i, key in enumerate(keys)},
        total=grid.entry((None, 0)),
    )
