"""Optimistic locking (DESIGN.md invariant 11): a record carries a `version`; a save
names the version it was read at and is refused if someone saved in between."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class StaleEdit(Exception):
    """Someone else saved this record after it was opened."""

    message = _(
        "Someone else saved this record after you opened it. Your changes were not saved: "
        "reload the page to see the current version, then make your changes again."
    )


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
