"""Which case flows a plan runs: its own flows that have steps, and for the non-voluntary
and crisis flows it lacks, the built-in ones of `default_flows.yaml` (docs/plans.md)."""

from functools import cache
from pathlib import Path

import yaml
from jsonschema import Draft202012Validator

from anxin.plans.config import CaseFlow
from anxin.plans.loader import plan_schema

DEFAULT_FLOWS_PATH = Path(__file__).with_name("default_flows.yaml")
# The flows every plan can start, whether or not its own file draws them.
STANDARD_KEYS = ("non_voluntary", "crisis")


def check_flow(data: dict) -> None:
    """Raise ValueError unless `data` is a valid `case_flows` item whose `next` and branch
    targets name steps of the flow."""
    schema = {"$defs": plan_schema()["$defs"], "$ref": "#/$defs/case_flow"}
    errors = list(Draft202012Validator(schema).iter_errors(data))
    if errors:
        raise ValueError(f"flow {data.get('key')!r}: {errors[0].message}")
    keys = {step["key"] for step in data.get("steps", [])}
    for step in data.get("steps", []):
        targets = [step["next"]] if "next" in step else []
        targets += [branch["next"] for branch in step.get("branches", [])]
        for target in targets:
            if target not in keys:
                raise ValueError(f"flow {data['key']!r}: no step {target!r}")


@cache
def default_flows() -> dict[str, dict]:
    """The built-in flows by key, checked once."""
    with DEFAULT_FLOWS_PATH.open(encoding="utf-8") as handle:
        items = yaml.safe_load(handle)["case_flows"]
    for item in items:
        check_flow(item)
    return {item["key"]: item for item in items}


def flow_definitions(plan) -> dict[str, dict]:
    """The flows `plan` can run, by key: its own flows with steps first, then the built-in
    non-voluntary and crisis flows where the plan has none with steps."""
    own = plan.drawn_case_flows()
    for key in STANDARD_KEYS:
        if key not in own:
            own[key] = default_flows()[key]
    return own


def startable_flows(plan) -> dict[str, dict]:
    """The flows a supervisor or coordinator starts from the flows page."""
    definitions = flow_definitions(plan)
    return {key: definitions[key] for key in STANDARD_KEYS}


def is_built_in(plan, key: str) -> bool:
    return flow_definitions(plan)[key] is default_flows().get(key)


def as_flow(definition: dict) -> CaseFlow:
    return CaseFlow.from_dict(definition)
