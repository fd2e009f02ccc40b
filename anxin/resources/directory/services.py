"""What changes the directory: entries written, verified and removed (decision 0049).
Each write keeps the search index in step in the same transaction (search.py)."""

from dataclasses import dataclass, field, fields
from datetime import date, timedelta
from decimal import Decimal

from django.db import transaction

from anxin.core.locking import save_versioned
from anxin.people.models import OrgUnit, User
from anxin.resources.directory import search
from anxin.resources.directory.hours import Opening
from anxin.resources.directory.models import DirectoryMap, OpeningHours, Organisation, Service


@dataclass(frozen=True)
class EntryData:
    """What an entry says, as a form or an import row gives it (validated already)."""

    organisation: str
    name: str
    description: str = ""
    service_area: str = ""
    category: str = ""
    eligibility: str = ""
    phone: str = ""
    email: str = ""
    url: str = ""
    accessibility: str = ""
    languages: str = ""
    address: str = ""
    district: str = ""
    latitude: Decimal | None = None
    longitude: Decimal | None = None
    hours: tuple[Opening, ...] = field(default=())


# The entry's own columns among EntryData's fields.
COLUMNS = tuple(f.name for f in fields(EntryData) if f.name not in {"organisation", "hours"})


def _organisation(authority_id: int, name: str) -> Organisation:
    organisation, _ = Organisation.objects.get_or_create(authority_id=authority_id, name=name)
    return organisation


def _tokens(service: Service, organisation: str) -> str:
    return search.tokens(
        service.name,
        organisation,
        service.description,
        service.category,
        service.eligibility,
        service.address,
        service.district,
        service.languages,
    )


def _write_hours(service: Service, hours: tuple[Opening, ...]) -> None:
    service.hours.all().delete()
    OpeningHours.objects.bulk_create(
        OpeningHours(
            service=service, weekday=o.weekday, opens=o.opens, closes=o.closes, note=o.note
        )
        for o in hours
    )


@transaction.atomic
def service_create(
    *, authority: OrgUnit, agency: OrgUnit, owner: User, data: EntryData, verified_on: date
) -> Service:
    service = Service(
        authority=authority,
        agency=agency,
        owner=owner,
        organisation=_organisation(authority.pk, data.organisation),
        last_verified=verified_on,
        **{name: getattr(data, name) for name in COLUMNS},
    )
    service.search_tokens = _tokens(service, data.organisation)
    service.save()
    _write_hours(service, data.hours)
    search.index_service(service)
    return service


@transaction.atomic
def service_update(
    *,
    service: Service,
    expected_version: int,
    data: EntryData,
    agency: OrgUnit,
    owner: User,
    verified_on: date,
) -> Service:
    """Save the entry as edited; saving it is verifying it (its owner or editor read it
    through). Refused (StaleEdit) if someone saved it after `expected_version`."""
    for name in COLUMNS:
        setattr(service, name, getattr(data, name))
    service.organisation = _organisation(service.authority_id, data.organisation)
    service.agency, service.owner = agency, owner
    service.last_verified, service.reminded_on = verified_on, None
    service.search_tokens = _tokens(service, data.organisation)
    save_versioned(
        service,
        expected_version=expected_version,
        fields=[
            *COLUMNS,
            "organisation",
            "agency",
            "owner",
            "last_verified",
            "reminded_on",
            "search_tokens",
        ],
    )
    _write_hours(service, data.hours)
    search.index_service(service)
    return service


@transaction.atomic
def service_verify(*, service: Service, on: date) -> Service:
    """The entry was checked and is still right: its last-verified date is `on`."""
    Service.objects.filter(pk=service.pk).update(last_verified=on, reminded_on=None)
    service.last_verified, service.reminded_on = on, None
    return service


@transaction.atomic
def service_delete(*, service: Service) -> None:
    search.unindex_service(service.pk)
    service.delete()


# A plan in force "until amended" has no period to renew the entries in: an entry is then
# due once a year.
LONGEST_UNVERIFIED = timedelta(days=365)


def verify_due_since(plan_start: date | None, today: date) -> date:
    """Entries last verified before this day are due: those not verified in the plan's
    period (since it started), and in any case those not verified for a year."""
    year_ago = today - LONGEST_UNVERIFIED
    return year_ago if plan_start is None else max(plan_start, year_ago)


def stale_services(*, authority_id: int, since: date):
    """The entries of the authority not verified since `since`, with their owners."""
    return (
        Service.objects.filter(authority_id=authority_id, last_verified__lt=since)
        .select_related("owner")
        .order_by("owner_id", "name")
    )


@transaction.atomic
def directory_map_save(*, authority: OrgUnit, tile_url: str, attribution: str) -> DirectoryMap:
    settings, _ = DirectoryMap.objects.update_or_create(
        authority=authority, defaults={"tile_url": tile_url, "attribution": attribution}
    )
    return settings
