"""The reports app's menu entries: gathered into each role's "reports" group by the shell."""

from django.utils.translation import gettext_lazy as _

from anxin.core.menu import menu_entry
from anxin.reports.policies import DOSSIER_READERS, RESULTS_READERS

menu_entry(
    "reports:dashboard", _("Service results"), roles=RESULTS_READERS, group="reports", weight=700
)
menu_entry(
    "reports:dossier", _("Evaluation dossier"), roles=DOSSIER_READERS, group="reports", weight=710
)
