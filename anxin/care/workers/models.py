"""Care workers (關懷員): nomination, terms, coverage map, training level, activity, commendations,
group meetings."""

__all__: list[str] = []
