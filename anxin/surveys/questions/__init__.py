"""The survey question types, one class per type (docs/decisions/0029-question-types.md).

`REGISTRY` maps the type code stored in a questionnaire's definition to its class; the
definition schema, the builder, the answer form, the tallies, the analysis, the follow-up
page and the exports all ask the class, never the code. A new type is one class (here
or in a module beside these) and one line in `_TYPES`.
"""

from anxin.surveys.questions.base import ERRORS, QuestionType, Value
from anxin.surveys.questions.choices import MultipleChoice, SingleChoice
from anxin.surveys.questions.scales import LIKERT_LABELS, Likert5, Rating10
from anxin.surveys.questions.texts import LongText, ShortText
from anxin.surveys.questions.values import DateQuestion, NumberQuestion, plain_number

# In the order the builder offers them.
_TYPES = (
    SingleChoice,
    MultipleChoice,
    Likert5,
    Rating10,
    NumberQuestion,
    DateQuestion,
    ShortText,
    LongText,
)
REGISTRY: dict[str, QuestionType] = {cls.code: cls() for cls in _TYPES}
CODES = tuple(REGISTRY)


def type_of(code: str) -> QuestionType:
    """The type stored as `code` (KeyError for a code no definition may hold: the schema
    refuses it)."""
    return REGISTRY[code]


def builder_choices() -> list[tuple[str, str]]:
    return [(code, qtype.label) for code, qtype in REGISTRY.items()]


__all__ = [
    "CODES",
    "ERRORS",
    "LIKERT_LABELS",
    "REGISTRY",
    "QuestionType",
    "Value",
    "builder_choices",
    "plain_number",
    "type_of",
]
