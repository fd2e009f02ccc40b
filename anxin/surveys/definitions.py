"""A questionnaire's definition: the JSON stored on each version, its validation, and the
small read-only view of it that forms and templates walk.

The shape (checked by SCHEMA, then by `validate` for what a schema cannot say):

    {"title": "...", "intro": "...", "example_wording": false, "note": "...",
     "sections": [{"title": "...", "questions": [
         {"key": "q1", "type": "single", "text": "...", "required": true, "help": "...",
          "options": ["...", "..."],            # single and multiple choice
          "min": 0, "max": 120,                 # number (both optional)
          "satisfaction": true,                 # a scale question counted as satisfaction
          "show_if": {"question": "q0", "equals": "..."}}]}]}

Choice answers are stored as the option's text; Likert answers as 1–5, ratings as 0–10.
`satisfaction` marks a scale question (Likert, rating) whose answers the service-results
dashboard counts as satisfaction (docs/decisions/0077-satisfaction-indicators.md).
What each type means for a question is its class in anxin/surveys/questions/.
A `show_if` may only name an EARLIER question, so that the questionnaire reads top to
bottom and no condition can loop.
"""

from dataclasses import dataclass

import jsonschema
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from anxin.surveys import questions
from anxin.surveys.questions import QuestionType

# The type codes (one class each: anxin/surveys/questions/).
TYPES = questions.CODES

SCHEMA = {
    "type": "object",
    "required": ["title", "sections"],
    "additionalProperties": False,
    "properties": {
        "title": {"type": "string", "minLength": 1, "maxLength": 200},
        "intro": {"type": "string", "maxLength": 4000},
        "example_wording": {"type": "boolean"},
        "note": {"type": "string", "maxLength": 2000},
        "sections": {
            "type": "array",
            "items": {
                "type": "object",
                "required": ["title", "questions"],
                "additionalProperties": False,
                "properties": {
                    "title": {"type": "string", "maxLength": 200},
                    "questions": {"type": "array", "items": {"$ref": "#/$defs/question"}},
                },
            },
        },
    },
    "$defs": {
        "question": {
            "type": "object",
            "required": ["key", "type", "text"],
            "additionalProperties": False,
            "properties": {
                "key": {"type": "string", "pattern": "^[a-z][a-z0-9_]{0,39}$"},
                "type": {"enum": list(TYPES)},
                "text": {"type": "string", "minLength": 1, "maxLength": 1000},
                "help": {"type": "string", "maxLength": 1000},
                "required": {"type": "boolean"},
                "options": {
                    "type": "array",
                    "items": {"type": "string", "minLength": 1, "maxLength": 200},
                },
                "min": {"type": "number"},
                "max": {"type": "number"},
                "satisfaction": {"type": "boolean"},
                "show_if": {
                    "type": "object",
                    "required": ["question", "equals"],
                    "additionalProperties": False,
                    "properties": {
                        "question": {"type": "string"},
                        "equals": {"type": ["string", "integer"]},
                    },
                },
            },
        }
    },
}


class DefinitionError(ValueError):
    """The definition is not a questionnaire Anxin can show; `errors` says every fault."""

    def __init__(self, errors: list[ValidationError]):
        self.errors = [message for error in errors for message in error.messages]
        super().__init__("; ".join(self.errors))


@dataclass(frozen=True)
class Question:
    key: str
    type: str
    text: str
    number: int
    required: bool = False
    help: str = ""
    options: tuple = ()
    min: float | None = None
    max: float | None = None
    show_if: dict | None = None
    show_if_number: int | None = None  # the number of the question `show_if` names
    satisfaction: bool = False  # counted as satisfaction on the dashboard (decision 0077)

    @property
    def qtype(self) -> QuestionType:
        """The class of its type, which knows its field, tally, analysis and export."""
        return questions.type_of(self.type)

    @property
    def type_label(self) -> str:
        """The builder's name of its type (「簡答」), never the stored code."""
        return self.qtype.label

    @property
    def is_picked(self) -> bool:
        """Answered by picking from a list (shown as radio buttons or check boxes)."""
        return self.qtype.is_picked

    def choices(self) -> list:
        """The values a respondent picks from (choice, Likert, rating); [] for the rest."""
        return self.qtype.choices(self.options)

    def is_shown(self, answers: dict) -> bool:
        """Whether the question applies, given the answers to the earlier questions."""
        if not self.show_if:
            return True
        given = answers.get(self.show_if["question"])
        wanted = self.show_if["equals"]
        if isinstance(given, list):
            return wanted in given
        return given is not None and str(given) == str(wanted)


@dataclass(frozen=True)
class Section:
    title: str
    questions: tuple


@dataclass(frozen=True)
class Definition:
    data: dict
    sections: tuple

    @property
    def title(self) -> str:
        return self.data["title"]

    @property
    def intro(self) -> str:
        return self.data.get("intro", "")

    @property
    def example_wording(self) -> bool:
        return bool(self.data.get("example_wording"))

    @property
    def questions(self) -> list[Question]:
        return [question for section in self.sections for question in section.questions]

    def question(self, key: str) -> Question | None:
        return next((q for q in self.questions if q.key == key), None)


def _schema_errors(data) -> list[ValidationError]:
    validator = jsonschema.Draft202012Validator(SCHEMA)
    errors = []
    for error in sorted(validator.iter_errors(data), key=lambda e: list(e.absolute_path)):
        where = ".".join(str(part) for part in error.absolute_path) or "(root)"
        errors.append(
            ValidationError(
                _("The questionnaire's structure is not valid at %(where)s: %(message)s"),
                code="schema",
                params={"where": where, "message": error.message},
            )
        )
    return errors


FAULTS = {
    "duplicate_key": gettext_lazy(
        "Question %(number)d (%(text)s) repeats the key of another question."
    ),
    "few_options": gettext_lazy("Question %(number)d (%(text)s) needs at least two options."),
    "repeated_option": gettext_lazy("Question %(number)d (%(text)s) lists an option twice."),
    "options_not_choice": gettext_lazy(
        "Question %(number)d (%(text)s) has options but is not a choice question."
    ),
    "range_not_number": gettext_lazy(
        "Question %(number)d (%(text)s) has a range but is not a number question."
    ),
    "satisfaction_not_scale": gettext_lazy(
        "Question %(number)d (%(text)s) is marked as a satisfaction question but is not a "
        "Likert or rating question."
    ),
    "range_reversed": gettext_lazy(
        "Question %(number)d (%(text)s): the smallest allowed number is larger than the largest."
    ),
    "condition_later": gettext_lazy(
        "Question %(number)d (%(text)s) can only depend on an earlier question; the question "
        "its condition names comes later or is itself."
    ),
    "condition_missing": gettext_lazy(
        "Question %(number)d (%(text)s) depends on a question that does not exist."
    ),
    "condition_not_picked": gettext_lazy(
        "Question %(number)d (%(text)s) depends on a question whose answer is not picked from "
        "a list; a condition can only test a choice, Likert or rating answer."
    ),
    "condition_answer": gettext_lazy(
        "Question %(number)d (%(text)s) depends on an answer the earlier question does not offer."
    ),
}


def _question_errors(question: dict, earlier: dict[str, dict], later: set) -> list[ValidationError]:
    faults = []
    if question["key"] in earlier:
        faults.append("duplicate_key")
    faults += questions.type_of(question["type"]).definition_faults(question)
    low, high = question.get("min"), question.get("max")
    if low is not None and high is not None and low > high:
        faults.append("range_reversed")
    if question.get("satisfaction") and not questions.type_of(question["type"]).is_scale:
        faults.append("satisfaction_not_scale")
    condition = question.get("show_if")
    if condition:
        target = earlier.get(condition["question"])
        if target is None:
            faults.append(
                "condition_later" if condition["question"] in later else "condition_missing"
            )
        elif not (target_type := questions.type_of(target["type"])).is_picked:
            faults.append("condition_not_picked")
        elif str(condition["equals"]) not in [
            str(c) for c in target_type.choices(target.get("options", []))
        ]:
            faults.append("condition_answer")
    label = {"number": len(earlier) + 1, "text": question["text"][:40]}
    return [ValidationError(FAULTS[fault], code=fault, params=label) for fault in faults]


def validate(data, *, for_publishing: bool = False) -> list[ValidationError]:
    """Every fault of `data` (each with its code, worded in the user's language); [] when
    it is a valid questionnaire.
    A draft may still be empty; a questionnaire to publish needs at least one question."""
    errors = _schema_errors(data)
    if errors:
        return errors
    all_keys = {q["key"] for s in data["sections"] for q in s["questions"]}
    earlier: dict[str, dict] = {}
    for section in data["sections"]:
        for question in section["questions"]:
            # Keys not met yet, this question's own included: a condition naming one of
            # them points later (or at itself).
            later = all_keys - set(earlier)
            errors += _question_errors(question, earlier, later)
            earlier.setdefault(question["key"], question)
    if for_publishing and not earlier:
        errors.append(
            ValidationError(
                _("A questionnaire needs at least one question before it can be published."),
                code="no_question",
            )
        )
    return errors


def require_valid(data, *, for_publishing: bool = False) -> None:
    """Raise the faults of `data` as one ValidationError (the builder shows each of them
    on its form): a definition that cannot be stored is invalid input, not a refusal."""
    faults = validate(data, for_publishing=for_publishing)
    if faults:
        raise ValidationError(faults)


def parse(data: dict) -> Definition:
    """The read-only view of a valid definition (raises DefinitionError otherwise)."""
    errors = validate(data)
    if errors:
        raise DefinitionError(errors)
    number = 0
    numbers: dict[str, int] = {}
    sections = []
    for section in data["sections"]:
        questions = []
        for q in section["questions"]:
            number += 1
            numbers[q["key"]] = number
            questions.append(
                Question(
                    key=q["key"],
                    type=q["type"],
                    text=q["text"],
                    number=number,
                    required=q.get("required", False),
                    help=q.get("help", ""),
                    options=tuple(q.get("options", ())),
                    min=q.get("min"),
                    max=q.get("max"),
                    show_if=q.get("show_if"),
                    show_if_number=numbers.get((q.get("show_if") or {}).get("question")),
                    satisfaction=bool(q.get("satisfaction")),
                )
            )
        sections.append(Section(title=section["title"], questions=tuple(questions)))
    return Definition(data=data, sections=tuple(sections))


def empty(title: str) -> dict:
    return {"title": title, "intro": "", "sections": []}


def with_question(
    data: dict, *, section: str, question: dict, replacing: str | None = None
) -> dict:
    """A copy of `data` with `question` put in place of the question `replacing` (kept at
    its place; moved if `section` names another section), or appended to the section
    titled `section` (a new last section if there is none by that title)."""
    data = {**data, "sections": [dict(s, questions=list(s["questions"])) for s in data["sections"]]}
    if replacing is not None:
        for candidate in data["sections"]:
            for index, existing in enumerate(candidate["questions"]):
                if existing["key"] == replacing and candidate["title"] == section:
                    candidate["questions"][index] = question
                    return data
        data = without_question(data, key=replacing)
    target = next((s for s in data["sections"] if s["title"] == section), None)
    if target is None:
        target = {"title": section, "questions": []}
        data["sections"].append(target)
    target["questions"].append(question)
    return data


def without_question(data: dict, *, key: str) -> dict:
    """A copy of `data` without the question `key`; a section left empty goes too."""
    sections = []
    for section in data["sections"]:
        questions = [q for q in section["questions"] if q["key"] != key]
        if questions or not section["questions"]:
            sections.append(dict(section, questions=questions))
    return {**data, "sections": sections}


def next_key(data: dict) -> str:
    """A question key not used yet: q1, q2, ..."""
    used = {q["key"] for s in data["sections"] for q in s["questions"]}
    number = len(used) + 1
    while f"q{number}" in used:
        number += 1
    return f"q{number}"
