"""Menu entry of group counselling (anxin/core/menu.py places it); the label is
translated in the counselling app's catalogue."""

from django.utils.translation import gettext_lazy as _

GROUP_SESSIONS = (_("Group counselling"), "counseling_groups:group_list")
