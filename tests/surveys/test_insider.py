"""An insider with SQL access to the database but not the data keys tries to pair anonymous
answers and tallies with the people who gave them (issue 10 item 3, decision 0019).

Thirty employees answer an anonymous survey reported by all four breakdowns, one after
another, as they would a minute apart; the `survey_ballots` job runs between them and after
closing. At each stage the insider tries the joins one would: storage order (SQLite rowid,
PostgreSQL ctid), primary-key order, transaction id (PostgreSQL xmin: rows written in one
transaction share it), time columns, and per-respondent runs of tally rows, each against
every table of the surveys app that holds a survey's rows. A pair counts as found when the
rows the join gives a receipt contain that person's own answer (a number and a text only
he or she gave). A random matching finds one correct pair on average whatever the size;
the test allows up to 8 of 30 (a random matching does that about once in 100,000 runs),
and today's main pairs all 30 by storage order. Real commits (TransactionTestCase), so
that PostgreSQL's xmin is that of each submission."""

from datetime import date, timedelta

from django.db import connection
from django.test import TransactionTestCase
from django.utils import timezone

from anxin.people.models import Employee
from anxin.people.services import orgunit_create
from anxin.surveys import ballots, services
from anxin.surveys.models import AnonymousAnswer, AnonymousReceipt, Survey
from tests.base import give_role, make_employee, make_user
from tests.surveys.base import definition, publish, question

RESPONDENTS = 30
# Correct pairs a join may find and still be no better than chance (see the docstring).
CHANCE = 8
QUESTIONS = definition(
    question("used", "multiple", options=["個別諮商", "團體諮商", "講座"]),
    question("stress", "rating10"),
    question("count", "number", min=0, max=100000),
    question("note", "long_text"),
)
TABLES = {
    "receipt": "surveys_anonymousreceipt",
    "answer": "surveys_anonymousanswer",
    "pending": "surveys_pendinganswer",
    "tally": "surveys_answertally",  # today's main: one row per answered question
    "survey tally": "surveys_surveytally",
}


def marker(index: int) -> int:
    """The number only respondent `index` gives (a tally row holds it as a number; an
    answer holds it with the text marker in its JSON)."""
    return 7300 + index


def answers_of(index: int) -> dict:
    return {
        "used": ["個別諮商"] if index % 3 == 0 else ["講座"],
        "stress": index % 11,
        "count": marker(index),
        "note": f"意見 note-{index:02d}-only-mine",
    }


def gives_away(values: list, index: int) -> bool:
    """Whether rows' values hold respondent `index`'s own answer in clear (a sealed value,
    "anx1:...", is base64 that may hold any digits by chance, and no insider opens it)."""
    for value in values:
        if isinstance(value, int | float) and not isinstance(value, bool):
            if value == marker(index):
                return True
        elif f"note-{index:02d}-" in str(value) and not str(value).startswith("anx1:"):
            return True
    return False


class Insider:
    """What someone with SQL access sees, through plain SQL only."""

    def __init__(self, survey: Survey):
        self.survey = survey
        self.postgres = connection.vendor == "postgresql"
        self.place = "ctid" if self.postgres else "rowid"
        tables = set(connection.introspection.table_names())
        self.tables = {name: table for name, table in TABLES.items() if table in tables}

    def rows(self, name: str) -> list[dict]:
        """The survey's rows of a table in storage order, with their storage place, key
        and (PostgreSQL) transaction id."""
        table = self.tables[name]
        with connection.cursor() as cursor:
            columns = [
                c.name for c in connection.introspection.get_table_description(cursor, table)
            ]
            extra = f"{self.place}" + (", xmin::text" if self.postgres else "")
            cursor.execute(
                f"SELECT {extra}, * FROM {table} WHERE survey_id = %s ORDER BY {self.place}",  # noqa: S608
                [self.survey.pk],
            )
            found = []
            for row in cursor.fetchall():
                offset = 2 if self.postgres else 1
                item = dict(zip(columns, row[offset:], strict=True))
                item["_place"] = row[0]
                item["_xmin"] = row[1] if self.postgres else None
                found.append(item)
        return found

    @staticmethod
    def values(row: dict) -> list:
        return [v for k, v in row.items() if not k.startswith("_")]

    def time_columns(self, table: str) -> list[str]:
        with connection.cursor() as cursor:
            description = connection.introspection.get_table_description(cursor, table)
        kinds = {"DateField", "DateTimeField", "TimeField"}
        return [
            c.name
            for c in description
            if connection.introspection.get_field_type(c.type_code, c) in kinds
        ]

    def runs(self, name: str) -> list[list[dict]]:
        """A table's rows cut into runs, one per respondent as far as can be told: at each
        row that counts a respondent (question "") when the table has questions."""
        rows = self.rows(name)
        if not rows or "question" not in rows[0]:
            return [[row] for row in rows]
        runs: list[list[dict]] = []
        for row in rows:
            if row["question"] == "" or not runs:
                runs.append([])
            runs[-1].append(row)
        return runs

    def pairs(self, truth: dict[int, int]) -> dict[str, tuple[int, int]]:
        """{join: (receipts the join pairs with something, correct pairs)}: each table
        holding the survey's rows, each join kind."""
        receipts = self.rows("receipt")
        found = {}
        for name in self.tables:
            if name == "receipt":
                continue
            runs = self.runs(name)
            if not runs:
                continue
            by_place = list(zip(receipts, runs, strict=False))
            by_key = list(
                zip(
                    sorted(receipts, key=lambda r: str(r["id"])),
                    sorted(runs, key=lambda run: str(next(iter(run[0].values())))),
                    strict=False,
                )
            )
            joins = {"storage order": by_place, "key order": by_key}
            if self.postgres:
                same = []
                for receipt in receipts:
                    shared = [run for run in runs if run[0]["_xmin"] == receipt["_xmin"]]
                    if shared:
                        same.append((receipt, shared[0]))
                joins["transaction id (xmin)"] = same
            for column in self.time_columns(self.tables[name]):
                # A receipt has no time; a run of rows sharing one time with no other
                # run is all a time could single out.
                times = {}
                for run in runs:
                    times.setdefault(run[0][column], []).append(run)
                unique = [group[0] for group in times.values() if len(group) == 1]
                joins[f"time ({column})"] = list(zip(receipts, unique, strict=False))
            for kind, matched in joins.items():
                right = sum(
                    gives_away(
                        [v for row in run for v in self.values(row)], truth[r["employee_id"]]
                    )
                    for r, run in matched
                )
                found[f"{name}: {kind}"] = (len(matched), right)
        return found

    def readable_anywhere(self, index: int, *, except_answers: bool = False) -> list[str]:
        """The tables of the whole database whose rows, read as text, hold respondent
        `index`'s own answer."""
        hits = []
        with connection.cursor() as cursor:
            for table in connection.introspection.table_names(cursor):
                if except_answers and table == TABLES["answer"]:
                    continue
                quoted = connection.ops.quote_name(table)
                if self.postgres:
                    cursor.execute(f"SELECT t::text FROM {quoted} t")  # noqa: S608
                else:
                    cursor.execute(f"SELECT * FROM {quoted}")  # noqa: S608
                if any(gives_away(list(row), index) for row in cursor.fetchall()):
                    hits.append(table)
        return hits


class InsiderJoinTests(TransactionTestCase):
    def setUp(self):
        self.authority = orgunit_create(name="範例市政府", kind="authority", code="379000000A")
        agencies = [
            orgunit_create(name=f"第{n}局", kind="agency", parent=self.authority)
            for n in range(1, 4)
        ]
        hr = make_user("hr")
        give_role(hr, "hr", self.authority)
        version = publish(owner=self.authority, actor=hr, data=QUESTIONS)
        today = timezone.localdate()
        self.survey = services.survey_create(
            version=version, owner=self.authority, actor=hr, title="需求調查",
            scope=self.authority, staff_categories=[], opens_on=today - timedelta(days=3),
            closes_on=today + timedelta(days=3), mode=Survey.Mode.ANONYMOUS,
            breakdowns=["gender", "age_band", "staff_category", "agency"],
        )  # fmt: skip
        categories = [Employee.StaffCategory.CIVIL_SERVANT, Employee.StaffCategory.TEACHER]
        self.people = [
            make_employee(
                None,
                unit=agencies[index % 3],
                number=f"P{index:03d}",
                name=f"受訪者{index}",
                gender="F" if index % 2 else "M",
                birth_date=date(1960 + index, 5, 1),
                staff_category=categories[index % 2],
            )
            for index in range(RESPONDENTS)
        ]
        self.truth = {person.pk: index for index, person in enumerate(self.people)}

    def answer(self, indexes) -> None:
        """Each answers in a transaction of his or her own, one after the other."""
        for index in indexes:
            services.answer_submit(
                survey=self.survey, employee=self.people[index], answers=answers_of(index)
            )

    def run_job(self, today=None) -> ballots.BatchOutcome:
        return ballots.survey_ballots_count(survey=self.survey, today=today or timezone.localdate())

    def assert_no_better_than_chance(self, stage: str) -> dict:
        found = Insider(self.survey).pairs(self.truth)
        self.assertTrue(found, stage)
        for join, (tried, right) in found.items():
            with self.subTest(stage=stage, join=join):
                self.assertLessEqual(right, CHANCE, f"{join}: {right} of {tried} paired")
        return found

    def test_it_pairs_no_receipt_with_its_answer_by_any_join_at_any_stage(self):
        """Before the batch nothing is readable; after each batch and after closing, no
        join pairs better than chance; the closing batch gives every answer a new key."""
        self.answer(range(12))
        insider = Insider(self.survey)
        for index in range(12):
            self.assertEqual(insider.readable_anywhere(index), [], index)
        self.assertEqual(self.run_job().counted, 12)
        self.assert_no_better_than_chance("first batch, survey open")
        self.answer(range(12, 24))
        self.assertEqual(self.run_job().counted, 12)
        self.answer(range(24, RESPONDENTS))
        self.assertEqual(self.run_job().held, RESPONDENTS - 24)  # fewer than a batch wait
        for index in range(24, RESPONDENTS):
            self.assertEqual(insider.readable_anywhere(index), [], index)
        self.assert_no_better_than_chance("two batches, six waiting")
        keys = set(AnonymousAnswer.objects.values_list("pk", flat=True))

        closed = self.run_job(today=self.survey.closes_on + timedelta(days=1))
        self.assertEqual((closed.counted, closed.rewritten), (RESPONDENTS - 24, 24))
        self.assertEqual(AnonymousReceipt.objects.count(), RESPONDENTS)
        self.assertEqual(AnonymousAnswer.objects.count(), RESPONDENTS)
        self.assertFalse(keys & set(AnonymousAnswer.objects.values_list("pk", flat=True)))
        found = self.assert_no_better_than_chance("closed")
        self.assertIn("answer: storage order", found)
        if connection.vendor == "postgresql":
            self.assertIn("answer: transaction id (xmin)", found)
        # The tallies hold no respondent's answer in clear: only the answers table does.
        for index in range(RESPONDENTS):
            self.assertEqual(insider.readable_anywhere(index, except_answers=True), [], index)

    def test_a_closed_survey_keeps_fewer_than_k_answers_sealed(self):
        """Four answers (k = 5) after closing stay pending and unreadable; a fifth answer
        given before closing lets the closing batch write all five together."""
        self.answer(range(4))
        after = self.survey.closes_on + timedelta(days=1)
        self.assertEqual(self.run_job(today=after).held, 4)
        self.assertFalse(AnonymousAnswer.objects.exists())
        self.assertFalse(AnonymousReceipt.objects.exists())
        for index in range(4):
            self.assertEqual(Insider(self.survey).readable_anywhere(index), [])
        self.answer([4])
        outcome = self.run_job(today=after)
        self.assertEqual((outcome.counted, outcome.held), (5, 0))
        self.assertEqual(AnonymousAnswer.objects.count(), 5)
