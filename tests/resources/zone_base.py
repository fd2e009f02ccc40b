"""Helpers for the zone's tests: articles written at an authority."""

from datetime import date
from io import BytesIO
from pathlib import Path

import yaml
from django.utils import timezone
from PIL import Image

import anxin.plans
from anxin.people.services import orgunit_create
from anxin.plans.models import ProgramPlan
from anxin.resources.zone.models import ZoneArticle
from tests.base import BaseTestCase, make_employee, make_user

PRESETS = Path(anxin.plans.__file__).parent / "presets"


def png_bytes(size=(40, 30)) -> bytes:
    buffer = BytesIO()
    Image.new("RGB", size, (30, 120, 200)).save(buffer, "PNG")
    return buffer.getvalue()


def make_article(author, authority, *, kind="page", publish=True, **fields) -> ZoneArticle:
    values = {
        "title": "員工協助方案介紹",
        "body": "本方案提供免費諮商。",
        "published_at": timezone.now() if publish else None,
    }
    values.update(fields)
    return ZoneArticle.objects.create(
        authority=authority,
        created_by=author,
        kind=kind,
        status=ZoneArticle.Status.PUBLISHED if publish else ZoneArticle.Status.DRAFT,
        **values,
    )


def taoyuan_plan(authority, *, public: bool = True, slug: str = "zone-taoyuan"):
    """Taoyuan's preset (000) as the plan in force at `authority`: its channels, the
    crisis lines, the eight service areas and the nine topic channels."""
    data = yaml.safe_load((PRESETS / "taoyuan-104.yaml").read_text(encoding="utf-8"))
    data["zone"]["public"] = public
    return ProgramPlan.objects.create(
        slug=slug,
        name=data["name"],
        authority=authority,
        period_start=date(2015, 1, 1),
        config=data,
    )


class ZoneTestCase(BaseTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.plan = taoyuan_plan(cls.authority, public=False)
        cls.page = make_article(cls.eap_admin, cls.authority, title="如何申請個別諮商")
        cls.news = make_article(cls.eap_admin, cls.authority, kind="news", title="紓壓講座報名開始")
        cls.draft = make_article(
            cls.eap_admin, cls.authority, publish=False, title="尚未發布的草稿"
        )
        cls.elsewhere = orgunit_create(name="他市政府", kind="authority", code="380000000A")
        cls.stranger = make_user("stranger")
        make_employee(cls.stranger, unit=cls.elsewhere, number="X0001", name="林外人")

    def zone(self, suffix: str = "") -> str:
        return f"/resources/zone/{self.authority.pk}/{suffix}"
