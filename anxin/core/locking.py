"""Optimistic locking (DESIGN.md invariant 11): a record carries a `version`; a save
names the version it was read at and is refused if someone saved in between."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from anxin.core.refusals import Refused


class StaleEdit(Refused):
    """Someone else saved this record after it was opened: a refusal (code "stale"), so
    that views show it as any other; a page that words it for its own record passes
    its own message."""

    message = _(
        "Someone else saved this record after you opened it. Your changes were not saved: "
        "reload the page to see the current version, then make your changes again."
    )

    def __init__(self, message=None) -> None:
        super().__init__("stale", type(self).message if message is None else message)


def save_versioned(obj: models.Model, *, expected_version: int, fields: list[str]) -> None:
    """Write `fields` of `obj` and bump its version, only if the stored version is still
    `expected_version`; otherwise raise StaleEdit and write nothing."""
    model = type(obj)
    values = {name: getattr(obj, name) for name in fields}
    updated = model.objects.filter(pk=obj.pk, version=expected_version).update(
        version=expected_version + 1, **values
    )
    if updated != 1:
        raise StaleEdit
    obj.version = expected_version + 1
