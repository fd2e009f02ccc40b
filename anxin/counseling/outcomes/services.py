"""What changes an outcome measure: offered when a case opens, answered (with consent) by
the employee at the start and at the close, withdrawn; the closing answer reminded once
and lapsing when it does not come; and the change of a complete pair added to the yearly
tally (decisions 0072, 0079).

The measure's items and scoring are the self-tests' instrument, reached through the
kernel's registry (`anxin.core.measures`): counselling does not import the self-tests.
"""

from datetime import datetime, timedelta
from fractions import Fraction

from django.db import transaction
from django.db.models import F
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from anxin.core.access_terms import CorePurpose
from anxin.core.audit import read_sealed_fields
from anxin.core.measures import measure
from anxin.core.notifications import language_of, notify
from anxin.core.refusals import Refused
from anxin.core.roc import format_long
from anxin.core.sealed import seal_into
from anxin.counseling.outcomes.models import OutcomeMeasure, OutcomeTally

NOT_AWAITED = _("This questionnaire is not waiting for an answer.")
NO_CONSENT = _("Please tick the statement to give your consent, or choose not to answer.")


def _notify_employee(case, subject, body) -> None:
    if case.employee.user is not None:
        # Inbox only, like every counselling notice: a work address may be read by others.
        notify(
            recipients=[case.employee.user],
            template="generic",
            context={"subject": subject, "body": body},
            url=reverse("counseling:my_requests"),
            email=False,
        )


def outcome_offer(*, case) -> OutcomeMeasure | None:
    """Offer the plan's measure (`outcomes.instrument`, WHO-5 by default: decision 0079)
    on a case just opened from an employee's own request (a case from a crisis or
    non-voluntary flow is not asked: decision 0072). None when the plan offers none or no
    app provides the instrument."""
    settings = case.plan.outcome_settings
    if not settings.offered:
        return None
    definition = measure(settings.instrument)
    if definition is None:
        return None
    item = OutcomeMeasure.objects.create(
        case=case, instrument=settings.instrument, instrument_version=definition.version
    )
    _notify_employee(
        case,
        _("A short well-being questionnaire for your counselling"),
        _(
            "You may answer a few questions on your well-being now and again when your "
            "counselling ends. It is up to you."
        ),
    )
    return item


def outcome_close_offer(*, case) -> None:
    """At the case's close: ask for the closing answer if the start was answered; an
    offer never answered lapses."""
    item = OutcomeMeasure.objects.select_for_update().filter(case=case).first()
    if item is None:
        return
    if item.status == OutcomeMeasure.Status.STARTED:
        item.status = OutcomeMeasure.Status.CLOSING
        item.closing_asked_at = timezone.now()
        item.save(update_fields=["status", "closing_asked_at"])
        _notify_employee(
            case,
            _("Your counselling has ended: the well-being questionnaire once more"),
            _(
                "Your counselling case has been closed. You may answer the well-being "
                "questions once more, so that the change can be seen."
            ),
        )
    elif item.status == OutcomeMeasure.Status.OFFERED:
        item.status = OutcomeMeasure.Status.LAPSED
        item.save(update_fields=["status"])


def _closing_deadlines(item: OutcomeMeasure) -> tuple[datetime, datetime]:
    """When the closing answer is reminded and when it lapses, by the case's plan."""
    settings = item.case.plan.outcome_settings
    asked = item.closing_asked_at
    return (
        asked + timedelta(days=settings.remind_after_days),
        asked + timedelta(days=settings.lapse_after_days),
    )


def outcome_remind(*, item: OutcomeMeasure, now: datetime) -> bool:
    """Remind the employee once of the closing answer: the row is claimed by a
    conditional UPDATE in the transaction that queues the notice, so two runs (two
    workers) never both send. Inbox and e-mail say only that a questionnaire waits and
    until when: no score, no answer, no case."""
    _reminder_on, lapse_on = _closing_deadlines(item)
    with transaction.atomic():
        claimed = OutcomeMeasure.objects.filter(
            pk=item.pk, status=OutcomeMeasure.Status.CLOSING, reminded_at__isnull=True
        ).update(reminded_at=now)
        if not claimed:
            return False
        user = item.case.employee.user
        if user is None or not user.is_active:
            return True
        with translation.override(language_of(user)):
            subject = gettext("Reminder: a short questionnaire is waiting for you")
            body = gettext(
                "You may answer it on the page My counselling requests until %(day)s. "
                "Answering is up to you."
            ) % {"day": format_long(timezone.localdate(lapse_on))}
        notify(
            recipients=[user],
            template="generic",
            context={"subject": subject, "body": body},
            url=reverse("counseling:my_requests"),
        )
    return True


def outcome_expire(*, item: OutcomeMeasure) -> bool:
    """The closing answer did not come in time: the request leaves the employee's page
    and nothing is counted (the start stays sealed on the case for its counsellor)."""
    return bool(
        OutcomeMeasure.objects.filter(pk=item.pk, status=OutcomeMeasure.Status.CLOSING).update(
            status=OutcomeMeasure.Status.EXPIRED
        )
    )


def outcomes_due(*, now: datetime) -> tuple[int, int]:
    """Remind the closing answers due a reminder (once) and lapse those past their plan's
    limit; how many of each. Running twice changes nothing."""
    reminded = expired = 0
    waiting = (
        OutcomeMeasure.objects.filter(
            status=OutcomeMeasure.Status.CLOSING, closing_asked_at__isnull=False
        )
        .select_related("case__plan", "case__employee__user")
        .order_by("pk")
    )
    for item in waiting:
        remind_on, lapse_on = _closing_deadlines(item)
        if now >= lapse_on:
            expired += outcome_expire(item=item)
        elif now >= remind_on and item.reminded_at is None:
            reminded += outcome_remind(item=item, now=now)
    return reminded, expired


def change_of(definition, start: float, close: float) -> str:
    """improved / unchanged / worse by the score's meaningful change (a change of exactly
    that many points counts); without one, any change counts."""
    threshold = definition.scores[0].meaningful_change or 0
    change = Fraction(str(close)) - Fraction(str(start))
    if change != 0 and abs(change) >= Fraction(str(threshold)):
        return OutcomeTally.Change.IMPROVED if change > 0 else OutcomeTally.Change.WORSE
    return OutcomeTally.Change.UNCHANGED


def _tally_add(*, case, instrument: str, change: str, amount: float) -> None:
    keys = {
        "authority_id": case.plan.authority_id,
        "year": case.closed_on.year,
        "instrument": instrument,
        "change": change,
    }
    OutcomeTally.objects.get_or_create(**keys)
    OutcomeTally.objects.filter(**keys).update(
        pairs=F("pairs") + 1, change_sum=F("change_sum") + amount
    )


@transaction.atomic
def outcome_answer(
    *, item: OutcomeMeasure, answers: dict[str, int], consent: bool, actor
) -> OutcomeMeasure:
    """The employee's answer at the start (with consent) or at the close. The closing
    answer completes the pair: its change is added to the yearly tally at once, and the
    tally keeps nothing that leads back to the case."""
    item = OutcomeMeasure.objects.select_for_update().select_related("case__plan").get(pk=item.pk)
    if not item.awaits_answer or (item.phase == "start" and item.case.is_closed):
        raise Refused("not_awaited", NOT_AWAITED)
    if item.phase == "start" and not consent:
        raise Refused("no_consent", NO_CONSENT)
    definition = measure(item.instrument)
    outcome = definition.score(answers)
    score = round(float(outcome.scores[definition.scores[0].key]), 2)
    now = timezone.now()
    value = {"answers": dict(answers), "score": score}
    if item.phase == "start":
        seal_into(item, "start", value)
        item.consented_at = item.start_at = now
        item.status = OutcomeMeasure.Status.STARTED
        item.save(update_fields=["start", "consented_at", "start_at", "status"])
        return item
    start = read_sealed_fields(
        item,
        ("start",),
        actor=actor,
        purpose=CorePurpose.SELF_VIEW,
        subject_uuid=item.case.employee.uuid,
    )["start"]
    seal_into(item, "close", value)
    item.close_at = now
    item.status = OutcomeMeasure.Status.COMPLETE
    item.save(update_fields=["close", "close_at", "status"])
    if isinstance(start, dict):  # a start that no longer opens is not counted
        _tally_add(
            case=item.case,
            instrument=item.instrument,
            change=change_of(definition, start["score"], score),
            amount=score - start["score"],
        )
    return item


@transaction.atomic
def outcome_decline(*, item: OutcomeMeasure) -> OutcomeMeasure:
    """Not now, not ever for this case: nothing more is asked."""
    item = OutcomeMeasure.objects.select_for_update().get(pk=item.pk)
    if not item.awaits_answer:
        raise Refused("not_awaited", NOT_AWAITED)
    item.status = OutcomeMeasure.Status.DECLINED
    item.save(update_fields=["status"])
    return item


@transaction.atomic
def outcome_withdraw(*, item: OutcomeMeasure) -> OutcomeMeasure:
    """Withdraw consent: the answers are erased from the case and nothing more is asked. A
    change already counted stays in the yearly tally, which cannot tell it apart."""
    item = OutcomeMeasure.objects.select_for_update().get(pk=item.pk)
    if item.consented_at is None or item.status == OutcomeMeasure.Status.WITHDRAWN:
        raise Refused("not_awaited", NOT_AWAITED)
    item.start = item.close = ""
    item.status = OutcomeMeasure.Status.WITHDRAWN
    item.save(update_fields=["start", "close", "status"])
    return item


def outcome_read(*, item: OutcomeMeasure, actor, role: str, purpose: str) -> dict:
    """The pair ({"start": {...} or "", "close": ...}), each read logged against the
    employee's file."""
    return read_sealed_fields(
        item,
        OutcomeMeasure.SEALED,
        actor=actor,
        role=role,
        purpose=purpose,
        subject_uuid=item.case.employee.uuid,
    )


def case_outcome(*, case, actor, role: str, purpose: str) -> dict | None:
    """What the case page shows of the measure: the item, the two scores when answered
    (a logged read of each) and their change; None when the case was offered none."""
    item = OutcomeMeasure.objects.filter(case=case).first()
    if item is None:
        return None
    pair = {"start": "", "close": ""}
    if item.start or item.close:
        pair = outcome_read(item=item, actor=actor, role=role, purpose=purpose)
    start, close = pair["start"], pair["close"]
    change = ""
    if isinstance(start, dict) and isinstance(close, dict):
        change = f"{close['score'] - start['score']:+g}"
    return {
        "item": item,
        "start": start if isinstance(start, dict) else {},
        "close": close if isinstance(close, dict) else {},
        "change": change,
    }
