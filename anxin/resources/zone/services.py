"""What changes the EAP zone: articles written, saved (optimistic locking, invariant 11),
published (now or at a later time), withdrawn, and their images, by the authority's
eap_admin."""

from datetime import datetime

from django.core.files.storage import default_storage
from django.db import transaction
from django.utils import timezone

from anxin.core.locking import save_versioned
from anxin.resources.zone.models import ZoneArticle, image_path

FIELDS = [
    "kind",
    "title",
    "body",
    "title_en",
    "body_en",
    "position",
    "image_alt",
]
IMAGE_FIELDS = ["image", "image_type"]


def _store_image(article: ZoneArticle, upload) -> str:
    """Store a checked upload (forms.checked_image) through Django's storage; its name."""
    name = image_path(article, "image" + upload.suffix_checked)
    return default_storage.save(name, upload)


def _delete_later(name: str) -> None:
    if name:
        transaction.on_commit(lambda: default_storage.delete(name))


@transaction.atomic
def article_create(*, authority, author, data: dict, image=None) -> ZoneArticle:
    """A new draft, with its image if one is given (checked by the form)."""
    article = ZoneArticle(
        authority=authority,
        created_by=author,
        status=ZoneArticle.Status.DRAFT,
        **{name: data[name] for name in FIELDS if name in data},
    )
    if image is not None:
        article.image = _store_image(article, image)
        article.image_type = image.content_type_checked
    try:
        article.save()
    except BaseException:
        if article.image:
            default_storage.delete(article.image.name)
        raise
    return article


@transaction.atomic
def article_update(
    *,
    article: ZoneArticle,
    data: dict,
    expected_version: int,
    image=None,
    remove_image: bool = False,
) -> ZoneArticle:
    """Save the article's text, and replace or remove its image; refused (StaleEdit) if
    someone saved it in between, and then the new image is not kept either."""
    for name in FIELDS:
        if name in data:
            setattr(article, name, data[name])
    old_image = article.image.name
    fields = FIELDS
    if image is not None:
        article.image = _store_image(article, image)
        article.image_type = image.content_type_checked
        fields = FIELDS + IMAGE_FIELDS
    elif remove_image:
        article.image, article.image_type = "", ""
        fields = FIELDS + IMAGE_FIELDS
    try:
        save_versioned(article, expected_version=expected_version, fields=fields)
    except BaseException:
        if image is not None:
            default_storage.delete(article.image.name)
        raise
    if fields is not FIELDS:
        _delete_later(old_image)
    return article


@transaction.atomic
def article_publish(
    *,
    article: ZoneArticle,
    expected_version: int,
    publish: bool,
    publish_at: datetime | None = None,
) -> ZoneArticle:
    """Publish the article now, or schedule it for `publish_at` (readers see it from then
    on); or withdraw it to a draft. Published now again, it keeps the date of its first
    publication when that has passed."""
    now = timezone.now()
    if publish:
        article.status = ZoneArticle.Status.PUBLISHED
        if publish_at is not None:
            article.published_at = publish_at
        elif article.published_at is None or article.published_at > now:
            article.published_at = now
    else:
        article.status = ZoneArticle.Status.DRAFT
    save_versioned(article, expected_version=expected_version, fields=["status", "published_at"])
    return article
