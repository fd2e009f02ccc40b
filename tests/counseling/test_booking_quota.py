"""The quota ledger: one per employee per plan year across every channel; a booking
past the quota waits for the coordinator, who approves with a reason or declines."""

import uuid
from datetime import date
from decimal import Decimal

from django.core import mail
from django.urls import reverse

from anxin.core.models import Notification
from anxin.core.refusals import Refused
from anxin.counseling.booking import services
from anxin.counseling.booking.models import Appointment, QuotaEntry
from tests.counseling.booking_base import BookingTestCase, at, fresh, mid_year_clock

APPROVALS = reverse("counseling:booking_approvals")


def approval_url(appointment) -> str:
    return reverse("counseling:booking_approval", args=[appointment.uuid])


class QuotaTests(BookingTestCase):
    def setUp(self):
        self.with_quota(4)
        self.case = fresh(self.make_case())

    def charge(self, hours, kind, on=None):
        return services.quota_charge(
            employee=self.alice_employee, plan=self.case.plan, on=on or at(3).date(),
            hours=Decimal(hours), source_kind=kind, source_uuid=uuid.uuid4(),
            label=f"{self.case.code} {kind}", actor=self.counselor,
        )  # fmt: skip

    def remaining(self, on=None):
        return services.quota_remaining(
            employee=self.alice_employee, plan=self.case.plan, on=on or at(3).date()
        )

    def test_it_counts_every_channel_in_one_ledger(self):
        """A call and an e-mail reply, charged by other parts, count with a booking."""
        self.charge("0.5", QuotaEntry.SourceKind.CALL)
        self.charge("0.5", QuotaEntry.SourceKind.EMAIL_REPLY)
        services.appointment_book(case=self.case, slot=self.make_slot(), actor=self.alice)
        self.assertEqual(self.remaining(), Decimal("2.00"))
        kinds = set(QuotaEntry.objects.values_list("source_kind", flat=True))
        self.assertEqual(kinds, {"call", "email_reply", "appointment"})

    def test_the_plan_year_is_the_roc_year_of_the_day(self):
        """Hours of ROC year 114 do not count in 115."""
        self.charge("3", QuotaEntry.SourceKind.SESSION, on=date(2025, 12, 31))
        self.assertEqual(self.remaining(on=date(2025, 6, 1)), Decimal(1))
        self.assertEqual(self.remaining(on=date(2026, 1, 1)), Decimal(4))
        self.assertEqual(QuotaEntry.objects.get().year, 114)

    def test_no_quota_means_none_left_to_count(self):
        """A plan without counselling_quota: quota_remaining is None."""
        config = dict(self.case.plan.config)
        config.pop("counselling_quota")
        self.case.plan.config = config
        self.assertIsNone(self.remaining())

    def test_a_booking_past_the_quota_waits_for_the_coordinator(self):
        """3.5 hours used, a one-hour time: not booked; the coordinator is told (no name)
        and sees it; the slot is held meanwhile."""
        self.charge("3.5", QuotaEntry.SourceKind.CALL)
        slot = self.make_slot()
        self.login(self.alice)
        response = self.client.post(
            reverse("counseling:booking_book", args=[self.case.code]), {"slot": str(slot.uuid)}
        )
        self.assertRedirects(response, reverse("counseling:booking_home"))
        appointment = Appointment.objects.get()
        self.assertEqual(appointment.status, Appointment.Status.AWAITING_APPROVAL)
        self.assertEqual(self.remaining(), Decimal("0.50"))
        note = Notification.objects.filter(recipient=self.intake).latest("pk")
        self.assertEqual(note.url, APPROVALS)
        self.assertNotIn(self.alice_employee.name, note.subject + note.body)
        self.assertFalse(Notification.objects.filter(recipient__in=[self.hr, self.supervisor]))
        self.login(self.intake)
        self.assertContains(self.client.get(APPROVALS), self.case.code)
        other = fresh(self.make_case(self.make_request(self.outsider_employee)))
        with self.assertRaises(Refused):
            services.appointment_book(case=other, slot=slot, actor=self.outsider)

    def test_the_coordinator_approves_with_a_reason(self):
        """Approved: booked, the entry records the approver and the reason; the
        employee's ledger shows it."""
        with mid_year_clock():  # the ledger shown is today's plan year's, the slot's
            self.charge("4", QuotaEntry.SourceKind.SESSION)
            appointment = services.appointment_book(
                case=self.case, slot=self.make_slot(), actor=self.alice
            )
            self.login(self.intake)
            response = self.client.post(
                approval_url(appointment), {"decision": "approve", "reason": "危機後追蹤需要"}
            )
            self.assertRedirects(response, APPROVALS)
            appointment.refresh_from_db()
            self.assertEqual(appointment.status, Appointment.Status.BOOKED)
            entry = QuotaEntry.objects.get(source_uuid=appointment.uuid)
            self.assertEqual((entry.approved_by, entry.reason), (self.intake, "危機後追蹤需要"))
            self.assertEqual(self.remaining(), Decimal("-1.00"))
            self.login(self.alice)
            page = self.client.get(reverse("counseling:booking_home"))
        self.assertContains(page, "危機後追蹤需要")

    def test_the_coordinator_declines_and_the_slot_is_free(self):
        """Declined: nothing charged, the slot free again, the employee told (inbox)."""
        self.charge("4", QuotaEntry.SourceKind.SESSION)
        slot = self.make_slot()
        appointment = services.appointment_book(case=self.case, slot=slot, actor=self.alice)
        mail.outbox.clear()
        services.appointment_decide(
            appointment=appointment, approve=False, reason="本年度已超額", actor=self.intake
        )
        appointment.refresh_from_db()
        self.assertEqual(appointment.status, Appointment.Status.DECLINED)
        self.assertFalse(QuotaEntry.objects.filter(source_uuid=appointment.uuid))
        self.assertTrue(services.slot_is_free(slot))
        self.assertTrue(Notification.objects.filter(recipient=self.alice))

    def test_a_decision_needs_a_reason(self):
        """No reason: refused, the choice kept."""
        self.charge("4", QuotaEntry.SourceKind.SESSION)
        appointment = services.appointment_book(
            case=self.case, slot=self.make_slot(), actor=self.alice
        )
        self.login(self.intake)
        response = self.client.post(approval_url(appointment), {"decision": "approve"})
        self.assertTrue(response.context["form"].has_error("reason", "required"))
        self.assertEqual(response.context["form"].data["decision"], "approve")
        appointment.refresh_from_db()
        self.assertEqual(appointment.status, Appointment.Status.AWAITING_APPROVAL)

    def test_a_decided_request_and_one_out_of_scope_answer_404(self):
        """Once decided the request is gone from the approvals; other roles get 403."""
        self.charge("4", QuotaEntry.SourceKind.SESSION)
        appointment = services.appointment_book(
            case=self.case, slot=self.make_slot(), actor=self.alice
        )
        services.appointment_decide(
            appointment=appointment, approve=True, reason="ok", actor=self.intake
        )
        self.login(self.intake)
        self.assertEqual(self.client.get(approval_url(appointment)).status_code, 404)
        self.login(self.counselor)
        self.assertEqual(self.client.get(APPROVALS).status_code, 403)
        self.login(self.intake)
        self.assertEqual(self.client.put(APPROVALS).status_code, 405)

    def test_the_employee_sees_hours_used_and_left(self):
        """The quota box says used 1.5 of 4, 2.5 left."""
        with mid_year_clock():  # the box is today's plan year's, the charge's
            self.charge("1.5", QuotaEntry.SourceKind.CALL)
            self.login(self.alice)
            response = self.client.get(reverse("counseling:booking_home"))
        quota = response.context["quota"]
        self.assertEqual((quota.allowed, quota.used), (4, Decimal("1.50")))
        self.assertContains(response, "2.5")
