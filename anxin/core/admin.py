from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from anxin.core.access_terms import purpose_of, record_kind_name
from anxin.core.models import AccessLog


@admin.register(AccessLog)
class AccessLogAdmin(admin.ModelAdmin):
    """Read-only: the log is append-only (a database trigger refuses changes too)."""

    list_display = ("at", "actor_label", "actor_role", "record_kind", "purpose_words", "outcome")
    list_filter = ("outcome",)
    search_fields = ("actor_label",)

    @admin.display(description=_("Kind of record"), ordering="record_type")
    def record_kind(self, row: AccessLog) -> str:
        """The record kind in words (the model's name), as the employee's page shows it."""
        return record_kind_name(row.record_type)

    @admin.display(description=_("Purpose"), ordering="purpose")
    def purpose_words(self, row: AccessLog) -> str:
        return purpose_of(row.purpose).label

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
