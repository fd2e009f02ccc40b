from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CareConfig(AppConfig):
    name = "anxin.care"
    label = "care"
    verbose_name = _("Care network")

    def ready(self) -> None:
        # Django's own late import: the models are ready only now.
        from anxin.care.mentoring.services import mentoring_roster_changes
        from anxin.care.outreach.actions import outreach_roster_changes
        from anxin.people.roster.hooks import roster_listener_register

        roster_listener_register("care.outreach", outreach_roster_changes)
        roster_listener_register("care.mentoring", mentoring_roster_changes)
