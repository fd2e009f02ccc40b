"""Every table through the k rule; the totals an indicator's tables share are hidden alike
in all of them; many records of few people are hidden as few people."""

from datetime import date
from itertools import count

from django.test import SimpleTestCase

from anxin.core import kanon
from anxin.people.models import OrgUnit
from anxin.reports.dashboard import Indicator, ValueSpec, indicator_result, periods_of
from anxin.reports.sources import Fetched, Record

YEAR = 2026
QUARTER_DAYS = [date(YEAR, 2, 1), date(YEAR, 5, 1), date(YEAR, 8, 1), date(YEAR, 11, 1)]
NODE = OrgUnit(pk=1, name="authority", path="/1/")
_people = count(1)


def records(quarter: int, gender: str, n: int, *, person=None) -> list[Record]:
    """`n` phone records in the quarter, each of a person of its own (or all of `person`)."""
    return [
        Record(
            person if person is not None else next(_people),
            QUARTER_DAYS[quarter - 1],
            "/1/2/",
            {"gender": gender, "channel": "phone"},
            1.0,
        )
        for _ in range(n)
    ]


HOURS = ValueSpec("hours", {"zh-hant": "時數"}, "sum", ".1f")


def result(items: list[Record], k: int = 5, value: ValueSpec | None = None):
    indicator = Indicator(
        "sessions", {"zh-hant": "場次"}, "counselling_sessions", ("gender", "channel"), "", value
    )
    columns, _start, _end = periods_of(YEAR, "quarter")
    return indicator_result(
        indicator,
        Fetched(items, {}),
        node=NODE,
        columns=columns,
        period="quarter",
        k=k,
        units={1: "authority"},
        units_order={1: 0},
    )


# By gender: Q1 3 F + 3 M, Q2 20 + 20, Q3 2 F, Q4 5 F. Alone, the gender table hides the
# totals of Q1 and Q3, the channel table (one row) those of Q3 and Q4: read together,
# Q1's total from one and Q4's from the other would give Q3's 2 away.
LEAKY = [
    *records(1, "F", 3), *records(1, "M", 3),
    *records(2, "F", 20), *records(2, "M", 20),
    *records(3, "F", 2),
    *records(4, "F", 5),
]  # fmt: skip


class SharedTotalsTestCase(SimpleTestCase):
    def test_it_would_leak_if_each_table_were_suppressed_alone(self):
        """The fixture is a real case: alone, the channel table shows Q1's total, which
        the gender table hides (the difference gives Q3 away)."""
        gender = kanon.suppress_table(
            {"F": {1: 3, 2: 20, 3: 2, 4: 5}, "M": {1: 3, 2: 20, 3: 0, 4: 0}}, k=5
        )
        channel = kanon.suppress_table({"phone": {1: 6, 2: 40, 3: 2, 4: 5}}, k=5)
        self.assertTrue(gender.column_totals[1].suppressed)
        self.assertFalse(channel.column_totals[1].suppressed)
        self.assertFalse(gender.column_totals[4].suppressed)
        self.assertTrue(channel.column_totals[4].suppressed)

    def test_it_hides_the_shared_totals_alike_in_every_table(self):
        tables = result(LEAKY).tables
        hidden = [[entry.suppressed for entry in table.footer] for table in tables]
        self.assertEqual(hidden[0], hidden[1])
        self.assertEqual(hidden[0], [True, False, True, True])
        self.assertEqual(tables[0].total.suppressed, tables[1].total.suppressed)

    def test_it_leaves_no_line_with_one_hidden_entry(self):
        for table in result(LEAKY).tables:
            for row in table.rows:
                line = [*row.cells, row.total]
                self.assertNotEqual(sum(e.suppressed for e in line), 1, row.label)
            footer = [*table.footer, table.total]
            self.assertNotEqual(sum(e.suppressed for e in footer), 1)

    def test_it_hides_many_records_of_few_people(self):
        """Six sessions of one person in Q2 are one person: hidden, with complements."""
        items = [*records(2, "F", 6, person="one"), *records(1, "F", 9), *records(3, "F", 9)]
        table = result(items).table("gender")
        female = next(row for row in table.rows if row.label == "Female" or row.label == "女")
        self.assertTrue(female.cells[1].suppressed)
        self.assertEqual(sum(e.suppressed for e in female.cells), 2)

    def test_it_shows_everything_when_every_group_is_large(self):
        items = [*records(1, "F", 5), *records(1, "M", 5), *records(2, "F", 7), *records(2, "M", 8)]
        for table in result(items).tables:
            self.assertEqual(table.hidden, 0)
        self.assertEqual(result(items).table("channel").total.count, 25)

    def test_it_shows_a_value_only_where_its_count_is_shown(self):
        table = result(LEAKY, value=HOURS).table("gender")
        female = table.rows[0]
        self.assertTrue(female.cells[2].suppressed)
        self.assertTrue(female.values[2].suppressed)
        self.assertEqual(str(female.values[2]), kanon.MARKER)
        self.assertFalse(female.total.suppressed)
        self.assertEqual(str(female.value_total), "30.0")
