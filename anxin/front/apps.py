from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FrontConfig(AppConfig):
    """The shell: assembles the product from what each app declares (menus, home cards,
    demo steps) and serves the home pages, the error pages and the `anxin` command."""

    name = "anxin.front"
    label = "front"
    verbose_name = _("Front")
