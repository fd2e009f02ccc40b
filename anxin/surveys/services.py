"""What changes the state of questionnaires and surveys. Views and commands call these;
each write runs in one transaction."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

import yaml
from django.db import IntegrityError, transaction
from django.db.models import Count, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from anxin.core import kanon
from anxin.core.locking import save_versioned
from anxin.core.refusals import Refused
from anxin.people.models import Employee, OrgUnit
from anxin.plans.services import k_for
from anxin.surveys import analysis, ballots, definitions, schedules
from anxin.surveys.audiences import audience
from anxin.surveys.models import (
    AnonymousReceipt,
    PendingAnswer,
    Preset,
    Questionnaire,
    QuestionnaireVersion,
    Response,
    Survey,
)

PRESET_DIR = Path(__file__).resolve().parent / "presets"


class PresetFileError(ValueError):
    def __init__(self, errors: list[str]):
        super().__init__("\n".join(errors))
        self.errors = errors


@dataclass(frozen=True)
class PresetLoad:
    preset: Preset
    action: str  # "created", "updated" or "unchanged"


def presets_load(*, paths: list[Path | str] | None = None) -> list[PresetLoad]:
    """Validate every preset file, then store them all, or none if one is bad."""
    files = [Path(p) for p in paths] if paths else sorted(PRESET_DIR.glob("*.yaml"))
    parsed, errors = [], []
    for path in files:
        try:
            data = yaml.safe_load(path.read_text(encoding="utf-8"))
        except (OSError, yaml.YAMLError) as exc:
            errors.append(f"{path.name}: {exc}")
            continue
        if not isinstance(data, dict) or not isinstance(data.get("key"), str):
            errors.append(f"{path.name}: a preset needs a `key` and a `questionnaire`")
            continue
        faults = definitions.validate(data.get("questionnaire"), for_publishing=True)
        errors += [f"{path.name}: {message}" for fault in faults for message in fault.messages]
        parsed.append((path, data))
    if errors:
        raise PresetFileError(errors)
    loads = []
    with transaction.atomic():
        for path, data in parsed:
            preset = Preset.objects.filter(key=data["key"]).first()
            if preset is not None and preset.definition == data["questionnaire"]:
                loads.append(PresetLoad(preset, "unchanged"))
                continue
            action = "updated" if preset else "created"
            preset, _created = Preset.objects.update_or_create(
                key=data["key"],
                defaults={"definition": data["questionnaire"], "source_file": path.name},
            )
            loads.append(PresetLoad(preset, action))
    return loads


def questionnaire_create(*, owner: OrgUnit, actor, definition: dict) -> QuestionnaireVersion:
    """A new questionnaire with its first version, a draft holding `definition`."""
    definitions.require_valid(definition)
    with transaction.atomic():
        questionnaire = Questionnaire.objects.create(owner=owner, created_by=actor)
        return QuestionnaireVersion.objects.create(
            questionnaire=questionnaire,
            number=1,
            definition=definition,
            title=definition["title"],
        )


def questionnaire_from_preset(*, preset: Preset, owner: OrgUnit, actor) -> QuestionnaireVersion:
    """A new draft copied from a preset; it stays marked as example wording until someone
    says the wording has been reviewed."""
    return questionnaire_create(
        owner=owner, actor=actor, definition={**preset.definition, "example_wording": True}
    )


def _refuse_frozen(version: QuestionnaireVersion) -> None:
    if not version.is_draft:
        raise Refused(
            "frozen",
            _("A published version cannot be changed. Make a new draft version to edit it."),
        )


def draft_update(
    *, version: QuestionnaireVersion, expected_version: int, definition: dict
) -> QuestionnaireVersion:
    """Store `definition` on the draft, if it is valid and nobody saved in between
    (StaleEdit otherwise)."""
    _refuse_frozen(version)
    definitions.require_valid(definition)
    with transaction.atomic():
        version.definition = definition
        version.title = definition["title"]
        save_versioned(version, expected_version=expected_version, fields=["definition", "title"])
    return version


def version_publish(*, version: QuestionnaireVersion, expected_version: int) -> None:
    """Freeze the draft: it can be put to surveys and is never changed again."""
    _refuse_frozen(version)
    definitions.require_valid(version.definition, for_publishing=True)
    if version.definition.get("example_wording"):
        raise Refused(
            "example_wording",
            _(
                "This questionnaire still carries example wording. Review every question, "
                "then mark the wording as reviewed before publishing."
            ),
        )
    with transaction.atomic():
        version.status = QuestionnaireVersion.Status.PUBLISHED
        version.published_at = timezone.now()
        save_versioned(
            version, expected_version=expected_version, fields=["status", "published_at"]
        )


def version_new_draft(*, questionnaire: Questionnaire) -> QuestionnaireVersion:
    """The draft of the next version, a copy of the latest one; the existing draft if
    there is one already. The questionnaire's row is locked first: two people asking at
    once get the same draft (locking only the latest version let the second, which waited
    on it, miss the draft the first had just made and fail on the unique number)."""
    with transaction.atomic():
        Questionnaire.objects.select_for_update().filter(pk=questionnaire.pk).first()
        latest = (
            QuestionnaireVersion.objects.filter(questionnaire=questionnaire)
            .order_by("-number")
            .first()
        )
        if latest.is_draft:
            return latest
        return QuestionnaireVersion.objects.create(
            questionnaire=questionnaire,
            number=latest.number + 1,
            definition=latest.definition,
            title=latest.title,
        )


def survey_create(
    *,
    version: QuestionnaireVersion,
    owner: OrgUnit,
    actor,
    title: str,
    scope: OrgUnit,
    staff_categories: list[str],
    opens_on,
    closes_on,
    mode: str,
    schedule: str = "",
    window_start: int = 0,
    window_end: int = 0,
    window_unit: str = Survey.WindowUnit.DAYS,
    event=None,
    remind_days_before: int = 3,
    breakdowns: list[str] = (),
) -> Survey:
    if version.is_draft:
        raise Refused("not_published", _("Only a published questionnaire can be put to a survey."))
    if not owner.contains(scope):
        raise Refused("scope", _("The audience must lie within your own organisation unit."))
    if closes_on < opens_on:
        raise Refused("dates_out_of_order", _("The survey cannot close before it opens."))
    schedules.check_schedule(
        schedule=schedule, mode=mode, window_start=window_start, window_end=window_end, event=event
    )
    if event is not None and not owner.contains(event.owner_unit):
        raise Refused("event", _("The event must be organised within your own organisation unit."))
    return Survey.objects.create(
        version=version,
        title=title,
        owner=owner,
        scope=scope,
        staff_categories=list(staff_categories),
        opens_on=opens_on,
        closes_on=closes_on,
        mode=mode,
        schedule=schedule,
        window_start=window_start,
        window_end=window_end,
        window_unit=window_unit,
        event=event,
        remind_days_before=remind_days_before,
        breakdowns=list(breakdowns),
        created_by=actor,
    )


def _ancestor_ids(unit: OrgUnit) -> list[int]:
    return [int(part) for part in unit.path.strip("/").split("/") if part]


def is_eligible(survey: Survey, employee: Employee) -> bool:
    """Whether the employee belongs to the survey's audience (unit subtree and staff
    categories); the unit must be loaded with the employee. A person-relative survey is
    for those it invited."""
    if survey.is_person_relative:
        return employee.is_active and schedules.is_invited(survey, employee)
    return (
        employee.is_active
        and survey.scope_id in _ancestor_ids(employee.unit)
        and (not survey.staff_categories or employee.staff_category in survey.staff_categories)
    )


def surveys_for(employee: Employee) -> list[dict]:
    """The surveys of the employee's audience that are open today, each with whether the
    employee has answered it or kept a draft, and until when it is open for him or her.
    Five queries, however many surveys."""
    today = timezone.localdate()
    candidates = [
        survey
        for survey in Survey.objects.filter(
            scope_id__in=_ancestor_ids(employee.unit),
            opens_on__lte=today,
            closes_on__gte=today,
            schedule="",
        ).order_by("closes_on", "title")
        if is_eligible(survey, employee)
    ]
    closing = {survey.pk: survey.closes_on for survey in candidates}
    for invitation in schedules.open_invitations(employee, today):
        candidates.append(invitation.survey)
        closing[invitation.survey_id] = invitation.closes_on
    ids = [survey.pk for survey in candidates]
    statuses = dict(
        Response.objects.filter(employee=employee, survey_id__in=ids).values_list(
            "survey_id", "status"
        )
    )
    receipts = set(
        AnonymousReceipt.objects.filter(employee=employee, survey_id__in=ids).values_list(
            "survey_id", flat=True
        )
    )
    receipts |= ballots.pending_surveys(
        [s for s in candidates if s.mode == Survey.Mode.ANONYMOUS and s.pk not in receipts],
        employee,
    )
    rows = []
    for survey in candidates:
        status = statuses.get(survey.pk)
        answered = survey.pk in receipts or status == Response.Status.SUBMITTED
        rows.append(
            {
                "survey": survey,
                "answered": answered,
                "draft": status == Response.Status.DRAFT,
                "closes_on": closing[survey.pk],
            }
        )
    return rows


def _refuse_unless_open(survey: Survey, employee: Employee) -> None:
    today = timezone.localdate()
    opens_on, closes_on = schedules.answer_window(survey, employee) or (None, None)
    if opens_on is None:
        raise Refused("not_invited", _("You are not invited to this survey."))
    if today < opens_on:
        raise Refused("not_open", _("This survey is not open yet."))
    if today > closes_on:
        raise Refused("closed", _("This survey has closed; answers are no longer accepted."))


def _already_answered() -> Refused:
    return Refused(
        "already_answered", _("You have already answered this survey; each person answers once.")
    )


def answer_submit(*, survey: Survey, employee: Employee, answers: dict) -> None:
    """Store the employee's answers (validated by the answer form) in one transaction.
    Anonymous: sealed into the pending pool only, under a token that refuses a second
    answer; the batch job writes the receipt and the unlinked answer (decision 0019).
    Otherwise the employee's response, a draft included, becomes submitted; its tallies
    wait in the pool too."""
    _refuse_unless_open(survey, employee)
    attributes = analysis.answer_attributes(survey, employee, on=timezone.localdate())
    if survey.mode == Survey.Mode.ANONYMOUS:
        # A second answer: the token's unique constraint while the first is pending, the
        # receipt once its batch is written.
        try:
            with transaction.atomic():
                ballots.pending_add(
                    survey=survey, employee=employee, answers=answers, attributes=attributes
                )
                # After the insert, so that a batch committed meanwhile is seen; and under
                # the ring's older keys, an answer pending since before a rotation.
                older = ballots.ballot_tokens(survey, employee)[1:]
                if AnonymousReceipt.objects.filter(survey=survey, employee=employee).exists() or (
                    older and PendingAnswer.objects.filter(survey=survey, token__in=older).exists()
                ):
                    raise IntegrityError("answered already")
        except IntegrityError:
            raise _already_answered() from None
        return
    now = timezone.now()
    with transaction.atomic():
        updated = Response.objects.filter(
            survey=survey, employee=employee, status=Response.Status.DRAFT
        ).update(answers=answers, status=Response.Status.SUBMITTED, saved_at=now, submitted_at=now)
        if not updated:
            try:
                with transaction.atomic():
                    Response.objects.create(
                        survey=survey,
                        employee=employee,
                        answers=answers,
                        status=Response.Status.SUBMITTED,
                        saved_at=now,
                        submitted_at=now,
                    )
            except IntegrityError:
                raise _already_answered() from None
        ballots.pending_add(
            survey=survey, employee=employee, answers=answers, attributes=attributes
        )


def answer_save_draft(*, survey: Survey, employee: Employee, answers: dict) -> None:
    """Keep a half-finished answer to come back to; never submitted by this. Anonymous
    surveys keep no drafts (a draft would link the answers to the person)."""
    _refuse_unless_open(survey, employee)
    if not survey.allows_drafts:
        raise Refused(
            "no_drafts", _("An anonymous survey cannot be saved as a draft: answer it in one go.")
        )
    with transaction.atomic():
        response, created = Response.objects.select_for_update().get_or_create(
            survey=survey,
            employee=employee,
            defaults={"answers": answers, "saved_at": timezone.now()},
        )
        if created:
            return
        if response.status == Response.Status.SUBMITTED:
            raise _already_answered()
        response.answers = answers
        response.saved_at = timezone.now()
        response.save(update_fields=["answers", "saved_at"])


def draft_answers(survey: Survey, employee: Employee) -> dict | None:
    """The employee's saved draft of this survey, if any."""
    if not survey.allows_drafts:
        return None
    return (
        Response.objects.filter(survey=survey, employee=employee, status=Response.Status.DRAFT)
        .values_list("answers", flat=True)
        .first()
    )


def has_answered(survey: Survey, employee: Employee) -> bool:
    if survey.mode == Survey.Mode.ANONYMOUS:
        return AnonymousReceipt.objects.filter(
            survey=survey, employee=employee
        ).exists() or ballots.is_pending(survey, employee)
    return Response.objects.filter(
        survey=survey, employee=employee, status=Response.Status.SUBMITTED
    ).exists()


def answer_state(survey: Survey, employee: Employee) -> str:
    """ "not_open", "closed", "answered" or "open", in the employee's own window."""
    today = timezone.localdate()
    opens_on, closes_on = schedules.answer_window(survey, employee) or (None, None)
    if opens_on is None or today < opens_on:
        return "not_open"
    if today > closes_on:
        return "closed"
    return "answered" if has_answered(survey, employee) else "open"


def survey_counts(survey: Survey) -> dict:
    """How many answered; for identified surveys also the audience and the completion rate
    (counts only, nobody named)."""
    if survey.mode == Survey.Mode.ANONYMOUS:
        # Receipts and answers still waiting for their batch.
        answered = AnonymousReceipt.objects.filter(survey=survey).count()
        answered += ballots.pending_count(survey)
    else:
        answered = Response.objects.filter(survey=survey, status=Response.Status.SUBMITTED).count()
    counts = {"answered": answered, "audience": None, "rate": None}
    if survey.schedule == Survey.Schedule.CASE_CLOSED:
        # Who had counselling is nobody's business: a small count says too much.
        counts["answered"] = kanon.group_display(answered, answered, k=k_for(survey.owner))
    if survey.mode == Survey.Mode.IDENTIFIED:
        size = survey.invitations.count() if survey.is_person_relative else audience(survey).count()
        counts["audience"] = size
        counts["rate"] = round(100 * answered / size, 1) if size else None
    return counts


def answered_counts(surveys: list[Survey]) -> dict[int, int]:
    """Answers per survey for a list page: three queries, however many surveys. Anonymous
    answers are counted by their receipts and, before their batch, in the pending pool."""
    ids = [s.pk for s in surveys]
    anonymous = [s.pk for s in surveys if s.mode == Survey.Mode.ANONYMOUS]
    counts: dict[int, int] = defaultdict(int)
    counts.update(
        Response.objects.filter(survey_id__in=ids, status=Response.Status.SUBMITTED)
        .values("survey_id")
        .annotate(n=Count("pk"))
        .values_list("survey_id", "n")
    )
    for model in (AnonymousReceipt, PendingAnswer):
        for survey_id, n in (
            model.objects.filter(survey_id__in=anonymous)
            .values("survey_id")
            .annotate(n=Count("pk"))
            .values_list("survey_id", "n")
        ):
            counts[survey_id] += n
    return dict(counts)


def visible_q(scope: OrgUnit, prefix: str = "") -> Q:
    """Questionnaires and surveys owned within `scope` (the active role's subtree)."""
    return Q(**{f"{prefix}owner__path__startswith": scope.path})
