"""The admin site is for technical administration (sysadmin). Self-declared attributes
are not registered at all, and no sealed field is ever a form or list field.

Nothing here makes one person into another (invariant 12, decision 0017): an account's
password, e-mail address, superuser flag, groups and permissions cannot be set here; a
new account has no usable password (its holder sets one through an approved reset); an
employee record cannot be tied to another account; a role that reads sealed content or
the logs is asked for on the account requests page, where a second person approves it.
Every change that remains is written to the security log.
"""

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils.translation import gettext_lazy as _

from anxin.core.refusals import Refused
from anxin.people.custody import services as custody
from anxin.people.custody.models import CustodyRequest, SecurityLog
from anxin.people.custody.policies import DUAL_CONTROL_ROLES
from anxin.people.models import Employee, OrgUnit, RoleAssignment, User


class AccountCreationForm(forms.ModelForm):
    class Meta:
        model = User
        fields = ("username", "display_name", "email")


@admin.register(User)
class AnxinUserAdmin(admin.ModelAdmin):
    """Accounts: created without a password, otherwise read-only but for the display name
    and whether the account is active. No password form, no deletion (deactivate)."""

    list_display = ("username", "display_name", "email", "is_active", "is_superuser")
    list_filter = ("is_active", "is_superuser")
    search_fields = ("username", "display_name", "email")
    editable = ("display_name", "is_active")
    shown = ("username", "display_name", "email", "is_active", "is_staff", "is_superuser",
             "last_login", "date_joined")  # fmt: skip

    def get_form(self, request, obj=None, change=False, **kwargs):
        if obj is None:
            kwargs["form"] = AccountCreationForm
        return super().get_form(request, obj, change=change, **kwargs)

    def get_fields(self, request, obj=None):
        return AccountCreationForm._meta.fields if obj is None else self.shown

    def get_readonly_fields(self, request, obj=None):
        if obj is None:
            return ()
        return tuple(name for name in self.shown if name not in self.editable)

    def has_delete_permission(self, request, obj=None) -> bool:
        return False

    def save_model(self, request, obj, form, change):
        if not change:
            created = custody.account_create(
                username=obj.username,
                display_name=obj.display_name,
                email=obj.email,
                actor=request.user,
            )
            obj.pk = created.pk
            obj.password = created.password
            obj._state.adding = False
            messages.info(
                request,
                _(
                    "The account has no password. Ask for a reset on the account requests "
                    "page: once a second person approves it, the holder sets a password "
                    "through a one-time link."
                ),
            )
            return
        if form.changed_data:
            super().save_model(request, obj, form, change)
            custody.account_change(user=obj, changed=form.changed_data, actor=request.user)


@admin.register(OrgUnit)
class OrgUnitAdmin(admin.ModelAdmin):
    list_display = ("name", "code", "kind", "is_active")
    search_fields = ("name", "code")
    list_filter = ("kind", "is_active")
    readonly_fields = ("path",)


@admin.register(Employee)
class EmployeeAdmin(admin.ModelAdmin):
    """Employee records; the account an employee signs in with is not set here, for it
    would open the employee's own file (self-tests, consents) to whoever holds that
    account."""

    list_display = ("number", "name", "unit", "staff_category", "is_active")
    search_fields = ("number", "name")
    list_filter = ("staff_category", "is_active")
    list_select_related = ("unit",)
    raw_id_fields = ("unit", "authority")
    readonly_fields = ("user",)


class RoleGrantForm(forms.ModelForm):
    class Meta:
        model = RoleAssignment
        fields = ("user", "role", "scope")

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        if "role" not in self.fields:  # a grant is shown read-only
            return
        self.fields["role"].choices = [
            (value, label)
            for value, label in RoleAssignment.Role.choices
            if value not in DUAL_CONTROL_ROLES and value != RoleAssignment.Role.EMPLOYEE
        ]
        self.fields["role"].help_text = _(
            "Counsellor, intake coordinator, provider administrator, auditor, EAP "
            "administrator and system administrator are asked for on the account requests "
            "page, where a second person approves them."
        )


@admin.register(RoleAssignment)
class RoleAssignmentAdmin(admin.ModelAdmin):
    """Roles that read nothing sealed and no log may be granted here (logged); the others
    only through an approved request. A grant cannot be changed into another role, only
    removed (logged) and asked for again."""

    list_display = ("user", "role", "scope", "granted_at")
    list_filter = ("role",)
    list_select_related = ("user", "scope")
    raw_id_fields = ("user", "scope")
    form = RoleGrantForm

    def has_change_permission(self, request, obj=None) -> bool:
        return obj is None and super().has_change_permission(request, obj)

    @admin.display(description=_("Granted at"), ordering="created_at")
    def granted_at(self, obj):
        return obj.created_at

    def save_model(self, request, obj, form, change):
        if change:
            raise PermissionDenied
        try:
            granted = custody.role_grant_direct(
                user=obj.user, role=obj.role, scope=obj.scope, actor=request.user
            )
        except Refused:
            raise PermissionDenied from None
        obj.pk = granted.pk
        obj._state.adding = False

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change=change, **kwargs)
        actor = request.user

        class CheckedForm(form):
            def clean(self):
                cleaned = super().clean()
                user = cleaned.get("user")
                if user is not None and user.pk == actor.pk:
                    raise ValidationError(
                        _("Nobody may grant a role to himself or herself."), code="self"
                    )
                return cleaned

        return CheckedForm

    def delete_model(self, request, obj):
        custody.role_remove(assignment=obj, actor=request.user)

    def delete_queryset(self, request, queryset):
        for assignment in queryset.select_related("user", "scope"):
            custody.role_remove(assignment=assignment, actor=request.user)


class _ReadOnly(admin.ModelAdmin):
    def has_add_permission(self, request, obj=None) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False


@admin.register(CustodyRequest)
class CustodyRequestAdmin(_ReadOnly):
    """Read-only: requests are decided on their own pages, by a second person."""

    list_display = ("asked_at", "kind", "target", "role", "status", "asked_by")
    list_filter = ("kind", "status")
    list_select_related = ("target", "requested_by")
    exclude = ("token_hash",)

    @admin.display(description=_("Requested at"), ordering="requested_at")
    def asked_at(self, obj):
        return obj.requested_at

    @admin.display(description=_("Requested by"), ordering="requested_by")
    def asked_by(self, obj):
        return obj.requested_by


@admin.register(SecurityLog)
class SecurityLogAdmin(_ReadOnly):
    """Read-only: the log is append-only (a database trigger refuses changes too)."""

    list_display = ("at", "actor_label", "actor_role", "action", "subject_label", "detail")
    list_filter = ("action",)
    search_fields = ("actor_label", "subject_label")
