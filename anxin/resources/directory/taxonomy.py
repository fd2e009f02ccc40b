"""The directory's taxonomy, read from the plan in force: its service areas
(`service_areas`) and the categories of its directory and map collections
(`resource_categories` of kind directory or map: 003's four harassment categories,
004's resource table, 003's care map)."""

from dataclasses import dataclass
from datetime import date

from anxin.plans.models import ProgramPlan
from anxin.plans.services import plan_for_authority

COLLECTION_KINDS = ("directory", "map")


@dataclass(frozen=True)
class Taxonomy:
    areas: tuple[tuple[str, str], ...] = ()  # (key, name)
    categories: tuple[tuple[str, tuple[str, ...]], ...] = ()  # (collection name, categories)
    map_categories: tuple[str, ...] = ()
    plan_start: date | None = None

    @property
    def area_names(self) -> dict[str, str]:
        return dict(self.areas)

    @property
    def category_names(self) -> frozenset[str]:
        return frozenset(name for _, names in self.categories for name in names)

    def area_choices(self) -> list[tuple[str, str]]:
        return [("", "—"), *self.areas]

    def category_choices(self) -> list:
        return [("", "—"), *((group, [(n, n) for n in names]) for group, names in self.categories)]


def taxonomy_of(plan: ProgramPlan | None) -> Taxonomy:
    if plan is None:
        return Taxonomy()
    collections = [c for c in plan.resource_categories if c.kind in COLLECTION_KINDS]
    return Taxonomy(
        areas=tuple((area.key, area.name) for area in plan.service_areas),
        categories=tuple((c.name, tuple(c.categories)) for c in collections),
        map_categories=tuple(n for c in collections if c.kind == "map" for n in c.categories),
        plan_start=plan.period_start,
    )


def taxonomy_for(authority_id: int) -> Taxonomy:
    """The taxonomy of the plan in force for the authority. One query."""
    return taxonomy_of(plan_for_authority(authority_id))
