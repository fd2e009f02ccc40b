from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AssessmentsConfig(AppConfig):
    name = "anxin.assessments"
    label = "assessments"
    verbose_name = _("Self-tests")

    def ready(self) -> None:
        # Django's own late import: the models are ready only now.
        from anxin.assessments.measures import builtin_measures, instrument_measure
        from anxin.core.measures import measure_catalogue, measure_provider

        measure_provider(instrument_measure)
        measure_catalogue(builtin_measures)
