"""The employee's access log in plain words: who read which kind of record of his or her
file, for what, grouped into one line per look (decision 0036).

A look is the rows of one reader, acting in one role, for one purpose, with one outcome,
within one minute: opening a case page writes a row per sealed field (nine for a request
and a session record), and the employee wants to know that the counsellor opened the file
then, not which fields the page holds. A line says what the look read (each kind of
record, and how many records of it) and how many rows it stands for, so that every row
stays counted.

The page costs the same whatever the size of the log: a COUNT and a SELECT of the page's
looks, one SELECT of what those looks read, the looks that stand out (disclosures and
emergency reads, always shown, whatever the page or the filters) with what they read and
the facts their apps give, the number of the employee's own reads and the kinds and roles
to filter by.
"""

import hashlib
import uuid
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from django import forms
from django.core.paginator import Page
from django.db.models import Count, Max, Min, QuerySet
from django.db.models.functions import TruncMinute
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext, ngettext, pgettext
from django.utils.translation import gettext_lazy as _

from anxin.core import access_terms
from anxin.core.access_terms import DISCLOSURE, EMERGENCY, Fact
from anxin.core.models import AccessLog
from anxin.core.paging import page_of
from anxin.people.choices import Role

# What makes rows one look (besides the minute) and what a line shows of its reader.
LOOK = ("actor_id", "actor_label", "actor_role", "purpose", "outcome")
READER = ("actor__display_name",)
PER_PAGE = 50
PERIODS = {"30": 30, "90": 90, "365": 365}


class AccessLogFilter(forms.Form):
    """The page's filters, all optional; a value the form does not know is ignored."""

    kind = forms.ChoiceField(label=_("Kind of record"), required=False)
    role = forms.ChoiceField(label=_("Reader's role"), required=False)
    period = forms.ChoiceField(
        label=_("Time span"),
        required=False,
        choices=[
            ("", _("Any time")),
            ("30", _("The last 30 days")),
            ("90", _("The last 3 months")),
            ("365", _("The last 12 months")),
        ],
    )
    own = forms.BooleanField(label=_("Also show your own looks at your file"), required=False)

    def __init__(self, data, *, kinds: list[tuple[str, str]], roles: list[tuple[str, str]]):
        super().__init__(data)
        self.fields["kind"].choices = [("", _("Every kind")), *kinds]
        self.fields["role"].choices = [("", _("Every role")), *roles]

    def value(self, name: str):
        """The field's clean value, or its empty value when that field is not valid."""
        if name in self.errors or not self.is_bound:
            return self.fields[name].to_python("")
        return self.cleaned_data.get(name)


@dataclass
class Look:
    """One line of the page."""

    last_at: datetime
    reader: str
    role: str
    own: bool
    system: bool
    purpose: access_terms.Purpose
    outcome: str
    rows: int
    read: list[tuple[str, int]] = field(default_factory=list)  # (kind, records)
    facts: list[Fact] = field(default_factory=list)

    @property
    def month(self) -> date:
        local = timezone.localtime(self.last_at)
        return date(local.year, local.month, 1)

    @property
    def stands_out(self) -> str:
        return self.purpose.stands_out

    @property
    def what(self) -> str:
        """「晤談紀錄（3 筆）、諮商申請」: each kind read, with its number of records."""
        parts = [
            kind
            if records == 1
            else ngettext("%(kind)s (%(count)d record)", "%(kind)s (%(count)d records)", records)
            % {"kind": kind, "count": records}
            for kind, records in self.read
        ]
        return pgettext("list separator", ", ").join(parts) or gettext("a record")

    @property
    def headline(self) -> str:
        """Who did what to which records: 「心理師閱讀晤談紀錄」."""
        who = gettext("You") if self.own else self.role or self.reader
        values = {"who": who, "what": self.what}
        if self.outcome == AccessLog.Outcome.DENIED:
            return gettext("%(who)s asked to read %(what)s and was refused") % values
        if self.outcome == AccessLog.Outcome.UNREADABLE:
            return gettext("%(who)s opened %(what)s, which could not be opened") % values
        if self.stands_out == DISCLOSURE:
            return gettext("%(who)s recorded %(what)s") % values
        return gettext("%(who)s read %(what)s") % values


@dataclass
class AccessLogPage:
    page: Page
    looks: list[Look]
    standing_out: list[Look]
    own_rows: int
    form: AccessLogFilter

    @property
    def filtered(self) -> bool:
        return any(self.form.value(name) for name in ("kind", "role", "period"))


def _token(code: str) -> str:
    """A filter's value for a code: short, stable, and no internal name in the page."""
    return hashlib.blake2s(code.encode(), digest_size=4).hexdigest()


def _role_label(code: str) -> str:
    return str(Role(code).label) if code in Role.values else ""


def _reader(values: dict) -> tuple[str, bool]:
    """The reader's name as a user is named everywhere (`User.__str__`), and whether the
    reader is Anxin itself (a job)."""
    if values["actor_id"] is None:
        return gettext("Anxin (an automatic task)"), True
    return values["actor__display_name"] or values["actor_label"], False


def _looks(rows: QuerySet) -> QuerySet:
    return (
        rows.annotate(minute=TruncMinute("at"))
        .values("minute", *LOOK, *READER)
        .annotate(first_id=Min("id"), last_id=Max("id"), last_at=Max("at"), rows=Count("id"))
        .order_by("-last_id")
    )


def _key(values: dict) -> tuple:
    return (values["minute"], *(values[name] for name in LOOK))


def _fill(rows: QuerySet, groups: list[dict], user, *, with_facts: bool = False) -> list[Look]:
    """Turn grouped rows into lines, with what each read (one query; two with facts)."""
    if not groups:
        return []
    low = min(group["first_id"] for group in groups)
    high = max(group["last_id"] for group in groups)
    within = rows.filter(id__gte=low, id__lte=high).annotate(minute=TruncMinute("at"))
    read: dict[tuple, dict[str, int]] = {}
    for values in (
        within.values("minute", *LOOK, "record_type")
        .annotate(records=Count("record_uuid", distinct=True))
        .order_by("record_type")
    ):
        kinds = read.setdefault(_key(values), {})
        name = str(access_terms.record_kind_name(values["record_type"]))
        kinds[name] = kinds.get(name, 0) + values["records"]
    facts: dict[tuple, list[Fact]] = {}
    if with_facts:
        records = list(within.values("minute", *LOOK, "record_type", "record_uuid").distinct())
        described = access_terms.describe((r["record_type"], r["record_uuid"]) for r in records)
        for values in records:
            facts.setdefault(_key(values), []).extend(described.get(values["record_uuid"], []))
    looks = []
    for group in groups:
        reader, system = _reader(group)
        looks.append(
            Look(
                last_at=group["last_at"],
                reader=reader,
                role=_role_label(group["actor_role"]),
                own=group["actor_id"] == user.pk,
                system=system,
                purpose=access_terms.purpose_of(group["purpose"]),
                outcome=group["outcome"],
                rows=group["rows"],
                read=sorted(read.get(_key(group), {}).items()),
                facts=facts.get(_key(group), []),
            )
        )
    return looks


def access_log_page(request: HttpRequest, subject_uuid: uuid.UUID) -> AccessLogPage:
    """The page of looks at the file of `subject_uuid` that the request asks for."""
    mine = AccessLog.objects.filter(subject_uuid=subject_uuid)
    kinds = {
        _token(code): code
        for code in mine.values_list("record_type", flat=True).distinct().order_by()
    }
    roles = {
        _token(code): code
        for code in mine.values_list("actor_role", flat=True).distinct().order_by()
        if _role_label(code)
    }
    form = AccessLogFilter(
        request.GET,
        kinds=sorted(
            ((token, str(access_terms.record_kind_name(code))) for token, code in kinds.items()),
            key=lambda pair: pair[1],
        ),
        roles=[(token, _role_label(code)) for token, code in roles.items()],
    )
    form.is_valid()

    rows = mine
    if not form.value("own"):
        # exclude() keeps the rows with no actor (Anxin's own jobs).
        rows = rows.exclude(actor_id=request.user.pk)
    if form.value("kind"):
        rows = rows.filter(record_type=kinds[form.value("kind")])
    if form.value("role"):
        rows = rows.filter(actor_role=roles[form.value("role")])
    if form.value("period") in PERIODS:
        rows = rows.filter(at__gte=timezone.now() - timedelta(days=PERIODS[form.value("period")]))

    page = page_of(request, _looks(rows), per_page=PER_PAGE)
    looks = _fill(rows, list(page.object_list), request.user)

    outstanding = mine.filter(
        purpose__in=access_terms.standing_out(DISCLOSURE) + access_terms.standing_out(EMERGENCY)
    )
    standing_out = _fill(outstanding, list(_looks(outstanding)), request.user, with_facts=True)
    own_rows = mine.filter(actor_id=request.user.pk).count()
    return AccessLogPage(
        page=page, looks=looks, standing_out=standing_out, own_rows=own_rows, form=form
    )
