"""The coordinator's rooms: added, a duplicate name refused, taken out of use."""

from django.urls import reverse

from anxin.counseling.booking.models import Room
from tests.counseling.booking_base import BookingTestCase

URL = reverse("counseling:booking_rooms")


class RoomTests(BookingTestCase):
    def test_it_adds_a_room(self):
        self.login(self.intake)
        response = self.client.post(URL, {"name": "協談室B", "location": "市府大樓6樓"})
        self.assertRedirects(response, URL)
        room = Room.objects.get(name="協談室B")
        self.assertEqual((room.authority, room.location), (self.authority, "市府大樓6樓"))

    def test_it_refuses_a_duplicate_name_and_keeps_what_was_typed(self):
        self.login(self.intake)
        response = self.client.post(URL, {"name": "協談室A", "location": "別處"})
        self.assertTrue(response.context["form"].has_error("name", "room_exists"))
        self.assertEqual(response.context["form"].data["location"], "別處")

    def test_it_takes_a_room_out_of_use_and_back(self):
        self.login(self.intake)
        toggle = reverse("counseling:booking_room_active", args=[self.room.uuid])
        self.client.post(toggle, {"active": "0"})
        self.room.refresh_from_db()
        self.assertFalse(self.room.is_active)
        self.client.post(toggle, {"active": "1"})
        self.room.refresh_from_db()
        self.assertTrue(self.room.is_active)
        self.assertEqual(self.client.get(toggle).status_code, 405)

    def test_other_roles_are_refused(self):
        for user in (self.counselor, self.alice, self.hr):
            self.login(user)
            self.assertEqual(self.client.get(URL).status_code, 403)
        self.login(self.intake)
        self.assertEqual(self.client.put(URL).status_code, 405)
