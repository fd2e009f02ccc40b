"""Advice at fixed times: slots from a service's weekly schedule, sealed-topic bookings."""

__all__: list[str] = []
