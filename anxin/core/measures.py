"""Standard measures that one app defines and another uses, without either importing the
other (decision 0072).

The self-tests app owns the instruments (WHO-5 and the others, as validated data);
counselling asks an employee to answer one at the start and the close of a case. The
import contracts forbid counselling to import the self-tests, so the self-tests register
a *provider* here, from their `AppConfig.ready()`, and counselling asks for a measure by
its key:

    definition = measure("who5")   # None when no provider knows the key

What comes back is the provider's own parsed instrument; a user needs only what
`Measure` below names (its items and their options, `score(answers)` and the scores'
meaningful change), so another provider could serve the same calls.

A provider may also register a *catalogue*: the measures it offers whatever the database
holds (the self-tests: their built-in files). A plan file is checked against it without
the database (decision 0079): `pair_measures()` names the measures usable as a pair at a
case's start and close.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Protocol


class Measure(Protocol):
    key: str
    version: int
    items: tuple  # each: key, number, text, options (each: value, text)
    scores: tuple  # each: key, label, low, high, meaningful_change, compute(...)

    @property
    def name(self) -> str: ...

    @property
    def period(self) -> str: ...

    @property
    def citation(self) -> str: ...

    def score(self, answers: dict[str, int]): ...  # .scores: {score key: Fraction}


Provider = Callable[[str], "Measure | None"]
Catalogue = Callable[[], "dict[str, Measure]"]
_providers: list[Provider] = []
_catalogues: list[Catalogue] = []


def measure_provider(func: Provider) -> Provider:
    """Register a function that returns the measure of a key, or None."""
    if func not in _providers:
        _providers.append(func)
    return func


def measure(key: str) -> Measure | None:
    """The measure named `key` from the first provider that knows it."""
    for provider in _providers:
        found = provider(key)
        if found is not None:
            return found
    return None


def measure_catalogue(func: Catalogue) -> Catalogue:
    """Register a function that returns the measures a provider offers, by key, without
    reading the database."""
    if func not in _catalogues:
        _catalogues.append(func)
    return func


def pair_measures() -> dict[str, Measure]:
    """The catalogued measures usable as a pair (a score at the start, one at the close,
    and their change): those whose first score has a meaningful change, which decides
    whether a change counts as improved, unchanged or worse (decision 0079)."""
    found: dict[str, Measure] = {}
    for catalogue in _catalogues:
        for key, item in catalogue().items():
            found.setdefault(key, item)
    return {
        key: item
        for key, item in sorted(found.items())
        if item.scores and item.scores[0].meaningful_change
    }
