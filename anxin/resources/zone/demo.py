"""Zone: demo declarations. The demo authority's EAP zone: pages (one with English beside
it), news, questions and answers and two handbook sections, published by the demo
eap_admin through the services. Silent: the channels' step prints the line of both
parts. Idempotent; demo mode only."""

from anxin.core.demo import DemoRun, demo_step
from anxin.people.demo import AUTHORITY_CODE, demo_require, username_for
from anxin.people.models import OrgUnit, User
from anxin.people.roles import Role
from anxin.resources.zone import services
from anxin.resources.zone.models import ZoneArticle

ARTICLES = [
    {
        "kind": "page",
        "position": 10,
        "title": "員工協助方案是什麼？",
        "body": "員工協助方案（EAP）協助同仁處理影響工作與生活的問題。\n\n"
        "服務包括心理諮商、法律與財務諮詢、講座與團體，全部免費且保密。",
        "title_en": "What is the Employee Assistance Programme?",
        "body_en": "The programme helps staff with what weighs on their work or life: "
        "counselling, legal and financial advice, talks and groups, free and confidential.",
    },
    {
        "kind": "page",
        "position": 20,
        "title": "申請流程與保密原則",
        "body": "您可以線上申請、撥打諮商專線或寫信到電子郵件抒壓站。\n\n"
        "您的申請不會通知主管或人事單位；晤談內容只有您的諮商人員能閱讀。",
    },
    {
        "kind": "news",
        "title": "紓壓講座「好眠的秘訣」開放報名",
        "body": "歡迎同仁報名參加，名額有限。",
    },
    {
        "kind": "news",
        "title": "關懷小卡與海報已更新，歡迎下載列印",
        "body": "各機關可至本專區「宣導品下載」列印張貼。",
    },
    {
        "kind": "question",
        "position": 10,
        "title": "申請諮商會讓主管知道嗎？",
        "body": "不會。您本人申請時，主管與人事單位都不會收到通知。",
        "title_en": "Will my supervisor know that I asked for counselling?",
        "body_en": "No. When you apply yourself, neither your supervisor nor HR is told.",
    },
    {
        "kind": "question",
        "position": 20,
        "title": "免費諮商有幾次？",
        "body": "依本年度計畫，每人每年有一定時數的免費諮商，詳見本專區首頁。",
    },
    {
        "kind": "question",
        "position": 30,
        "title": "上班時間可以去諮商嗎？",
        "body": "可以，請依公務人員請假規則辦理請假。",
    },
    {
        "kind": "handbook",
        "position": 10,
        "title": "認識員工協助方案",
        "body": "員工協助方案協助同仁面對工作、家庭、健康與財務等各種困擾。\n\n"
        "所有服務皆免費且保密，您本人申請時，主管與人事單位都不會收到通知。",
        "title_en": "About the Employee Assistance Programme",
        "body_en": "The programme helps staff with work, family, health and money worries.\n\n"
        "Every service is free and confidential.",
    },
    {
        "kind": "handbook",
        "position": 20,
        "title": "如何申請協助",
        "body": "您可以線上申請個別諮商、撥打諮商專線，或寫信到電子郵件抒壓站。\n\n"
        "危機時請撥 1925 安心專線，24 小時有人接聽。",
    },
]


def demo_zone() -> int:
    """The demo zone's articles, published; the number made (0 when they exist)."""
    demo_require()
    authority = OrgUnit.objects.filter(code=AUTHORITY_CODE).first()
    author = User.objects.filter(username=username_for(Role.EAP_ADMIN)).first()
    if authority is None or author is None:
        return 0
    if ZoneArticle.objects.filter(authority=authority).exists():
        return 0
    for data in ARTICLES:
        article = services.article_create(authority=authority, author=author, data=data)
        services.article_publish(article=article, expected_version=0, publish=True)
    # A draft, to show that drafts stay off the zone's pages.
    services.article_create(
        authority=authority,
        author=author,
        data={"kind": "news", "title": "（草稿）下半年活動預告", "body": "尚未確定。"},
    )
    return len(ARTICLES)


@demo_step(order=80, summary="the EAP zone's pages, news, questions and handbook, published")
def zone_step(run: DemoRun) -> None:
    demo_zone()
