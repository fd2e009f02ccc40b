"""Open answers summarised as themes with counts (docs/decisions/0015-themes-exports.md).

How a list of free-text answers becomes themes, in steps one can explain to the person
reading the summary:

1. Each answer is cut into words. The segmenter (rjieba, the Rust port of jieba) works on
   a simplified-Chinese dictionary, so the answer is first converted to simplified
   characters with OpenCC (`tw2s`, character for character: the same length), cut there,
   and the words are read back from the original Traditional text at the same positions.
   Words of the app's list (`data/user_words.txt`) and of the synonym and stop-word lists
   are added to the segmenter's dictionary, so that 紓壓 or 長照 stay whole; a longer word
   also gives the dictionary words inside it (親子活動: 親子, 活動).
2. Synonyms fold words into one theme (舒壓, 減壓, 壓力 → 紓壓); stop words (希望, 增加,
   課程 ...) and one-character words are dropped.
3. A theme is a word given by at least two answers. Each answer counts once per theme,
   however often it repeats the word.
4. A word that appears almost only together with a more frequent theme (in at least
   MERGE_SHARE of its answers) is listed with that theme (溝通 in "跟主管溝通" with 主管)
   rather than standing as a theme of its own; a label of the synonym list (親子, 退休...)
   always stands on its own. The theme's `terms` list such words after
   its label; its count stays the number of answers that gave the label's word (or one
   of its synonyms), so that a count always means one thing.
5. Examples: at most three answers per theme, and only when at least `k` people gave the
   theme (the plan's k, invariant 3); e-mail addresses, web addresses and runs of digits
   (telephone, extension or ID numbers) are masked, and each is cut to EXAMPLE_LENGTH
   characters. The shortest answers of at least EXAMPLE_MIN_LENGTH characters are chosen,
   which do not depend on the order in which people answered.

The default lists live in `data/` as data; a plan adds its own under `open_answers`
(`themes_for` merges them).
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass, field
from functools import cache, lru_cache
from pathlib import Path

import yaml

from anxin.plans.services import k_of, plan_for_authority
from anxin.surveys.masking import mask
from anxin.surveys.models import AnonymousAnswer, Response

DATA_DIR = Path(__file__).resolve().parent / "data"
# A word that co-occurs with a more frequent theme in at least this share of its answers
# joins that theme.
MERGE_SHARE = 0.8
EXAMPLES = 3
EXAMPLE_LENGTH = 60
EXAMPLE_MIN_LENGTH = 6


@dataclass(frozen=True)
class Theme:
    label: str
    # Answers giving this theme, each answer counted once.
    count: int
    # At most EXAMPLES answers, masked and cut; empty unless count >= k.
    examples: list[str] = field(default_factory=list)
    # The label, then the words seen almost only together with it (step 4).
    terms: tuple[str, ...] = ()


# --- the lists ----------------------------------------------------------------------------


def _words_file(name: str) -> list[str]:
    words = []
    for line in (DATA_DIR / name).read_text(encoding="utf-8").splitlines():
        if not line.strip().startswith("#"):
            words += line.split()
    return words


@cache
def default_stop_words() -> frozenset[str]:
    return frozenset(_normalise(word) for word in _words_file("stop_words.txt"))


@cache
def _default_synonym_groups() -> dict[str, list[str]]:
    return yaml.safe_load((DATA_DIR / "synonyms.yaml").read_text(encoding="utf-8"))


def synonym_map(groups: dict[str, list[str]]) -> dict[str, str]:
    """{label: [words]} as {word: label}, each label mapping to itself."""
    mapping: dict[str, str] = {}
    for label, words in groups.items():
        mapping[_normalise(label)] = _normalise(label)
        for word in words:
            mapping[_normalise(word)] = _normalise(label)
    return mapping


def default_synonyms() -> dict[str, str]:
    return synonym_map(_default_synonym_groups())


@cache
def _user_words() -> frozenset[str]:
    return frozenset(_words_file("user_words.txt"))


# --- segmentation -----------------------------------------------------------------------


def _normalise(text: str) -> str:
    """Full-width letters and digits to half-width, Latin letters in lower case."""
    return unicodedata.normalize("NFKC", text).strip().lower()


@cache
def _converter():
    # Not a cycle: the converter and the segmenter load native libraries and dictionaries
    # (seconds), imported on the first summary rather than with the URLconf.
    import opencc

    return opencc.OpenCC("tw2s")


@lru_cache(maxsize=8)
def _segmenter(extra_words: frozenset[str]):
    import rjieba  # not a cycle: see _converter

    segmenter = rjieba.Jieba()
    convert = _converter().convert
    for word in sorted(_user_words() | extra_words):
        if len(word) > 1:
            simplified = convert(word)
            segmenter.add_word(simplified, segmenter.suggest_freq(simplified), None)
    return segmenter


def segment(text: str, *, extra_words: frozenset[str] = frozenset()) -> list[str]:
    """The words of `text`, in its own (Traditional) characters: each word the segmenter
    cuts, and inside a longer word the shorter dictionary words it holds (jieba's search
    mode: 親子活動 gives 親子活動, 親子 and 活動), so that a theme word is found inside a
    compound the dictionary happens to know."""
    simplified = _converter().convert(text)
    if len(simplified) != len(text):  # not expected of tw2s; cut the original then
        simplified = text
    tokens = _segmenter(extra_words).tokenize(simplified, "search")
    return [text[start:end] for _word, start, end in tokens]


def _is_word(term: str) -> bool:
    return len(term) > 1 and any(ch.isalpha() for ch in term)


def terms_of(
    text: str, *, stop_words: frozenset[str], synonyms: dict[str, str], extra_words: frozenset
) -> set[str]:
    """The theme words of one answer, after folding synonyms and dropping stop words."""
    terms = set()
    for word in segment(_normalise(text), extra_words=extra_words):
        word = word.strip()
        label = synonyms.get(word, word)
        if _is_word(label) and word not in stop_words and label not in stop_words:
            terms.add(label)
    return terms


# --- themes -----------------------------------------------------------------------------


def _example(text: str) -> str:
    text = " ".join(mask(text).split())
    return text if len(text) <= EXAMPLE_LENGTH else text[: EXAMPLE_LENGTH - 1] + "…"


def _examples(answers: list[str]) -> list[str]:
    distinct = sorted(set(answers), key=lambda a: (len(a) < EXAMPLE_MIN_LENGTH, len(a), a))
    return [_example(answer) for answer in distinct[:EXAMPLES]]


def summarise(
    texts: list[str],
    *,
    k: int,
    stop_words: set[str] | None = None,
    synonyms: dict[str, str] | None = None,
) -> list[Theme]:
    """The themes of `texts` (open answers, one per person), most frequent first.

    `stop_words` and `synonyms` ({word: label}) replace the app's default lists when
    given; `themes_for` passes the defaults with the plan's additions. Examples are shown
    only for themes that at least `k` answers gave."""
    stops = frozenset(
        _normalise(w) for w in (default_stop_words() if stop_words is None else stop_words)
    )
    if synonyms is None:
        folding = default_synonyms()
    else:
        folding = {_normalise(word): _normalise(label) for word, label in synonyms.items()}
    extra_words = frozenset(folding) | frozenset(folding.values()) | stops
    answers = [text.strip() for text in texts if isinstance(text, str) and text.strip()]
    holders: dict[str, set[int]] = {}
    for index, answer in enumerate(answers):
        for term in terms_of(answer, stop_words=stops, synonyms=folding, extra_words=extra_words):
            holders.setdefault(term, set()).add(index)
    frequent = sorted(
        ((term, ids) for term, ids in holders.items() if len(ids) >= 2),
        key=lambda item: (-len(item[1]), item[0]),
    )
    labels = set(folding.values())
    groups: list[tuple[list[str], set[int]]] = []
    for term, ids in frequent:
        home = None
        if term not in labels:  # a theme the synonym list names always stands on its own
            home = next(
                (group for group in groups if len(ids & group[1]) >= MERGE_SHARE * len(ids)),
                None,
            )
        if home is None:
            groups.append(([term], ids))
        else:
            home[0].append(term)  # the theme's count stays that of its own word
    themes = [
        Theme(
            label=terms[0],
            count=len(ids),
            examples=_examples([answers[i] for i in ids]) if len(ids) >= k else [],
            terms=tuple(terms),
        )
        for terms, ids in groups
    ]
    return sorted(themes, key=lambda theme: (-theme.count, theme.label))


# --- a survey's question ------------------------------------------------------------------


def open_answers(survey, question_key: str) -> list[str]:
    """The answers given to one text question of the survey (submitted responses and
    anonymous answers), in no meaningful order. Two queries."""
    column = f"answers__{question_key}"
    submitted = Response.objects.filter(survey=survey, status=Response.Status.SUBMITTED)
    values = list(submitted.values_list(column, flat=True))
    values += AnonymousAnswer.objects.filter(survey=survey).values_list(column, flat=True)
    return [value for value in values if isinstance(value, str) and value.strip()]


def survey_plan(survey):
    """The plan in force for the authority that owns the survey (None if none is loaded)."""
    return plan_for_authority(survey.owner.root_id)


def word_lists(plan) -> tuple[set[str], dict[str, str]]:
    """The default stop words and synonyms with the plan's additions (a plan's synonym
    entry for a word replaces the default one)."""
    stop_words = set(default_stop_words())
    synonyms = default_synonyms()
    if plan is not None:
        words = plan.open_answer_words
        stop_words |= {_normalise(word) for word in words.stop_words}
        synonyms.update(synonym_map(words.synonyms))
    return stop_words, synonyms


def themes_for(survey, question_key: str) -> list[Theme]:
    """The themes of a text question's answers, with the plan's k and word lists."""
    question = survey.version.parsed.question(question_key)
    if question is None or not question.qtype.is_text:
        raise ValueError(f"{question_key!r} is not a text question of this survey")
    plan = survey_plan(survey)
    stop_words, synonyms = word_lists(plan)
    return summarise(
        open_answers(survey, question_key),
        k=k_of(plan),
        stop_words=stop_words,
        synonyms=synonyms,
    )
