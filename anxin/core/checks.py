"""Start-up checks of the kernel.

Outside production the data key is generated into `var/secrets/` when none is given. If
that file is lost (a fresh checkout, a restore onto another machine), a new key used to be
generated under the same id and every sealed value then failed to open, page by page.
Generated keys now get an id of their own, and outside production Anxin refuses to start
on a database that holds sealed values under a key id that the key ring lacks, or under a
key that does not open them. Production never generates a key (it must be given), and a
restore drill (`anxin restore`) names every value that its keys do not open.
"""

from pathlib import Path

from django.conf import settings
from django.core.checks import Error, register
from django.db import DatabaseError, connection

from anxin.core.backup import sealed_key_counts
from anxin.core.sealed import SealError, associated_data, keyring, sealed_fields, unseal

SAMPLES = 3


def _database_exists() -> bool:
    """Checks must not create the SQLite file that `migrate` is about to create."""
    if connection.vendor != "sqlite":
        return True
    name = str(connection.settings_dict["NAME"])
    return name.startswith("file:") or name == ":memory:" or Path(name).exists()


def _opens_some(key_id: str, fields: dict[str, int]) -> bool:
    """Whether the key opens any of the first few values sealed under it (one tampered
    value must not stop the service)."""
    ring = keyring()
    by_label = {
        f"{model._meta.label_lower}.{name}": (model, name) for model, name in sealed_fields()
    }
    for label in sorted(fields):
        model, name = by_label[label]
        sample = model._base_manager.filter(**{f"{name}__startswith": f"anx1:{key_id}:"}).only(
            "pk", "uuid", name
        )[:SAMPLES]
        for obj in sample:
            try:
                unseal(getattr(obj, name), aad=associated_data(obj, name), ring=ring)
            except SealError:
                continue
            return True
    return False


@register("anxin_keys")
def check_sealed_keys(app_configs=None, **kwargs):
    if settings.PRODUCTION or not _database_exists():
        return []
    try:
        with connection.cursor() as cursor:
            counts = sealed_key_counts(cursor, connection.vendor)
        ring = keyring()
        wrong = [
            key_id
            for key_id, fields in counts.items()
            if key_id in ring.keys and not _opens_some(key_id, fields)
        ]
        # Values that are no sealed token at all ("") fail one by one, not the start.
        counts.pop("", None)
    except DatabaseError:
        # Not reachable or not migrated: the command that needs it reports the real error.
        return []
    where = "ANXIN_DATA_KEYS, ANXIN_DATA_KEYS_FILE or var/secrets/anxin_data_keys"
    problems = []
    for key_id, fields in sorted(counts.items()):
        values = sum(fields.values())
        if key_id not in ring.keys:
            problems.append(
                Error(
                    f"The database holds {values} sealed value(s) under key id "
                    f"'{key_id}', which the key ring does not hold.",
                    hint=f"Put the key with id '{key_id}' back into {where} (from where keys "
                    "are kept, apart from backups); outside production Anxin does not start "
                    "without it. A new key cannot open these values.",
                    id="core.E001",
                )
            )
        elif key_id in wrong:
            problems.append(
                Error(
                    f"The key with id '{key_id}' in the key ring does not open the "
                    f"{values} sealed value(s) stored under that id: it is another key.",
                    hint=f"Put the original key with id '{key_id}' into {where}.",
                    id="core.E002",
                )
            )
    return problems
