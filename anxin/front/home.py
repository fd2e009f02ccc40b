"""The cards the kernel offers, placed on the home pages of the roles that use them (the
kernel knows no roles)."""

from anxin.core.home import access_log_figures, home_card
from anxin.people.roles import Role

home_card("access_log_figures", roles=[Role.AUDITOR])(access_log_figures)
