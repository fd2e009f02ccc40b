"""The outcome measure: offered when a case opens, answered by the employee with consent
at the start and the close, sealed on the case, and the change counted in a yearly tally
that names no case (decision 0072)."""

from datetime import date

from anxin.assessments.services import instruments_load
from anxin.core.measures import measure
from anxin.core.models import AccessLog
from anxin.counseling import services
from anxin.counseling.outcomes.models import OutcomeMeasure, OutcomeTally
from anxin.counseling.outcomes.services import change_of
from tests.counseling.base import CounselingTestCase

ITEMS = ("cheerful", "calm", "active", "rested", "interest")


def answers(*values) -> dict:
    return {key: str(value) for key, value in zip(ITEMS, values, strict=True)}


class OutcomeTestCase(CounselingTestCase):
    @classmethod
    def setUpTestData(cls):
        instruments_load()
        super().setUpTestData()

    def setUp(self):
        self.case = self.make_case()
        self.item = OutcomeMeasure.objects.get(case=self.case)
        self.url = f"/counselling/well-being/{self.item.uuid}/"

    def close_case(self):
        services.case_close(
            case=self.case, outcome="resolved", closed_on=date(2026, 11, 30),
            expected_version=self.case.version,
        )  # fmt: skip

    def test_it_is_offered_when_a_case_opens(self):
        self.assertEqual(self.item.status, OutcomeMeasure.Status.OFFERED)
        self.login(self.alice)
        response = self.client.get("/counselling/my-requests/")
        self.assertContains(response, self.url)
        response = self.client.get(self.url)
        self.assertContains(response, "我覺得心情愉快、精神很好")

    def test_it_needs_consent_at_the_start(self):
        self.login(self.alice)
        response = self.client.post(self.url, answers(1, 1, 2, 1, 2))
        self.assertEqual(response.status_code, 200)
        self.item.refresh_from_db()
        self.assertEqual(self.item.status, OutcomeMeasure.Status.OFFERED)
        self.assertEqual(self.item.start, "")

    def test_the_pair_is_sealed_and_the_change_tallied_without_a_link(self):
        self.login(self.alice)
        self.client.post(self.url, {**answers(1, 1, 2, 1, 2), "consent": "on"})
        self.item.refresh_from_db()
        self.assertEqual(self.item.status, OutcomeMeasure.Status.STARTED)
        self.assertTrue(self.item.start.startswith("anx1:"))
        self.close_case()
        self.item.refresh_from_db()
        self.assertEqual(self.item.status, OutcomeMeasure.Status.CLOSING)
        self.client.post(self.url, answers(4, 3, 3, 3, 4))
        self.item.refresh_from_db()
        self.assertEqual(self.item.status, OutcomeMeasure.Status.COMPLETE)
        tally = OutcomeTally.objects.get()
        # 28 -> 68: +40, improved.
        self.assertEqual(
            (tally.authority_id, tally.year, tally.change, tally.pairs, tally.change_sum),
            (self.authority.pk, 2026, "improved", 1, 40.0),
        )
        field_names = {field.name for field in OutcomeTally._meta.get_fields()}
        self.assertFalse(field_names & {"case", "employee", "measure", "created_at"})
        # The counsellor sees the pair on the case; each read is logged.
        self.login(self.counselor)
        before = AccessLog.objects.filter(field__in=("start", "close")).count()
        response = self.client.get(self.case.get_absolute_url())
        self.assertContains(response, "<td>28</td><td>68</td><td>+40</td>", html=False)
        self.assertEqual(AccessLog.objects.filter(field__in=("start", "close")).count(), before + 2)

    def test_the_meaningful_change_rule_counts_ten_points(self):
        who5 = measure("who5")
        self.assertEqual(change_of(who5, 40, 50), "improved")
        self.assertEqual(change_of(who5, 40, 48), "unchanged")
        self.assertEqual(change_of(who5, 40, 30), "worse")
        self.assertEqual(change_of(who5, 40, 40), "unchanged")

    def test_declining_asks_nothing_more(self):
        self.login(self.alice)
        self.client.post(self.url, {"decline": "1"})
        self.item.refresh_from_db()
        self.assertEqual(self.item.status, OutcomeMeasure.Status.DECLINED)
        self.close_case()
        self.item.refresh_from_db()
        self.assertEqual(self.item.status, OutcomeMeasure.Status.DECLINED)
        self.assertFalse(OutcomeTally.objects.exists())

    def test_an_unanswered_offer_lapses_at_the_close(self):
        self.close_case()
        self.item.refresh_from_db()
        self.assertEqual(self.item.status, OutcomeMeasure.Status.LAPSED)
        self.login(self.alice)
        self.client.post(self.url, {**answers(1, 1, 2, 1, 2), "consent": "on"})
        self.item.refresh_from_db()
        self.assertEqual(self.item.start, "")

    def test_withdrawing_erases_the_answers(self):
        self.login(self.alice)
        self.client.post(self.url, {**answers(1, 1, 2, 1, 2), "consent": "on"})
        response = self.client.post(f"{self.url}withdraw/")
        self.assertRedirects(response, "/counselling/my-requests/")
        self.item.refresh_from_db()
        self.assertEqual((self.item.status, self.item.start), ("withdrawn", ""))
        self.close_case()
        self.item.refresh_from_db()
        self.assertEqual(self.item.status, "withdrawn")

    def test_another_employee_gets_404(self):
        self.login(self.outsider)
        self.assertEqual(self.client.get(self.url).status_code, 404)
        self.assertEqual(self.client.post(f"{self.url}withdraw/").status_code, 404)

    def test_another_counsellor_sees_no_pair(self):
        self.login(self.counselor2)
        self.assertEqual(self.client.get(self.case.get_absolute_url()).status_code, 404)

    def test_a_score_of_nought_shows_as_nought_not_as_missing(self):
        self.login(self.alice)
        self.client.post(self.url, {**answers(0, 0, 0, 0, 0), "consent": "on"})
        self.login(self.counselor)
        response = self.client.get(self.case.get_absolute_url())
        self.assertContains(response, "<td>0</td><td>—</td><td>—</td>", html=False)
