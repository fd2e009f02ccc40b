"""Person-relative schedules, invitations and reminders (docs/decisions/0013-survey-schedules.md).

A survey is put either to its whole audience between its dates, or to each person with an
answering window of his or her own, counted from an anchor: the hire date (the new-hire
questionnaire), the closing of a counselling case (satisfaction after counselling, 附表三)
or the end of an event's last session (event feedback). Each anchor is a trigger that the
app knowing the day registers (anxin/surveys/triggers.py). `run-due` (this app's `due.py`)
calls `invitations_send` and `reminders_send`; both are idempotent.

Month arithmetic: `add_months` of the plans app, counted from the anchor itself each time
(never chained), a day missing from the target month clipped to that month's last day.
Hired 2024-01-31, one to three months: 2024-02-29 to 2024-04-30. Hired 2024-02-29, the
month after the first anniversary (months 12 to 13): 2025-02-28 to 2025-03-29.
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Exists, OuterRef, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from anxin.core.notifications import notify_later
from anxin.people.models import Employee
from anxin.plans.config import add_months
from anxin.surveys import ballots, triggers
from anxin.surveys.audiences import audience
from anxin.surveys.models import (
    AnonymousReceipt,
    PendingAnswer,
    Response,
    Survey,
    SurveyInvitation,
)

# Clipping to a month's end moves a window by three days at most (31st -> 28th).
MONTH_SLACK = timedelta(days=3)


def raw_window(survey: Survey, anchor: date) -> tuple[date, date]:
    """From `window_start` to `window_end` days or months after the anchor."""
    if survey.window_unit == Survey.WindowUnit.MONTHS:
        return add_months(anchor, survey.window_start), add_months(anchor, survey.window_end)
    start, end = timedelta(days=survey.window_start), timedelta(days=survey.window_end)
    return anchor + start, anchor + end


def window_for(survey: Survey, anchor: date) -> tuple[date, date] | None:
    """The answering window of a person whose anchor falls on `anchor`, within the
    survey's own dates; None when nothing of it lies within them."""
    opens, closes = raw_window(survey, anchor)
    opens, closes = max(opens, survey.opens_on), min(closes, survey.closes_on)
    return (opens, closes) if opens <= closes else None


def anchor_range(survey: Survey, today: date) -> tuple[date, date]:
    """The anchors whose window may contain `today`: exact for days, a little wider for
    months (the exact check is `window_for`)."""
    if survey.window_unit == Survey.WindowUnit.MONTHS:
        return (
            add_months(today, -survey.window_end) - MONTH_SLACK,
            add_months(today, -survey.window_start) + MONTH_SLACK,
        )
    return today - timedelta(days=survey.window_end), today - timedelta(days=survey.window_start)


def check_schedule(
    *, schedule: str, mode: str, window_start: int, window_end: int, event=None
) -> None:
    """Refuse a schedule that cannot work or would break a promise, with a clear message."""
    if schedule == Survey.Schedule.CASE_CLOSED and mode == Survey.Mode.IDENTIFIED:
        raise ValidationError(
            _(
                "A survey after counselling cannot be identified: nobody may learn who had "
                "counselling. Choose anonymous or confidential."
            ),
            code="case_identified",
        )
    if window_end < window_start:
        raise ValidationError(
            _("The answering window cannot close before it opens."), code="window_out_of_order"
        )
    if event is not None and schedule != Survey.Schedule.EVENT_ENDED:
        raise ValidationError(
            _("An event can be chosen only for a survey after an event."), code="event_schedule"
        )


# --- who may answer when ---------------------------------------------------------------


def answer_window(survey: Survey, employee: Employee) -> tuple[date, date] | None:
    """The employee's answering window: the survey's dates, or for a person-relative
    survey those of his or her invitation (None when not invited)."""
    if not survey.is_person_relative:
        return survey.opens_on, survey.closes_on
    return (
        SurveyInvitation.objects.filter(survey=survey, employee=employee)
        .values_list("opens_on", "closes_on")
        .first()
    )


def is_invited(survey: Survey, employee: Employee) -> bool:
    return SurveyInvitation.objects.filter(survey=survey, employee=employee).exists()


def open_invitations(employee: Employee, today: date) -> list[SurveyInvitation]:
    """The employee's invitations whose window contains `today`, with their surveys."""
    return list(
        SurveyInvitation.objects.filter(
            employee=employee, opens_on__lte=today, closes_on__gte=today
        ).select_related("survey")
    )


def answered_q(survey: Survey, employee_ref: str = "pk") -> Exists:
    """Whether the employee (an outer reference) has answered: by the receipt for an
    anonymous survey, which is used to remind and to count, never to name anyone. An
    anonymous answer still waiting for its batch has no receipt yet (`_pending_among`)."""
    if survey.mode == Survey.Mode.ANONYMOUS:
        return Exists(
            AnonymousReceipt.objects.filter(survey=survey, employee=OuterRef(employee_ref))
        )
    return Exists(
        Response.objects.filter(
            survey=survey, employee=OuterRef(employee_ref), status=Response.Status.SUBMITTED
        )
    )


# --- the triggers: whom each anchor brings in ---------------------------------------------


def _candidates(survey: Survey, now: datetime) -> dict[int, tuple[int | None, date]]:
    """{employee id: (user id, anchor)} of the audience not yet invited whose window
    contains today, from the trigger of the survey's schedule. One query (two for an
    event: its end, then its participants)."""
    trigger = triggers.trigger_for(survey.schedule)
    if trigger is None:
        return {}
    today = timezone.localtime(now).date()
    low, high = anchor_range(survey, today)
    people = audience(survey).exclude(
        pk__in=SurveyInvitation.objects.filter(survey=survey).values("employee_id")
    )
    rows = trigger.anchors(people=people, low=low, high=high, now=now, subject_id=survey.event_id)
    found = {}
    for pk, user, anchor in rows:
        window = window_for(survey, anchor)
        if window and window[0] <= today <= window[1]:
            found[pk] = (user, anchor)
    return found


def _event_copies(default: Survey, now: datetime) -> int:
    """A survey of its own for each event organised within the default feedback survey's
    owner that ended within its dates and has no feedback survey yet, so that each event's
    answers stay apart. Returns how many were made."""
    trigger = triggers.trigger_for(Survey.Schedule.EVENT_ENDED)
    if trigger is None or trigger.subjects is None:
        return 0
    today = timezone.localtime(now).date()
    low = max(anchor_range(default, today)[0], default.opens_on)
    events = trigger.subjects(
        within=default.owner,
        ended_from=_start_of(low),
        now=now,
        excluding=Survey.objects.filter(event__isnull=False).values("event_id"),
    )
    made = 0
    for event in events:
        anchor = timezone.localtime(event.ended_at).date()
        closes = raw_window(default, anchor)[1]
        if anchor > default.closes_on or closes < today:
            continue
        Survey.objects.create(
            version_id=default.version_id,
            title=f"{default.title}：{event.title}"[:200],
            owner_id=default.owner_id,
            scope_id=default.scope_id,
            staff_categories=default.staff_categories,
            opens_on=anchor,
            closes_on=closes,
            mode=default.mode,
            schedule=Survey.Schedule.EVENT_ENDED,
            window_start=default.window_start,
            window_end=default.window_end,
            window_unit=default.window_unit,
            event_id=event.pk,
            remind_days_before=default.remind_days_before,
            created_by_id=default.created_by_id,
        )
        made += 1
    return made


# --- sending -------------------------------------------------------------------------------


def _title_and_link(survey: Survey) -> tuple[str, str]:
    """What an invitation may say: no title and a link to the list for a survey after
    counselling or after a sensitive event, so that the message itself tells nothing."""
    if survey.is_discreet:
        return "", reverse("surveys:my_surveys")
    return survey.title, reverse("surveys:answer", args=[survey.uuid])


def _send(survey: Survey, template: str, by_closing: dict[date, list[int]]) -> None:
    title, link = _title_and_link(survey)
    for closes, user_ids in sorted(by_closing.items()):
        if user_ids:
            # Who is asked about counselling or a sensitive event is itself personal:
            # the list and the inbox items go once the survey has closed.
            after_closing = timezone.make_aware(
                datetime.combine(closes + timedelta(days=1), time.min)
            )
            notify_later(
                user_ids=user_ids,
                template=template,
                context={"title": title, "closes": closes},
                url=link,
                sensitive=survey.is_discreet,
                expires_at=after_closing if survey.is_discreet else None,
            )


def _person_relative_surveys(today: date):
    return Survey.objects.filter(
        ~Q(schedule=""), opens_on__lte=today, closes_on__gte=today
    ).select_related("scope", "owner", "event")


def invitations_send(*, now: datetime) -> int:
    """Invite, by inbox and e-mail through the worker, everyone whose answering window has
    opened: each person once per survey (a unique row, so a re-run invites nobody twice),
    and the whole audience of a survey for everyone once it opens. Returns how many."""
    today = timezone.localtime(now).date()
    invited = 0
    for default in _person_relative_surveys(today).filter(
        schedule=Survey.Schedule.EVENT_ENDED, event__isnull=True
    ):
        with transaction.atomic():
            _event_copies(default, now)
    for survey in _person_relative_surveys(today).exclude(
        schedule=Survey.Schedule.EVENT_ENDED, event__isnull=True
    ):
        with transaction.atomic():
            found = _candidates(survey, now)
            if not found:
                continue
            rows, by_closing = [], {}
            for pk, (user, anchor) in sorted(found.items()):
                opens, closes = window_for(survey, anchor)
                rows.append(
                    SurveyInvitation(
                        survey=survey,
                        employee_id=pk,
                        opens_on=opens,
                        closes_on=closes,
                        invited_at=now,
                    )
                )
                if user is not None:
                    by_closing.setdefault(closes, []).append(user)
            SurveyInvitation.objects.bulk_create(rows)
            _send(survey, "survey_invitation", by_closing)
        invited += len(rows)
    for survey in Survey.objects.filter(
        schedule="", invited_at__isnull=True, opens_on__lte=today, closes_on__gte=today
    ).select_related("scope"):
        with transaction.atomic():
            if not Survey.objects.filter(pk=survey.pk, invited_at__isnull=True).update(
                invited_at=now
            ):
                continue
            users = list(
                audience(survey).filter(user__isnull=False).values_list("user_id", flat=True)
            )
            _send(survey, "survey_invitation", {survey.closes_on: users})
        invited += len(users)
    return invited


def reminders_send(*, now: datetime) -> int:
    """Remind once, `remind_days_before` days before the (personal) closing day, whoever
    was invited on an earlier day and has not answered. For an anonymous survey "has not
    answered" comes from the receipt; it is used here and shown to nobody."""
    today = timezone.localtime(now).date()
    reminded = 0
    for survey in _person_relative_surveys(today).filter(remind_days_before__gt=0):
        with transaction.atomic():
            due = list(
                SurveyInvitation.objects.filter(
                    survey=survey,
                    reminded_at__isnull=True,
                    closes_on__gte=today,
                    closes_on__lte=today + timedelta(days=survey.remind_days_before),
                    invited_at__lt=_start_of(today),
                )
                .exclude(answered_q(survey, "employee_id"))
                .values_list("pk", "employee__user_id", "closes_on", "employee_id")
            )
            waiting = _pending_among(survey, [row[3] for row in due])
            due = [row[:3] for row in due if row[3] not in waiting]
            if not due:
                continue
            SurveyInvitation.objects.filter(pk__in=[pk for pk, *_ in due]).update(reminded_at=now)
            by_closing: dict[date, list[int]] = {}
            for _pk, user, closes in due:
                if user is not None:
                    by_closing.setdefault(closes, []).append(user)
            _send(survey, "survey_reminder", by_closing)
        reminded += len(due)
    fixed = Survey.objects.filter(
        schedule="",
        reminded_at__isnull=True,
        invited_at__lt=_start_of(today),
        remind_days_before__gt=0,
        closes_on__gte=today,
    ).select_related("scope")
    for survey in fixed:
        if survey.closes_on > today + timedelta(days=survey.remind_days_before):
            continue
        with transaction.atomic():
            if not Survey.objects.filter(pk=survey.pk, reminded_at__isnull=True).update(
                reminded_at=now
            ):
                continue
            rows = list(
                audience(survey)
                .filter(user__isnull=False)
                .exclude(answered_q(survey))
                .values_list("user_id", "pk")
            )
            waiting = _pending_among(survey, [pk for _user, pk in rows])
            users = [user for user, pk in rows if pk not in waiting]
            _send(survey, "survey_reminder", {survey.closes_on: users})
        reminded += len(users)
    return reminded


def _pending_among(survey: Survey, employee_ids: list[int]) -> set[int]:
    """Those of `employee_ids` whose anonymous answer waits for its batch (decision 0019):
    answered, though no receipt says so yet."""
    if survey.mode != Survey.Mode.ANONYMOUS or not employee_ids:
        return set()
    if not PendingAnswer.objects.filter(survey=survey).exists():
        return set()
    people = Employee.objects.filter(pk__in=employee_ids).only("pk", "uuid")
    return ballots.pending_employees(survey, people)


def _start_of(day: date) -> datetime:
    return timezone.make_aware(datetime.combine(day, datetime.min.time()))
