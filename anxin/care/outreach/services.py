"""Outreach's writes that a person makes on a page (the imports' are in importing.py)."""

from django.db import transaction

from anxin.care.outreach.models import OutreachPreference
from anxin.people.models import Employee


@transaction.atomic
def outreach_preference_set(*, employee: Employee, messages_off: bool) -> OutreachPreference:
    """The employee's own choice to receive outreach messages or not; every send reads
    it (actions.py)."""
    preference, _ = OutreachPreference.objects.update_or_create(
        employee=employee, defaults={"messages_off": messages_off}
    )
    return preference


def outreach_messages_off(employee: Employee) -> bool:
    return OutreachPreference.objects.filter(employee=employee, messages_off=True).exists()
