"""The reports app's demo step: every plan's dashboard counted from the demo's records
(the counselling, events, surveys and self-test steps before it), and the demo
authority's improvements for next year written in the dossier. One line of output."""

from django.urls import reverse
from django.utils import timezone

from anxin.core.demo import DemoRun, demo_step
from anxin.core.notifications import notify
from anxin.core.roc import roc_year
from anxin.people.demo import AUTHORITY_CODE, demo_require
from anxin.people.models import User
from anxin.people.roles import Role
from anxin.plans.models import ProgramPlan
from anxin.plans.services import k_of
from anxin.reports.dashboard import dashboard
from anxin.reports.models import EvaluationNote

IMPROVEMENTS = (
    "一、晚間及週末諮商需求增加，明年度增開夜間視訊諮商時段。\n"
    "二、新進人員問卷回收率偏低，改於報到當週由人事室說明並提醒填答。\n"
    "三、紓壓課程滿額候補者眾，明年度增加場次並於各區辦理。"
)
FIGURES = ("requests", "sessions", "participants", "selftest_takers")


def demo_reports() -> str | None:
    demo_require()
    year = timezone.localdate().year
    parts = []
    for plan in ProgramPlan.objects.select_related("authority").order_by("slug"):
        board = dashboard(node=plan.authority, year=year, period="quarter", k=k_of(plan))
        totals = "/".join(str(board.indicator(key).tables[0].total) for key in FIGURES)
        parts.append(f"{plan.slug} {totals}")
        if plan.authority.code == AUTHORITY_CODE:
            _, created = EvaluationNote.objects.get_or_create(
                authority=plan.authority, year=year, defaults={"improvements": IMPROVEMENTS}
            )
            if created:
                reviewers = User.objects.filter(
                    role_assignments__role=Role.REVIEWER,
                    role_assignments__scope=plan.authority,
                )
                notify(
                    recipients=reviewers,
                    template="dossier_ready",
                    context={"year": roc_year(year)},
                    url=reverse("reports:dossier"),
                )
    if not parts:
        return None
    return (
        "Service results (requests/sessions/attendances/self-tests this year): "
        + "; ".join(parts)
        + "."
    )


@demo_step(order=90, summary="every plan's service-results dashboard and evaluation dossier")
def reports_step(run: DemoRun) -> str | None:
    """Needs the counselling, events, surveys and self-test demo data."""
    return demo_reports()
