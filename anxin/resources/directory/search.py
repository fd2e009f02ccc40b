"""Search of the directory in zh-Hant, where words are one or two characters long (法律,
稅, 長照, 心理) and are not separated by spaces (decision 0049).

An entry's words are written as tokens: every Han character on its own and every pair
of neighbouring Han characters (CJK bigrams), and every other word whole, in lower case.
A query is cut the same way: a term of one Han character looks for that character, a
term of two for the pair, a longer one for all its pairs; a latin word or a number for
the words it begins. Every term must match.

- SQLite: the tokens live in an FTS5 table (`resources_directory_fts`, rowid = the
  entry's id, made by migration 'directory_search'), written by the services in the
  transaction that writes the entry (`index_service`), not by signals.
- PostgreSQL: the tokens live in `Service.search_tokens` (space-separated, a space at
  each end) under a trigram index (pg_trgm's `gin_trgm_ops`, same migration), which
  serves the `LIKE '% 長照 %'` each term becomes.

Either way a search is one query, whatever the number of entries.

Results are ranked by where the terms are found (decision 0069): each term found in the
entry's name counts most, in its organisation's name next, in its category least; words
found only in the description, eligibility or address count nothing. Ties keep name
order. The rank is an expression of the same query (`search_rank`), the same on SQLite
and PostgreSQL, so that the page still costs the same number of queries.
"""

import re

from django.db import connection
from django.db.models import Case, IntegerField, Q, QuerySet, Value, When
from django.db.models.expressions import RawSQL

FTS_TABLE = "resources_directory_fts"
# The statements, written out (the table name is a constant, never input).
_SELECT = "SELECT rowid FROM resources_directory_fts WHERE resources_directory_fts MATCH %s"
_DELETE = "DELETE FROM resources_directory_fts WHERE rowid = %s"
_INSERT = "INSERT INTO resources_directory_fts (rowid, tokens) VALUES (%s, %s)"

# Han characters (CJK unified ideographs, extension A, compatibility ideographs).
_HAN = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
_RUN = re.compile(rf"[{_HAN}]+|[^\W{_HAN}_]+")
_IS_HAN = re.compile(rf"[{_HAN}]")

# What a term found in each field adds to an entry's rank; other fields add nothing.
RANK_WEIGHTS = (("name", 4), ("organisation__name", 2), ("category", 1))


def _han_tokens(run: str) -> list[str]:
    return [*run, *(run[i : i + 2] for i in range(len(run) - 1))]


def tokens(*texts: str) -> str:
    """The search tokens of an entry's texts, as one space-separated string with a space
    at each end (so that `" 長照 "` matches a whole token)."""
    seen: dict[str, None] = {}
    for text in texts:
        for run in _RUN.findall(text or ""):
            if _IS_HAN.match(run):
                for token in _han_tokens(run):
                    seen.setdefault(token, None)
            else:
                seen.setdefault(run.lower(), None)
    return f" {' '.join(seen)} " if seen else ""


def _terms(query: str) -> list[tuple[str, bool]]:
    """(token, prefix?) that must all match: the bigrams of a Han run (the character
    itself for a run of one), a latin word or number as the start of a word."""
    wanted: list[tuple[str, bool]] = []
    for run in _RUN.findall(query or ""):
        if _IS_HAN.match(run):
            if len(run) == 1:
                wanted.append((run, False))
            else:
                wanted.extend((run[i : i + 2], False) for i in range(len(run) - 1))
        else:
            wanted.append((run.lower(), True))
    return list(dict.fromkeys(wanted))


def _fts_expression(terms: list[tuple[str, bool]]) -> str:
    quoted = [
        '"{}"{}'.format(token.replace('"', '""'), "*" if prefix else "") for token, prefix in terms
    ]
    return " AND ".join(quoted)


def _rank(terms: list[tuple[str, bool]]):
    """The rank of an entry for these terms: for each term, the weight of each field it
    is found in (a Han token as a substring, since tokens are substrings of Han runs; a
    latin term anywhere in the field, case aside)."""
    parts = [
        Case(
            When(**{f"{field}__icontains": token}, then=Value(weight)),
            default=Value(0),
            output_field=IntegerField(),
        )
        for token, _prefix in terms
        for field, weight in RANK_WEIGHTS
    ]
    total = parts[0]
    for part in parts[1:]:
        total = total + part
    return total


def search(queryset: QuerySet, query: str) -> QuerySet:
    """`queryset` (of directory entries) narrowed to those matching every term of `query`
    and ordered by relevance (`search_rank`, then name); an empty query (or one of
    punctuation only) narrows nothing and keeps the order. No query of its own."""
    terms = _terms(query)
    if not terms:
        return queryset
    if connection.vendor == "sqlite":
        queryset = queryset.filter(
            pk__in=RawSQL(  # noqa: S611 (a constant statement, the query as a parameter)
                _SELECT,
                [_fts_expression(terms)],
            )
        )
    else:
        condition = Q()
        for token, prefix in terms:
            condition &= Q(search_tokens__contains=f" {token}" if prefix else f" {token} ")
        queryset = queryset.filter(condition)
    return queryset.annotate(search_rank=_rank(terms)).order_by("-search_rank", "name", "pk")


def index_service(service) -> None:
    """Write the entry's tokens where search reads them (its own column always, the FTS5
    table on SQLite). Called by the services that write an entry, in their transaction."""
    if connection.vendor != "sqlite":
        return
    with connection.cursor() as cursor:
        cursor.execute(_DELETE, [service.pk])
        cursor.execute(
            _INSERT,
            [service.pk, service.search_tokens],
        )


def unindex_service(service_id: int) -> None:
    if connection.vendor != "sqlite":
        return
    with connection.cursor() as cursor:
        cursor.execute(_DELETE, [service_id])
