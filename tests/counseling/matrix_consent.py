"""Authorization-matrix rows for consent, disclosure and referrals
(see tests/test_authorization_matrix.py)."""

from datetime import timedelta

from django.utils import timezone

from anxin.people.roles import Role
from tests.matrix_profiles import (
    AUDITORS,
    CASELOAD,
    INTAKE_DESK,
    LEGAL_DECIDERS,
    NOT_ALLOWED,
    OWN_SERVICES,
    REFERRERS,
)

EMPLOYEE_404 = OWN_SERVICES.but(inside="404")
OTHER_COUNSELOR = CASELOAD.but(inside="404")
DECIDERS_404 = LEGAL_DECIDERS.but(inside="404")

MINE = "/counselling/my-consents/"
CASE = "/counselling/cases/{cons_case}/"
OTHER = "/counselling/cases/{cons_other_case}/"

ROWS = [
    ("counseling:consent_mine", "GET", MINE, OWN_SERVICES),
    ("counseling:consent_mine", "POST", MINE, NOT_ALLOWED),
    ("counseling:consent_mine_detail", "GET", MINE + "{cons_consent}/", OWN_SERVICES),
    ("counseling:consent_mine_detail", "POST", MINE + "{cons_consent}/", OWN_SERVICES),
    ("counseling:consent_mine_detail", "PUT", MINE + "{cons_consent}/", NOT_ALLOWED),
    ("counseling:consent_mine_detail", "GET", MINE + "{cons_outsider_consent}/", EMPLOYEE_404),
    ("counseling:consent_withdraw", "GET", MINE + "{cons_withdrawable}/withdraw/", NOT_ALLOWED),
    ("counseling:consent_withdraw", "POST", MINE + "{cons_withdrawable}/withdraw/", OWN_SERVICES),
    ("counseling:consent_withdraw", "POST", MINE + "{cons_outsider_consent}/withdraw/",
     EMPLOYEE_404),
    ("counseling:consent_mine_scan", "GET", MINE + "{cons_scan_consent}/scan/", OWN_SERVICES),
    ("counseling:consent_mine_scan", "POST", MINE + "{cons_scan_consent}/scan/", NOT_ALLOWED),
    ("counseling:consent_mine_scan", "GET", MINE + "{cons_outsider_consent}/scan/", EMPLOYEE_404),
    ("counseling:referral_mine", "GET", "/counselling/referrals-to-me/", OWN_SERVICES),
    ("counseling:referral_mine", "POST", "/counselling/referrals-to-me/", NOT_ALLOWED),
    ("counseling:referral_answer", "GET", "/counselling/referrals-to-me/{cons_referral}/",
     OWN_SERVICES),
    ("counseling:referral_answer", "POST", "/counselling/referrals-to-me/{cons_referral}/",
     OWN_SERVICES),
    ("counseling:referral_answer", "PUT", "/counselling/referrals-to-me/{cons_referral}/",
     NOT_ALLOWED),
    ("counseling:referral_answer", "GET", "/counselling/referrals-to-me/{missing}/",
     EMPLOYEE_404),
    ("counseling:consent_create", "GET", CASE + "consents/new/", CASELOAD),
    ("counseling:consent_create", "POST", CASE + "consents/new/", CASELOAD),
    ("counseling:consent_create", "GET", OTHER + "consents/new/", OTHER_COUNSELOR),
    ("counseling:consent_scan_create", "GET", CASE + "consents/scan/", CASELOAD),
    ("counseling:consent_scan_create", "POST", CASE + "consents/scan/", CASELOAD),
    ("counseling:consent_scan_create", "GET", OTHER + "consents/scan/", OTHER_COUNSELOR),
    ("counseling:consent_detail", "GET", CASE + "consents/{cons_consent}/", CASELOAD),
    ("counseling:consent_detail", "POST", CASE + "consents/{cons_consent}/", NOT_ALLOWED),
    ("counseling:consent_detail", "GET", OTHER + "consents/{cons_other_consent}/",
     OTHER_COUNSELOR),
    # A consent of another employee, asked for through the counsellor's own case.
    ("counseling:consent_detail", "GET", CASE + "consents/{cons_outsider_consent}/",
     OTHER_COUNSELOR),
    ("counseling:consent_scan", "GET", CASE + "consents/{cons_scan_consent}/scan/", CASELOAD),
    ("counseling:consent_scan", "POST", CASE + "consents/{cons_scan_consent}/scan/", NOT_ALLOWED),
    ("counseling:consent_scan", "GET", OTHER + "consents/{cons_other_consent}/scan/",
     OTHER_COUNSELOR),
    ("counseling:legal_process_create", "GET", CASE + "legal/new/", CASELOAD),
    ("counseling:legal_process_create", "POST", CASE + "legal/new/", CASELOAD),
    ("counseling:legal_process_create", "GET", OTHER + "legal/new/", OTHER_COUNSELOR),
    ("counseling:disclosure_create", "GET", CASE + "disclosures/new/", CASELOAD),
    ("counseling:disclosure_create", "POST", CASE + "disclosures/new/", CASELOAD),
    ("counseling:disclosure_create", "PUT", CASE + "disclosures/new/", NOT_ALLOWED),
    ("counseling:disclosure_create", "GET", OTHER + "disclosures/new/", OTHER_COUNSELOR),
    ("counseling:legal_process_list", "GET", "/counselling/legal-processes/", LEGAL_DECIDERS),
    ("counseling:legal_process_list", "POST", "/counselling/legal-processes/", INTAKE_DESK),
    ("counseling:legal_process_list", "PUT", "/counselling/legal-processes/", NOT_ALLOWED),
    ("counseling:legal_process_review", "GET", "/counselling/legal-processes/{cons_legal}/",
     LEGAL_DECIDERS),
    ("counseling:legal_process_review", "POST", "/counselling/legal-processes/{cons_legal}/",
     LEGAL_DECIDERS),
    ("counseling:legal_process_review", "PUT", "/counselling/legal-processes/{cons_legal}/",
     NOT_ALLOWED),
    ("counseling:legal_process_review", "GET", "/counselling/legal-processes/{missing}/",
     DECIDERS_404),
    ("counseling:referral_list", "GET", "/counselling/referrals/", REFERRERS),
    ("counseling:referral_list", "POST", "/counselling/referrals/", NOT_ALLOWED),
    ("counseling:referral_create", "GET", "/counselling/referrals/new/", REFERRERS),
    ("counseling:referral_create", "POST", "/counselling/referrals/new/", REFERRERS),
    ("counseling:referral_create", "PUT", "/counselling/referrals/new/", NOT_ALLOWED),
    ("counseling:disclosure_log", "GET", "/counselling/disclosures/", AUDITORS),
    ("counseling:disclosure_log", "POST", "/counselling/disclosures/", NOT_ALLOWED),
]  # fmt: skip

SCAN = b"%PDF-1.4 matrix scan"


def placeholders(cls) -> dict:
    """Alice's case with the matrix counsellor and consents on it (one with a scan, one to
    withdraw), a case of another counsellor with its consent, an outsider's consent and a
    pending referral of Alice by the HR officer, and a legal process waiting for its second
    person."""
    from anxin.counseling import services
    from anxin.counseling.consent import services as consent
    from anxin.plans.loader import load_preset
    from tests.base import give_role, make_employee, make_user

    plan = load_preset("taipei-114")
    intake = cls.people[Role.INTAKE]
    until = timezone.localdate() + timedelta(days=90)

    def case_for(counselor, employee=None):
        item = services.request_submit(
            employee=employee or cls.alice_employee, plan=plan, concern="health",
            urgency="soon", mode="phone", gender_preference="any", contact_method="phone",
            contact_value="0912-000-000", details="matrix", preferred_times="",
        )  # fmt: skip
        return services.case_open(item=item, counselor=counselor, actor=intake)

    def proposed(case):
        return consent.consent_propose(
            case=case, scope="attendance", purpose="work_adjustment", recipient="人事室",
            valid_until=until, scope_text="matrix", purpose_text="", actor=case.counselor,
        )  # fmt: skip

    case = case_for(cls.people[Role.COUNSELOR])
    other_counselor = make_user("consent-counselor-2")
    give_role(other_counselor, Role.COUNSELOR, cls.authority)
    other = case_for(other_counselor)
    outsider = make_employee(
        make_user("consent-outsider"), unit=cls.authority, number="C9001", name="林外人"
    )
    outsider_case = case_for(other_counselor, employee=outsider)
    scan = consent.consent_record_scan(
        case=case, scope="summary", purpose="continuity_of_care", recipient="林醫師",
        valid_until=until, signed_on=timezone.localdate(), scope_text="", purpose_text="",
        scan_name="form.pdf", scan_type="application/pdf", scan_bytes=SCAN,
        actor=case.counselor,
    )  # fmt: skip
    legal = consent.legal_process_record(
        case=case, kind="court_order", reference="matrix", issued_on=timezone.localdate(),
        recipient="法院", scope="attendance", details="matrix", actor=case.counselor,
    )  # fmt: skip
    referral = consent.referral_create(
        employee=cls.alice_employee, referrer=cls.people[Role.HR], referrer_role=Role.HR,
        reason="workload",
    )  # fmt: skip
    return {
        "cons_case": case.code,
        "cons_other_case": other.code,
        "cons_consent": proposed(case).uuid,
        "cons_withdrawable": proposed(case).uuid,
        "cons_scan_consent": scan.uuid,
        "cons_other_consent": proposed(other).uuid,
        "cons_outsider_consent": proposed(outsider_case).uuid,
        "cons_referral": referral.uuid,
        "cons_legal": legal.uuid,
    }
