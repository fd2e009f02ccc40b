"""Menu entries of the events app (anxin/core/menu.py places them); the labels are
translated in this app's catalogue."""

from django.utils.translation import gettext_lazy as _

MY_EVENTS = (_("Events and trainings"), "events:mine")
MANAGE_EVENTS = (_("Events"), "events:manage_list")
FACILITATING = (_("Events I lead"), "events:facilitating")
