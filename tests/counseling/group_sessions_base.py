"""Fixtures for the group counselling tests: the counselling room's coordinator, a
second counsellor, a unit head who asked for a group, and a scheduling helper."""

from datetime import date, timedelta

from django.utils import timezone

from anxin.counseling.groups import services
from anxin.counseling.providers import services as requests
from anxin.people.roles import Role
from tests.base import give_role, make_employee, make_user
from tests.events.base import TAIPEI, EventsTestCase


def weekly(count: int = 1, *, days_ahead: int = 30, hours: int = 2):
    first = (timezone.now() + timedelta(days=days_ahead)).astimezone(TAIPEI)
    first = first.replace(hour=15, minute=0, second=0, microsecond=0)
    return [
        (first + timedelta(weeks=n), first + timedelta(weeks=n, hours=hours)) for n in range(count)
    ]


class GroupSessionsTestCase(EventsTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.intake = make_user("coordinator")
        give_role(cls.intake, Role.INTAKE, cls.authority)
        cls.other_counselor = make_user("counselor2")
        give_role(cls.other_counselor, Role.COUNSELOR, cls.authority)
        cls.supervisor = make_user("unithead")
        give_role(cls.supervisor, Role.SUPERVISOR, cls.unit)
        cls.bob = make_user("bob")
        cls.bob_employee = make_employee(cls.bob, unit=cls.unit, number="E0100", name="林小明")

    @classmethod
    def make_request(cls, **extra):
        data = {
            "requester": cls.supervisor,
            "role": Role.SUPERVISOR,
            "unit": cls.unit,
            "kind": "group",
            "topic": "work_stress",
            "preferred_from": date.today(),
            "preferred_to": date.today() + timedelta(days=60),
            "expected_participants": 8,
        }
        data.update(extra)
        return requests.group_request_submit(**data)

    @classmethod
    def schedule(cls, *, actor=None, sessions=None, group_request=None, **extra):
        data = {
            "actor": actor or cls.intake,
            "authority": cls.authority,
            "title": "團體諮商：工作壓力",
            "description": "",
            "audience_unit": cls.unit,
            "facilitator": cls.counselor,
            "capacity": 8,
            "sessions": sessions or weekly(),
            "place": "第一科會議室",
            "group_request": group_request,
            "request_version": group_request.version if group_request else None,
        }
        data.update(extra)
        return services.group_session_schedule(**data)
