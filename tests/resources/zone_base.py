"""Helpers for the zone's tests: articles written at an authority."""

from django.utils import timezone

from anxin.resources.zone.models import ZoneArticle


def make_article(author, authority, *, kind="page", publish=True, **fields) -> ZoneArticle:
    values = {"title": "員工協助方案介紹", "body": "本方案提供免費諮商。"}
    values.update(fields)
    return ZoneArticle.objects.create(
        authority=authority,
        created_by=author,
        kind=kind,
        status=ZoneArticle.Status.PUBLISHED if publish else ZoneArticle.Status.DRAFT,
        published_at=timezone.now() if publish else None,
        **values,
    )
