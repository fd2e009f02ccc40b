from django.contrib import admin

from anxin.core.models import AccessLog


@admin.register(AccessLog)
class AccessLogAdmin(admin.ModelAdmin):
    """Read-only: the log is append-only (a database trigger refuses changes too)."""

    list_display = ("at", "actor_label", "actor_role", "record_type", "purpose", "outcome")
    list_filter = ("outcome", "record_type", "purpose")
    search_fields = ("actor_label",)

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
