"""Issue 10, item 4: disclosure bases a person can trust.

A legal process recorded by one person allows nothing until a second person (a
coordinator or the privacy officer, never the recorder) confirms it; it names its
recipient and what may be given, and each disclosure must match both; the kind of content
given is checked against the scope; the employee is told of each new consent and each
disclosure, unless a legal process forbids telling, with the reason kept."""

from datetime import timedelta

from django.core import mail
from django.utils import timezone

from anxin.core.locking import StaleEdit
from anxin.core.models import Notification, OutgoingMail
from anxin.core.refusals import Refused
from anxin.counseling.consent import services
from anxin.counseling.consent.models import Disclosure, LegalProcess
from anxin.counseling.models import Case
from tests.base import give_role, make_user
from tests.counseling.consent_base import ConsentTestCase, roc

LEGAL = "/counselling/legal-processes/"


class LegalBase(ConsentTestCase):
    def record(self, *, actor=None, recipient="臺灣臺北地方法院", scope="summary", **extra):
        return services.legal_process_record(
            case=self.case, kind="court_order", reference="北院114年度訴字第1號",
            issued_on=timezone.localdate(), recipient=recipient, scope=scope,
            details="命令內容", actor=actor or self.counselor, **extra,
        )  # fmt: skip

    def decide(self, item, user, role, confirm=True):
        return services.legal_process_decide(
            item=item, confirm=confirm, note="已核對正本", actor=user, role=role,
            expected_version=item.version,
        )  # fmt: skip

    def disclose(self, item, *, scope="summary", recipient="臺灣臺北地方法院", details="摘要",
                 sessions=None):  # fmt: skip
        return services.disclosure_record(
            case=self.case, legal_process=item, scope=scope, recipient=recipient,
            details=details, sessions=sessions, actor=self.counselor, role="counselor",
        )  # fmt: skip

    def refused(self, code, call, *args, **kwargs):
        with self.assertRaises(Refused) as caught:
            call(*args, **kwargs)
        self.assertEqual(caught.exception.code, code)


class LegalProcessConfirmationTestCase(LegalBase):
    def test_the_reproduced_back_door_is_closed(self):
        """As tried on main: the counsellor records a legal process alone and discloses
        "records" to 「任何人」. Refused: unconfirmed; and once confirmed, refused again for
        the recipient and the scope the document does not name."""
        item = self.record()
        session = self.make_session(self.case)
        self.refused("unconfirmed", self.disclose, item, scope="records", recipient="任何人",
                     sessions=[session])  # fmt: skip
        self.decide(item, self.intake, "intake")
        item.refresh_from_db()
        self.refused("recipient", self.disclose, item, scope="summary", recipient="任何人")
        self.refused("scope", self.disclose, item, scope="records", sessions=[session])
        self.assertFalse(Disclosure.objects.exists())
        self.disclose(item)
        self.assertEqual(Disclosure.objects.count(), 1)

    def test_one_signature_alone_allows_nothing(self):
        """Whoever records it (counsellor or coordinator), the legal process allows no
        kind of content to anyone until someone else confirms it; the recorder cannot."""
        by_counselor = self.record()
        by_intake = self.record(actor=self.intake)
        for item in (by_counselor, by_intake):
            for scope in ("attendance", "session_count", "summary"):
                details = "摘要" if scope == "summary" else ""
                self.refused("unconfirmed", self.disclose, item, scope=scope, details=details)
        self.refused("same_person", self.decide, by_intake, self.intake, "intake")
        self.refused("role", self.decide, by_counselor, self.counselor, "counselor")
        self.refused("role", self.decide, by_counselor, self.hr, "hr")
        self.assertEqual(set(LegalProcess.objects.values_list("status", flat=True)), {"pending"})
        self.assertFalse(Disclosure.objects.exists())

    def test_a_rejected_legal_process_never_allows_anything(self):
        item = self.decide(self.record(), self.auditor, "auditor", confirm=False)
        self.assertEqual(item.status, "rejected")
        self.refused("rejected", self.disclose, item)
        with self.assertRaises(StaleEdit):  # decided: nobody confirms it afterwards
            self.decide(LegalProcess.objects.get(pk=item.pk), self.intake, "intake")

    def test_the_privacy_officer_or_a_coordinator_confirms_it(self):
        for user, role in ((self.intake, "intake"), (self.auditor, "auditor")):
            item = self.decide(self.record(), user, role)
            self.assertEqual((item.status, item.decided_by, item.decided_role),
                             ("confirmed", user, role))  # fmt: skip
            self.disclose(item)

    def test_a_legal_process_of_old_without_recipient_or_scope_allows_nothing(self):
        """Rows recorded before this change carry no recipient or scope."""
        item = self.record()
        LegalProcess.objects.filter(pk=item.pk).update(recipient="", scope="")
        item.refresh_from_db()
        self.decide(item, self.intake, "intake")
        item.refresh_from_db()
        self.refused("recipient", self.disclose, item, recipient="")
        LegalProcess.objects.filter(pk=item.pk).update(recipient="臺灣臺北地方法院")
        item.refresh_from_db()
        self.refused("scope", self.disclose, item, scope="attendance", details="")

    def test_the_deciders_are_asked_without_content(self):
        Notification.objects.all().delete()
        item = self.record()
        notes = Notification.objects.all()
        self.assertEqual({n.recipient for n in notes}, {self.intake, self.auditor})
        for note in notes:
            self.assertEqual(note.url, f"{LEGAL}{item.uuid}/")
            self.assertNotIn("命令內容", note.subject + note.body)
            self.assertNotIn(self.alice_employee.name, note.subject + note.body)


class LegalReviewPageTestCase(LegalBase):
    def url(self, item) -> str:
        return f"{LEGAL}{item.uuid}/"

    def test_the_second_person_confirms_on_the_page(self):
        item = self.record()
        self.login(self.auditor)
        response = self.client.get(self.url(item))
        self.assertContains(response, "臺灣臺北地方法院")
        self.assertNotContains(response, "命令內容")  # the sealed details stay sealed
        response = self.client.post(
            self.url(item), {"decision": "confirm", "note": "已核對", "version": item.version}
        )
        self.assertRedirects(response, LEGAL)
        item.refresh_from_db()
        self.assertEqual((item.status, item.decided_by), ("confirmed", self.auditor))

    def test_the_recorder_sees_the_page_but_cannot_decide(self):
        item = self.record(actor=self.intake)
        self.login(self.intake)
        response = self.client.get(self.url(item))
        self.assertIsNone(response.context["form"])
        self.assertContains(response, "第二人")
        self.client.post(self.url(item), {"decision": "confirm", "version": item.version})
        item.refresh_from_db()
        self.assertEqual(item.status, "pending")

    def test_two_deciders_at_once_the_second_is_refused_with_a_message(self):
        item = self.record()
        other_intake = make_user("intake2")
        give_role(other_intake, "intake", self.authority)
        self.login(self.auditor)
        self.client.post(self.url(item), {"decision": "reject", "version": item.version})
        self.login(other_intake)
        response = self.client.post(
            self.url(item), {"decision": "confirm", "note": "我的備註", "version": item.version}
        )
        # Decided meanwhile: the page shows the decision, nothing is overwritten.
        self.assertRedirects(response, self.url(item))
        item.refresh_from_db()
        self.assertEqual((item.status, item.decided_by), ("rejected", self.auditor))

    def test_a_stale_version_is_refused_keeping_the_note(self):
        item = self.record()
        LegalProcess.objects.filter(pk=item.pk).update(version=item.version + 1)
        self.login(self.intake)
        response = self.client.post(
            self.url(item), {"decision": "confirm", "note": "我的備註", "version": item.version}
        )
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, "我的備註")
        self.assertContains(response, "在您開啟此頁之後")
        item.refresh_from_db()
        self.assertEqual(item.status, "pending")

    def test_it_answers_404_outside_the_scope_405_and_403(self):
        item = self.record()
        narrow = make_user("auditor-edu")
        give_role(narrow, "auditor", self.other_agency)
        self.login(narrow)
        self.assertEqual(self.client.get(self.url(item)).status_code, 404)
        self.login(self.intake)
        self.assertEqual(self.client.put(self.url(item)).status_code, 405)
        for user in (self.alice, self.counselor, self.hr, self.supervisor, self.sysadmin):
            self.login(user)
            self.assertEqual(self.client.get(self.url(item)).status_code, 403, user)

    def test_the_counsellors_form_records_recipient_scope_and_notice(self):
        self.login(self.counselor)
        url = f"{self.case.get_absolute_url()}legal/new/"
        response = self.client.post(url, {
            "kind": "court_order", "reference": "北院1號", "issued_on": roc(timezone.localdate()),
            "recipient": " 臺灣臺北地方法院 ", "scope": "records",
            "notice_withheld_reason": "偵查不公開（刑事訴訟法第245條）", "details": "",
        })  # fmt: skip
        self.assertRedirects(response, self.case.get_absolute_url())
        item = LegalProcess.objects.get()
        self.assertEqual(
            (item.recipient, item.scope, item.status, item.notice_withheld_reason),
            ("臺灣臺北地方法院", "records", "pending", "偵查不公開（刑事訴訟法第245條）"),
        )
        response = self.client.post(url, {"kind": "court_order", "reference": "x",
                                           "issued_on": roc(timezone.localdate())})  # fmt: skip
        self.assertTrue(response.context["form"].has_error("recipient", "required"))
        self.assertTrue(response.context["form"].has_error("scope", "required"))


class ContentKindTestCase(LegalBase):
    """The scope is a defined set of kinds of content; what a disclosure gives is checked
    against it, not just its label."""

    def consent_disclose(self, consent, scope, details="", sessions=None, case=None):
        return services.disclosure_record(
            case=case or self.case, consent=consent, scope=scope, recipient=consent.recipient,
            details=details, sessions=sessions, actor=self.counselor, role="counselor",
        )  # fmt: skip

    def test_attendance_and_counts_are_written_by_anxin_not_typed(self):
        consent = self.make_consent(scope="session_count")
        self.make_session(self.case)
        self.make_session(self.case)
        self.refused("free_text", self.consent_disclose, consent, "attendance", "他常常哭")
        self.refused("free_text", self.consent_disclose, consent, "session_count",
                     sessions=[self.case.sessions.first()])  # fmt: skip
        item = self.consent_disclose(consent, "session_count")
        from anxin.core.audit import read_sealed

        content = read_sealed(item, "details", actor=self.counselor, purpose="test",
                              subject_uuid=self.alice_employee.uuid)  # fmt: skip
        self.assertEqual(content, {"scope": "session_count", "attended": True, "sessions": 2})

    def test_a_summary_or_records_is_refused_under_a_narrower_scope(self):
        consent = self.make_consent(scope="attendance")
        session = self.make_session(self.case)
        self.refused("scope", self.consent_disclose, consent, "summary", "摘要")
        self.refused("scope", self.consent_disclose, consent, "records", sessions=[session])
        self.refused("scope", self.consent_disclose, consent, "other", "其他")

    def test_records_are_chosen_records_of_this_case(self):
        consent = self.make_consent(scope="records")
        other_case = self.make_case(self.make_request(employee=self.outsider_employee))
        foreign = self.make_session(other_case)
        self.refused("no_records", self.consent_disclose, consent, "records")
        self.refused("other_case_records", self.consent_disclose, consent, "records",
                     sessions=[foreign])  # fmt: skip
        self.refused("records_not_covered", self.consent_disclose, consent, "summary", "摘要",
                     sessions=[self.make_session(self.case)])  # fmt: skip
        self.refused("no_details", self.consent_disclose, consent, "summary")
        self.consent_disclose(consent, "records", sessions=[self.make_session(self.case)])

    def test_the_form_offers_only_this_cases_session_records(self):
        own = self.make_session(self.case)
        other_case = self.make_case(self.make_request(employee=self.outsider_employee))
        foreign = self.make_session(other_case)
        consent = self.make_consent(scope="records")
        self.login(self.counselor)
        url = f"{self.case.get_absolute_url()}disclosures/new/"
        response = self.client.get(url)
        self.assertEqual(list(response.context["form"].fields["sessions"].queryset), [own])
        response = self.client.post(url, {"consent": consent.pk, "scope": "records",
                                          "recipient": consent.recipient,
                                          "sessions": [foreign.pk]})  # fmt: skip
        self.assertTrue(response.context["form"].has_error("sessions", "invalid_choice"))
        self.assertFalse(Disclosure.objects.exists())


class EmployeeToldTestCase(LegalBase):
    """The employee is told (inbox and e-mail, no content) of each new consent recorded
    in his or her name and of each disclosure, unless a legal process forbids it."""

    def notes(self):
        return Notification.objects.filter(recipient=self.alice)

    def assert_told(self, url_part: str):
        note = self.notes().latest("pk")
        self.assertIn(url_part, note.url)
        mail_row = OutgoingMail.objects.filter(recipient=self.alice.email).latest("pk")
        for text in (note.subject + note.body, mail_row.subject + mail_row.body):
            for secret in ("人事室", "林醫師", "出席與次數", "摘要", "轉介精神科", self.case.code):
                self.assertNotIn(secret, text)

    def setUp(self):
        Notification.objects.all().delete()
        OutgoingMail.objects.all().delete()
        self.alice.email = "alice@example.gov.tw"
        self.alice.save(update_fields=["email"])
        self.case = Case.objects.get(pk=self.case.pk)  # its employee's account, with the address

    def test_it_tells_the_employee_of_a_consent_recorded_from_a_scan(self):
        """Reproduced on main: a scan was valid at once and the employee was not told."""
        consent = self.make_scan_consent(self.case)
        self.assertTrue(consent.is_valid)
        self.assert_told(f"/my-consents/{consent.uuid}/")
        self.assertEqual(self.notes().count(), 1)

    def test_it_tells_the_employee_of_a_consent_signed_in_the_app(self):
        consent = self.make_consent(self.case, signed=False)
        self.assertFalse(OutgoingMail.objects.exists())  # the request to sign: inbox only
        services.consent_sign(consent=consent)
        self.assert_told(f"/my-consents/{consent.uuid}/")

    def test_it_tells_the_employee_of_each_disclosure(self):
        consent = self.make_consent(self.case)
        item = services.disclosure_record(
            case=self.case, consent=consent, scope="attendance", recipient=consent.recipient,
            details="", actor=self.counselor, role="counselor",
        )  # fmt: skip
        self.assert_told("/people/me/access-log/")
        item.refresh_from_db()
        self.assertTrue(item.employee_told)
        legal = self.decide(self.record(), self.intake, "intake")
        self.disclose(legal)
        self.assertEqual(self.notes().filter(url="/people/me/access-log/").count(), 2)

    def test_it_does_not_tell_when_a_legal_process_forbids_it_and_keeps_the_reason(self):
        reason = "偵查不公開（刑事訴訟法第245條）"
        legal = self.decide(self.record(notice_withheld_reason=reason), self.auditor, "auditor")
        with self.assertLogs("anxin.counseling.consent.services", "INFO") as logs:
            item = self.disclose(legal)
        self.assertFalse(self.notes().filter(url="/people/me/access-log/").exists())
        self.assertFalse(OutgoingMail.objects.filter(recipient=self.alice.email).exists())
        item.refresh_from_db()
        self.assertEqual((item.employee_told, item.notice_withheld_reason), (False, reason))
        self.assertIn(str(item.uuid), logs.output[0])
        self.login(self.auditor)
        response = self.client.get("/counselling/disclosures/")
        self.assertContains(response, reason)

    def test_the_mail_goes_out_through_the_outbox(self):
        self.make_scan_consent(self.case)
        from anxin.core.notifications import outbox_send

        outbox_send(OutgoingMail.objects.filter(sent_at__isnull=True))
        self.assertEqual([m.to for m in mail.outbox], [[self.alice.email]])


class ConsentExpiryStillHoldsTestCase(LegalBase):
    def test_an_expired_consent_is_still_refused_under_the_new_checks(self):
        consent = self.expire(self.make_consent(until_days=1))
        self.refused("expired", services.disclosure_record, case=self.case, consent=consent,
                     scope="attendance", recipient=consent.recipient, details="",
                     actor=self.counselor, role="counselor")  # fmt: skip
        self.assertLess(consent.valid_until, timezone.localdate() + timedelta(days=1))
