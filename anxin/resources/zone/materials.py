"""The zone's printable materials: A6 care cards (four to an A4 sheet, to cut) and an A4
poster, each with the plan's channels, the crisis lines and a QR code to the zone.
Tagged PDF (PDF/UA-1) through core/pdf.py, in Traditional Chinese whatever the reader's
language: they are printed for every office."""

import base64
from io import BytesIO

import qrcode
import qrcode.image.svg
from django.template.loader import render_to_string
from django.utils import translation

from anxin.core.pdf import html_pdf
from anxin.resources.zone.policies import Zone

CARDS_PER_SHEET = 4


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
