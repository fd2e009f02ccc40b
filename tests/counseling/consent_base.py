"""Fixtures for the consent, disclosure and referral tests: a care worker of Alice's
agency, an open case of Alice's with her counsellor, and helpers for consents."""

from datetime import date, timedelta

from django.utils import timezone

from anxin.counseling.consent import services
from anxin.counseling.consent.models import ConsentRecord
from anxin.people.roles import Role
from tests.base import give_role, make_user
from tests.counseling.base import CounselingTestCase

PDF = b"%PDF-1.4\n% a scanned consent form\n"


def roc(day: date) -> str:
    return f"{day.year - 1911}/{day.month:02d}/{day.day:02d}"


def consent_post(**overrides) -> dict:
    data = {
        "scope": "attendance",
        "scope_text": "出席與否",
        "recipient": "人事室 張主任",
        "purpose": "work_adjustment",
        "purpose_text": "調整工作量",
        "valid_until": roc(timezone.localdate() + timedelta(days=30)),
    }
    data.update(overrides)
    return data


class ConsentTestCase(CounselingTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.care_worker = make_user("careworker")
        give_role(cls.care_worker, Role.CARE_WORKER, cls.agency)
        cls.case = cls.make_case()

    @classmethod
    def make_consent(
        cls, case=None, *, signed=True, until_days=30, recipient="人事室 張主任", **overrides
    ) -> ConsentRecord:
        case = case or cls.case
        values = {
            "scope": "session_count",
            "purpose": "work_adjustment",
            "scope_text": "出席與次數",
            "purpose_text": "調整工作量",
        }
        values.update(overrides)
        consent = services.consent_propose(
            case=case,
            recipient=recipient,
            valid_until=timezone.localdate() + timedelta(days=until_days),
            actor=case.counselor,
            **values,
        )
        if signed:
            consent = services.consent_sign(consent=consent)
        return consent

    @classmethod
    def make_scan_consent(cls, case=None, data: bytes = PDF) -> ConsentRecord:
        case = case or cls.case
        return services.consent_record_scan(
            case=case,
            scope="summary",
            purpose="continuity_of_care",
            recipient="林醫師",
            valid_until=timezone.localdate() + timedelta(days=60),
            signed_on=timezone.localdate(),
            scope_text="摘要",
            purpose_text="轉介精神科",
            scan_name="form.pdf",
            scan_type="application/pdf",
            scan_bytes=data,
            actor=case.counselor,
        )

    def expire(self, consent: ConsentRecord) -> ConsentRecord:
        ConsentRecord.objects.filter(pk=consent.pk).update(
            valid_until=timezone.localdate() - timedelta(days=1)
        )
        consent.refresh_from_db()
        return consent
