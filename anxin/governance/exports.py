"""The minutes as files: ODT (the government's editable format, written with odfpy), PDF
(anxin/core/pdf.py), and the approved reward proposals as ODS for the personnel office.

Both minutes files carry the same parts in the same order (heading, date and place,
attendance, agenda, the meeting's documents by title, minutes, decisions, action items),
read from `minutes_parts`."""

import io
from dataclasses import dataclass

from django.template.loader import render_to_string
from django.utils.translation import gettext as _
from odf.opendocument import OpenDocumentText
from odf.style import Style, TextProperties
from odf.text import H, List, ListItem, P

from anxin.core.pdf import html_pdf
from anxin.core.roc import format_long, format_short
from anxin.core.sheets import sheet_bytes
from anxin.governance.models import Meeting, RewardProposal


@dataclass(frozen=True)
class MinutesParts:
    meeting: Meeting
    present: list[str]
    absent: list[str]
    agenda: list[str]
    documents: list[str]
    paragraphs: list[str]
    decisions: list[str]
    actions: list[str]


def minutes_parts(meeting: Meeting) -> MinutesParts:
    attendance = list(meeting.attendance.select_related("member").order_by("member__pk"))
    agenda = [
        (_("(carried) %(title)s") % {"title": item.title}) if item.carried_id else item.title
        for item in meeting.agenda.all()
    ]
    actions = [
        _("%(text)s — %(owner)s, due %(due)s")
        % {"text": item.text, "owner": item.owner.name, "due": format_short(item.due_on)}
        for item in meeting.actions.select_related("owner")
    ]
    return MinutesParts(
        meeting=meeting,
        present=[row.member.name for row in attendance if row.present],
        absent=[row.member.name for row in attendance if not row.present],
        agenda=agenda,
        documents=[document.title for document in meeting.documents.all()],
        paragraphs=[line for line in meeting.minutes.splitlines() if line.strip()],
        decisions=[decision.text for decision in meeting.decisions.all()],
        actions=actions,
    )


def minutes_odt(meeting: Meeting) -> bytes:
    parts = minutes_parts(meeting)
    doc = OpenDocumentText()
    cjk = Style(name="Body", family="paragraph")
    cjk.addElement(TextProperties(fontnameasian="Noto Sans CJK TC", language="zh", country="TW"))
    doc.styles.addElement(cjk)

    def para(text: str) -> P:
        return P(stylename=cjk, text=text)

    def bullets(lines: list[str]) -> List:
        items = List()
        for line in lines:
            entry = ListItem()
            entry.addElement(para(line))
            items.addElement(entry)
        return items

    doc.text.addElement(H(outlinelevel=1, text=f"{meeting.body.name} {meeting.title}"))
    doc.text.addElement(para(_("Date: %(day)s") % {"day": format_long(meeting.held_on)}))
    if meeting.place:
        doc.text.addElement(para(_("Place: %(place)s") % {"place": meeting.place}))
    doc.text.addElement(para(_("Present: %(names)s") % {"names": "、".join(parts.present)}))
    if parts.absent:
        doc.text.addElement(para(_("Absent: %(names)s") % {"names": "、".join(parts.absent)}))
    sections = [(_("Meeting agenda"), parts.agenda)]
    if parts.documents:
        sections.append((_("Meeting documents"), parts.documents))
    for heading, lines in (
        *sections,
        (_("Meeting minutes"), parts.paragraphs),
        (_("Decisions"), parts.decisions),
        (_("Follow-up action items"), parts.actions),
    ):
        doc.text.addElement(H(outlinelevel=2, text=heading))
        if heading == _("Meeting minutes"):
            for line in lines:
                doc.text.addElement(para(line))
        else:
            doc.text.addElement(bullets(lines))
    out = io.BytesIO()
    doc.write(out)
    return out.getvalue()


def minutes_pdf(meeting: Meeting) -> bytes:
    html = render_to_string(
        "governance/minutes_pdf.html", {"parts": minutes_parts(meeting), "meeting": meeting}
    )
    return html_pdf(html)


def rewards_ods(proposals: list[RewardProposal], rule_texts: dict[str, str]) -> bytes:
    rows = [[_("Year"), _("Name"), _("Body"), _("Rule"), _("Grounds"), _("Status")]]
    for proposal in proposals:
        rows.append(
            [
                proposal.year,
                proposal.name,
                proposal.member.body.name if proposal.member else "",
                rule_texts.get(proposal.rule, str(proposal.get_rule_display())),
                proposal.grounds,
                str(proposal.get_status_display()),
            ]
        )
    return sheet_bytes("ods", _("Rewards"), rows)
