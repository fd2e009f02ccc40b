from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SurveysConfig(AppConfig):
    name = "anxin.surveys"
    label = "surveys"
    verbose_name = _("Surveys")

    def ready(self) -> None:
        # Django's own late import: the triggers read the models, ready only now. Each app
        # registers its survey trigger in its own `survey_triggers` module.
        from anxin.surveys import triggers

        triggers.autodiscover()
