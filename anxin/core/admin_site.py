"""The admin site: technical administration for the sysadmin (a Django superuser who has
passed the second factor), and nothing that makes one person into another.

- Anybody else who is signed in gets a plain refusal (403), not a detour through a sign-in
  page that sends him or her straight back (the loop seen before decision 0017).
- Second-factor devices are shown without their secrets and cannot be added, changed or
  deleted here: a new authenticator is enrolled by its holder, through the one-time link
  of an approved reset (the people app's account custody).
- Django's groups and permissions are not used by Anxin (roles are `RoleAssignment`s) and
  are not offered, so that they cannot become a way around the roles.
"""

from functools import update_wrapper

from django.contrib import admin
from django.contrib.admin.apps import AdminConfig
from django.http import HttpRequest
from django.shortcuts import render


class AnxinAdminSite(admin.AdminSite):
    def has_permission(self, request: HttpRequest) -> bool:
        user = request.user
        verified = getattr(user, "is_verified", lambda: False)()
        return bool(user.is_active and user.is_staff and user.is_superuser and verified)

    def admin_view(self, view, cacheable=False):
        inner = super().admin_view(view, cacheable)

        def refusing(request: HttpRequest, *args, **kwargs):
            if request.user.is_authenticated and not self.has_permission(request):
                return refusal(request)
            return inner(request, *args, **kwargs)

        return update_wrapper(refusing, inner)


def refusal(request: HttpRequest):
    """The page a signed-in person who is not the sysadmin gets for any admin address."""
    return render(request, "core/admin_refused.html", status=403)


class SecondFactorDeviceAdmin(admin.ModelAdmin):
    """Who has an authenticator, and when it was last used; never its key or QR code."""

    list_display = ("user", "name", "confirmed", "created_at", "last_used_at")
    list_filter = ("confirmed",)
    fields = ("user", "name", "confirmed", "created_at", "last_used_at")
    readonly_fields = fields
    search_fields = ("user__username",)

    def has_add_permission(self, request, obj=None) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False


class AnxinAdminConfig(AdminConfig):
    """Django's admin app with `AnxinAdminSite`; after every app has registered its
    models, the device admins of django-otp (which show and edit secrets) are replaced,
    and the third-party models get zh-Hant names (`core/admin_names.py`)."""

    default_site = "anxin.core.admin_site.AnxinAdminSite"

    def ready(self):
        # Models can be imported only now: this module is loaded with the app registry.
        from django.contrib.auth.models import Group
        from django_otp.models import Device

        from anxin.core.admin_names import name_third_party_models

        super().ready()
        name_third_party_models()
        site = admin.site
        for model in list(site._registry):
            if issubclass(model, Device):
                site.unregister(model)
                site.register(model, SecondFactorDeviceAdmin)
        if site.is_registered(Group):
            site.unregister(Group)
