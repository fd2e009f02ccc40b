"""The sealed model field: a column that only ever holds ciphertext.

The field neither encrypts nor decrypts by itself. Values go in through
`anxin.core.sealed.seal_into()` and come out through `anxin.core.audit.read_sealed()`,
which writes the access-log row in the same transaction; so no code path, the admin
site included, can show clinical content by accident. A value that does not open comes out
as an `anxin.core.audit.Unavailable`, which templates show as a note in its place.
"""

from django.db import models


class SealedField(models.TextField):
    description = "AES-GCM sealed value (ciphertext only)"

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("editable", False)
        kwargs.setdefault("blank", True)
        kwargs.setdefault("default", "")
        super().__init__(*args, **kwargs)

    def deconstruct(self):
        name, path, args, kwargs = super().deconstruct()
        for key, value in (("editable", False), ("blank", True), ("default", "")):
            if kwargs.get(key) == value:
                kwargs.pop(key)
        return name, path, args, kwargs
