"""The writes of the reports app."""

from django.db import transaction

from anxin.core.locking import StaleEdit, save_versioned
from anxin.people.models import OrgUnit
from anxin.reports.models import EvaluationNote


def evaluation_note_for(*, authority: OrgUnit, year: int) -> EvaluationNote:
    """The year's note of the authority (unsaved and empty when nobody wrote one)."""
    note = EvaluationNote.objects.filter(authority=authority, year=year).first()
    return note or EvaluationNote(authority=authority, year=year)


@transaction.atomic
def evaluation_note_save(
    *, authority: OrgUnit, year: int, improvements: str, expected_version: int, actor
) -> EvaluationNote:
    """Save the improvements for next year; refused (StaleEdit) when someone saved the
    note after it was opened."""
    note, created = EvaluationNote.objects.get_or_create(
        authority=authority, year=year, defaults={"improvements": improvements, "updated_by": actor}
    )
    if created:
        if expected_version != 0:
            raise StaleEdit
        return note
    note.improvements, note.updated_by = improvements, actor
    save_versioned(note, expected_version=expected_version, fields=["improvements", "updated_by"])
    return note
