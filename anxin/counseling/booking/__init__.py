"""Booking: counsellors' and providers' time slots, rooms, appointments, and the
yearly quota ledger."""
