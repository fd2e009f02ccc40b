"""What counselling's rows in the access log mean, in words (anxin/core/access_terms.py):
the purposes counselling reads for, and what an employee may know of a disclosure from
his or her file (to whom, what, on what basis: what the privacy officer's disclosure log
shows, without the case code or anything sealed)."""

import uuid
from collections.abc import Collection

from django.db import models
from django.utils.translation import gettext as _t
from django.utils.translation import gettext_lazy as _

from anxin.core.access_terms import Fact, access_purposes, record_facts
from anxin.core.roc import format_long
from anxin.counseling.conferences.policies import PURPOSE_CONFERENCE
from anxin.counseling.consent.models import Disclosure
from anxin.counseling.consent.policies import PURPOSE_CONSENT, PURPOSE_DISCLOSURE
from anxin.counseling.flows.services import PURPOSE_BREAK_GLASS
from anxin.counseling.policies import PURPOSE_CARE, PURPOSE_COORDINATION, PURPOSE_TRIAGE


class AccessPurpose(models.TextChoices):
    TRIAGE = PURPOSE_TRIAGE, _("Reviewing your application to assign a counsellor")
    COORDINATION = PURPOSE_COORDINATION, _("Coordinating your counselling")
    CARE = PURPOSE_CARE, _("Your counselling")
    CONFERENCE = PURPOSE_CONFERENCE, _("A case conference on your counselling")
    CONSENT = PURPOSE_CONSENT, _("Handling your consent")
    DISCLOSURE = PURPOSE_DISCLOSURE, _("Giving information under your consent or a legal process")
    BREAK_GLASS = PURPOSE_BREAK_GLASS, _("Emergency access while your counsellor was unreachable")


access_purposes(AccessPurpose, disclosure=[PURPOSE_DISCLOSURE], emergency=[PURPOSE_BREAK_GLASS])


def _basis(item: Disclosure) -> str:
    if item.consent is not None:
        return _t("Your consent (%(method)s, valid until %(until)s)") % {
            "method": item.consent.get_method_display(),
            "until": format_long(item.consent.valid_until),
        }
    legal = item.legal_process
    return f"{legal.get_kind_display()} · {legal.reference}"


def disclosure_facts(uuids: Collection[uuid.UUID]) -> dict[uuid.UUID, list[Fact]]:
    """To whom, what and on what basis, for the disclosures the employee was told of. One
    that a legal process forbids telling gets no facts (decision 0036)."""
    items = Disclosure.objects.filter(uuid__in=uuids, notice_withheld_reason="").select_related(
        "consent", "legal_process"
    )
    return {
        item.uuid: [
            Fact(_t("To whom"), item.recipient),
            Fact(_t("What was given"), item.get_scope_display()),
            Fact(_t("Basis"), _basis(item)),
        ]
        for item in items
    }


record_facts(Disclosure._meta.label_lower, disclosure_facts)
