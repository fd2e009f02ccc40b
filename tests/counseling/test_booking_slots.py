"""The counsellor's timetable: offering times, refused in the past, on an overlap with
one's own times, or in a room someone else has taken then."""

from datetime import timedelta

from django.urls import reverse

from anxin.core.refusals import Refused
from anxin.counseling.booking import services
from anxin.counseling.booking.models import Room, Slot
from tests.counseling.booking_base import BookingTestCase, at, roc

URL = reverse("counseling:booking_timetable")


def slot_post(starts, minutes=60, mode="face_to_face", room=None) -> dict:
    ends = starts + timedelta(minutes=minutes)
    return {
        "day": roc(starts.date()),
        "start": f"{starts:%H:%M}",
        "end": f"{ends:%H:%M}",
        "mode": mode,
        "room": str(room.pk) if room else "",
    }


class TimetableTests(BookingTestCase):
    def test_it_offers_a_face_to_face_time_in_a_room(self):
        """A counsellor offers a time with a room; it is listed on the timetable."""
        self.login(self.counselor)
        response = self.client.post(URL, slot_post(at(2, 14), room=self.room))
        self.assertRedirects(response, URL)
        slot = Slot.objects.get()
        self.assertEqual((slot.counselor, slot.room, slot.minutes), (self.counselor, self.room, 60))
        page = self.client.get(URL)
        self.assertContains(page, "14:00")

    def test_it_offers_a_telephone_time_without_a_room(self):
        """A telephone or video time needs no room, and keeps none."""
        self.login(self.counselor)
        self.client.post(URL, slot_post(at(2, 9), mode="phone", room=self.room))
        self.assertIsNone(Slot.objects.get().room)

    def test_it_refuses_a_time_in_the_past(self):
        """A time that has passed is refused with the form kept."""
        self.login(self.counselor)
        response = self.client.post(URL, slot_post(at(-1, 10), room=self.room))
        self.assertEqual(response.status_code, 200)
        self.assertTrue(response.context["form"].has_error("day", "past"))
        self.assertEqual(response.context["form"].data["start"], "10:00")
        self.assertFalse(Slot.objects.exists())

    def test_it_refuses_an_end_before_the_start(self):
        """The end must follow the start."""
        self.login(self.counselor)
        data = slot_post(at(2, 14), room=self.room) | {"end": "13:00"}
        response = self.client.post(URL, data)
        self.assertTrue(response.context["form"].has_error("end", "order"))

    def test_it_requires_a_room_for_face_to_face(self):
        """Face to face without a room is refused."""
        self.login(self.counselor)
        response = self.client.post(URL, slot_post(at(2, 14)))
        self.assertTrue(response.context["form"].has_error("room", "room_required"))

    def test_it_refuses_an_overlap_with_the_counsellors_own_time(self):
        """A time overlapping one the counsellor already offers is refused."""
        self.make_slot(starts=at(2, 14))
        self.login(self.counselor)
        response = self.client.post(URL, slot_post(at(2, 14, 30), mode="video"))
        self.assertTrue(response.context["form"].has_error("__all__", "overlap"))
        self.assertEqual(Slot.objects.count(), 1)

    def test_it_allows_back_to_back_times(self):
        """A time starting when the previous one ends does not overlap."""
        self.make_slot(starts=at(2, 14))
        self.login(self.counselor)
        self.client.post(URL, slot_post(at(2, 15), room=self.room))
        self.assertEqual(Slot.objects.count(), 2)

    def test_it_refuses_a_room_taken_by_another_counsellor(self):
        """Two counsellors cannot hold one room at the same time."""
        self.make_slot(counselor=self.counselor2, starts=at(2, 14))
        self.login(self.counselor)
        response = self.client.post(URL, slot_post(at(2, 14, 30), room=self.room))
        self.assertTrue(response.context["form"].has_error("room", "room_taken"))
        other = Room.objects.create(authority=self.authority, name="協談室B", location="5樓")
        self.client.post(URL, slot_post(at(2, 14, 30), room=other))
        self.assertEqual(Slot.objects.filter(counselor=self.counselor).count(), 1)

    def test_the_service_refuses_what_the_form_would(self):
        """The service checks again under its locks: overlap, room taken, past."""
        self.make_slot(starts=at(2, 14))
        for kwargs, code in [
            ({"counselor": self.counselor, "starts_at": at(2, 14, 30), "mode": "phone"}, "overlap"),
            ({"counselor": self.counselor2, "starts_at": at(2, 14, 30)}, "room_taken"),
            ({"counselor": self.counselor2, "starts_at": at(-1, 9)}, "past"),
        ]:
            kwargs.setdefault("mode", "face_to_face")
            with self.subTest(code=code), self.assertRaises(Refused) as caught:
                services.slot_publish(
                    ends_at=kwargs["starts_at"] + timedelta(hours=1),
                    room=self.room if kwargs["mode"] == "face_to_face" else None,
                    **kwargs,
                )
            self.assertEqual(caught.exception.code, code)

    def test_it_refuses_a_room_out_of_use(self):
        """A room taken out of use is not offered, and the service refuses it."""
        services.room_set_active(room=self.room, active=False)
        with self.assertRaises(Refused) as caught:
            self.make_slot()
        self.assertEqual(caught.exception.code, "room_inactive")

    def test_it_answers_405_to_put(self):
        self.login(self.counselor)
        self.assertEqual(self.client.put(URL).status_code, 405)

    def test_it_refuses_other_roles(self):
        """An employee or a coordinator gets 403."""
        for user in (self.alice, self.intake):
            self.login(user)
            self.assertEqual(self.client.get(URL).status_code, 403)
