"""Interviews: themes counted once when an interview is recorded (a correction takes the
former words off), so the summary and the dossier read counts and open no sealed answer;
the yearly summary as PDF, read back; reminders to the counselling room and the named
personnel head, once."""

from datetime import datetime, time, timedelta

from django.utils import timezone
from django.utils.module_loading import autodiscover_modules

from anxin.care.interviews import services
from anxin.care.interviews.models import InterviewThemeCount
from anxin.core.due import registry
from anxin.core.models import AccessLog, Notification
from anxin.core.refusals import Refused
from anxin.people.roles import Role
from tests.base import BaseTestCase, give_role, make_employee, make_user
from tests.care.mentoring_base import taipei_plan
from tests.pdf_tools import pdf_text

STRESS = "業務量大、加班頻繁，陳情案件壓力大"


class SummaryTestCase(BaseTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        taipei_plan(cls.authority)
        cls.intake = make_user("intake")
        give_role(cls.intake, Role.INTAKE, cls.authority)
        cls.day = timezone.localdate()

    def schedule(self, agency, **extra):
        return services.interview_schedule(
            actor=self.intake, scope=self.authority, agency=agency, scheduled_on=self.day, **extra
        )

    def record(self, interview, stress):
        interview.refresh_from_db()
        return services.interview_record(
            interview=interview,
            answers={"stress": stress, "adaptation": "新進人員不熟悉業務流程", "concerns": ""},
            expected_version=interview.version,
            actor=self.intake,
            role=Role.INTAKE,
        )

    def count(self, word, theme="stress") -> int:
        row = InterviewThemeCount.objects.filter(theme=theme, word=word).first()
        return row.agencies if row else 0

    def test_words_are_counted_once_and_corrections_move_the_counts(self):
        first = self.schedule(self.agency)
        self.record(first, STRESS)
        self.record(self.schedule(self.other_agency), "加班頻繁，人力不足")
        self.assertEqual(self.count("加班"), 2)
        self.assertEqual(self.count("陳情"), 1)
        adaptation = set(
            InterviewThemeCount.objects.filter(theme="adaptation").values_list("word", "agencies")
        )
        self.assertTrue(adaptation and all(n == 2 for _word, n in adaptation))
        self.record(first, "人力不足，輪班辛苦")  # corrected: 加班 and 陳情 taken off
        self.assertEqual(self.count("加班"), 1)
        self.assertEqual(self.count("陳情"), 0)
        self.assertFalse(InterviewThemeCount.objects.filter(word="陳情").exists())
        shared = services.words("加班頻繁，人力不足") & services.words("人力不足，輪班辛苦")
        self.assertTrue(shared)
        for word in shared:  # now given by both agencies
            self.assertEqual(self.count(word), 2, word)
        after = InterviewThemeCount.objects.filter(theme="adaptation").values_list(
            "word", "agencies"
        )
        self.assertEqual(set(after), adaptation)

    def test_the_summary_and_the_dossier_open_no_sealed_answer(self):
        self.record(self.schedule(self.agency), STRESS)
        self.record(self.schedule(self.other_agency), "加班頻繁，人力不足")
        reads = AccessLog.objects.count()
        summary = services.yearly_themes(authority=self.authority, year=self.day.year)
        self.assertEqual(summary["interviews"], 2)
        self.assertEqual(dict(summary["themes"]["stress"]["words"])["加班"], 2)
        self.login(self.intake)
        self.assertContains(
            self.client.get(f"/care/interviews/themes/?year={self.day.year}"), "加班"
        )
        self.assertEqual(AccessLog.objects.count(), reads)

    def test_the_yearly_summary_pdf_has_themes_and_counts_only(self):
        self.record(self.schedule(self.agency), STRESS)
        self.record(self.schedule(self.other_agency), "加班頻繁，人力不足")
        self.login(self.intake)
        response = self.client.get(f"/care/interviews/themes/{self.day.year}.pdf")
        self.assertEqual(response.status_code, 200)
        self.assertEqual(response["Content-Type"], "application/pdf")
        text = pdf_text(response.content).replace("\n", "")
        self.assertIn("工作壓力來源", text)
        self.assertIn("加班2", text.replace(" ", ""))
        for forbidden in ("陳情", "人力不足", STRESS, self.agency.name, self.other_agency.name):
            self.assertNotIn(forbidden, text)
        self.login(self.hr)
        self.assertEqual(
            self.client.get(f"/care/interviews/themes/{self.day.year}.pdf").status_code, 403
        )

    def test_the_room_and_the_named_head_are_reminded_once(self):
        head_user = make_user("head")
        head = make_employee(head_user, unit=self.unit, number="H0001", name="人事主任")
        interview = self.schedule(self.agency, head_number=head.number)
        self.schedule(self.other_agency)  # no head named: the room alone
        Notification.objects.all().delete()
        self.assertEqual(services.interviews_remind(today=self.day - timedelta(days=8)), 0)
        self.assertEqual(services.interviews_remind(today=self.day - timedelta(days=7)), 2)
        self.assertEqual(services.interviews_remind(today=self.day - timedelta(days=6)), 0)
        got = sorted(Notification.objects.values_list("recipient__username", flat=True))
        self.assertEqual(got, ["head", "intake", "intake"])
        head_note = Notification.objects.get(recipient=head_user)
        self.assertEqual(head_note.url, "")  # the head has no page of the interview
        room_note = Notification.objects.filter(recipient=self.intake).first()
        self.assertTrue(room_note.url.startswith("/care/interviews/"))
        interview.refresh_from_db()
        self.assertEqual(interview.reminded_on, self.day - timedelta(days=7))

    def test_an_unknown_head_is_refused(self):
        with self.assertRaises(Refused) as refused:
            self.schedule(self.agency, head_number="NOPE")
        self.assertEqual(refused.exception.code, "unknown_head")

    def test_the_registered_due_job_reminds_once(self):
        autodiscover_modules("due")  # as run_due() finds every app's due.py
        self.schedule(self.agency)
        Notification.objects.all().delete()
        job = registry.jobs["interview_reminders"].func
        at = timezone.make_aware(datetime.combine(self.day - timedelta(days=3), time(9)))
        self.assertEqual(job(now=at), "reminded 1 interview(s)")
        self.assertEqual(job(now=at + timedelta(hours=6)), "reminded 0 interview(s)")
        self.assertEqual(Notification.objects.filter(recipient=self.intake).count(), 1)
