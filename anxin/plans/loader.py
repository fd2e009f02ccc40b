"""Reading plan files: YAML with line numbers, validated against `schema.yaml`.

A bad file is answered with every fault found, each as `file:line: key.path: message`,
and nothing is written: `read_plan_file` only reads, and `load_plan_file` writes through
`services.plans_load` inside one transaction only after the whole file has passed.
"""

import difflib
import re
from datetime import date
from functools import cache
from pathlib import Path

import yaml
from jsonschema import Draft202012Validator

from anxin.core.measures import pair_measures
from anxin.plans.config import OutcomeSettings
from anxin.plans.documents import PlanDocument, PlanError, PlanFileError, dotted
from anxin.plans.services import plans_load

APP_DIR = Path(__file__).resolve().parent
PRESETS_DIR = APP_DIR / "presets"
SCHEMA_PATH = APP_DIR / "schema.yaml"

# Citations may also name the project's reference documents (defaults come from them).
REFERENCE_DOCUMENTS = ("FACTS.md", "DESIGN.md")

# The lists whose items carry a `key` that must be unique within the list.
_KEYED_LISTS = (
    ("channels",),
    ("surveys",),
    ("target_groups",),
    ("service_areas",),
    ("resource_categories",),
    ("case_flows",),
    ("governance_bodies",),
    ("forms",),
    ("care_workers", "trainings"),
)


class _PlanYamlLoader(yaml.SafeLoader):
    """Safe YAML without implicit dates: dates stay text so that the schema checks them
    (and the stored configuration is plain JSON)."""


_PlanYamlLoader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


@cache
def plan_schema() -> dict:
    with SCHEMA_PATH.open(encoding="utf-8") as handle:
        return yaml.safe_load(handle)


def _validator() -> Draft202012Validator:
    return Draft202012Validator(plan_schema(), format_checker=Draft202012Validator.FORMAT_CHECKER)


# --- parsing -----------------------------------------------------------------------------


def _path_at_syntax_error(text: str) -> tuple:
    """The key path the parser had reached when it met a syntax error, rebuilt from the
    event stream (the composed tree is not available for a broken file)."""
    frames: list[dict] = []

    def enter_value() -> None:
        if frames and frames[-1]["kind"] == "seq":
            frames[-1]["index"] += 1

    def value_done() -> None:
        if frames and frames[-1]["kind"] == "map":
            frames[-1]["want_key"] = True

    try:
        for event in yaml.parse(text, Loader=_PlanYamlLoader):
            if isinstance(event, yaml.MappingStartEvent | yaml.SequenceStartEvent):
                enter_value()
                kind = "map" if isinstance(event, yaml.MappingStartEvent) else "seq"
                frames.append({"kind": kind, "want_key": True, "key": None, "index": -1})
            elif isinstance(event, yaml.MappingEndEvent | yaml.SequenceEndEvent):
                frames.pop()
                value_done()
            elif isinstance(event, yaml.ScalarEvent | yaml.AliasEvent):
                top = frames[-1] if frames else None
                if top is not None and top["kind"] == "map" and top["want_key"]:
                    top["key"], top["want_key"] = getattr(event, "value", None), False
                else:
                    enter_value()
                    value_done()
    except yaml.YAMLError:
        pass
    path: list = []
    for frame in frames:
        if frame["kind"] == "map" and frame["key"] is not None:
            path.append(frame["key"])
        elif frame["kind"] == "seq" and frame["index"] >= 0:
            path.append(frame["index"])
    return tuple(path)


def _walk(node: yaml.Node, path: tuple, lines: dict, errors: list, file: str) -> None:
    """Record the line of every key and list item under `node`; report duplicate keys,
    which YAML would otherwise resolve silently to the last one."""
    if isinstance(node, yaml.MappingNode):
        seen: set = set()
        for key_node, value_node in node.value:
            key = key_node.value if isinstance(key_node, yaml.ScalarNode) else str(key_node)
            child = (*path, key)
            line = key_node.start_mark.line + 1
            if key in seen:
                errors.append(PlanError(file, line, dotted(child), "duplicate key"))
            seen.add(key)
            lines.setdefault(child, line)
            _walk(value_node, child, lines, errors, file)
    elif isinstance(node, yaml.SequenceNode):
        for index, item in enumerate(node.value):
            child = (*path, index)
            lines[child] = item.start_mark.line + 1
            _walk(item, child, lines, errors, file)


def parse_plan_text(text: str, file: str) -> PlanDocument:
    """Parse YAML text, keeping each key's line; raise PlanFileError on a syntax error or
    a document that is not a mapping."""
    loader = _PlanYamlLoader(text)
    try:
        node = loader.get_single_node()
        data = loader.construct_document(node) if node is not None else None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
        line = mark.line + 1 if mark is not None else 1
        problem = getattr(exc, "problem", None) or str(exc)
        context = getattr(exc, "context", None)
        message = f"YAML syntax error: {problem}" + (f" ({context})" if context else "")
        path = dotted(_path_at_syntax_error(text))
        raise PlanFileError([PlanError(file, line, path, message)]) from None
    finally:
        loader.dispose()
    if not isinstance(data, dict):
        line = node.start_mark.line + 1 if node is not None else 1
        raise PlanFileError([PlanError(file, line, "(top level)", "the file must be a mapping")])
    lines: dict[tuple, int] = {(): node.start_mark.line + 1}
    errors: list[PlanError] = []
    _walk(node, (), lines, errors, file)
    document = PlanDocument(file=file, data=data, lines=lines)
    if errors:
        raise PlanFileError(errors)
    return document


# --- validation --------------------------------------------------------------------------


def _schema_errors(document: PlanDocument) -> list[PlanError]:
    errors: list[PlanError] = []
    for error in _validator().iter_errors(document.data):
        path = tuple(error.absolute_path)
        if error.validator == "additionalProperties" and isinstance(error.instance, dict):
            allowed = sorted(error.schema.get("properties", {}))
            for key in error.instance:
                if key in allowed:
                    continue
                close = difflib.get_close_matches(str(key), allowed, n=1)
                hint = f"; did you mean '{close[0]}'?" if close else ""
                errors.append(
                    document.error(
                        (*path, key), f"unknown key{hint} (allowed: {', '.join(allowed)})"
                    )
                )
        elif error.validator == "required" and isinstance(error.instance, dict):
            for key in error.validator_value:
                if key not in error.instance:
                    errors.append(
                        PlanError(
                            document.file,
                            document.line_of(path),
                            dotted((*path, key)),
                            "required key is missing",
                        )
                    )
        else:
            errors.append(document.error(path, error.message))
    return errors


_CITATION_SPLIT = re.compile(r"[;；]")


def _known_refs(data: dict) -> set[str]:
    return {source["ref"] for source in data["sources"]} | set(REFERENCE_DOCUMENTS)


def _citation_errors(document: PlanDocument) -> list[PlanError]:
    """Every `source` must begin with a document the plan lists (or a reference document),
    so that the page's citations can be followed back to paper."""
    known = _known_refs(document.data)
    errors: list[PlanError] = []

    def visit(value, path: tuple) -> None:
        if isinstance(value, dict):
            for key, child in value.items():
                if key == "source" and isinstance(child, str) and path[:1] != ("sources",):
                    for part in _CITATION_SPLIT.split(child):
                        first = re.split(r"[\s§]", part.strip(), maxsplit=1)[0]
                        if first not in known:
                            errors.append(
                                document.error(
                                    (*path, key),
                                    f"citation '{part.strip()}' does not start with a listed "
                                    f"source ({', '.join(sorted(known))})",
                                )
                            )
                            break
                else:
                    visit(child, (*path, key))
        elif isinstance(value, list):
            for index, child in enumerate(value):
                visit(child, (*path, index))

    visit(document.data, ())
    return errors


def _get(data, path: tuple):
    for part in path:
        data = data.get(part, []) if isinstance(data, dict) else data
    return data


def _unique(document: PlanDocument, path: tuple, items: list, attribute: str) -> list:
    errors, seen = [], set()
    for index, item in enumerate(items):
        value = item.get(attribute)
        if value in seen:
            errors.append(document.error((*path, index, attribute), f"duplicate {attribute}"))
        seen.add(value)
    return errors


def _range_error(document, path, low, high, low_name, high_name, *, strict=False):
    if low is None or high is None:
        return []
    if high < low or (strict and high == low):
        relation = "greater than" if strict else "at least"
        return [document.error((*path, high_name), f"must be {relation} {low_name} ({low})")]
    return []


def _consistency_errors(document: PlanDocument) -> list[PlanError]:
    """What a schema cannot say: unique keys, references between steps, ordered ranges."""
    data, errors = document.data, []
    errors += _unique(document, ("sources",), data["sources"], "ref")
    for path in _KEYED_LISTS:
        errors += _unique(document, path, _get(data, path), "key")

    period = data["period"]
    if "end" in period:
        start, end = date.fromisoformat(period["start"]), date.fromisoformat(period["end"])
        errors += _range_error(document, ("period",), start, end, "start", "end")

    for f, flow in enumerate(data.get("case_flows", [])):
        steps = flow.get("steps", [])
        errors += _unique(document, ("case_flows", f, "steps"), steps, "key")
        keys = {step["key"] for step in steps}
        for s, step in enumerate(steps):
            targets = [(("next",), step["next"])] if "next" in step else []
            targets += [
                (("branches", b, "next"), branch["next"])
                for b, branch in enumerate(step.get("branches", []))
            ]
            for where, target in targets:
                if target not in keys:
                    errors.append(
                        document.error(
                            ("case_flows", f, "steps", s, *where),
                            f"no step '{target}' in this flow",
                        )
                    )

    channel_keys = {channel["key"] for channel in data["channels"]}
    for a, key in enumerate(_get(data, ("advice", "services"))):
        if key not in channel_keys:
            errors.append(document.error(("advice", "services", a), f"no channel '{key}'"))

    trainings = _get(data, ("care_workers", "trainings"))
    training_keys = {training["key"] for training in trainings}
    for t, training in enumerate(trainings):
        for r, required in enumerate(training.get("requires", [])):
            if required not in training_keys or required == training["key"]:
                errors.append(
                    document.error(
                        ("care_workers", "trainings", t, "requires", r),
                        f"no other training '{required}'",
                    )
                )

    commended = _get(data, ("care_workers", "commendation", "training"))
    if commended and commended not in training_keys:
        errors.append(
            document.error(
                ("care_workers", "commendation", "training"), f"no training '{commended}'"
            )
        )

    outcomes = data.get("outcomes", {})
    instrument = outcomes.get("instrument")
    if instrument is not None and instrument != "none":
        usable = pair_measures()
        if instrument not in usable:
            known = ", ".join([*usable, "none"])
            errors.append(
                document.error(
                    ("outcomes", "instrument"),
                    f"no measure '{instrument}' usable at a case's start and close "
                    f"(known: {known})",
                )
            )
    errors += _range_error(
        document,
        ("outcomes",),
        outcomes.get("remind_after_days", OutcomeSettings.remind_after_days),
        outcomes.get("lapse_after_days", OutcomeSettings.lapse_after_days),
        "remind_after_days",
        "lapse_after_days",
        strict=True,
    )

    for g, group in enumerate(data.get("target_groups", [])):
        criteria = group["criteria"]
        errors += _range_error(
            document,
            ("target_groups", g, "criteria"),
            criteria.get("min_age"),
            criteria.get("max_age"),
            "min_age",
            "max_age",
        )
        for e, event in enumerate(group.get("events", [])):
            path = ("target_groups", g, "events", e)
            for low, high in (("sessions", "sessions_max"), ("hours", "hours_max")):
                errors += _range_error(document, path, event.get(low), event.get(high), low, high)
            for b, band in enumerate(event.get("audience_by_year", [])):
                errors += _range_error(
                    document,
                    (*path, "audience_by_year", b),
                    band.get("min_age"),
                    band.get("max_age"),
                    "min_age",
                    "max_age",
                )

    for w, window in enumerate(_get(data, ("new_hire_survey", "windows"))):
        errors += _range_error(
            document,
            ("new_hire_survey", "windows", w),
            window["start_months"],
            window["end_months"],
            "start_months",
            "end_months",
            strict=True,
        )

    for b, body in enumerate(data.get("governance_bodies", [])):
        path = ("governance_bodies", b)
        members = body["members"]
        errors += _range_error(
            document, (*path, "members"), members["min"], members.get("max"), "min", "max"
        )
        errors += _unique(document, (*path, "groups"), body.get("groups", []), "number")
        for g, group in enumerate(body.get("groups", [])):
            size = group.get("members", {})
            errors += _range_error(
                document,
                (*path, "groups", g, "members"),
                size.get("min"),
                size.get("max"),
                "min",
                "max",
            )

    for c, channel in enumerate(data["channels"]):
        for s, slot in enumerate(channel.get("schedule", [])):
            errors += _range_error(
                document,
                ("channels", c, "schedule", s),
                slot["start"],
                slot["end"],
                "start",
                "end",
                strict=True,
            )
    return errors


def validate_document(document: PlanDocument) -> None:
    """Raise PlanFileError naming every fault: schema first, then what depends on it."""
    errors = _schema_errors(document)
    if not errors:
        errors = _citation_errors(document) + _consistency_errors(document)
    if errors:
        raise PlanFileError(errors)


def read_plan_file(path: str | Path) -> PlanDocument:
    """Parse and validate a plan file without touching the database."""
    file = str(path)
    try:
        text = Path(path).read_text(encoding="utf-8")
    except FileNotFoundError:
        raise PlanFileError([PlanError(file, 1, "(file)", "no such file")]) from None
    except UnicodeDecodeError as exc:
        raise PlanFileError(
            [PlanError(file, 1, "(file)", f"not UTF-8 text ({exc.reason})")]
        ) from None
    document = parse_plan_text(text, file)
    validate_document(document)
    return document


# --- presets -----------------------------------------------------------------------------


def preset_path(slug: str) -> Path:
    return PRESETS_DIR / f"{slug}.yaml"


def preset_slugs() -> list[str]:
    return sorted(path.stem for path in PRESETS_DIR.glob("*.yaml"))


def read_preset(slug: str) -> PlanDocument:
    if slug not in preset_slugs():
        raise PlanFileError(
            [
                PlanError(
                    str(preset_path(slug)),
                    1,
                    "(file)",
                    f"no preset '{slug}' (presets: {', '.join(preset_slugs())})",
                )
            ]
        )
    document = read_plan_file(preset_path(slug))
    if document.slug != slug:
        raise PlanFileError(
            [document.error(("slug",), f"a preset's slug must be its file name ('{slug}')")]
        )
    return document


def load_plan_file(path: str | Path):
    """Read, validate and load one plan file; returns the ProgramPlan."""
    return plans_load(documents=[read_plan_file(path)])[0].plan


def load_preset(slug: str):
    """Load the preset `slug` (anxin/plans/presets/<slug>.yaml); returns the ProgramPlan."""
    return plans_load(documents=[read_preset(slug)])[0].plan
