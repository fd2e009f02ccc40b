"""Advice: the demo's booked advice. 範例市政府's demo plan (from Taipei's preset) names no
advice at fixed times, so the demo gives it Chiayi's legal advice as 002 §伍.三.(二).1
writes it (Mondays and Fridays 9:30–12:00 in meeting room 1 on the 6th floor, Wednesdays
at the West District office), with the demo counsellor as its adviser, two weeks of
times and a few booked; the service is linked to the directory's entry of the same
advice (made by the directory's demo step before this one)."""

from django.utils import timezone

from anxin.core.demo import DemoRun, demo_step
from anxin.people.demo import AUTHORITY_CODE, username_for
from anxin.people.models import Employee, OrgUnit, User
from anxin.people.roles import Role
from anxin.plans.config import Channel, build
from anxin.plans.loader import read_preset
from anxin.plans.services import plan_for_authority
from anxin.resources.advice.models import AdviceBooking, AdviceService
from anxin.resources.advice.services import (
    advice_book,
    advice_rules_from_channel,
    slots_generate,
)
from anxin.resources.directory.models import Service as DirectoryEntry

SOURCE_PRESET = "chiayi-105"
CHANNEL = "legal_advice"
# The directory demo's entry of the same advice (resources/directory/demo.py).
ENTRY_NAME = "法律扶助諮詢"
TOPICS = ("租屋押金退還", "車禍和解", "遺產繼承", "勞動契約")


def demo_advice() -> tuple[AdviceService, int, int] | None:
    authority = OrgUnit.objects.filter(code=AUTHORITY_CODE).first()
    plan = plan_for_authority(authority.pk) if authority else None
    if plan is None:
        return None
    document = read_preset(SOURCE_PRESET)
    data = next(item for item in document.data["channels"] if item["key"] == CHANNEL)
    channel = build(Channel, data)
    service, created = AdviceService.objects.get_or_create(
        plan=plan,
        channel_key=CHANNEL,
        defaults={
            "name": channel.name,
            "provider": channel.provider,
            "source": f"{channel.source}（{SOURCE_PRESET}）",
            "slot_minutes": document.data["advice"]["slot_minutes"],
        },
    )
    if created:
        advice_rules_from_channel(service=service, channel=channel)
    if service.entry_id is None:
        service.entry = DirectoryEntry.objects.filter(authority=authority, name=ENTRY_NAME).first()
        service.save(update_fields=["entry"])
    adviser = User.objects.filter(username=username_for(Role.COUNSELOR)).first()
    if adviser is not None:
        service.advisers.add(adviser)
    now = timezone.now()
    slots_generate(service=service, start=timezone.localdate(), days=14, now=now)
    people = [
        Employee.objects.filter(user__username=username_for(Role.EMPLOYEE)).first(),
        *Employee.objects.filter(authority=authority, is_active=True, user__isnull=True).order_by(
            "number"
        )[: len(TOPICS) - 1],
    ]
    coming = AdviceBooking.objects.filter(
        slot__service=service, slot__starts_at__gt=now, status=AdviceBooking.Status.BOOKED
    )
    # A second run books nobody who still holds a time of this service (the plan's limit
    # would refuse it).
    holding = set(coming.values_list("employee_id", flat=True))
    people = [person for person in people if person is not None and person.pk not in holding]
    free = service.slots.filter(starts_at__gt=now, bookings__isnull=True).order_by("starts_at")
    for employee, slot, topic in zip(people, list(free[: len(TOPICS)]), TOPICS, strict=False):
        advice_book(slot=slot, employee=employee, topic=topic, actor=employee.user)
    return service, service.slots.count(), coming.count()


@demo_step(order=75, summary="Chiayi's legal advice at fixed times, with times booked")
def advice_step(run: DemoRun) -> str | None:
    """Needs the plans and the accounts."""
    made = demo_advice()
    if made is None:
        return None
    service, slots, booked = made
    return (
        f"Advice: {service.name} ({SOURCE_PRESET} §伍.三.(二)), {slots} times, "
        f"{booked} booked, adviser {username_for(Role.COUNSELOR)}."
    )
