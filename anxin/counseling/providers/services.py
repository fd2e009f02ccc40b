"""What changes state for external providers and group requests, and the monthly
statement. Keyword-only, atomic; nothing here reads or writes clinical text."""

from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import ROUND_HALF_UP, Decimal

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from anxin.core.locking import save_versioned
from anxin.core.notifications import notify
from anxin.core.refusals import Refused
from anxin.core.roc import roc_year
from anxin.counseling.models import SessionRecord
from anxin.counseling.policies import role_holders
from anxin.counseling.providers.models import (
    ContractRate,
    GroupRequest,
    Provider,
    ProviderAdmin,
    ProviderCounselor,
)
from anxin.people.models import User
from anxin.people.roles import Role

NOT_SCHEDULED = _("Only a scheduled session takes an outcome.")

# --- providers ------------------------------------------------------------------------------


@transaction.atomic
def provider_create(*, authority, name: str, contract_start: date, contract_end: date) -> Provider:
    return Provider.objects.create(
        authority=authority, name=name, contract_start=contract_start, contract_end=contract_end
    )


@transaction.atomic
def provider_update(
    *,
    provider: Provider,
    name: str,
    contract_start: date,
    contract_end: date,
    expected_version: int,
) -> Provider:
    """Refused with StaleEdit if someone saved the provider meanwhile."""
    provider.name, provider.contract_start, provider.contract_end = (
        name,
        contract_start,
        contract_end,
    )
    save_versioned(
        provider,
        expected_version=expected_version,
        fields=["name", "contract_start", "contract_end"],
    )
    return provider


@transaction.atomic
def provider_counselor_add(*, provider: Provider, user: User) -> ProviderCounselor:
    if ProviderCounselor.objects.filter(user=user).exists():
        raise Refused(
            "counselor_taken", _("This counsellor already works for an external provider.")
        )
    return ProviderCounselor.objects.create(provider=provider, user=user)


@transaction.atomic
def provider_counselor_remove(*, provider: Provider, user_id: int) -> None:
    ProviderCounselor.objects.filter(provider=provider, user_id=user_id).delete()


@transaction.atomic
def provider_admin_add(*, provider: Provider, user: User) -> ProviderAdmin:
    if ProviderAdmin.objects.filter(user=user).exists():
        raise Refused("admin_taken", _("This person already administers an external provider."))
    return ProviderAdmin.objects.create(provider=provider, user=user)


@transaction.atomic
def provider_admin_remove(*, provider: Provider, user_id: int) -> None:
    ProviderAdmin.objects.filter(provider=provider, user_id=user_id).delete()


@transaction.atomic
def rate_create(
    *, provider: Provider, mode: str, hourly_rate: int, valid_from: date, valid_to: date | None
) -> ContractRate:
    return ContractRate.objects.create(
        provider=provider,
        mode=mode,
        hourly_rate=hourly_rate,
        valid_from=valid_from,
        valid_to=valid_to,
    )


@transaction.atomic
def rate_update(
    *,
    rate: ContractRate,
    mode: str,
    hourly_rate: int,
    valid_from: date,
    valid_to: date | None,
    expected_version: int,
) -> ContractRate:
    """Refused with StaleEdit if someone saved the rate meanwhile."""
    rate.mode, rate.hourly_rate, rate.valid_from, rate.valid_to = (
        mode,
        hourly_rate,
        valid_from,
        valid_to,
    )
    save_versioned(
        rate,
        expected_version=expected_version,
        fields=["mode", "hourly_rate", "valid_from", "valid_to"],
    )
    return rate


# --- timetable and statement -------------------------------------------------------------------


def month_bounds(year: int, month: int) -> tuple[datetime, datetime]:
    """The first instant of the month and of the next one, in local time."""
    start = timezone.make_aware(datetime(year, month, 1))
    following = date(year + month // 12, month % 12 + 1, 1)
    return start, timezone.make_aware(datetime.combine(following, datetime.min.time()))


def provider_sessions(*, provider: Provider, year: int, month: int):
    """The month's sessions recorded for the provider (by its counsellors while they
    worked for it) on cases of its authority: only what a timetable and a statement need
    (codes, times, lengths), never the sealed columns. One query."""
    start, end = month_bounds(year, month)
    return (
        SessionRecord.objects.filter(
            provider=provider,
            case__plan__authority_id=provider.authority_id,
            held_at__gte=start,
            held_at__lt=end,
        )
        .select_related("case__counselor")
        .only(
            "uuid",
            "held_at",
            "minutes",
            "mode",
            "case__code",
            "case__counselor__username",
            "case__counselor__display_name",
        )
        .order_by("held_at", "pk")
    )


HOUR = Decimal(60)
CENT = Decimal("0.01")
DOLLAR = Decimal(1)


@dataclass
class StatementRow:
    code: str
    rate: int | None
    dates: list[date] = field(default_factory=list)
    minutes: int = 0
    amount: Decimal = Decimal(0)

    @property
    def count(self) -> int:
        return len(self.dates)

    @property
    def hours(self) -> Decimal:
        return (Decimal(self.minutes) / HOUR).quantize(CENT, ROUND_HALF_UP)


@dataclass
class Statement:
    provider: Provider
    year: int
    month: int
    rows: list[StatementRow]

    # Every total is the sum of the figures its column shows (decision 0040): the hours
    # of the rows as rounded, not the exact minutes rounded once more.

    @property
    def count(self) -> int:
        return sum(row.count for row in self.rows)

    @property
    def minutes(self) -> int:
        return sum(row.minutes for row in self.rows)

    @property
    def hours(self) -> Decimal:
        return sum((row.hours for row in self.rows), Decimal(0))

    @property
    def amount(self) -> Decimal:
        return sum((row.amount for row in self.rows), Decimal(0))

    @property
    def unrated(self) -> int:
        """Sessions for which no contract rate was in force: listed, not paid."""
        return sum(row.count for row in self.rows if row.rate is None)

    @property
    def roc_month(self) -> str:
        return f"{roc_year(self.year)}/{self.month:02d}"


def statement_for(*, provider: Provider, year: int, month: int) -> Statement:
    """The month's statement by case code: one row per case and rate, each session paid
    at the rate of its mode in force on its day, the amount worked out from the row's
    exact minutes (shown beside it) and rounded to whole NT$ per row.
    Two queries whatever the number of sessions."""
    rates = list(ContractRate.objects.filter(provider=provider).order_by("valid_from", "pk"))
    rows: dict[tuple[str, int | None], StatementRow] = {}
    for session in provider_sessions(provider=provider, year=year, month=month):
        day = timezone.localtime(session.held_at).date()
        rate = next(
            (r.hourly_rate for r in reversed(rates) if r.mode == session.mode and r.covers(day)),
            None,
        )
        row = rows.setdefault((session.case.code, rate), StatementRow(session.case.code, rate))
        row.dates.append(day)
        row.minutes += session.minutes
    for row in rows.values():
        if row.rate is not None:
            row.amount = (Decimal(row.minutes) * row.rate / HOUR).quantize(DOLLAR, ROUND_HALF_UP)
    ordered = sorted(rows.values(), key=lambda r: (r.code, r.rate is None, r.rate or 0))
    return Statement(provider=provider, year=year, month=month, rows=ordered)


# --- group and management-consultation requests ------------------------------------------------


@transaction.atomic
def group_request_submit(
    *,
    requester: User,
    role: str,
    unit,
    kind: str,
    topic: str,
    preferred_from: date,
    preferred_to: date,
    expected_participants: int,
) -> GroupRequest:
    """Store the request and tell the coordinators above the unit that one is waiting
    (no unit, no topic in the message)."""
    item = GroupRequest.objects.create(
        requested_by=requester,
        requested_as=role,
        unit=unit,
        kind=kind,
        topic=topic,
        preferred_from=preferred_from,
        preferred_to=preferred_to,
        expected_participants=expected_participants,
    )
    notify(
        recipients=role_holders(Role.INTAKE, unit),
        template="generic",
        context={
            "subject": _("A new group or consultation request is waiting"),
            "body": _("A unit has asked for a group session or a management consultation."),
        },
        url=item.get_absolute_url(),
    )
    return item


def _tell_requester(item: GroupRequest, subject) -> None:
    notify(
        recipients=[item.requested_by],
        template="generic",
        context={"subject": subject},
        url=item.get_absolute_url(),
        email=False,
    )


@transaction.atomic
def group_request_schedule(
    *,
    item: GroupRequest,
    scheduled_at: datetime,
    place: str,
    counselor: User | None,
    provider: Provider | None,
    expected_version: int,
) -> GroupRequest:
    if item.status not in (GroupRequest.Status.REQUESTED, GroupRequest.Status.SCHEDULED):
        raise Refused(
            "has_outcome", _("A session whose outcome is recorded cannot be rescheduled.")
        )
    if (counselor is None) == (provider is None):
        raise ValueError("a session is led by a counsellor or by a provider")
    item.scheduled_at, item.place = scheduled_at, place
    item.counselor, item.provider = counselor, provider
    item.status = GroupRequest.Status.SCHEDULED
    save_versioned(
        item,
        expected_version=expected_version,
        fields=["scheduled_at", "place", "counselor", "provider", "status"],
    )
    _tell_requester(item, _("Your group or consultation request has been scheduled"))
    return item


@transaction.atomic
def group_request_record_outcome(
    *, item: GroupRequest, held: bool, attendance: int | None, expected_version: int
) -> GroupRequest:
    """Held with a head count, or not held. Names of those who came are never taken."""
    if item.status != GroupRequest.Status.SCHEDULED:
        raise Refused("not_scheduled", NOT_SCHEDULED)
    if held and not attendance:
        raise ValueError("a held session has an attendance of at least one")
    item.status = GroupRequest.Status.HELD if held else GroupRequest.Status.NOT_HELD
    item.attendance = attendance if held else None
    save_versioned(item, expected_version=expected_version, fields=["status", "attendance"])
    _tell_requester(item, _("The outcome of your group or consultation request is recorded"))
    return item
