from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CounselingConfig(AppConfig):
    name = "anxin.counseling"
    label = "counseling"
    verbose_name = _("Confidential counselling")

    def ready(self) -> None:
        # Django's own late import: the models are ready only now.
        from anxin.counseling.groups.hooks import register

        register()
