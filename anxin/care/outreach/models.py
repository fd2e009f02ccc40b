"""Outreach that offers help to the person only: life events, overtime and family-care leave."""

__all__: list[str] = []
