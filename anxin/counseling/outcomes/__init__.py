"""Outcome measures: a short measure (WHO-5) the employee answers at the start and the
close of a case, sealed as a pair on the case, and its change counted in an unlinked
yearly tally (decision 0072)."""
