"""AES-GCM sealing with a key ring (DESIGN.md invariant 1, "Security mechanics").

A sealed value is stored as ``anx1:<key id>:<base64(nonce || ciphertext)>``. The record's
identity and the field name are the associated data, so a ciphertext copied to another
row or field does not open. Keys come from ``ANXIN_DATA_KEYS`` ("id:base64key,...");
the first key seals, all keys open, and ``anxin rotate-keys`` re-seals under the first.
"""

import base64
import json
import os
from dataclasses import dataclass
from functools import cache

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from django.apps import apps
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.db import models

from anxin.core.fields import SealedField

PREFIX = "anx1"


class SealError(Exception):
    """A sealed value could not be opened: wrong key, wrong record, or tampered."""


@dataclass(frozen=True)
class KeyRing:
    primary: str
    keys: dict[str, bytes]

    @classmethod
    def parse(cls, spec: str) -> "KeyRing":
        keys: dict[str, bytes] = {}
        order: list[str] = []
        for item in spec.replace("\n", ",").split(","):
            if not item.strip():
                continue
            key_id, sep, encoded = item.strip().partition(":")
            if not sep or not key_id.isalnum():
                raise ImproperlyConfigured("ANXIN_DATA_KEYS: each key is written id:base64key.")
            key = base64.urlsafe_b64decode(encoded + "=" * (-len(encoded) % 4))
            if len(key) != 32:
                raise ImproperlyConfigured(f"ANXIN_DATA_KEYS: key {key_id} is not 256 bits.")
            keys[key_id] = key
            order.append(key_id)
        if not order:
            raise ImproperlyConfigured("ANXIN_DATA_KEYS holds no key.")
        return cls(primary=order[0], keys=keys)


@cache
def _keyring_for(spec: str) -> KeyRing:
    return KeyRing.parse(spec)


def keyring() -> KeyRing:
    return _keyring_for(settings.ANXIN_DATA_KEYS)


def new_key_spec(key_id: str) -> str:
    return f"{key_id}:" + base64.urlsafe_b64encode(os.urandom(32)).decode()


def associated_data(obj: models.Model, field: str) -> bytes:
    return f"{obj._meta.label_lower}:{obj.uuid}:{field}".encode()


def seal(value, *, aad: bytes, ring: KeyRing | None = None) -> str:
    ring = ring or keyring()
    nonce = os.urandom(12)
    plaintext = json.dumps(value, ensure_ascii=False, separators=(",", ":")).encode()
    ciphertext = AESGCM(ring.keys[ring.primary]).encrypt(nonce, plaintext, aad)
    return f"{PREFIX}:{ring.primary}:{base64.b64encode(nonce + ciphertext).decode()}"


def unseal(token: str, *, aad: bytes, ring: KeyRing | None = None):
    ring = ring or keyring()
    try:
        prefix, key_id, encoded = token.split(":", 2)
        if prefix != PREFIX:
            raise ValueError(prefix)
        blob = base64.b64decode(encoded)
        key = ring.keys[key_id]
    except (ValueError, KeyError) as exc:
        raise SealError("not a sealed value under a known key") from exc
    try:
        plaintext = AESGCM(key).decrypt(blob[:12], blob[12:], aad)
    except InvalidTag as exc:
        raise SealError("sealed value does not open for this record") from exc
    return json.loads(plaintext)


def key_id_of(token: str) -> str | None:
    parts = token.split(":", 2)
    return parts[1] if len(parts) == 3 and parts[0] == PREFIX else None


def seal_into(obj: models.Model, field: str, value) -> None:
    """Seal `value` (anything JSON can hold) into `obj.<field>`; the caller saves."""
    setattr(obj, field, seal(value, aad=associated_data(obj, field)))


def sealed_fields() -> list[tuple[type[models.Model], str]]:
    """Every (model, field name) pair that holds sealed values, across the project."""
    return [
        (model, field.name)
        for model in apps.get_models()
        for field in model._meta.get_fields()
        if isinstance(field, SealedField)
    ]
