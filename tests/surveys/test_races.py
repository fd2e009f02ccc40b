"""Every state change of the surveys app that two people (or two runs of a job) can race
on: the second is refused with a clear message, or finds the work done, never a lost
update or a double count (DESIGN.md invariant 11, issue 10 item 5).

Kinds: the draft's title and introduction, a question added, changed or removed,
publishing, a new draft version asked for twice at once, the same person submitting twice
at once, and the batch job run twice at once. A survey has no edit or close action of its
own (it closes by its date; its schedule is fixed when it is set up), so nothing else in
the app can be overwritten."""

import threading
from datetime import timedelta

import pytest
from django.db import connection
from django.test import TransactionTestCase
from django.urls import reverse
from django.utils import timezone

from anxin.core.refusals import Refused
from anxin.people.services import orgunit_create
from anxin.surveys import ballots, services
from anxin.surveys.models import (
    AnonymousAnswer,
    AnonymousReceipt,
    PendingAnswer,
    QuestionnaireVersion,
    Survey,
)
from tests.base import BaseTestCase, give_role, make_employee, make_user
from tests.surveys.base import EVERY_TYPE, definition, make_survey, publish, question

STALE = "已有其他人儲存變更"


def editor(version, name="surveys:version_edit", **extra) -> str:
    return reverse(
        name,
        kwargs={"questionnaire_uuid": version.questionnaire.uuid, "number": version.number,
                **extra},
    )  # fmt: skip


class DraftRaceTests(BaseTestCase):
    """Two officers with the same draft open: whoever saves second is refused, sees why,
    and nothing of the first's save is lost."""

    def setUp(self):
        self.version = services.questionnaire_create(
            owner=self.agency, actor=self.hr, definition=definition(question("q1", "single"))
        )
        self.opened_at = self.version.version  # both opened the page at this version
        self.login(self.hr)

    def first_saves(self) -> None:
        services.draft_update(
            version=self.version,
            expected_version=self.opened_at,
            definition=definition(question("q1", "single"), title="第一位的標題"),
        )

    def assert_refused(self, response) -> None:
        self.assertContains(response, STALE)
        self.version.refresh_from_db()
        self.assertEqual(self.version.title, "第一位的標題")
        self.assertEqual(self.version.version, self.opened_at + 1)

    def test_a_stale_title_and_introduction_are_refused(self):
        self.first_saves()
        response = self.client.post(
            editor(self.version), {"title": "第二位的標題", "intro": "", "lock": self.opened_at}
        )
        self.assertEqual(response.status_code, 200)
        self.assert_refused(response)

    def test_a_stale_wording_review_is_refused(self):
        self.first_saves()
        response = self.client.post(
            editor(self.version),
            {"title": "第一位的標題", "intro": "", "wording_reviewed": "on",
             "lock": self.opened_at},
        )  # fmt: skip
        self.assert_refused(response)

    def test_a_stale_question_change_is_refused(self):
        self.first_saves()
        response = self.client.post(
            editor(self.version, "surveys:question_edit", key="q1"),
            {"section": "第一部分", "type": "single", "text": "第二位改的題目",
             "options": "是\n否", "lock": self.opened_at},
        )  # fmt: skip
        self.assert_refused(response)
        self.assertEqual(self.version.parsed.question("q1").text, "問題 q1")

    def test_a_stale_question_removal_is_refused(self):
        self.first_saves()
        response = self.client.post(
            editor(self.version, "surveys:question_delete", key="q1"),
            {"lock": self.opened_at},
            follow=True,
        )
        self.assert_refused(response)
        self.assertIsNotNone(self.version.parsed.question("q1"))

    def test_publishing_a_draft_changed_since_it_was_opened_is_refused(self):
        """The second officer would publish wording he or she has not seen."""
        self.first_saves()
        response = self.client.post(
            editor(self.version, "surveys:version_publish"), {"lock": self.opened_at}, follow=True
        )
        self.assert_refused(response)
        self.assertTrue(self.version.is_draft)

    def test_an_edit_of_a_draft_published_meanwhile_is_refused(self):
        services.version_publish(version=self.version, expected_version=self.opened_at)
        response = self.client.post(
            editor(self.version), {"title": "第二位的標題", "intro": "", "lock": self.opened_at},
            follow=True,
        )  # fmt: skip
        self.assertContains(response, "已發布")
        self.version.refresh_from_db()
        self.assertEqual(self.version.title, "測試問卷")


def _at_once(count: int, action) -> list[BaseException]:
    """Run `action(i)` in `count` threads released together; the errors raised."""
    barrier = threading.Barrier(count)
    errors: list[BaseException] = []

    def run(index: int) -> None:
        try:
            barrier.wait(timeout=30)
            action(index)
        except BaseException as error:  # collected and asserted by the caller
            errors.append(error)
        finally:
            connection.close()  # this thread's own connection

    threads = [threading.Thread(target=run, args=(i,)) for i in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return errors


class SequentialRaceTests(BaseTestCase):
    def test_asking_for_a_new_draft_twice_gives_the_same_draft(self):
        version = publish(owner=self.agency, actor=self.hr, data=EVERY_TYPE)
        first = services.version_new_draft(questionnaire=version.questionnaire)
        second = services.version_new_draft(questionnaire=version.questionnaire)
        self.assertEqual(first.pk, second.pk)

    def test_running_the_batch_job_again_counts_nothing_twice(self):
        survey = make_survey(
            publish(owner=self.agency, actor=self.hr, data=EVERY_TYPE),
            owner=self.agency, actor=self.hr,
        )  # fmt: skip
        for number in range(ballots.MIN_BATCH):
            person = make_employee(None, unit=self.unit, number=f"B{number}", name=f"同仁{number}")
            services.answer_submit(survey=survey, employee=person, answers={"pick": "是"})
        today = timezone.localdate()
        self.assertEqual(ballots.survey_ballots_count(survey=survey, today=today).counted, 10)
        self.assertEqual(ballots.survey_ballots_count(survey=survey, today=today).counted, 0)
        cells = ballots.tally_read([survey.pk])[survey.pk]
        self.assertEqual(cells[("", "", "", "")][0], 10)


@pytest.mark.postgres_only
class ConcurrentRaceTests(TransactionTestCase):
    """The races above with real concurrency: threads with connections of their own."""

    def setUp(self):
        self.authority = orgunit_create(name="範例市政府", kind="authority")
        self.hr = make_user("hr")
        give_role(self.hr, "hr", self.authority)
        self.version = publish(owner=self.authority, actor=self.hr, data=EVERY_TYPE)
        today = timezone.localdate()
        self.survey = services.survey_create(
            version=self.version, owner=self.authority, actor=self.hr, title="調查",
            scope=self.authority, staff_categories=[], opens_on=today - timedelta(days=1),
            closes_on=today + timedelta(days=1), mode=Survey.Mode.ANONYMOUS,
        )  # fmt: skip
        self.people = [
            make_employee(None, unit=self.authority, number=f"C{n:03d}", name=f"同仁{n}")
            for n in range(20)
        ]

    def test_two_officers_asking_for_a_new_draft_at_once_get_the_same_one(self):
        """Locking only the latest version let the second miss the first's new draft and
        fail on the unique version number."""
        drafts = []
        errors = _at_once(
            4,
            lambda _i: drafts.append(
                services.version_new_draft(questionnaire=self.version.questionnaire).pk
            ),
        )
        self.assertEqual(errors, [])
        self.assertEqual(len(set(drafts)), 1)
        self.assertEqual(QuestionnaireVersion.objects.filter(status="draft").count(), 1)

    def test_one_person_submitting_twice_at_once_is_counted_once(self):
        errors = _at_once(
            4,
            lambda _i: services.answer_submit(
                survey=self.survey, employee=self.people[0], answers={"pick": "是"}
            ),
        )
        self.assertEqual(len(errors), 3)
        self.assertTrue(all(isinstance(e, Refused) for e in errors), errors)
        self.assertEqual(PendingAnswer.objects.count(), 1)

    def test_two_runs_of_the_batch_job_at_once_count_each_answer_once(self):
        for person in self.people:
            services.answer_submit(survey=self.survey, employee=person, answers={"pick": "是"})
        after = self.survey.closes_on + timedelta(days=1)
        counted = []
        errors = _at_once(
            3,
            lambda _i: counted.append(
                ballots.survey_ballots_count(survey=self.survey, today=after).counted
            ),
        )
        self.assertEqual(errors, [])
        self.assertEqual(sorted(counted), [0, 0, 20])
        self.assertEqual(AnonymousAnswer.objects.count(), 20)
        self.assertEqual(AnonymousReceipt.objects.count(), 20)
        cells = ballots.tally_read([self.survey.pk])[self.survey.pk]
        self.assertEqual(cells[("", "", "", "")][0], 20)
