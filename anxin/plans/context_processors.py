from anxin.plans.services import crisis_lines_shown


def crisis_lines(request) -> dict:
    """The crisis lines at the foot of every page: the person's plan's, or the national
    ones."""
    return {"anxin_crisis_lines": crisis_lines_shown(getattr(request, "employee", None))}
