"""A sealed value that will not open (its ciphertext copied from another row or field, as
someone with the database might) does not take the page down: the page answers 200 with
that one field marked unavailable, the refused read is in the access log, and the auditors
are told, once for a page reloaded over and over."""

from datetime import timedelta

from django.urls import reverse
from django.utils import timezone

from anxin.core.models import AccessLog, Notification
from anxin.counseling.conferences import services as conferences
from anxin.counseling.consent import services as consents
from anxin.counseling.models import SessionRecord
from anxin.counseling.station import services as station
from tests.counseling.base import CounselingTestCase
from tests.counseling.flows_base import FlowTestCase
from tests.counseling.station_base import add_station
from tests.counseling.test_coordinator_records import allow

MARK = 'class="sealed-unavailable'


class UnavailableTestCase(CounselingTestCase):
    def copy_field(self, model, *, source, target, field: str, target_field: str | None = None):
        """Put `source.<field>`'s ciphertext into `target.<target_field>`: it is refused
        there, since the record and the field are bound into it."""
        token = model.objects.values_list(field, flat=True).get(pk=source.pk)
        model.objects.filter(pk=target.pk).update(**{target_field or field: token})

    def unreadable_rows(self):
        return AccessLog.objects.filter(outcome=AccessLog.Outcome.UNREADABLE)

    def auditor_alerts(self):
        return Notification.objects.filter(recipient=self.auditor)

    def get(self, url: str):
        with self.captureOnCommitCallbacks(execute=True):
            return self.client.get(url)


class CaseDetailTests(UnavailableTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.case = cls.make_case()
        cls.first = cls.make_session(cls.case, assessment="第一次評估")
        cls.second = cls.make_session(cls.case, assessment="第二次評估")

    def test_it_shows_the_page_with_the_one_field_marked(self):
        """A record's field holding another record's ciphertext: 200, the other fields and
        records shown, that field marked with a plain explanation."""
        self.copy_field(SessionRecord, source=self.first, target=self.second, field="assessment")
        self.login(self.counselor)
        response = self.get(self.case.get_absolute_url())
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, MARK, count=1)
        self.assertContains(response, "第一次評估")
        self.assertNotContains(response, "第二次評估")
        self.assertContains(response, "intervention text", count=2)

    def test_it_logs_the_refused_read_and_alerts_the_auditor(self):
        self.copy_field(SessionRecord, source=self.first, target=self.second, field="assessment")
        self.login(self.counselor)
        self.get(self.case.get_absolute_url())
        row = self.unreadable_rows().get()
        self.assertEqual(
            (row.actor, row.record_uuid, row.field, row.subject_uuid),
            (self.counselor, self.second.uuid, "assessment", self.alice_employee.uuid),
        )
        alert = self.auditor_alerts().get()
        self.assertNotIn("評估", alert.body)
        self.assertNotIn(self.case.code, alert.body)
        # Nobody else is told.
        self.assertFalse(
            Notification.objects.filter(subject=alert.subject)
            .exclude(recipient=self.auditor)
            .exists()
        )

    def test_a_reloaded_page_alerts_once(self):
        """Each reload is a logged read; the auditor hears of it once an hour."""
        self.copy_field(SessionRecord, source=self.first, target=self.second, field="assessment")
        self.login(self.counselor)
        for _ in range(3):
            self.assertEqual(self.get(self.case.get_absolute_url()).status_code, 200)
        self.assertEqual(self.unreadable_rows().count(), 3)
        self.assertEqual(self.auditor_alerts().count(), 1)

    def test_a_ciphertext_moved_to_another_field_is_marked(self):
        """The same record, another field: refused too."""
        self.copy_field(
            SessionRecord,
            source=self.second,
            target=self.second,
            field="assessment",
            target_field="risk_level",
        )
        self.login(self.counselor)
        response = self.get(self.case.get_absolute_url())
        self.assertContains(response, MARK, count=1)
        self.assertEqual(self.unreadable_rows().get().field, "risk_level")

    def test_the_coordinators_reading_marks_it_too(self):
        """Where the plan lets the coordinator read the records (read-only), the same."""
        allow(self.plan)
        self.copy_field(SessionRecord, source=self.first, target=self.second, field="follow_up")
        self.login(self.intake)
        response = self.get(
            reverse("counseling:case_records_for_coordinator", args=[self.case.code])
        )
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, MARK, count=1)
        self.assertEqual(self.unreadable_rows().get().purpose, "coordination")

    def test_it_refuses_to_edit_a_record_with_an_unavailable_field(self):
        """Saving the form would overwrite a value that may open again with its key: the
        edit page sends the counsellor back with an explanation instead."""
        self.copy_field(SessionRecord, source=self.first, target=self.second, field="assessment")
        token = SessionRecord.objects.values_list("assessment", flat=True).get(pk=self.second.pk)
        self.login(self.counselor)
        url = reverse("counseling:session_edit", args=[self.case.code, self.second.uuid])
        response = self.get(url)
        self.assertRedirects(response, self.case.get_absolute_url())
        self.assertEqual(
            SessionRecord.objects.values_list("assessment", flat=True).get(pk=self.second.pk),
            token,
        )
        # The record whose fields open is edited as before.
        url = reverse("counseling:session_edit", args=[self.case.code, self.first.uuid])
        self.assertEqual(self.get(url).status_code, 200)

    def test_the_request_text_is_marked_alone(self):
        """The employee's request text, shown on the case page: one field marked."""
        request = self.case.request
        other = self.make_request(details="另一件事")
        self.copy_field(type(request), source=other, target=request, field="details")
        self.login(self.counselor)
        response = self.get(self.case.get_absolute_url())
        self.assertContains(response, MARK, count=1)
        self.assertContains(response, "0912-345-678")
        self.assertNotContains(response, "另一件事")


class StationTests(UnavailableTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.plan = add_station(cls.plan)

    def test_a_message_that_does_not_open_is_marked(self):
        thread, _token = station.thread_start(
            plan=self.plan, employee=self.alice_employee, body="第一則", now=timezone.now()
        )
        station.thread_assign(
            thread=thread,
            counselor=self.counselor,
            actor=self.intake,
            expected_version=thread.version,
        )
        other, _token = station.thread_start(
            plan=self.plan, employee=self.alice_employee, body="別的對話", now=timezone.now()
        )
        message = thread.messages.get()
        self.copy_field(type(message), source=other.messages.get(), target=message, field="body")
        self.login(self.counselor)
        response = self.get(reverse("counseling:station_thread", args=[thread.uuid]))
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, MARK, count=1)
        self.assertNotContains(response, "別的對話")
        self.assertEqual(self.unreadable_rows().get().record_uuid, message.uuid)
        self.assertEqual(self.auditor_alerts().count(), 1)

    def test_a_hotline_note_that_does_not_open_is_marked(self):
        def call(note):
            return station.call_record(
                plan=self.plan, counselor=self.counselor, employee=None,
                called_at=timezone.now() - timedelta(hours=1), minutes=30, concern="emotion",
                outcome="resolved", note=note,
            )  # fmt: skip

        first, second = call("第一通"), call("第二通")
        self.copy_field(type(first), source=first, target=second, field="note")
        self.login(self.counselor)
        response = self.get(reverse("counseling:station_hotline_detail", args=[second.uuid]))
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, MARK, count=1)
        self.assertNotContains(response, "第一通")


class ConferenceTests(UnavailableTestCase):
    def test_the_decisions_are_marked_and_cannot_be_edited(self):
        case = self.make_case()
        values = {
            "case": case,
            "scheduled_by": self.counselor,
            "scheduler_role": "counselor",
            "starts_at": timezone.now() + timedelta(days=7),
            "place": "協談室A",
            "agenda": "議程甲",
            "unit_head": self.supervisor,
            "personnel_head": self.hr,
        }
        conference = conferences.conference_schedule(**values)
        other = conferences.conference_schedule(**{**values, "agenda": "議程乙"})
        self.copy_field(type(conference), source=other, target=conference, field="agenda")
        self.login(self.counselor)
        response = self.get(conference.get_absolute_url())
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, MARK, count=1)
        self.assertNotContains(response, "議程乙")

    def test_decisions_that_do_not_open_cannot_be_edited(self):
        """The decisions form would overwrite them: the page sends the organiser back."""
        case = self.make_case()
        values = {
            "case": case,
            "scheduled_by": self.counselor,
            "scheduler_role": "counselor",
            "starts_at": timezone.now() + timedelta(days=7),
            "place": "協談室A",
            "agenda": "議程",
            "unit_head": self.supervisor,
            "personnel_head": self.hr,
        }
        conference, other = (
            conferences.conference_answer(
                conference=conferences.conference_schedule(**values), agree=True
            )
            for _ in range(2)
        )
        conferences.conference_record_decisions(
            conference=other, decisions="決議乙", expected_version=other.version
        )
        self.copy_field(type(conference), source=other, target=conference, field="decisions")
        self.login(self.counselor)
        url = reverse("counseling:conference_decisions", args=[conference.uuid])
        self.assertRedirects(self.get(url), conference.get_absolute_url())
        response = self.get(conference.get_absolute_url())
        self.assertContains(response, MARK, count=1)
        self.assertNotContains(response, "決議乙")


class ConsentTests(UnavailableTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.case = cls.make_case()

    def consent(self, **values):
        return consents.consent_propose(
            case=self.case,
            recipient="人事室 張主任",
            valid_until=timezone.localdate() + timedelta(days=30),
            actor=self.counselor,
            scope="session_count",
            purpose="work_adjustment",
            **values,
        )

    def test_a_consent_text_that_does_not_open_is_marked(self):
        first = self.consent(scope_text="出席與次數", purpose_text="調整工作量")
        second = self.consent(scope_text="只給次數", purpose_text="安排職務")
        self.copy_field(type(first), source=first, target=second, field="scope_text")
        self.login(self.counselor)
        url = reverse("counseling:consent_detail", args=[self.case.code, second.uuid])
        response = self.get(url)
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, MARK, count=1)
        self.assertContains(response, "安排職務")
        self.assertNotContains(response, "出席與次數")


class FlowNotesTests(FlowTestCase, UnavailableTestCase):
    def test_a_step_note_that_does_not_open_is_marked(self):
        """The coordinator's flow page: the step's note marked, the steps still shown."""
        run, other_run = self.start(), self.start()
        self.record(run, way="notify_casualty", notes="第一份筆記")
        self.record(other_run, way="notify_casualty", notes="另一份筆記")
        step, other = (item.steps.exclude(notes="").get() for item in (run, other_run))
        self.copy_field(type(step), source=other, target=step, field="notes")
        self.login(self.intake)
        response = self.get(run.get_absolute_url())
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, MARK, count=1)
        self.assertContains(response, "確認危機事件有無人員傷亡")
        self.assertNotContains(response, "另一份筆記")
