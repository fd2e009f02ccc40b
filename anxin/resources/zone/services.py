"""What changes the EAP zone: articles written, saved (optimistic locking, invariant 11),
published and withdrawn by the authority's eap_admin."""

from django.db import transaction
from django.utils import timezone

from anxin.core.locking import save_versioned
from anxin.resources.zone.models import ZoneArticle

FIELDS = ["kind", "title", "body", "title_en", "body_en", "position"]


@transaction.atomic
def article_create(*, authority, author, data: dict) -> ZoneArticle:
    """A new draft."""
    return ZoneArticle.objects.create(
        authority=authority,
        created_by=author,
        status=ZoneArticle.Status.DRAFT,
        **{name: data[name] for name in FIELDS if name in data},
    )


@transaction.atomic
def article_update(*, article: ZoneArticle, data: dict, expected_version: int) -> ZoneArticle:
    """Save the article's text; refused (StaleEdit) if someone saved it in between."""
    for name in FIELDS:
        if name in data:
            setattr(article, name, data[name])
    save_versioned(article, expected_version=expected_version, fields=FIELDS)
    return article


@transaction.atomic
def article_publish(*, article: ZoneArticle, expected_version: int, publish: bool) -> ZoneArticle:
    """Publish the article (the date of its first publication is kept when it is
    published again), or withdraw it to a draft."""
    if publish:
        article.status = ZoneArticle.Status.PUBLISHED
        article.published_at = article.published_at or timezone.now()
    else:
        article.status = ZoneArticle.Status.DRAFT
    save_versioned(article, expected_version=expected_version, fields=["status", "published_at"])
    return article
