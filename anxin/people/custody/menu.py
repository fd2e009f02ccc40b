"""Menu entries of account custody (anxin/core/menu.py places them); the labels are
translated in the people app's catalogue."""

from django.utils.translation import gettext_lazy as _

ACCOUNT_REQUESTS = (_("Account requests"), "people:custody_list")
SECURITY_LOG = (_("Security log"), "people:custody_log")
