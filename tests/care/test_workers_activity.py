"""Care-worker activity: a month's counts of the six tasks per unit covered, numbers only;
hr and the EAP administrator see the counts by unit and month through the k rule."""

from datetime import date, timedelta

from django.utils import timezone

from anxin.care.workers import activity
from anxin.care.workers.models import CareActivity, CareWorker
from anxin.core.refusals import Refused
from tests.care.workers_base import WorkersTestCase, active_care_worker

URL = "/care/workers/activity/"
REPORT = "/care/workers/activity/report/"


class ActivityTestCase(WorkersTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.term = active_care_worker(cls.bob_employee, [cls.unit2], actor=cls.hr)
        # The term began two years ago, so that earlier months can be recorded.
        CareWorker.objects.filter(pk=cls.term.pk).update(
            term_start=timezone.localdate() - timedelta(days=700)
        )
        cls.term.refresh_from_db()
        cls.month = timezone.localdate().replace(day=1)

    def post(self, **counts):
        data = {"month": self.month.isoformat(), "unit": self.unit2.pk}
        data.update({f"count_{key}": value for key, value in counts.items()})
        return self.client.post(URL, data)

    def test_it_records_the_months_counts_and_replaces_them(self):
        self.login(self.bob)
        self.assertRedirects(self.post(reaching_out=3, illness=1), URL)
        self.assertEqual(
            dict(CareActivity.objects.values_list("category", "count")),
            {"reaching_out": 3, "illness": 1},
        )
        self.post(reaching_out=4)
        self.assertEqual(
            dict(CareActivity.objects.values_list("category", "count")), {"reaching_out": 4}
        )
        self.assertContains(self.client.get(URL), "第二科")

    def test_the_form_has_no_place_for_a_note_or_a_name(self):
        self.login(self.bob)
        form = self.client.get(URL).context["form"]
        self.assertEqual(
            sorted(form.fields),
            sorted(["month", "unit", *(f"count_{key}" for key in CareActivity.Category.values)]),
        )
        self.assertFalse(
            [
                f.name
                for f in CareActivity._meta.get_fields()
                if f.get_internal_type() == "TextField"
            ]
        )

    def test_it_refuses_a_unit_not_covered_and_a_future_month(self):
        with self.assertRaises(Refused):
            activity.activity_record(
                care_worker=self.term, unit=self.unit, month=self.month, counts={"illness": 1}
            )
        with self.assertRaises(Refused):
            activity.activity_record(
                care_worker=self.term,
                unit=self.unit2,
                month=self.month + timedelta(days=40),
                counts={"illness": 1},
            )
        self.login(self.bob)
        response = self.client.post(URL, {"month": self.month.isoformat(), "unit": self.unit.pk})
        self.assertEqual(response.status_code, 200)
        self.assertFalse(CareActivity.objects.exists())

    def test_a_care_worker_without_a_term_records_nothing(self):
        CareWorker.objects.update(status=CareWorker.Status.ENDED)
        self.login(self.bob)
        response = self.post(reaching_out=3)
        self.assertEqual(response.status_code, 200)
        self.assertIsNone(response.context["term"])
        self.assertFalse(CareActivity.objects.exists())

    def test_the_report_hides_small_counts(self):
        activity.activity_record(
            care_worker=self.term,
            unit=self.unit2,
            month=self.month,
            counts={"reaching_out": 12, "illness": 1},
        )
        self.login(self.hr)
        response = self.client.get(REPORT)
        table = response.context["by_unit"]
        self.assertEqual(table.cell("第二科", "reaching_out").count, None)  # complement
        self.assertTrue(table.cell("第二科", "illness").suppressed)
        self.assertNotIn("林志明", response.content.decode())

    def test_the_report_shows_counts_of_k_or_more(self):
        activity.activity_record(
            care_worker=self.term,
            unit=self.unit2,
            month=self.month,
            counts={"reaching_out": 12, "promoting": 7},
        )
        self.login(self.eap_admin)
        table = self.client.get(REPORT, {"year": self.month.year}).context["by_unit"]
        self.assertEqual(table.cell("第二科", "reaching_out").count, 12)
        self.assertEqual(table.total.count, 19)

    def test_it_refuses_others_and_the_wrong_method(self):
        self.login(self.alice)
        self.assertEqual(self.client.get(URL).status_code, 403)
        self.assertEqual(self.client.get(REPORT).status_code, 403)
        self.login(self.hr)
        self.assertEqual(self.client.get(URL).status_code, 403)
        self.assertEqual(self.client.put(URL).status_code, 405)
        self.assertEqual(self.client.post(REPORT).status_code, 405)

    def test_recent_months_go_back_across_the_year(self):
        self.assertEqual(
            activity.recent_months(date(2026, 2, 10), 3),
            [date(2026, 2, 1), date(2026, 1, 1), date(2025, 12, 1)],
        )
