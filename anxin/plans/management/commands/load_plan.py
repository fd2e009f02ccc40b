from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from anxin.plans.loader import (
    PlanFileError,
    preset_slugs,
    read_plan_file,
    read_preset,
)
from anxin.plans.services import plans_load


def _looks_like_file(target: str) -> bool:
    return target.endswith((".yaml", ".yml")) or "/" in target or Path(target).is_file()


class Command(BaseCommand):
    help = (
        "Load a plan preset or an authority's plan YAML (all or nothing); --all loads every preset."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "target",
            nargs="?",
            metavar="PRESET-OR-FILE",
            help=f"a preset ({', '.join(preset_slugs())}) or the path of a plan YAML file",
        )
        parser.add_argument("--all", action="store_true", help="load every preset")

    def handle(self, *args, target: str | None = None, all: bool = False, **options):
        if all == bool(target):
            raise CommandError("give either one PRESET-OR-FILE or --all")
        if all:
            readers = [(read_preset, slug) for slug in preset_slugs()]
        elif _looks_like_file(target):
            readers = [(read_plan_file, target)]
        else:
            readers = [(read_preset, target)]
        documents, errors = [], []
        for read, name in readers:
            try:
                documents.append(read(name))
            except PlanFileError as exc:
                errors += exc.errors
        try:
            if not errors:
                loads = plans_load(documents=documents)
        except PlanFileError as exc:
            errors = exc.errors
        if errors:
            for error in errors:
                self.stderr.write(str(error))
            raise CommandError(f"nothing loaded: {len(errors)} error(s) in the plan file(s)")
        for load in loads:
            plan = load.plan
            end = plan.period_end.isoformat() if plan.period_end else "until amended"
            self.stdout.write(
                f"{'created' if load.created else 'updated'} {plan.slug}: {plan.name} "
                f"({plan.authority.name}{', new authority' if load.authority_created else ''}; "
                f"{plan.period_start.isoformat()} to {end}; {len(plan.channels)} channels, "
                f"{len(plan.target_groups)} target groups, {len(plan.case_flows)} case flows, "
                f"{len(plan.governance_bodies)} governance bodies) from {plan.source_file}"
            )
