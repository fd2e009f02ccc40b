"""Who may see which care-worker record.

- `hr` (over an agency subtree) and `eap_admin` (over the authority) manage the care
  workers whose employee works in their subtree: nominate, approve, renew, end, and see
  the coverage map of their subtree.
- An employee sees his or her own nominations and terms, and on the care-worker map the
  care workers covering his or her unit who agreed to be listed, with the contact they
  gave.
- A care worker sees nothing of the colleagues he or she looks after through this app:
  no counselling, self-test or outreach data of anyone (tested).
Anything else answers 404.
"""

from django.http import Http404, HttpRequest

from anxin.care.workers.models import CareMeeting, CareWorker
from anxin.people.models import Employee, OrgUnit
from anxin.people.roles import Role, scope_of

MANAGERS = (Role.HR, Role.EAP_ADMIN)
EMPLOYEES = (Role.EMPLOYEE,)


def care_workers_for(request: HttpRequest):
    return CareWorker.objects.filter(employee__unit__path__startswith=scope_of(request).path)


def get_care_worker_for_manager(request: HttpRequest, pk: int) -> CareWorker:
    care_worker = (
        care_workers_for(request)
        .select_related("employee__unit", "nominated_by", "approved_by")
        .prefetch_related("units")
        .filter(pk=pk)
        .first()
    )
    if care_worker is None:
        raise Http404
    return care_worker


def employee_for_manager(request: HttpRequest, number: str) -> Employee | None:
    """The active employee of that number in the manager's subtree (None: unknown or
    outside the scope, which the form says without telling which)."""
    scope = scope_of(request)
    return (
        Employee.objects.filter(
            number=number.strip(),
            is_active=True,
            authority_id=scope.root_id,
            unit__path__startswith=scope.path,
        )
        .select_related("unit", "user")
        .first()
    )


def units_for_manager(request: HttpRequest):
    return OrgUnit.objects.filter(scope_of(request).subtree_q(), is_active=True)


def own_employee(request: HttpRequest) -> Employee:
    employee = getattr(request, "employee", None)
    if employee is None:
        raise Http404
    return employee


def own_care_workers(request: HttpRequest):
    return CareWorker.objects.filter(employee=own_employee(request))


def get_own_care_worker(request: HttpRequest, pk: int) -> CareWorker:
    care_worker = (
        own_care_workers(request)
        .select_related("employee__unit")
        .prefetch_related("units")
        .filter(pk=pk)
        .first()
    )
    if care_worker is None:
        raise Http404
    return care_worker


def get_meeting_for_manager(request: HttpRequest, pk: int) -> CareMeeting:
    """A group meeting of the manager's subtree, with its invitations and their people."""
    meeting = (
        CareMeeting.objects.filter(pk=pk, unit__path__startswith=scope_of(request).path)
        .select_related("unit", "created_by")
        .first()
    )
    if meeting is None:
        raise Http404
    return meeting
