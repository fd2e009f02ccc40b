"""The admin site is for technical administration (sysadmin). Self-declared attributes
are not registered at all, and no sealed field is ever a form or list field."""

from django.contrib import admin
from django.contrib.auth.admin import UserAdmin

from anxin.people.models import Employee, OrgUnit, RoleAssignment, User


@admin.register(User)
class AnxinUserAdmin(UserAdmin):
    list_display = ("username", "display_name", "email", "is_active", "is_superuser")
    fieldsets = (
        *UserAdmin.fieldsets,
        ("Anxin", {"fields": ("display_name",)}),
    )


@admin.register(OrgUnit)
class OrgUnitAdmin(admin.ModelAdmin):
    list_display = ("name", "code", "kind", "is_active")
    search_fields = ("name", "code")
    list_filter = ("kind", "is_active")
    readonly_fields = ("path",)


@admin.register(Employee)
class EmployeeAdmin(admin.ModelAdmin):
    list_display = ("number", "name", "unit", "staff_category", "is_active")
    search_fields = ("number", "name")
    list_filter = ("staff_category", "is_active")
    list_select_related = ("unit",)
    raw_id_fields = ("user", "unit", "authority")


@admin.register(RoleAssignment)
class RoleAssignmentAdmin(admin.ModelAdmin):
    list_display = ("user", "role", "scope", "created_at")
    list_filter = ("role",)
    list_select_related = ("user", "scope")
    raw_id_fields = ("user", "scope")
