"""Assignment weighs each counsellor's open cases and free offered times (issue 3 item 2):
the choice list says both, and costs the same queries however many counsellors there are."""

from datetime import timedelta

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from anxin.counseling.booking import services as booking
from anxin.counseling.booking.models import Room
from anxin.counseling.policies import counselors_with_availability
from tests.base import give_role, make_user
from tests.counseling.base import CounselingTestCase


class AvailabilityTestCase(CounselingTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        room = Room.objects.create(authority=cls.authority, name="諮商室", location="3F")
        soon = timezone.now() + timedelta(days=2)
        cls.slots = [
            booking.slot_publish(
                counselor=cls.counselor,
                starts_at=soon + timedelta(hours=n),
                ends_at=soon + timedelta(hours=n, minutes=50),
                mode="face_to_face",
                room=room,
            )
            for n in range(3)
        ]
        # Outside the two weeks: not counted.
        booking.slot_publish(
            counselor=cls.counselor, starts_at=soon + timedelta(days=20),
            ends_at=soon + timedelta(days=20, minutes=50), mode="phone", room=None,
        )  # fmt: skip
        cls.case = cls.make_case()
        booking.appointment_book(case=cls.case, slot=cls.slots[0], actor=cls.alice)

    def test_it_counts_open_cases_and_free_times(self):
        rows = {u.username: (u.open_cases, u.free_slots) for u in
                counselors_with_availability(self.authority)}  # fmt: skip
        self.assertEqual(rows["counselor"], (1, 2))
        self.assertEqual(rows["counselor2"], (0, 0))

    def test_the_assignment_form_shows_them(self):
        item = self.make_request()
        self.login(self.intake)
        response = self.client.get(item.get_absolute_url())
        choices = dict(response.context["form"].fields["counselor"].choices)
        label = str(choices[next(k for k in choices if str(k) == str(self.counselor.pk))])
        self.assertIn("1", label)
        self.assertIn("2", label)

    def test_its_query_count_does_not_grow(self):
        def count() -> int:
            with CaptureQueriesContext(connection) as context:
                list(counselors_with_availability(self.authority))
            return len(context)

        few = count()
        for n in range(5):
            give_role(make_user(f"more-counselor-{n}"), "counselor", self.authority)
        self.assertEqual(count(), few)
