"""Referrals into counselling by a care worker, an HR officer or a supervisor: nothing
reaches the intake queue until the employee agrees, and the referrer learns only what the
employee agreed to share."""

import re

from django.db import connection
from django.test.utils import CaptureQueriesContext

from anxin.core.models import Notification
from anxin.counseling.consent import services
from anxin.counseling.consent.models import ConsentRecord, Referral
from anxin.counseling.models import CounsellingRequest
from tests.base import give_role, make_user
from tests.counseling.base import application
from tests.counseling.consent_base import ConsentTestCase

REFERRALS = "/counselling/referrals/"
NEW = "/counselling/referrals/new/"
TO_ME = "/counselling/referrals-to-me/"


class ReferralTestCase(ConsentTestCase):
    def refer(self, referrer=None, role="hr") -> Referral:
        return services.referral_create(
            employee=self.alice_employee,
            referrer=referrer or self.hr,
            referrer_role=role,
            reason="workload",
        )

    def agree(self, referral: Referral, share: str):
        self.login(self.alice)
        return self.client.post(f"{TO_ME}{referral.uuid}/", application(share=share))

    def test_it_lets_each_referrer_role_refer_an_employee_in_scope(self):
        """Nothing reaches the queue: the employee alone is told, in the inbox, with no
        content."""
        for user in (self.hr, self.supervisor, self.care_worker):
            self.login(user)
            self.assertEqual(self.client.get(NEW).status_code, 200)
            response = self.client.post(NEW, {"employee_number": " E0001 ", "reason": "workload"})
            self.assertRedirects(response, REFERRALS)
        self.assertEqual(Referral.objects.filter(status="pending").count(), 3)
        self.assertFalse(CounsellingRequest.objects.exclude(pk=self.case.request_id).exists())
        notes = Notification.objects.filter(url=TO_ME)
        self.assertEqual({note.recipient for note in notes}, {self.alice})
        for note in notes:
            self.assertNotIn("workload", note.subject + note.body)
            self.assertNotIn(str(self.hr), note.subject + note.body)
        self.login(self.intake)
        response = self.client.get("/counselling/queue/")
        self.assertEqual(response.context["total"], 0)

    def test_it_refuses_an_employee_outside_the_referrers_scope(self):
        self.login(self.hr)
        response = self.client.post(NEW, {"employee_number": "E0002", "reason": "workload"})
        self.assertTrue(response.context["form"].has_error("employee_number", "unknown_employee"))
        self.assertContains(response, "E0002")
        self.assertFalse(Referral.objects.exists())

    def test_it_refuses_a_repeat_referral_alike_whatever_the_answer(self):
        """Within REFERRAL_REPEAT_DAYS a second referral of the same employee is refused
        with the same message whether the first waits, was declined or was agreed to
        with nothing shared: the refusal tells nothing of the answer."""
        answers = []
        for answer in ("pending", "declined", "nothing"):
            Referral.objects.all().delete()
            ConsentRecord.objects.filter(referral__isnull=False).delete()
            referral = self.refer()
            if answer == "declined":
                services.referral_decline(referral=referral)
            elif answer == "nothing":
                self.agree(referral, "nothing")
            self.login(self.hr)
            response = self.client.post(NEW, {"employee_number": "E0001", "reason": "other"})
            form = response.context["form"]
            self.assertTrue(form.has_error("employee_number", "recent"), answer)
            answers.append(form.errors["employee_number"])
            self.assertEqual(response.context["form"]["employee_number"].value(), "E0001")
        self.assertEqual(answers[0], answers[1])
        self.assertEqual(answers[1], answers[2])

    def test_it_lets_the_referrer_refer_again_later_and_lapses_the_unanswered_one(self):
        from datetime import timedelta

        from django.utils import timezone

        first = self.refer()
        Referral.objects.filter(pk=first.pk).update(
            created_at=timezone.now() - timedelta(days=services.REFERRAL_REPEAT_DAYS + 1)
        )
        second = self.refer()
        first.refresh_from_db()
        self.assertEqual(first.status, "lapsed")
        self.assertEqual(second.status, "pending")
        self.login(self.alice)
        self.client.post(f"{TO_ME}{first.uuid}/", {"answer": "decline"})
        first.refresh_from_db()
        self.assertEqual(first.status, "lapsed")

    def test_it_lets_the_employee_decline_and_nothing_goes_further(self):
        referral = self.refer()
        self.login(self.alice)
        response = self.client.get(TO_ME)
        self.assertEqual(list(response.context["referrals"]), [referral])
        self.client.post(f"{TO_ME}{referral.uuid}/", {"answer": "decline"})
        referral.refresh_from_db()
        self.assertEqual(referral.status, "declined")
        self.assertIsNone(referral.request)
        self.assertFalse(ConsentRecord.objects.exists())
        self.login(self.hr)
        response = self.client.get(REFERRALS)
        self.assertEqual(response.context["rows"][0][1], services.ReferralShare(False, None, None))
        self.assertContains(response, "已送達")
        self.assertNotContains(response, "拒絕")
        # Answered once: a second answer changes nothing.
        self.agree(referral, "sessions")
        referral.refresh_from_db()
        self.assertEqual(referral.status, "declined")

    def test_it_sends_an_agreed_referral_to_the_queue_with_a_consent_for_the_share(self):
        referral = self.refer()
        response = self.agree(referral, "attended")
        self.assertRedirects(response, "/counselling/my-requests/")
        referral.refresh_from_db()
        self.assertEqual(referral.status, "agreed")
        self.assertEqual(referral.request.employee, self.alice_employee)
        consent = referral.consent
        self.assertEqual(consent.scope, "attendance")
        self.assertEqual(consent.recipient_user, self.hr)
        self.assertTrue(consent.is_valid)
        self.login(self.intake)
        response = self.client.get("/counselling/queue/")
        self.assertEqual(list(response.context["items"]), [referral.request])

    def test_it_shows_the_referrer_only_the_agreed_share(self):
        """Attended from whether the case has a session record; the number only if agreed;
        nothing once the consent is withdrawn; never content."""
        attended = self.refer()
        self.agree(attended, "attended")
        counted = self.refer(self.supervisor, "supervisor")
        self.agree(counted, "sessions")
        nothing = self.refer(self.care_worker, "care_worker")
        self.agree(nothing, "nothing")
        for referral in (attended, counted, nothing):
            referral.refresh_from_db()
            case = self.make_case(referral.request)
            self.make_session(case, presenting_concern="REFERRAL-SECRET")
            self.make_session(case)

        def share(user):
            self.login(user)
            response = self.client.get(REFERRALS)
            self.assertNotContains(response, "REFERRAL-SECRET")
            self.assertNotContains(response, "情緒")  # the concern the employee chose
            (row,) = response.context["rows"]
            return row[1]

        self.assertEqual(share(self.hr), services.ReferralShare(True, True, None))
        self.assertEqual(share(self.supervisor), services.ReferralShare(True, True, 2))
        self.assertEqual(share(self.care_worker), services.ReferralShare(False, None, None))
        services.consent_withdraw(consent=ConsentRecord.objects.get(referral=counted))
        self.assertEqual(share(self.supervisor), services.ReferralShare(False, None, None))

    def test_a_referral_that_shares_nothing_shows_the_referrer_only_delivered(self):
        """Issue 10, item 4: hr's list showed 「已同意」 with the name when the employee
        agreed and chose to share nothing. Now it reads as a waiting or declined one."""
        agreed = self.refer()
        self.agree(agreed, "nothing")
        self.refer(self.supervisor, "supervisor")  # still waiting
        declined = self.refer(self.care_worker, "care_worker")
        services.referral_decline(referral=declined)
        pages = {}
        for user in (self.hr, self.supervisor, self.care_worker):
            self.login(user)
            response = self.client.get(REFERRALS)
            self.assertNotContains(response, "<td>已同意</td>", html=False)
            self.assertContains(response, "<td>已送達當事人</td>")
            self.assertEqual(
                response.context["rows"][0][1], services.ReferralShare(False, None, None)
            )
            body = response.content.decode()
            rows = body[body.index("<tbody>") : body.index("</tbody>")]
            pages[user.pk] = re.sub(r"<td>[^<]*</td>", "", rows, count=1)  # the time
        self.assertEqual(len(set(pages.values())), 1)

    def test_it_lists_referrals_in_a_fixed_number_of_queries(self):
        def count() -> int:
            self.client.get(REFERRALS)
            with CaptureQueriesContext(connection) as context:
                response = self.client.get(REFERRALS)
            self.assertEqual(response.status_code, 200)
            return len(context)

        self.agree(self.refer(), "sessions")
        self.login(self.hr)
        small = count()
        for number in range(5):
            employee = self.make_colleague(number)
            services.referral_create(
                employee=employee, referrer=self.hr, referrer_role="hr", reason="other"
            )
        self.assertEqual(count(), small)

    def make_colleague(self, number: int):
        from tests.base import make_employee

        return make_employee(
            make_user(f"colleague{number}"), unit=self.unit, number=f"R{number:03d}", name="同事"
        )

    def test_it_hides_other_referrers_and_other_employees_referrals(self):
        referral = self.refer()
        other_hr = make_user("hr2")
        give_role(other_hr, "hr", self.agency)
        self.login(other_hr)
        self.assertEqual(list(self.client.get(REFERRALS).context["rows"]), [])
        self.login(self.outsider)
        self.assertEqual(self.client.get(f"{TO_ME}{referral.uuid}/").status_code, 404)
        self.assertEqual(list(self.client.get(TO_ME).context["referrals"]), [])

    def test_it_answers_405_and_refuses_other_roles(self):
        self.login(self.hr)
        self.assertEqual(self.client.post(REFERRALS).status_code, 405)
        self.assertEqual(self.client.put(NEW).status_code, 405)
        for user in (self.alice, self.counselor, self.intake, self.auditor, self.eap_admin):
            self.login(user)
            self.assertEqual(self.client.get(REFERRALS).status_code, 403, user)
            self.assertEqual(self.client.get(NEW).status_code, 403, user)
        self.login(self.hr)
        self.assertEqual(self.client.get(TO_ME).status_code, 403)


class SelfApplicationStaysPrivateTestCase(ConsentTestCase):
    def test_a_self_application_still_notifies_nobody_in_the_chain(self):
        """Invariant 4 with referrals in place: an employee's own application tells only
        the coordinators; HR, the supervisor and the care worker get nothing and see no
        referral."""
        Notification.objects.all().delete()
        self.login(self.alice)
        self.client.post("/counselling/apply/", application())
        recipients = set(Notification.objects.values_list("recipient", flat=True))
        self.assertEqual(recipients, {self.intake.pk})
        for user in (self.hr, self.supervisor, self.care_worker):
            self.login(user)
            self.assertEqual(list(self.client.get(REFERRALS).context["rows"]), [])
