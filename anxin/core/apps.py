from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "anxin.core"
    label = "core"
    verbose_name = _("Core")

    def ready(self):
        # Imported in ready(), Django's place for it: checks and audit need the models.
        from django.core.signals import request_finished, request_started

        from anxin.core import (
            access_terms,
            checks,  # noqa: F401  (registers the start-up checks)
            notifications,
        )
        from anxin.core.audit import flush_unreadable, forget_unreadable

        # Each app's kinds of notification (its notifications.py).
        notifications.autodiscover()
        # Each app's words for its access-log purposes and records (its access_terms.py).
        access_terms.autodiscover()

        # An unreadable sealed read is logged even when the page's transaction rolls back.
        request_started.connect(forget_unreadable, dispatch_uid="anxin_audit_forget")
        request_finished.connect(flush_unreadable, dispatch_uid="anxin_audit_flush")
