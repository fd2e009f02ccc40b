"""What the demo steps share about plans: the preset authorities, those whose plan comes
from a seed preset (every plan but the demo authority's own)."""

from django.db.models import QuerySet

from anxin.people.demo import AUTHORITY_CODE
from anxin.plans.models import ProgramPlan


def preset_plans() -> QuerySet[ProgramPlan]:
    """The plans of the preset authorities, with their authority, in slug order."""
    return (
        ProgramPlan.objects.exclude(authority__code=AUTHORITY_CODE)
        .select_related("authority")
        .order_by("slug")
    )
