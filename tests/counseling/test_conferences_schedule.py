"""Scheduling a case conference: by the case's counsellor or a coordinator, with the
employee asked for consent in the inbox, and nobody in her chain told anything yet."""

from datetime import timedelta

from django.utils import timezone

from anxin.core.models import Notification
from anxin.counseling.conferences.models import CaseConference, ConferenceParticipant
from tests.counseling.conferences_base import AGENDA, ConferenceTestCase, conference_post, roc

NEW = "/counselling/conferences/new/"


class ScheduleTestCase(ConferenceTestCase):
    def url(self, case=None) -> str:
        return f"{NEW}?case={(case or self.case).code}"

    def test_it_schedules_and_asks_only_the_employee(self):
        """The counsellor schedules; only Alice gets an inbox item, naming nothing."""
        Notification.objects.all().delete()
        self.login(self.counselor)
        response = self.client.post(self.url(), conference_post(self.supervisor, self.hr))
        conference = CaseConference.objects.get()
        self.assertRedirects(response, conference.get_absolute_url())
        self.assertEqual(conference.consent, CaseConference.Consent.PENDING)
        self.assertEqual(conference.status, CaseConference.Status.AWAITING_CONSENT)
        roles = dict(conference.participants.values_list("role", "user"))
        self.assertEqual(
            roles,
            {
                ConferenceParticipant.Role.COUNSELOR: self.counselor.pk,
                ConferenceParticipant.Role.UNIT_HEAD: self.supervisor.pk,
                ConferenceParticipant.Role.PERSONNEL_HEAD: self.hr.pk,
            },
        )
        [note] = Notification.objects.all()
        self.assertEqual(note.recipient, self.alice)
        self.assertEqual(note.url, f"/counselling/conferences/{conference.uuid}/consent/")
        for secret in (AGENDA, self.case.code, "協談室A", "supervisor", "hr"):
            self.assertNotIn(secret, note.subject + note.body)

    def test_it_lets_a_coordinator_schedule_by_case_code(self):
        """The coordinator types the code and takes part as coordinator."""
        self.login(self.intake)
        response = self.client.get(NEW, {"case": self.case.code.lower()})
        self.assertEqual(response.status_code, 200)
        self.assertIn("form", response.context)
        self.client.post(self.url(), conference_post(self.supervisor, self.hr))
        conference = CaseConference.objects.get()
        self.assertTrue(
            conference.participants.filter(
                user=self.intake, role=ConferenceParticipant.Role.COORDINATOR
            ).exists()
        )

    def test_it_refuses_an_unknown_case_code(self):
        """Another counsellor's case reads as unknown, like a code that does not exist."""
        self.login(self.counselor2)
        for code in (self.case.code, "TPE999-9999"):
            response = self.client.get(NEW, {"case": code})
            self.assertEqual(
                response.context["code_form"].errors.as_data()["case"][0].code, "unknown_case"
            )

    def test_it_refuses_a_date_in_the_past_and_keeps_what_was_typed(self):
        """A past date answers the form again with code "past"; nothing is stored."""
        self.login(self.counselor)
        yesterday = roc(timezone.localdate() - timedelta(days=1))
        data = conference_post(self.supervisor, self.hr, starts_on=yesterday)
        response = self.client.post(self.url(), data)
        form = response.context["form"]
        self.assertEqual(form.errors.as_data()["starts_on"][0].code, "past")
        self.assertContains(response, AGENDA)
        self.assertFalse(CaseConference.objects.exists())

    def test_it_refuses_an_unknown_participant(self):
        """HR of another agency, or a supervisor elsewhere, is not a participant."""
        self.login(self.counselor)
        data = conference_post(self.other_supervisor, self.other_hr)
        response = self.client.post(self.url(), data)
        errors = response.context["form"].errors.as_data()
        self.assertEqual(errors["unit_head"][0].code, "unknown_participant")
        self.assertEqual(errors["personnel_head"][0].code, "unknown_participant")
        self.assertFalse(CaseConference.objects.exists())

    def test_it_refuses_a_closed_case(self):
        """A closed case is not offered: its code reads as unknown."""
        from anxin.counseling import services

        services.case_close(
            case=self.case, outcome="resolved", closed_on=timezone.localdate(), expected_version=1
        )
        self.login(self.counselor)
        response = self.client.get(self.url())
        self.assertEqual(
            response.context["code_form"].errors.as_data()["case"][0].code, "unknown_case"
        )

    def test_it_refuses_the_wrong_method(self):
        self.login(self.counselor)
        self.assertEqual(self.client.put(self.url()).status_code, 405)

    def test_it_refuses_other_roles(self):
        """HR, supervisors and the employee cannot schedule (role page: 403)."""
        for user in (self.hr, self.supervisor, self.alice, self.auditor):
            self.login(user)
            self.assertEqual(self.client.get(self.url()).status_code, 403, user)

    def test_the_case_page_shows_its_conferences(self):
        """The case page has a conferences panel with a link to schedule one."""
        conference = self.make_conference()
        self.login(self.counselor)
        response = self.client.get(self.case.get_absolute_url())
        self.assertContains(response, conference.get_absolute_url())
        self.assertContains(response, self.url())
