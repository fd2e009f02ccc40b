"""State changes of the people app: self-declared attributes and their matching."""

from collections.abc import Iterable

from django.db import transaction
from django.utils import timezone

from anxin.core.audit import is_unavailable, read_sealed
from anxin.core.locking import save_versioned
from anxin.core.sealed import seal_into
from anxin.people.models import Employee, OrgUnit, SensitiveDeclaration

PURPOSE_SELF = "self_view"
PURPOSE_TARGETING = "targeting"


def declaration_read(*, employee: Employee, actor) -> dict:
    """The employee's own declaration, read through the access log. Only the employee
    calls this (the view checks `request.employee`)."""
    declaration = SensitiveDeclaration.objects.filter(employee=employee).first()
    if declaration is None or not declaration.payload:
        return {}
    payload = read_sealed(
        declaration, "payload", actor=actor, purpose=PURPOSE_SELF, subject_uuid=employee.uuid
    )
    # One that does not open (logged, the auditors told) reads as nothing declared.
    return {} if is_unavailable(payload) else payload or {}


@transaction.atomic
def declaration_save(
    *, employee: Employee, attributes: Iterable[str], expected_version: int | None, actor
) -> SensitiveDeclaration:
    """Store the attributes the employee declares, each with the time of consent. An
    attribute kept from before keeps its original consent time."""
    chosen = set(attributes) & set(SensitiveDeclaration.Attribute.values)
    declaration, created = SensitiveDeclaration.objects.get_or_create(employee=employee)
    previous = {} if created else declaration_read(employee=employee, actor=actor)
    now = timezone.now().isoformat()
    payload = {name: previous.get(name) or {"consented_at": now} for name in sorted(chosen)}
    seal_into(declaration, "payload", payload)
    declaration.updated_at = timezone.now()
    save_versioned(
        declaration,
        expected_version=declaration.version if created else (expected_version or 0),
        fields=["payload", "updated_at"],
    )
    return declaration


def employees_declaring(attribute: str, employees: Iterable[Employee]) -> set[int]:
    """The ids of those among `employees` who declared `attribute`. Each declaration read
    is logged with purpose "targeting"; the caller learns only the matching ids, which it
    must use for invitations and counts, never show."""
    ids = [employee.pk for employee in employees]
    matches: set[int] = set()
    declarations = SensitiveDeclaration.objects.filter(employee_id__in=ids).select_related(
        "employee"
    )
    for declaration in declarations:
        payload = read_sealed(
            declaration,
            "payload",
            actor="targeting",
            purpose=PURPOSE_TARGETING,
            subject_uuid=declaration.employee.uuid,
        )
        if payload and not is_unavailable(payload) and attribute in payload:
            matches.add(declaration.employee_id)
    return matches


@transaction.atomic
def orgunit_create(
    *, name: str, kind: str, parent: OrgUnit | None = None, code: str = ""
) -> OrgUnit:
    """Add a unit under `parent` (None for an authority) and give it its path."""
    unit = OrgUnit.objects.create(name=name, kind=kind, parent=parent, code=code)
    unit.path = f"{parent.path if parent else '/'}{unit.pk}/"
    unit.save(update_fields=["path"])
    return unit
