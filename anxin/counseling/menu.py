"""Counselling's menu entries (anxin/core/menu.py; the shell lays them out)."""

from django.utils.translation import gettext_lazy as _

from anxin.core.menu import menu_entry
from anxin.people.roles import Role

E, C, I, HR = Role.EMPLOYEE, Role.COUNSELOR, Role.INTAKE, Role.HR  # noqa: E741
SUP, CARE, AUD = Role.SUPERVISOR, Role.CARE_WORKER, Role.AUDITOR

# An employee's own services.
menu_entry("counseling:my_requests", _("My counselling requests"), roles=[E], group="counselling")
menu_entry("counseling:booking_home", _("My appointments"), roles=[E], group="counselling")
menu_entry("counseling:station_mine", _("E-mail station"), roles=[E], group="counselling")
menu_entry("counseling:referral_mine", _("Referrals to me"), roles=[E], group="counselling")
menu_entry("counseling:consent_mine", _("My consents"), roles=[E], group="my_file", weight=110)
# The counselling room's work.
menu_entry("counseling:my_cases", _("My cases"), roles=[C], weight=200)
menu_entry("counseling:booking_timetable", _("My timetable"), roles=[C], weight=210)
menu_entry("counseling:queue", _("Intake queue"), roles=[I], weight=200)
menu_entry("counseling:station_inbox", _("E-mail station inbox"), roles=[I], weight=210)
menu_entry("counseling:station_threads", _("E-mail station"), roles=[C], group="channels")
menu_entry("counseling:station_hotline", _("Hotline log"), roles=[C], group="channels")
menu_entry("counseling:conference_list", _("Case conferences"), roles=[C, I, HR, SUP], weight=250)
menu_entry(
    "counseling:flows_list", _("Case flows"), roles=[C, I, HR, SUP], group="counselling_services"
)
menu_entry("counseling:booking_rooms", _("Counselling rooms"), roles=[I], group="room")
menu_entry("counseling:booking_approvals", _("Bookings past the quota"), roles=[I], group="room")
menu_entry("counseling:booking_leave_slip_check", _("Check a leave slip"), roles=[I], group="room")
menu_entry("counseling:legal_process_list", _("Legal processes"), roles=[I, AUD], group="room")
menu_entry("counseling:flows_emergency_open", _("Emergency access"), roles=[I], group="room")
menu_entry("counseling:flows_emergency_log", _("Emergency access log"), roles=[AUD], weight=600)
menu_entry("counseling:disclosure_log", _("Disclosure log"), roles=[AUD], weight=600)
# Referrals, groups and providers.
menu_entry(
    "counseling:referral_list",
    _("Referrals to counselling"),
    roles=[HR, SUP, CARE],
    group="counselling_services",
)
menu_entry(
    "counseling:providers_group_list",
    _("Group requests"),
    roles=[I, HR, SUP],
    group="counselling_services",
)
menu_entry("counseling_groups:group_list", _("Group counselling"), roles=[C, I], weight=410)
menu_entry("counseling:providers_list", _("External providers"), roles=[Role.EAP_ADMIN], weight=600)
menu_entry("counseling:providers_mine", _("My provider"), roles=[Role.PROVIDER_ADMIN], weight=200)
