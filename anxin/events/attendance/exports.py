"""Learning hours of an event as ODS, XLSX and CSV, in the columns an agency reports them
in (employee number, name, event, dates, hours), and the certificate as PDF.

For an event over sealed attributes the rows name a neutral activity instead of the
event's title: the file travels to the personnel office's reporting and must not say
who is in a support group (decision 0010)."""

import base64
from io import BytesIO
from pathlib import Path

import qrcode
import qrcode.image.svg
from django.conf import settings
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.translation import gettext as _

from anxin.core import sheets
from anxin.core.pdf import html_pdf
from anxin.core.roc import format_short
from anxin.events.attendance import services
from anxin.events.attendance.models import NEUTRAL_TITLE
from anxin.events.models import Event, Registration

TYPES = sheets.CONTENT_TYPES


def header() -> list[str]:
    return [
        _("Employee number"),
        _("Name"),
        _("Event title"),
        _("Start date"),
        _("End date"),
        _("Learning hours"),
    ]


def table(event: Event) -> list[list]:
    """The header and one row per registered participant with learning hours, by
    employee number. Hours stay Decimal so that a spreadsheet can sum them."""
    registrations = list(
        Registration.objects.filter(event=event, status=Registration.Status.REGISTERED)
        .select_related("employee")
        .order_by("employee__number", "pk")
    )
    found = services.summaries(event, registrations)
    title = str(NEUTRAL_TITLE) if event.is_sensitive else event.title
    rows: list[list] = [header()]
    for registration in registrations:
        summary = found[registration.pk]
        if summary.hours <= 0:
            continue
        rows.append(
            [
                registration.employee.number,
                registration.employee.name,
                title,
                format_short(summary.first_day),
                format_short(summary.last_day),
                summary.hours,
            ]
        )
    return rows


def filename(event: Event, extension: str) -> str:
    return f"learning-hours-{event.uuid}.{extension}"


def hours_file(event: Event, fmt: str) -> bytes:
    """The learning hours as ODS, XLSX or CSV (anxin/core/sheets.py: text stays text)."""
    return sheets.sheet_bytes(
        fmt, _("Learning hours"), table(event), widths=(16, 14, 40, 12, 12, 12)
    )


def hours_ods(event: Event) -> bytes:
    return hours_file(event, "ods")


def hours_xlsx(event: Event) -> bytes:
    return hours_file(event, "xlsx")


def hours_csv(event: Event) -> bytes:
    return hours_file(event, "csv")


WRITERS = {"ods": hours_ods, "xlsx": hours_xlsx, "csv": hours_csv}


# --- the certificate ----------------------------------------------------------------------


def _qr_data_uri(data: str) -> str:
    image = qrcode.make(data, image_factory=qrcode.image.svg.SvgPathImage, box_size=10)
    buffer = BytesIO()
    image.save(buffer)
    return "data:image/svg+xml;base64," + base64.b64encode(buffer.getvalue()).decode()


def seal_uri(seal_image: str) -> str:
    """The plan's seal image as a file URI, if it lies under the media directory and
    exists; "" otherwise (the certificate is printed without it)."""
    if not seal_image:
        return ""
    root = Path(settings.MEDIA_ROOT).resolve()
    path = (root / seal_image).resolve()
    if not path.is_relative_to(root) or not path.is_file():
        return ""
    return path.as_uri()


def certificate_pdf(certificate, *, verify_url: str) -> bytes:
    """The certificate in Traditional Chinese whatever the reader's language: the
    holder, the event (or the neutral activity), the ROC dates, the hours, the issuer and
    its seal, the number and the verification code with its QR code."""
    event = certificate.registration.event
    seal = seal_uri(services.certificate_settings(event).seal_image)
    with translation.override("zh-hant"):
        html = render_to_string(
            "events/attendance/certificate_pdf.html",
            {
                "certificate": certificate,
                "title": certificate.display_title,
                "seal": seal,
                "qr": _qr_data_uri(verify_url),
                "verify_url": verify_url,
            },
        )
    return html_pdf(html, base_url=str(settings.MEDIA_ROOT))
