"""Plan services (placeholder until the plans app lands)."""


def crisis_lines_for(employee) -> list[dict]:
    return []
