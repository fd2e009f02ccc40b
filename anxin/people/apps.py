from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PeopleConfig(AppConfig):
    name = "anxin.people"
    label = "people"
    verbose_name = _("Organisation and people")

    def ready(self):
        # Django's late import in ready(): the custody desk's demo step registers itself
        # (`anxin demo` discovers people/demo.py, not the desk's own module).
        from anxin.core import audit
        from anxin.people.custody import demo  # noqa: F401
        from anxin.people.roles import privacy_officers

        audit.privacy_officers_register(privacy_officers)
