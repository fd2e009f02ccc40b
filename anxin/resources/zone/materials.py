"""The zone's printable materials: A6 care cards (four to an A4 sheet, to cut), an A4
poster and a sheet of eight stickers (an A4 label sheet of 99.1 × 67.7 mm labels), each
with the plan's channels, the crisis lines and a QR code to the zone; and the handbook,
the published handbook sections in their order with a table of contents. Tagged PDF
(PDF/UA-1) through core/pdf.py, in Traditional Chinese whatever the reader's language:
they are printed for every office (the handbook carries the authors' English beside)."""

import base64
from io import BytesIO

import qrcode
import qrcode.image.svg
from django.template.loader import render_to_string
from django.utils import translation

from anxin.core.pdf import html_pdf
from anxin.resources.zone.models import ZoneArticle
from anxin.resources.zone.policies import Zone

CARDS_PER_SHEET = 4
STICKERS_PER_SHEET = 8


def qr_data_uri(data: str) -> str:
    image = qrcode.make(data, image_factory=qrcode.image.svg.SvgPathImage, box_size=10)
    buffer = BytesIO()
    image.save(buffer)
    return "data:image/svg+xml;base64," + base64.b64encode(buffer.getvalue()).decode()


def _context(zone: Zone, zone_url: str) -> dict:
    plan = zone.plan
    return {
        "authority": zone.authority,
        "plan": plan,
        "channels": plan.channels if plan else [],
        "crisis_lines": plan.crisis_lines if plan else [],
        "free_hours": plan.free_counselling_hours if plan else None,
        "zone_url": zone_url,
        "qr": qr_data_uri(zone_url),
    }


def care_cards_pdf(zone: Zone, *, zone_url: str) -> bytes:
    with translation.override("zh-hant"):
        context = _context(zone, zone_url) | {"cards": range(CARDS_PER_SHEET)}
        html = render_to_string("resources/zone/care_cards_pdf.html", context)
    return html_pdf(html)


def poster_pdf(zone: Zone, *, zone_url: str) -> bytes:
    with translation.override("zh-hant"):
        html = render_to_string("resources/zone/poster_pdf.html", _context(zone, zone_url))
    return html_pdf(html)


def stickers_pdf(zone: Zone, *, zone_url: str) -> bytes:
    with translation.override("zh-hant"):
        context = _context(zone, zone_url)
        # A sticker is small: only the channels one can call or write to.
        context["channels"] = [c for c in context["channels"] if c.number or c.email]
        context["stickers"] = range(STICKERS_PER_SHEET)
        html = render_to_string("resources/zone/stickers_pdf.html", context)
    return html_pdf(html)


def image_data_uri(article: ZoneArticle) -> str:
    """The article's stored image, inline in the PDF (WeasyPrint fetches nothing); empty
    when the stored file is missing."""
    try:
        with article.image.open("rb") as stored:
            data = stored.read()
    except FileNotFoundError:
        return ""  # the storage lost it: the section is printed without
    return f"data:{article.image_type};base64," + base64.b64encode(data).decode()


def handbook_pdf(zone: Zone, sections: list[ZoneArticle], *, zone_url: str) -> bytes:
    with translation.override("zh-hant"):
        context = _context(zone, zone_url) | {
            "sections": [
                (article, image_data_uri(article) if article.image else "") for article in sections
            ]
        }
        html = render_to_string("resources/zone/handbook_pdf.html", context)
    return html_pdf(html)
