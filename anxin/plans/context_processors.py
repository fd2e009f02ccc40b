from anxin.plans.services import crisis_lines_for

# FACTS.md "Crisis lines"; a plan may add its own (plans.ProgramPlan.crisis_lines).
DEFAULT_CRISIS_LINES = [
    {"number": "1925", "name": "安心專線", "hours": "24h"},
    {"number": "1995", "name": "生命線", "hours": ""},
    {"number": "1980", "name": "張老師", "hours": ""},
    {"number": "113", "name": "保護專線", "hours": "24h"},
]


def crisis_lines(request) -> dict:
    """The crisis lines at the foot of every page: the person's plan's, or the national
    ones."""
    lines = crisis_lines_for(getattr(request, "employee", None)) or DEFAULT_CRISIS_LINES
    return {"anxin_crisis_lines": lines}
