"""The plan's k for a survey: the one place the analysis (and the batch job, through it)
looks it up."""

from __future__ import annotations

from anxin.core import kanon
from anxin.plans.services import plan_for_authority
from anxin.surveys.models import Survey


def k_for(survey: Survey) -> int:
    """The plan's k for the authority that owns the survey. One query."""
    plan = plan_for_authority(survey.owner.root_id)
    return plan.k_threshold if plan else kanon.DEFAULT_K
