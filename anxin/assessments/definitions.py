"""Self-test instruments as data: reading, validating and scoring them.

An instrument is a YAML file (the built-in ones are in `instruments/`): its items, answer
scales, scores and bands, the advice of each band, the rules that show the crisis lines,
and its source and licence note. `read_instrument_file()` answers a bad file with every
fault found, one per line as `file: key.path: message`; nothing is stored until the whole
file has passed. Scores are computed exactly (fractions) and compared with band bounds
exactly: a mean of 50 is 50, never 49.999.
"""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction
from pathlib import Path

import yaml
from django.utils.translation import get_language
from jsonschema import Draft202012Validator

BUILTIN_DIR = Path(__file__).resolve().parent / "instruments"
DEFAULT_LANGUAGE = "zh-hant"
# Instrument keys that would clash with the app's own URLs.
RESERVED_KEYS = ("statistics", "results")

_TEXT = {
    "type": "object",
    "required": [DEFAULT_LANGUAGE],
    "additionalProperties": False,
    "properties": {
        DEFAULT_LANGUAGE: {"type": "string", "minLength": 1},
        "en": {"type": "string", "minLength": 1},
    },
}
_KEY = {"type": "string", "pattern": "^[a-z][a-z0-9_]*$", "maxLength": 40}
_NUMBER = {"type": "number"}

SCHEMA = {
    "type": "object",
    "additionalProperties": False,
    "required": ["key", "version", "name", "period", "source", "scales", "items", "scores"],
    "properties": {
        "key": {"type": "string", "pattern": "^[a-z0-9][a-z0-9-]*$", "maxLength": 40},
        "version": {"type": "integer", "minimum": 1},
        "authority_code": {"type": "string", "minLength": 1, "maxLength": 20},
        "name": _TEXT,
        "period": _TEXT,
        "validated_languages": {
            "type": "array",
            "items": {"enum": [DEFAULT_LANGUAGE, "en"]},
            "uniqueItems": True,
        },
        "source": {
            "type": "object",
            "additionalProperties": False,
            "required": ["citation", "licence"],
            "properties": {"citation": _TEXT, "licence": _TEXT, "url": {"type": "string"}},
        },
        "scales": {
            "type": "object",
            "minProperties": 1,
            "propertyNames": _KEY,
            "additionalProperties": {
                "type": "array",
                "minItems": 2,
                "items": {
                    "type": "object",
                    "additionalProperties": False,
                    "required": ["value", "label"],
                    "properties": {"value": {"type": "integer"}, "label": _TEXT},
                },
            },
        },
        "items": {
            "type": "array",
            "minItems": 1,
            "items": {
                "type": "object",
                "additionalProperties": False,
                "required": ["key", "scale", "text"],
                "properties": {
                    "key": _KEY,
                    "scale": _KEY,
                    "text": _TEXT,
                    "note": _TEXT,
                    "marker": {"type": "string", "maxLength": 3},
                    "reversed": {"type": "boolean"},
                },
            },
        },
        "scores": {
            "type": "array",
            "minItems": 1,
            "items": {
                "type": "object",
                "additionalProperties": False,
                "required": ["key", "label", "items", "method", "range", "bands"],
                "properties": {
                    "key": _KEY,
                    "label": _TEXT,
                    "items": {"type": "array", "minItems": 1, "items": _KEY, "uniqueItems": True},
                    "method": {"enum": ["sum", "mean"]},
                    "multiplier": {"type": "integer", "minimum": 1},
                    "range": {"type": "array", "items": _NUMBER, "minItems": 2, "maxItems": 2},
                    "meaningful_change": {"type": "number", "exclusiveMinimum": 0},
                    "bands": {
                        "type": "array",
                        "minItems": 1,
                        "items": {
                            "type": "object",
                            "additionalProperties": False,
                            "required": ["key", "label", "advice"],
                            "properties": {
                                "key": _KEY,
                                "label": _TEXT,
                                "advice": _TEXT,
                                "to": _NUMBER,
                                "below": _NUMBER,
                            },
                        },
                    },
                },
            },
        },
        "crisis": {
            "type": "array",
            "items": {
                "type": "object",
                "additionalProperties": False,
                "required": ["at_least"],
                "properties": {
                    "score": _KEY,
                    "item": _KEY,
                    "at_least": _NUMBER,
                    "advice": _TEXT,
                },
            },
        },
    },
}


class InstrumentFileError(Exception):
    """An instrument file that cannot be loaded; `errors` names every fault found."""

    def __init__(self, errors: list[str]):
        self.errors = errors
        super().__init__("\n".join(errors))


def localized(text: dict | None) -> str:
    """The text in the active language, or in Traditional Chinese when it has none."""
    if not text:
        return ""
    language = (get_language() or DEFAULT_LANGUAGE).lower()
    return text.get(language) or text.get(language.split("-")[0]) or text[DEFAULT_LANGUAGE]


def _dotted(path) -> str:
    text = ""
    for part in path:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else str(part))
    return text or "(top level)"


def _semantic_errors(data: dict) -> list[tuple[str, str]]:
    """Faults a schema cannot express: references, duplicates, band order."""
    errors: list[tuple[str, str]] = []
    if data["key"] in RESERVED_KEYS:
        errors.append(("key", f"'{data['key']}' is a page of its own; choose another key"))
    items = {}
    for index, item in enumerate(data["items"]):
        if item["key"] in items:
            errors.append((f"items[{index}].key", f"duplicate item key '{item['key']}'"))
        items[item["key"]] = item
        if item["scale"] not in data["scales"]:
            errors.append((f"items[{index}].scale", f"no scale named '{item['scale']}'"))
    for name, options in data["scales"].items():
        values = [option["value"] for option in options]
        if len(set(values)) != len(values):
            errors.append((f"scales.{name}", "two answers of this scale have the same value"))
    score_keys = set()
    for index, score in enumerate(data["scores"]):
        where = f"scores[{index}]"
        if score["key"] in score_keys:
            errors.append((f"{where}.key", f"duplicate score key '{score['key']}'"))
        score_keys.add(score["key"])
        for key in score["items"]:
            if key not in items:
                errors.append((f"{where}.items", f"no item named '{key}'"))
        low, high = score["range"]
        if low >= high:
            errors.append((f"{where}.range", "the range must go from low to high"))
        bands = score["bands"]
        band_keys = [band["key"] for band in bands]
        if len(set(band_keys)) != len(band_keys):
            errors.append((f"{where}.bands", "two bands have the same key"))
        previous = None
        for position, band in enumerate(bands):
            bounds = [bound for bound in ("to", "below") if bound in band]
            last = position == len(bands) - 1
            if last and bounds:
                errors.append(
                    (f"{where}.bands[{position}]", "the last band must be open (no to/below)")
                )
            elif not last and len(bounds) != 1:
                errors.append(
                    (f"{where}.bands[{position}]", "each band but the last needs to or below")
                )
            elif not last:
                bound = band[bounds[0]]
                if previous is not None and bound <= previous:
                    errors.append(
                        (f"{where}.bands[{position}]", "band bounds must rise from band to band")
                    )
                previous = bound
    for index, rule in enumerate(data.get("crisis", [])):
        where = f"crisis[{index}]"
        if ("score" in rule) == ("item" in rule):
            errors.append((where, "a crisis rule names either a score or an item"))
        elif "score" in rule and rule["score"] not in score_keys:
            errors.append((f"{where}.score", f"no score named '{rule['score']}'"))
        elif "item" in rule and rule["item"] not in items:
            errors.append((f"{where}.item", f"no item named '{rule['item']}'"))
    return errors


def validate_instrument(data: object, file: str) -> list[str]:
    """Every fault of an instrument document, as `file: path: message` lines."""
    if not isinstance(data, dict):
        return [f"{file}: (top level): an instrument file is a mapping of keys"]
    validator = Draft202012Validator(SCHEMA)
    found = sorted(validator.iter_errors(data), key=lambda error: list(map(str, error.path)))
    if found:
        return [f"{file}: {_dotted(error.path)}: {error.message}" for error in found]
    return [f"{file}: {path}: {message}" for path, message in _semantic_errors(data)]


def read_instrument_file(path: Path | str) -> dict:
    """Read and validate one instrument file; raise InstrumentFileError on any fault."""
    path = Path(path)
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise InstrumentFileError([f"{path.name}: cannot be read: {exc.strerror}"]) from None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = f" line {mark.line + 1}" if mark is not None else ""
        problem = getattr(exc, "problem", None) or str(exc)
        raise InstrumentFileError([f"{path.name}:{line}: YAML syntax error: {problem}"]) from None
    errors = validate_instrument(data, path.name)
    if errors:
        raise InstrumentFileError(errors)
    return data


def builtin_files() -> list[Path]:
    return sorted(BUILTIN_DIR.glob("*.yaml"))


# --- the parsed instrument and its scoring -----------------------------------------------


@dataclass(frozen=True)
class Option:
    value: int
    label: dict

    @property
    def text(self) -> str:
        return localized(self.label)


@dataclass(frozen=True)
class Item:
    key: str
    number: int
    text_by_language: dict
    options: tuple[Option, ...]
    reversed: bool = False
    marker: str = ""
    note_by_language: dict | None = None

    @property
    def text(self) -> str:
        return localized(self.text_by_language)

    @property
    def note(self) -> str:
        return localized(self.note_by_language)

    @property
    def values(self) -> set[int]:
        return {option.value for option in self.options}

    def points(self, answer: int) -> int:
        """The answer's points: its value, or its mirror on the scale for a reversed item."""
        if not self.reversed:
            return answer
        values = self.values
        return min(values) + max(values) - answer


@dataclass(frozen=True)
class Band:
    key: str
    label_by_language: dict
    advice_by_language: dict
    to: float | None = None
    below: float | None = None

    @property
    def label(self) -> str:
        return localized(self.label_by_language)

    @property
    def advice(self) -> str:
        return localized(self.advice_by_language)

    def holds(self, value: Fraction) -> bool:
        if self.below is not None:
            return value < Fraction(str(self.below))
        if self.to is not None:
            return value <= Fraction(str(self.to))
        return True


@dataclass(frozen=True)
class Score:
    key: str
    label_by_language: dict
    items: tuple[str, ...]
    method: str
    multiplier: int
    low: float
    high: float
    bands: tuple[Band, ...]
    meaningful_change: float | None = None

    @property
    def label(self) -> str:
        return localized(self.label_by_language)

    def compute(self, points: dict[str, int]) -> Fraction:
        total = Fraction(sum(points[key] for key in self.items))
        if self.method == "mean":
            total /= len(self.items)
        return total * self.multiplier

    def band_for(self, value: Fraction) -> Band:
        return next(band for band in self.bands if band.holds(value))

    def band(self, key: str) -> Band | None:
        return next((band for band in self.bands if band.key == key), None)


@dataclass(frozen=True)
class Outcome:
    """What one set of answers comes to. `crisis` is true when any crisis rule is met;
    `crisis_advice` holds the advice of the rules met that carry one."""

    answers: dict[str, int]
    scores: dict[str, Fraction]
    bands: dict[str, str]
    crisis: bool
    crisis_advice: tuple[str, ...]

    def as_payload(self) -> dict:
        """Plain JSON for sealing: scores as numbers rounded to 2 places."""
        return {
            "answers": self.answers,
            "scores": {key: round(float(value), 2) for key, value in self.scores.items()},
            "bands": self.bands,
            "crisis": self.crisis,
        }


@dataclass(frozen=True)
class Definition:
    key: str
    version: int
    data: dict
    items: tuple[Item, ...]
    scores: tuple[Score, ...]

    @classmethod
    def from_data(cls, data: dict) -> Definition:
        scales = {
            name: tuple(Option(option["value"], option["label"]) for option in options)
            for name, options in data["scales"].items()
        }
        items = tuple(
            Item(
                key=item["key"],
                number=number,
                text_by_language=item["text"],
                options=scales[item["scale"]],
                reversed=item.get("reversed", False),
                marker=item.get("marker", ""),
                note_by_language=item.get("note"),
            )
            for number, item in enumerate(data["items"], start=1)
        )
        scores = tuple(
            Score(
                key=score["key"],
                label_by_language=score["label"],
                items=tuple(score["items"]),
                method=score["method"],
                multiplier=score.get("multiplier", 1),
                low=score["range"][0],
                high=score["range"][1],
                meaningful_change=score.get("meaningful_change"),
                bands=tuple(
                    Band(
                        band["key"],
                        band["label"],
                        band["advice"],
                        band.get("to"),
                        band.get("below"),
                    )
                    for band in score["bands"]
                ),
            )
            for score in data["scores"]
        )
        return cls(data["key"], data["version"], data, items, scores)

    @property
    def name(self) -> str:
        return localized(self.data["name"])

    @property
    def period(self) -> str:
        return localized(self.data["period"])

    @property
    def citation(self) -> str:
        return localized(self.data["source"]["citation"])

    @property
    def licence(self) -> str:
        return localized(self.data["source"]["licence"])

    @property
    def source_url(self) -> str:
        return self.data["source"].get("url", "")

    @property
    def translation_validated(self) -> bool:
        """Is the wording in the active language a validated one?"""
        language = (get_language() or DEFAULT_LANGUAGE).lower()
        return language in self.data.get("validated_languages", [])

    def score_def(self, key: str) -> Score | None:
        return next((score for score in self.scores if score.key == key), None)

    def score(self, answers: dict[str, int]) -> Outcome:
        """Score a complete set of answers (one valid value per item; the form checks)."""
        items = {item.key: item for item in self.items}
        missing = set(items) - set(answers)
        if missing:
            raise ValueError(f"unanswered items: {sorted(missing)}")
        for key, answer in answers.items():
            if key not in items or answer not in items[key].values:
                raise ValueError(f"answer {answer!r} is not on the scale of item {key!r}")
        points = {key: items[key].points(answer) for key, answer in answers.items()}
        values = {score.key: score.compute(points) for score in self.scores}
        bands = {score.key: score.band_for(values[score.key]).key for score in self.scores}
        crisis = False
        advice = []
        for rule in self.data.get("crisis", []):
            observed = values[rule["score"]] if "score" in rule else answers[rule["item"]]
            if observed >= Fraction(str(rule["at_least"])):
                crisis = True
                if "advice" in rule:
                    advice.append(localized(rule["advice"]))
        return Outcome(dict(answers), values, bands, crisis, tuple(advice))


def format_score(value: float | Fraction) -> str:
    """A score for display: whole numbers as such, others to one decimal place."""
    value = Fraction(str(value)) if isinstance(value, float) else value
    if value.denominator == 1:
        return str(value.numerator)
    return f"{float(value):.1f}"
