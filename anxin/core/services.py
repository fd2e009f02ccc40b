"""State changes of the shared kernel."""

from dataclasses import dataclass, field

from django.db import transaction

from anxin.core.audit import auditors
from anxin.core.notifications import notify
from anxin.core.sealed import (
    SealError,
    associated_data,
    key_id_of,
    keyring,
    seal,
    sealed_fields,
    unseal,
)


@dataclass(frozen=True)
class Unopenable:
    """Where a sealed value that does not open sits: never what it holds."""

    model: str
    pk: object
    field: str

    def __str__(self) -> str:
        return f"{self.model} pk={self.pk} field={self.field}"


@dataclass
class Rotation:
    resealed: dict[str, int] = field(default_factory=dict)
    unopenable: list[Unopenable] = field(default_factory=list)


def sealed_rotate(*, batch_size: int = 500) -> Rotation:
    """Re-seal, under the primary key, every value sealed under another key. Each batch
    commits on its own, so an interrupted rotation resumes where it stopped. A value that
    does not open (tampered, copied from another record, or under a key no longer in the
    ring) is left as it is and listed, and the rotation goes on with the rest; run again
    after putting the missing key back, the rotation re-seals what it skipped. No content
    is shown to anyone, so the rotation writes no access-log row (docs/decisions)."""
    ring = keyring()
    rotation = Rotation()
    for model, name in sealed_fields():
        label = f"{model._meta.label_lower}.{name}"
        rotation.resealed[label] = 0
        stale = (
            model.objects.exclude(**{name: ""})
            .exclude(**{f"{name}__startswith": f"anx1:{ring.primary}:"})
            .order_by("pk")
        )
        last_pk = None
        while batch := list(
            (stale if last_pk is None else stale.filter(pk__gt=last_pk))[:batch_size]
        ):
            last_pk = batch[-1].pk
            with transaction.atomic():
                for obj in batch:
                    token = getattr(obj, name)
                    if key_id_of(token) == ring.primary:
                        continue
                    aad = associated_data(obj, name)
                    try:
                        value = seal(unseal(token, aad=aad, ring=ring), aad=aad, ring=ring)
                    except SealError:
                        rotation.unopenable.append(
                            Unopenable(model._meta.label_lower, obj.pk, name)
                        )
                        continue
                    # Only if no one re-sealed it meanwhile (an edit seals under the primary).
                    updated = model.objects.filter(pk=obj.pk, **{name: token}).update(
                        **{name: value}
                    )
                    rotation.resealed[label] += updated
    return rotation


def audit_anchor_report(*, anchor_line: str) -> None:
    """Send the access log's new anchor to the auditors, who keep it outside Anxin."""
    notify(recipients=auditors(), template="audit_anchor", context={"anchor": anchor_line})


def audit_fault_report(*, faults: int) -> None:
    """Tell the auditors that `verify-audit` found the access log altered."""
    notify(recipients=auditors(), template="audit_fault", context={"faults": faults}, url="/")
