"""Mentoring of new hires: pairs, monthly one-to-one talks, completion."""

__all__: list[str] = []
