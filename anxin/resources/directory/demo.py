"""Directory demo data: the seeds' resources in the demo authority's directory (its plan is
Taipei's preset: 003's four harassment categories and the care map), with opening hours
as the seeds give them, a few long-term-care places on the map and a tile source left
empty, so that the map page shows its list by district. Idempotent; demo mode only."""

from datetime import time, timedelta
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from anxin.core.demo import DemoRun, demo_step
from anxin.people.demo import AUTHORITY_CODE, demo_require, username_for
from anxin.people.models import OrgUnit, User
from anxin.people.roles import Role
from anxin.resources.directory.hours import Opening
from anxin.resources.directory.models import Service
from anxin.resources.directory.services import EntryData, service_create
from anxin.resources.directory.taxonomy import taxonomy_for

MON, WED, FRI = 0, 2, 4
MORNING = (time(9, 30), time(12, 0))
CARE = "長期照顧等家庭照顧資訊及資源"  # 003 §陸【家中有長期照護需求同仁】1 (the demo plan's map)

# (entry, days since last verified): a couple are stale, so that the owner is reminded.
ENTRIES: tuple[tuple[EntryData, int], ...] = (
    (EntryData(  # 003 §伍.二.(四)3: 諮詢及協談
        organisation="範例市政府員工協談室", name="個別協談", category="諮詢及協談",
        service_area="emotion",
        description="專任心理輔導員提供個別協談，職場霸凌及性騷擾事件當事人亦可申請。",
        eligibility="本府暨所屬機關學校員工", phone="02-2720-8889", district="信義區",
        address="市府路1號", accessibility="無障礙電梯、無障礙廁所", languages="華語、臺灣台語",
        hours=tuple(Opening(d, time(9), time(17)) for d in range(5)),
    ), 30),
    (EntryData(  # 003 §伍.三.(三): 全觀心理單次諮詢門診
        organisation="市立聯合醫院全觀心理健康中心", name="全觀心理單次諮詢門診",
        category="心理相關",
        service_area="health",
        description="心理師釐清心理困擾、討論後續調適方向，必要時轉介臨床心理師諮詢門診。",
        phone="02-2555-0380", district="大同區", address="鄭州路145號",
        accessibility="無障礙坡道、輪椅借用", languages="華語、臺灣台語、English",
    ), 60),
    (EntryData(  # 002 §伍.三.(二)1: legal advice Mon, Fri and Wed
        organisation="民政處", name="法律扶助諮詢", category="法律諮詢", service_area="legal",
        description="聘請律師解答法律問題（車禍、債務、遺產、婚姻等）。", eligibility="員工及眷屬",
        district="信義區", address="市府路1號6樓",
        hours=(
            Opening(MON, *MORNING, "六樓第一會議室"),
            Opening(WED, *MORNING, "西區區公所三樓禮堂"),
            Opening(FRI, *MORNING, "六樓第一會議室"),
        ),
    ), 10),
    (EntryData(  # 003 §伍.二.(四)3: 社會福利 (the national welfare line 1957)
        organisation="衛生福利部", name="1957福利諮詢專線", category="社會福利",
        service_area="family", description="社會福利、急難救助及保護服務之諮詢與轉介。",
        phone="1957", languages="華語、臺灣台語、客語",
    ), 400),
    (EntryData(  # 002 §伍.三.(二)2: the tax bureau's full-service counter
        organisation="稅務局", name="全功能服務櫃台", service_area="finance",
        description="各項稅務之申辦、查詢及節稅規劃。", district="信義區",
        address="市府路1號稅務局1樓",
        hours=tuple(Opening(d, time(8, 30), time(17, 30)) for d in range(5)),
        accessibility="無障礙櫃台",
    ), 90),
    (EntryData(  # 004 §參.三.(一): the resource table's long-term care line
        organisation="衛生福利部", name="1966長照服務專線", category=CARE, service_area="family",
        description="長照需要評估、居家服務、日間照顧、喘息服務之申請。", phone="1966",
    ), 20),
    (EntryData(
        organisation="範例市長期照顧管理中心", name="照顧管理專員到宅評估", category=CARE,
        service_area="family", phone="02-2537-1099", district="中山區", address="玉門街1號",
        latitude=Decimal("25.070500"), longitude=Decimal("121.520100"),
        accessibility="無障礙電梯",
        hours=tuple(Opening(d, time(8, 30), time(17, 30)) for d in range(5)),
    ), 15),
    (EntryData(
        organisation="範例市信義老人日間照顧中心", name="日間照顧", category=CARE,
        service_area="family", phone="02-2723-0000", district="信義區", address="松仁路100號",
        latitude=Decimal("25.033000"), longitude=Decimal("121.567300"),
        accessibility="無障礙坡道、無障礙廁所",
    ), 15),
    (EntryData(
        organisation="範例市士林居家長照機構", name="居家服務", category=CARE,
        service_area="family", phone="02-2881-0000", district="士林區", address="中正路439號",
        latitude=Decimal("25.092400"), longitude=Decimal("121.526500"),
    ), 15),
)  # fmt: skip


@transaction.atomic
def demo_directory() -> tuple[int, int]:
    """The demo authority's directory (idempotent): (entries, entries on the map)."""
    demo_require()
    authority = OrgUnit.objects.filter(code=AUTHORITY_CODE).first()
    admin = User.objects.filter(username=username_for(Role.EAP_ADMIN)).first()
    if authority is None or admin is None:
        return 0, 0
    if not Service.objects.filter(authority=authority).exists():
        taxonomy = taxonomy_for(authority.pk)
        today = timezone.localdate()
        for entry, age in ENTRIES:
            if entry.category and entry.category not in taxonomy.category_names:
                entry = EntryData(**{**entry.__dict__, "category": ""})
            service_create(
                authority=authority,
                agency=authority,
                owner=admin,
                data=entry,
                verified_on=today - timedelta(days=age),
            )
    entries = Service.objects.filter(authority=authority)
    return entries.count(), entries.filter(latitude__isnull=False).count()


@demo_step(order=72, summary="the resource directory with the seeds' resources, the care map")
def directory_step(run: DemoRun) -> str | None:
    entries, mapped = demo_directory()
    if not entries:
        return None
    return (
        f"Directory: {entries} resources (003's four harassment categories), "
        f"{mapped} on the care map."
    )
