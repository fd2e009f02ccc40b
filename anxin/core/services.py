"""State changes of the shared kernel."""

from django.db import transaction

from anxin.core.sealed import associated_data, key_id_of, keyring, seal, sealed_fields, unseal


def sealed_rotate(*, batch_size: int = 500) -> dict[str, int]:
    """Re-seal, under the primary key, every value sealed under another key. Each batch
    commits on its own, so an interrupted rotation resumes where it stopped. No content
    is shown to anyone, so the rotation writes no access-log row (docs/decisions)."""
    ring = keyring()
    counts: dict[str, int] = {}
    for model, field in sealed_fields():
        label = f"{model._meta.label_lower}.{field}"
        counts[label] = 0
        stale = (
            model.objects.exclude(**{field: ""})
            .exclude(**{f"{field}__startswith": f"anx1:{ring.primary}:"})
            .order_by("pk")
        )
        while batch := list(stale[:batch_size]):
            with transaction.atomic():
                for obj in batch:
                    token = getattr(obj, field)
                    if key_id_of(token) == ring.primary:
                        continue
                    aad = associated_data(obj, field)
                    value = seal(unseal(token, aad=aad, ring=ring), aad=aad, ring=ring)
                    model.objects.filter(pk=obj.pk).update(**{field: value})
                    counts[label] += 1
    return counts
