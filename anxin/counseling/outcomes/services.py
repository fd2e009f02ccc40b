"""What changes an outcome measure: offered when a case opens, answered (with consent) by
the employee at the start and at the close, withdrawn; and the change of a complete pair
added to the yearly tally (decision 0072).

The measure's items and scoring are the self-tests' instrument, reached through the
kernel's registry (`anxin.core.measures`): counselling does not import the self-tests.
"""

from fractions import Fraction

from django.db import transaction
from django.db.models import F
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from anxin.core.access_terms import CorePurpose
from anxin.core.audit import read_sealed_fields
from anxin.core.measures import measure
from anxin.core.notifications import notify
from anxin.core.refusals import Refused
from anxin.core.sealed import seal_into
from anxin.counseling.outcomes.models import OutcomeMeasure, OutcomeTally

# The measure every case offers. WHO-5: five items, public domain, and a published
# meaningful change (10 points on 0-100, FACTS.md), which the tally's rule uses.
INSTRUMENT = "who5"

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
    """Offer the measure on a case just opened from an employee's own request (a case
    from a crisis or non-voluntary flow is not asked: decision 0072). None when no app
    provides the instrument."""
    definition = measure(INSTRUMENT)
    if definition is None:
        return None
    item = OutcomeMeasure.objects.create(
        case=case, instrument=INSTRUMENT, instrument_version=definition.version
    )
    _notify_employee(
        case,
        _("A short well-being questionnaire for your counselling"),
        _(
            "You may answer five questions on your well-being now and again when your "
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
        item.save(update_fields=["status"])
        _notify_employee(
            case,
            _("Your counselling has ended: the well-being questionnaire once more"),
            _(
                "Your counselling case has been closed. You may answer the five "
                "well-being questions once more, so that the change can be seen."
            ),
        )
    elif item.status == OutcomeMeasure.Status.OFFERED:
        item.status = OutcomeMeasure.Status.LAPSED
        item.save(update_fields=["status"])


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
