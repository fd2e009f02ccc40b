"""Paging for list pages, so that a list costs the same whatever its size.

A view passes its queryset through `page_of` and the template includes
`core/_pager.html` with `page`; the pager keeps the page's other query parameters
(its filters) in its links. A page costs one COUNT and one SELECT of at most `per_page`
rows, and a page number out of range shows the last page instead of an error.
"""

from django.core.paginator import Page, Paginator
from django.db.models import QuerySet
from django.http import HttpRequest

PER_PAGE = 50


def page_of(request: HttpRequest, queryset: QuerySet, *, per_page: int = PER_PAGE) -> Page:
    return Paginator(queryset, per_page).get_page(request.GET.get("page"))
