"""Issue 10, item 5: no silent overwrite (invariant 11) in the counselling room, one test
per kind of state change two people can race on. Each plays the race the way two people
would: both open the page, the first saves, the second's save is refused with a message
and changes nothing. (The e-mail station's races are in test_station_races.py, the legal
process decision in test_consent_legal.py; session records, case closing, conference
decisions, providers and group requests keep their own stale-save tests.)"""

from datetime import timedelta
from decimal import Decimal

from django.urls import reverse
from django.utils import timezone

from anxin.core.models import Notification
from anxin.core.refusals import Refused
from anxin.counseling import services as counselling
from anxin.counseling.booking import services as booking
from anxin.counseling.booking.models import Appointment, QuotaEntry, Room
from anxin.counseling.conferences import services as conferences
from anxin.counseling.consent import services as consent_services
from anxin.counseling.consent.models import Disclosure
from anxin.counseling.flows import services as flows
from anxin.counseling.models import Case
from anxin.plans.models import ProgramPlan
from tests.base import give_role, make_user
from tests.counseling.consent_base import ConsentTestCase


class RaceTestCase(ConsentTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.intake2 = make_user("intake2")
        give_role(cls.intake2, "intake", cls.authority)

    def messages_of(self, response) -> list[str]:
        return [str(m) for m in response.context["messages"]] if response.context else []


class IntakeAssignmentRaceTests(RaceTestCase):
    def test_the_second_coordinator_assigning_a_request_is_refused_with_a_message(self):
        """Both coordinators open the waiting request; the first assigns counsellor 1;
        the second's assignment to counsellor 2 is refused (was: a 500), no second case."""
        item = self.make_request()
        url = reverse("counseling:request_detail", args=[item.uuid])
        self.login(self.intake)
        self.client.get(url)
        self.login(self.intake2)
        self.client.get(url)
        counselling.case_open(item=item, counselor=self.counselor, actor=self.intake)
        # The race inside the service: the request row is locked and its state checked.
        with self.assertRaises(Refused):
            counselling.case_open(item=item, counselor=self.counselor2, actor=self.intake2)
        response = self.client.post(url, {"counselor": self.counselor2.pk}, follow=True)
        self.assertIn("這份申請已經派案。", self.messages_of(response))
        self.assertEqual(Case.objects.filter(request=item).count(), 1)
        self.assertEqual(Case.objects.get(request=item).counselor, self.counselor)


class FlowRaceTests(RaceTestCase):
    def start(self):
        return flows.flow_start(
            plan=self.plan, flow_key="crisis", employee=self.alice_employee, actor=self.supervisor
        )

    def test_a_step_recorded_meanwhile_refuses_the_second_and_keeps_the_notes(self):
        """Both coordinators open the flow at its first step; the first records it; the
        second's choice was made for that step and is not recorded against the next one
        (before: it was, silently, whenever the way's key also fit the next step)."""
        run = self.start()
        first = flows.current_step(run)
        opened = str(first.uuid)
        flows.flow_step_record(step_run=first, actor=self.intake, way="notify")
        reached = flows.current_step(run)
        self.login(self.intake2)
        response = self.client.post(
            f"/counselling/flows/{run.uuid}/step/",
            {"way": "help", "notes": "第二位的筆記", "step": opened},
        )
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, "第二位的筆記")
        self.assertIn("剛由他人登錄", " ".join(self.messages_of(response)))
        reached.refresh_from_db()
        self.assertIsNone(reached.done_at)

    def test_the_service_refuses_a_step_recorded_twice(self):
        run = self.start()
        step = flows.current_step(run)
        flows.flow_step_record(step_run=step, actor=self.intake, way="notify")
        with self.assertRaises(Refused):
            flows.flow_step_record(step_run=step, actor=self.intake2, way="notify")

    def test_the_second_coordinator_assigning_a_flow_is_refused_with_a_message(self):
        run = self.start()
        flows.flow_assign(run=run, counselor=self.counselor, actor=self.intake)
        with self.assertRaises(Refused):
            flows.flow_assign(run=run, counselor=self.counselor2, actor=self.intake2)
        self.login(self.intake2)
        response = self.client.post(
            f"/counselling/flows/{run.uuid}/assign/", {"counselor": self.counselor2.pk},
            follow=True,
        )  # fmt: skip
        self.assertIn("此流程已指派心理師。", self.messages_of(response))
        run.refresh_from_db()
        self.assertEqual(run.counselor, self.counselor)
        self.assertEqual(Case.objects.filter(kind="crisis").count(), 1)


class BookingApprovalRaceTests(RaceTestCase):
    def test_the_second_decision_on_a_booking_past_the_quota_is_refused(self):
        """Two coordinators decide the same booking past the quota: the first approves,
        the second's decline is refused with a message; the hours are charged once."""
        plan = ProgramPlan.objects.get(pk=self.plan.pk)
        plan.config = {**plan.config, "counselling_quota": {"hours_per_year": 1, "source": "t"}}
        ProgramPlan.objects.filter(pk=plan.pk).update(config=plan.config)
        case = Case.objects.select_related("plan", "employee").get(pk=self.case.pk)
        room = Room.objects.create(authority=self.authority, name="A", location="5F")
        starts = timezone.now() + timedelta(days=3)
        booking.quota_charge(
            employee=self.alice_employee, plan=case.plan, on=starts.date(), hours=Decimal(1),
            source_kind="call", source_uuid=None, label="x", actor=self.counselor,
        )  # fmt: skip
        slot = booking.slot_publish(
            counselor=self.counselor, starts_at=starts, ends_at=starts + timedelta(hours=1),
            mode="face_to_face", room=room,
        )  # fmt: skip
        appointment = booking.appointment_book(case=case, slot=slot, actor=self.alice)
        self.assertEqual(appointment.status, Appointment.Status.AWAITING_APPROVAL)
        url = reverse("counseling:booking_approval", args=[appointment.uuid])
        self.login(self.intake)
        self.client.post(url, {"decision": "approve", "reason": "危機後續"})
        with self.assertRaises(Refused) as caught:
            booking.appointment_decide(
                appointment=appointment, approve=False, reason="超過", actor=self.intake2
            )
        self.assertEqual(caught.exception.code, "decided")
        self.login(self.intake2)
        response = self.client.post(url, {"decision": "decline", "reason": "超過"}, follow=True)
        self.assertIn("這項申請已經決定。", self.messages_of(response))
        appointment.refresh_from_db()
        self.assertEqual((appointment.status, appointment.decided_by),
                         (Appointment.Status.BOOKED, self.intake))  # fmt: skip
        charged = QuotaEntry.objects.filter(source_uuid=appointment.uuid)
        self.assertEqual(charged.count(), 1)


class ConsentRaceTests(RaceTestCase):
    def test_a_withdrawal_wins_over_a_disclosure_form_opened_before_it(self):
        """The counsellor opens the disclosure form under a valid consent; the employee
        withdraws it; the disclosure is refused under the consent's locked row."""
        consent = self.make_consent()
        self.login(self.counselor)
        url = f"{self.case.get_absolute_url()}disclosures/new/"
        self.client.get(url)
        consent_services.consent_withdraw(consent=consent)
        response = self.client.post(
            url, {"consent": consent.pk, "scope": "attendance", "recipient": consent.recipient}
        )
        self.assertTrue(response.context["form"].has_error("__all__", "withdrawn"))
        self.assertFalse(Disclosure.objects.exists())

    def test_signing_and_withdrawing_at_once_one_wins_and_the_other_is_refused(self):
        consent = self.make_consent(signed=False)
        consent_services.consent_withdraw(consent=consent)
        with self.assertRaises(Refused) as caught:
            consent_services.consent_sign(consent=consent)
        self.assertEqual(caught.exception.code, "not_unsigned")
        with self.assertRaises(Refused):
            consent_services.consent_withdraw(consent=consent)

    def test_a_referral_answered_in_two_tabs_keeps_the_first_answer(self):
        referral = consent_services.referral_create(
            employee=self.alice_employee, referrer=self.hr, referrer_role="hr", reason="workload"
        )
        consent_services.referral_decline(referral=referral)
        with self.assertRaises(Refused) as caught:
            consent_services.referral_agree(
                referral=referral, plan=self.plan, share="sessions", application={}
            )
        self.assertEqual(caught.exception.code, "answered")
        referral.refresh_from_db()
        self.assertEqual(referral.status, "declined")


class ConferenceRaceTests(RaceTestCase):
    def test_the_employees_answer_given_twice_keeps_the_first(self):
        when = timezone.now() + timedelta(days=7)
        conference = conferences.conference_schedule(
            case=self.case, scheduled_by=self.counselor, scheduler_role="counselor",
            starts_at=when, place="會議室", agenda="議程", unit_head=self.supervisor,
            personnel_head=self.hr,
        )  # fmt: skip
        conferences.conference_answer(conference=conference, agree=True)
        Notification.objects.all().delete()
        with self.assertRaises(Refused):
            conferences.conference_answer(conference=conference, agree=False)
        conference.refresh_from_db()
        self.assertEqual(conference.consent, "agreed")
        self.assertFalse(Notification.objects.exists())
