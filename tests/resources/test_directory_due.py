"""Owners are reminded of entries not verified in the plan's period (due.py)."""

from datetime import date, datetime, timedelta

from django.utils import timezone

from anxin.core.models import Notification
from anxin.resources.directory.due import remind_directory_owners
from anxin.resources.directory.models import Service
from tests.resources.directory_base import PLAN_START, DirectoryTestCase, make_entry


def at(day: date) -> datetime:
    return timezone.make_aware(datetime.combine(day, datetime.min.time()).replace(hour=9))


class RemindTestCase(DirectoryTestCase):
    def test_it_reminds_the_owner_of_an_entry_not_verified_in_the_plans_period(self):
        Service.objects.filter(pk=self.legal.pk).update(
            last_verified=PLAN_START - timedelta(days=1)
        )
        make_entry(self.authority, self.hr, name="新服務", verified_on=date.today())
        remind_directory_owners(now=timezone.now())
        notes = Notification.objects.filter(url__startswith="/resources/directory/")
        self.assertEqual([n.recipient for n in notes], [self.eap_admin])

    def test_it_reminds_once_a_month_not_daily(self):
        Service.objects.filter(pk=self.legal.pk).update(last_verified=date(2024, 1, 1))
        today = timezone.localdate()
        remind_directory_owners(now=at(today))
        remind_directory_owners(now=at(today + timedelta(days=1)))
        self.assertEqual(
            Notification.objects.filter(url__startswith="/resources/directory/").count(), 1
        )
        remind_directory_owners(now=at(today + timedelta(days=31)))
        self.assertEqual(
            Notification.objects.filter(url__startswith="/resources/directory/").count(), 2
        )

    def test_an_entry_verified_in_the_period_is_left_alone(self):
        remind_directory_owners(now=timezone.now())
        self.assertFalse(
            Notification.objects.filter(url__startswith="/resources/directory/").exists()
        )

    def test_an_entry_unverified_for_a_year_is_due_even_in_a_long_plan(self):
        Service.objects.filter(pk=self.legal.pk).update(
            last_verified=timezone.localdate() - timedelta(days=400)
        )
        self.plan.period_start = date(2015, 1, 1)
        self.plan.save()
        remind_directory_owners(now=timezone.now())
        self.assertTrue(
            Notification.objects.filter(url__startswith="/resources/directory/").exists()
        )
