"""Outcome measures: a short measure (the plan's, WHO-5 by default) the employee answers
at the start and the close of a case, sealed as a pair on the case, and its change counted
in an unlinked yearly tally; the closing answer is reminded once, then lapses (decisions
0072, 0079)."""
