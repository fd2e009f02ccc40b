"""Every key a plan file may carry, and what Anxin does with it.

A key is either READ, through the named accessor of `ProgramPlan` (or the column filled
when the plan is loaded), by the app that acts on it; or SHOWN, as text on the plan page
and in docs/plans.md, and acted on by nothing. Some shown keys describe work a later app
will do (care workers, governance bodies, overtime care ...): those are NOT_YET, and the
plan page says beside each that Anxin records it but does not act on it yet.

tests/plans/test_keys.py walks every preset and fails on a key that is in neither list,
and on a READ accessor that no app uses, so that no setting is silently inert. A key is
covered by its own entry or by an entry of a key above it (`channels` covers
`channels.schedule.weekdays`); a `source` anywhere is a citation, shown beside its setting.
Adding a setting: the schema (schema.yaml), a typed section (config/) if it has parts, an
accessor (models.py), an entry here, docs/plans.md.
"""

# Key path (dots between keys, list items left out) -> the accessor or column reading it.
READ = {
    "slug": "slug",
    "name": "name",
    "authority.name": "authority_name",
    "authority.code": "authority",  # the unit found (or created) when the plan is loaded
    "period.start": "period_start",
    "period.end": "period_end",
    "eligibility.staff_categories": "staff_categories",
    "counselling_quota.hours_per_year": "free_counselling_hours",
    "counselling_quota.counts": "quota_counts",
    "counselling_quota.email_reply_minutes": "quota_email_reply_minutes",
    "channels": "channels",
    "crisis_lines": "crisis_lines",
    "self_test.cadence_months": "self_test_cadence_months",
    "self_test.instruments": "self_test_instruments",
    "new_hire_survey.windows": "new_hire_survey_windows",
    "target_groups": "target_groups",
    "service_areas": "service_areas",
    "resource_categories": "resource_categories",
    "zone.public": "zone_public",
    "topic_channels": "topic_channels",
    "case_flows": "drawn_case_flows",
    "case_code_prefix": "case_code_prefix",
    "leave_rule": "leave_rule",
    "statistics.k_threshold": "k_threshold",
    "retention.counselling_records_years": "counselling_records_retention_years",
    "booking": "booking_rules",
    "session_records.coordinator_reads": "coordinator_reads_records",
    "emergency_access.hours": "emergency_access_hours",
    "certificates": "certificate_settings",
    "open_answers": "open_answer_words",
    "care_workers.min_per_department": "care_worker_min_per_department",
    "care_workers.term_years": "care_worker_term_years",
    "care_workers.meeting_months": "care_worker_meeting_months",
    "care_workers.trainings": "care_worker_trainings",
    "care_workers.commendation": "care_worker_commendation_rule",
    "overtime_care": "overtime_thresholds",
    "outreach": "outreach_settings",
    "governance_bodies": "governance_bodies",
    "rewards": "reward_rules",
    "mentoring": "mentoring",
    "personnel_interviews": "personnel_interviews",
    "advice": "advice_settings",
    "outcomes": "outcome_settings",
}

# Keys that are shown as text only: the plan's own words and references.
SHOWN = (
    "sources",
    "service_model",
    "eligibility.text",
    "counselling_quota.text",
    "self_test.text",
    "new_hire_survey.text",
    "forms",
    "ethics",
    "care_workers.coordinator",
    "care_workers.recruitment",
    "care_workers.tasks",
)

# Settings that describe work Anxin does not do yet: shown, with a note saying so.
NOT_YET = ("surveys",)

CITATION = "source"


def covered(path: tuple[str, ...]) -> bool:
    """Is the key at `path` read, shown, or a citation?"""
    if path[-1] == CITATION:
        return True
    known = set(READ) | set(SHOWN) | set(NOT_YET)
    return any(".".join(path[:length]) in known for length in range(1, len(path) + 1))


def key_paths(data, path: tuple[str, ...] = ()) -> set[tuple[str, ...]]:
    """The path of every setting in plan data: each key whose value is not a mapping (a
    mapping is covered when all its keys are), list items left out."""
    paths: set[tuple[str, ...]] = set()
    if isinstance(data, dict):
        for key, value in data.items():
            child = (*path, str(key))
            paths |= key_paths(value, child) if isinstance(value, dict) else {child}
            if isinstance(value, list):
                paths |= key_paths(value, child)
    elif isinstance(data, list):
        for item in data:
            paths |= key_paths(item, path)
    return paths
