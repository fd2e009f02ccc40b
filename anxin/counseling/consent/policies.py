"""Who may see which consent, legal process, disclosure and referral. Anything outside a
person's reach answers 404.

- The employee sees his or her own consents (their sealed text and scan too, each read
  logged) and the referrals made to him or her.
- The counsellor of a case sees the consents of the case and the employee's consents
  given outside any case, the case's legal processes and disclosures.
- An intake coordinator records legal processes for cases of employees in his or her
  scope and sees their metadata; never a consent's text. A coordinator or the privacy
  officer (auditor) of the employee's unit confirms or rejects a legal process someone
  else recorded: until then it allows nothing.
- A referrer (care worker, HR officer, supervisor) names employees in the subtree of the
  role and sees his or her own referrals: their status and what the employee agreed to
  share, never content.
- The auditor sees the disclosure log of the subtree: codes, names of recipients, bases
  and times; no content.
"""

from dataclasses import dataclass

from django.db.models import Count, Q, QuerySet
from django.http import HttpRequest
from django.shortcuts import get_object_or_404

from anxin.counseling.consent.models import ConsentRecord, Disclosure, LegalProcess, Referral
from anxin.counseling.models import Case, SessionRecord
from anxin.people.models import Employee
from anxin.people.roles import Role

REFERRER_ROLES = (Role.CARE_WORKER, Role.HR, Role.SUPERVISOR)
# Who confirms a legal process as the second person: the counselling room's coordinator
# or the privacy officer, never the person who recorded it.
LEGAL_DECIDER_ROLES = (Role.INTAKE, Role.AUDITOR)

# Purposes written to the access log.
PURPOSE_OWN = "self_view"
PURPOSE_CONSENT = "consent"
PURPOSE_DISCLOSURE = "disclosure"


# --- employee --------------------------------------------------------------------------


def consents_of_employee(request: HttpRequest) -> QuerySet[ConsentRecord]:
    return ConsentRecord.objects.filter(employee=request.employee).select_related("case")


def get_consent_for_employee(request: HttpRequest, consent_uuid) -> ConsentRecord:
    return get_object_or_404(consents_of_employee(request), uuid=consent_uuid)


def referrals_to_employee(request: HttpRequest) -> QuerySet[Referral]:
    return Referral.objects.filter(employee=request.employee)


def get_referral_for_employee(request: HttpRequest, referral_uuid) -> Referral:
    return get_object_or_404(referrals_to_employee(request), uuid=referral_uuid)


# --- counsellor --------------------------------------------------------------------------


def consents_for_case(case: Case) -> QuerySet[ConsentRecord]:
    """The case's consents and the employee's consents given outside any case."""
    return ConsentRecord.objects.filter(
        Q(case=case) | Q(case__isnull=True), employee_id=case.employee_id
    )


def get_consent_for_case(case: Case, consent_uuid) -> ConsentRecord:
    return get_object_or_404(consents_for_case(case), uuid=consent_uuid)


def legal_processes_for_case(case: Case) -> QuerySet[LegalProcess]:
    return LegalProcess.objects.filter(case=case)


def disclosures_for_case(case: Case) -> QuerySet[Disclosure]:
    return Disclosure.objects.filter(case=case).select_related(
        "consent", "legal_process", "disclosed_by"
    )


def sessions_for_disclosure(case: Case):
    """The case's session records a disclosure of "records" may name."""
    return SessionRecord.objects.filter(case=case).only("uuid", "held_at", "case_id")


@dataclass(frozen=True)
class CasePanel:
    """What the case page shows of consent and disclosure: metadata only, three queries."""

    consents: list
    legal_processes: list
    disclosures: list


def case_panel(case: Case) -> CasePanel:
    return CasePanel(
        consents=list(consents_for_case(case)),
        legal_processes=list(legal_processes_for_case(case)),
        disclosures=list(disclosures_for_case(case)),
    )


# --- intake coordinator -------------------------------------------------------------------


def cases_for_coordinator(request: HttpRequest) -> QuerySet[Case]:
    return Case.objects.filter(request.active_role.scope.subtree_q("employee__unit__"))


def legal_processes_for_coordinator(request: HttpRequest) -> QuerySet[LegalProcess]:
    """Legal processes of cases in the coordinator's or privacy officer's subtree."""
    return LegalProcess.objects.filter(
        request.active_role.scope.subtree_q("case__employee__unit__")
    ).select_related("case", "recorded_by", "decided_by")


def get_legal_process_for_decider(request: HttpRequest, legal_uuid) -> LegalProcess:
    return get_object_or_404(legal_processes_for_coordinator(request), uuid=legal_uuid)


# --- referrers ------------------------------------------------------------------------------


def employee_in_scope(request: HttpRequest, number: str) -> Employee | None:
    """The active employee with this number in the referrer's subtree, if any."""
    return (
        Employee.objects.filter(
            request.active_role.scope.subtree_q("unit__"), number=number, is_active=True
        )
        .select_related("user", "unit")
        .first()
    )


def referrals_of_referrer(request: HttpRequest) -> QuerySet[Referral]:
    """The referrer's own referrals, with what is needed to say whether the employee
    attended: the number of session records of the case the request led to."""
    return (
        Referral.objects.filter(referrer=request.user, referrer_role=request.active_role.role)
        .select_related("employee", "consent")
        .annotate(sessions_held=Count("request__case__sessions"))
    )


# --- auditor -------------------------------------------------------------------------------------


def disclosures_for_auditor(request: HttpRequest) -> QuerySet[Disclosure]:
    return Disclosure.objects.filter(
        request.active_role.scope.subtree_q("case__employee__unit__")
    ).select_related("case", "consent", "legal_process__decided_by", "disclosed_by")
