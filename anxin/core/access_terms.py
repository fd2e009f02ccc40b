"""The access log's codes in words a person reads, without the kernel naming any app.

A row of the access log keeps codes: the record's `app_label.model`, the purpose the
reader gave (`care`, `self_view`, ...). The employee's page "who read my file" shows them
in words, found here:

- a record kind's name is the model's translated `verbose_name`, through Django's app
  registry (`record_kind_name`), so that core imports no app;
- a purpose's words come from the app that reads for that purpose: each app declares its
  purposes as translated choices in its own `access_terms.py`, found by autodiscovery
  (`access_purposes(Choices, disclosure=..., emergency=...)`), and says which of them a
  person must not miss (a disclosure, an emergency read);
- an app may also describe its records in a few facts a person may see (a disclosure's
  recipient, what was given and on what basis): `record_facts(label, describer)`, one query
  per kind of record, whatever the number of rows.

A code that nobody declared reads as "another purpose" or "a record": never as the code.
"""

import uuid
from collections.abc import Callable, Collection, Iterable
from dataclasses import dataclass

from django.apps import apps
from django.core.exceptions import ImproperlyConfigured
from django.db import models
from django.utils.module_loading import autodiscover_modules
from django.utils.translation import gettext_lazy as _

# How a purpose stands out on the employee's page.
DISCLOSURE = "disclosure"
EMERGENCY = "emergency"


class CorePurpose(models.TextChoices):
    """The one purpose every app shares: the person looks at his or her own file."""

    SELF_VIEW = "self_view", _("Your own look at your file")


@dataclass(frozen=True)
class Purpose:
    code: str
    label: str  # translated (lazily)
    stands_out: str = ""  # "", DISCLOSURE or EMERGENCY


@dataclass(frozen=True)
class Fact:
    """One thing a person may know about a record, e.g. ("To whom", "人事室")."""

    label: str
    value: str


# A describer takes the uuids of records of its kind and returns the facts of those it
# describes (records it leaves out show without facts).
Describer = Callable[[Collection[uuid.UUID]], dict[uuid.UUID, list[Fact]]]

_purposes: dict[str, Purpose] = {}
_describers: dict[str, Describer] = {}


def access_purposes(
    choices: type[models.TextChoices],
    *,
    disclosure: Iterable[str] = (),
    emergency: Iterable[str] = (),
) -> None:
    """Declare the words of an app's purposes; those in `disclosure` or `emergency` stand
    out on the employee's page. A code declared twice must mean the same."""
    disclosure, emergency = set(disclosure), set(emergency)
    for code, label in choices.choices:
        stands_out = DISCLOSURE if code in disclosure else EMERGENCY if code in emergency else ""
        purpose = Purpose(str(code), label, stands_out)
        known = _purposes.get(purpose.code)
        if known is not None and known != purpose:
            raise ImproperlyConfigured(f"access purpose {code!r} declared twice, differently")
        _purposes[purpose.code] = purpose


def record_facts(label: str, describer: Describer) -> None:
    """Let `describer` say what a person may know of records of kind `label`
    (`app_label.model`)."""
    if label in _describers and _describers[label] is not describer:
        raise ImproperlyConfigured(f"records {label!r} described twice")
    _describers[label] = describer


def autodiscover() -> None:
    """Import each installed app's `access_terms.py` (CoreConfig.ready())."""
    autodiscover_modules("access_terms")


access_purposes(CorePurpose)


def purpose_of(code: str) -> Purpose:
    """The declared purpose, or "another purpose" for a code nobody declared."""
    return _purposes.get(code) or Purpose(code, _("Another purpose"))


def purposes() -> dict[str, Purpose]:
    return dict(_purposes)


def standing_out(kind: str) -> list[str]:
    """The codes of the purposes that stand out as `kind` (DISCLOSURE or EMERGENCY)."""
    return [code for code, purpose in _purposes.items() if purpose.stands_out == kind]


def record_kind_name(record_type: str) -> str:
    """The translated name of a kind of record, from its model's verbose name."""
    try:
        model = apps.get_model(record_type)
    except (LookupError, ValueError):
        return _("a record")
    return model._meta.verbose_name


def describe(records: Iterable[tuple[str, uuid.UUID]]) -> dict[uuid.UUID, list[Fact]]:
    """The facts of these (record_type, record_uuid) pairs: one call per kind described."""
    by_kind: dict[str, set[uuid.UUID]] = {}
    for record_type, record_uuid in records:
        if record_type in _describers:
            by_kind.setdefault(record_type, set()).add(record_uuid)
    facts: dict[uuid.UUID, list[Fact]] = {}
    for record_type, uuids in by_kind.items():
        facts.update(_describers[record_type](uuids))
    return facts
