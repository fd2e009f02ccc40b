"""The employee's consent: asked in the app, shown purpose, roles and date; until she
agrees the conference cannot be held, and a declined one is cancelled."""

from anxin.core.models import Notification
from anxin.counseling.conferences.models import CaseConference
from tests.base import make_employee, make_user
from tests.counseling.conferences_base import AGENDA, ConferenceTestCase


class ConsentTestCase(ConferenceTestCase):
    def consent_url(self, conference) -> str:
        return f"/counselling/conferences/{conference.uuid}/consent/"

    def test_it_shows_purpose_roles_and_date_but_no_agenda(self):
        """The page shows why, who by role and when; not the agenda."""
        conference = self.make_conference()
        self.login(self.alice)
        response = self.client.get(self.consent_url(conference))
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, "協談室A")
        self.assertEqual(len(response.context["roles"]), 3)
        self.assertTrue(response.context["pending"])
        self.assertNotContains(response, AGENDA)

    def test_it_refuses_holding_the_conference_before_consent(self):
        """Decisions cannot be recorded while the employee has not agreed."""
        conference = self.make_conference()
        self.login(self.counselor)
        url = f"{conference.get_absolute_url()}decisions/"
        response = self.client.post(url, {"decisions": "決議", "version": conference.version})
        self.assertEqual(response.context["form"].errors.as_data()["__all__"][0].code, "no_consent")
        conference.refresh_from_db()
        self.assertEqual(conference.status, CaseConference.Status.AWAITING_CONSENT)

    def test_the_chain_sees_nothing_before_consent(self):
        """Unit head and personnel head get 404 and an empty list until she agrees."""
        conference = self.make_conference()
        for user in (self.hr, self.supervisor):
            self.login(user)
            self.assertEqual(self.client.get(conference.get_absolute_url()).status_code, 404)
            response = self.client.get("/counselling/conferences/")
            self.assertEqual(list(response.context["upcoming"]), [])

    def test_agreeing_tells_the_participants_time_and_place(self):
        """Once she agrees, each participant gets an inbox item with time and place only."""
        conference = self.make_conference()
        Notification.objects.all().delete()
        self.login(self.alice)
        response = self.client.post(self.consent_url(conference), {"answer": "agree"})
        self.assertRedirects(response, self.consent_url(conference))
        conference.refresh_from_db()
        self.assertEqual(conference.consent, CaseConference.Consent.AGREED)
        self.assertEqual(conference.status, CaseConference.Status.SCHEDULED)
        notes = Notification.objects.all()
        self.assertEqual({n.recipient for n in notes}, {self.counselor, self.supervisor, self.hr})
        for note in notes:
            self.assertIn("協談室A", note.body)
            self.assertNotIn(AGENDA, note.subject + note.body)
            self.assertNotIn(self.case.code, note.subject + note.body)
        self.login(self.hr)
        self.assertContains(self.client.get(conference.get_absolute_url()), AGENDA)

    def test_declining_cancels_the_conference(self):
        """Declined: cancelled, the chain never sees it, only the counsellor is told."""
        conference = self.make_conference()
        Notification.objects.all().delete()
        self.login(self.alice)
        self.client.post(self.consent_url(conference), {"answer": "decline"})
        conference.refresh_from_db()
        self.assertEqual(conference.consent, CaseConference.Consent.DECLINED)
        self.assertEqual(conference.status, CaseConference.Status.CANCELLED)
        self.assertEqual([n.recipient for n in Notification.objects.all()], [self.counselor])
        for user in (self.hr, self.supervisor):
            self.login(user)
            self.assertEqual(self.client.get(conference.get_absolute_url()).status_code, 404)
        self.login(self.counselor)
        response = self.client.post(
            f"{conference.get_absolute_url()}decisions/", {"decisions": "x", "version": 1}
        )
        self.assertEqual(response.context["form"].errors.as_data()["__all__"][0].code, "no_consent")

    def test_an_answer_is_given_once(self):
        """A second answer is refused; the first stands."""
        conference = self.make_conference(agree=True)
        self.login(self.alice)
        response = self.client.post(self.consent_url(conference), {"answer": "decline"})
        self.assertEqual(response.context["form"].errors.as_data()["__all__"][0].code, "answered")
        conference.refresh_from_db()
        self.assertEqual(conference.consent, CaseConference.Consent.AGREED)

    def test_it_requires_an_answer(self):
        conference = self.make_conference()
        self.login(self.alice)
        response = self.client.post(self.consent_url(conference), {})
        self.assertEqual(response.context["form"].errors.as_data()["answer"][0].code, "required")

    def test_it_refuses_the_wrong_method(self):
        conference = self.make_conference()
        self.login(self.alice)
        self.assertEqual(self.client.put(self.consent_url(conference)).status_code, 405)

    def test_another_employee_gets_404(self):
        """Only the employee of the case answers; another employee gets 404."""
        conference = self.make_conference()
        bob = make_user("bob")
        make_employee(bob, unit=self.unit, number="E0009", name="林小明")
        for user in (bob, self.outsider):
            self.login(user)
            response = self.client.get(self.consent_url(conference))
            self.assertEqual(response.status_code, 404, user)
            self.client.post(self.consent_url(conference), {"answer": "agree"})
        conference.refresh_from_db()
        self.assertEqual(conference.consent, CaseConference.Consent.PENDING)
