"""Typed views of a plan's validated configuration, one module per part of the plan.

The plan YAML is validated against `schema.yaml` before it is stored, so these sections
read trusted data; `build` (config/build.py) fills each from the plan's mapping by its
field names and type hints. They give other apps named attributes instead of dictionary
keys, and the plan page its display labels. Apps read them through `ProgramPlan`'s
accessors (plans/models.py), never from the raw configuration.
"""

from anxin.plans.config.build import Section, build, from_key
from anxin.plans.config.contact import AdviceSettings, Channel, CrisisLine, Source, TimeSlot
from anxin.plans.config.flows import (
    DEFAULT_STEP_DEADLINE_HOURS,
    DEFAULT_STEP_ROLE,
    Branch,
    CaseFlow,
    FlowStep,
)
from anxin.plans.config.governance import (
    Duty,
    GovernanceBody,
    Meeting,
    RewardRule,
    WorkingGroup,
)
from anxin.plans.config.groups import (
    AgeBand,
    CareWorkers,
    EventSeries,
    ResourceCollection,
    ServiceArea,
    TargetGroup,
    TopicChannel,
    Training,
)
from anxin.plans.config.labels import (
    WEEKDAYS,
    Cadence,
    ChannelKind,
    EventFormat,
    ResourceKind,
    ServiceLevel,
    ServiceModel,
    SizeRule,
    SurveyKind,
    add_months,
    label_of,
    month_list,
    span,
)
from anxin.plans.config.mentoring import (
    DEFAULT_MENTORING_WITHIN_MONTHS,
    Mentoring,
    PersonnelInterviews,
)
from anxin.plans.config.rules import (
    CASE_CODE_PREFIX_LETTERS,
    DEFAULT_EMAIL_REPLY_MINUTES,
    DEFAULT_EMERGENCY_ACCESS_HOURS,
    DEFAULT_OVERTIME,
    DEFAULT_RETENTION_YEARS,
    BookingRules,
    CertificateSettings,
    CounsellingQuota,
    Form,
    OpenAnswerWords,
    OvertimeThresholds,
    SelfTest,
    Statement,
)
from anxin.plans.config.surveys import Survey, SurveyWindow

__all__ = [
    "CASE_CODE_PREFIX_LETTERS",
    "DEFAULT_EMAIL_REPLY_MINUTES",
    "DEFAULT_EMERGENCY_ACCESS_HOURS",
    "DEFAULT_MENTORING_WITHIN_MONTHS",
    "DEFAULT_OVERTIME",
    "DEFAULT_RETENTION_YEARS",
    "DEFAULT_STEP_DEADLINE_HOURS",
    "DEFAULT_STEP_ROLE",
    "WEEKDAYS",
    "AdviceSettings",
    "AgeBand",
    "BookingRules",
    "Branch",
    "Cadence",
    "CareWorkers",
    "CaseFlow",
    "CertificateSettings",
    "Channel",
    "ChannelKind",
    "CounsellingQuota",
    "CrisisLine",
    "Duty",
    "EventFormat",
    "EventSeries",
    "FlowStep",
    "Form",
    "GovernanceBody",
    "Meeting",
    "Mentoring",
    "OpenAnswerWords",
    "OvertimeThresholds",
    "PersonnelInterviews",
    "ResourceCollection",
    "ResourceKind",
    "RewardRule",
    "Section",
    "SelfTest",
    "ServiceArea",
    "ServiceLevel",
    "ServiceModel",
    "SizeRule",
    "Source",
    "Statement",
    "Survey",
    "SurveyKind",
    "SurveyWindow",
    "TargetGroup",
    "TimeSlot",
    "TopicChannel",
    "Training",
    "WorkingGroup",
    "add_months",
    "build",
    "from_key",
    "label_of",
    "month_list",
    "span",
]
