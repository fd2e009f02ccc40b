"""The demo: a fictional authority, 範例市政府, with its agencies and schools, about 2,000
employees and one sign-in for every role.

Everything is generated from a fixed seed, so that two installs show the same people, and
created only when missing, so that a second run reuses what exists. Demo passwords and
TOTP secrets live in `ANXIN_VAR_DIR/demo/accounts.json` (readable by its owner only) and
exist only when `ANXIN_DEMO` is on: `demo_require()` refuses otherwise.
"""

from __future__ import annotations

import base64
import json
import random
import secrets
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

import yaml
from django.apps import apps
from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

from anxin.core.roc import roc_year
from anxin.people.models import Employee, OrgUnit, RoleAssignment, User
from anxin.people.roles import Role

SEED = 20250122
DEFAULT_EMPLOYEES = 2000
AUTHORITY_NAME = "範例市政府"
AUTHORITY_CODE = "379900000A"
EMAIL_DOMAIN = "fanli.example.gov.tw"

Kind = OrgUnit.Kind
Cat = Employee.StaffCategory

LIBRARY_UNITS = ("典藏組", "推廣組", "人事室", "會計室")
BUREAU_UNITS = ("秘書室", "人事室", "會計室", "政風室", "第一科", "第二科", "第三科")
OFFICE_UNITS = ("綜合企劃科", "秘書室", "人事室", "會計室")
SCHOOL_UNITS = ("教務處", "學務處", "總務處", "輔導室", "人事室", "會計室")

# (name, agency code, kind, parent code or None for the authority, relative size, units)
AGENCIES: tuple[tuple[str, str, str, str | None, int, tuple[str, ...]], ...] = (
    ("範例市政府社會局", "379901000B", Kind.AGENCY, None, 9, BUREAU_UNITS),
    ("範例市政府教育局", "379902000C", Kind.AGENCY, None, 8, BUREAU_UNITS),
    ("範例市政府工務局", "379903000D", Kind.AGENCY, None, 8, BUREAU_UNITS),
    ("範例市政府人事處", "379904000E", Kind.AGENCY, None, 4,
     ("綜合企劃科", "任免遷調科", "考核訓練科", "給與福利科", "員工協助中心")),
    ("範例市政府民政局", "379905000F", Kind.AGENCY, None, 6, BUREAU_UNITS),
    ("範例市政府財政局", "379906000G", Kind.AGENCY, None, 5, BUREAU_UNITS),
    ("範例市政府衛生局", "379907000H", Kind.AGENCY, None, 7, BUREAU_UNITS),
    ("範例市政府環境保護局", "379908000J", Kind.AGENCY, None, 9, BUREAU_UNITS),
    ("範例市政府交通局", "379909000K", Kind.AGENCY, None, 5, BUREAU_UNITS),
    ("範例市政府勞動局", "379910000L", Kind.AGENCY, None, 4, BUREAU_UNITS),
    ("範例市政府文化局", "379911000M", Kind.AGENCY, None, 4, BUREAU_UNITS),
    ("範例市政府消防局", "379912000N", Kind.AGENCY, None, 9, BUREAU_UNITS),
    ("範例市政府地政局", "379913000P", Kind.AGENCY, None, 4, BUREAU_UNITS),
    ("範例市政府主計處", "379914000Q", Kind.AGENCY, None, 3, OFFICE_UNITS),
    ("範例市立圖書館", "379915000R", Kind.AGENCY, None, 3, LIBRARY_UNITS),
    ("範例市立中山國民小學", "379931000N", Kind.SCHOOL, "379902000C", 5, SCHOOL_UNITS),
    ("範例市立中正國民小學", "379932000P", Kind.SCHOOL, "379902000C", 5, SCHOOL_UNITS),
    ("範例市立光復國民中學", "379933000Q", Kind.SCHOOL, "379902000C", 6, SCHOOL_UNITS),
    ("範例市立仁愛國民中學", "379934000R", Kind.SCHOOL, "379902000C", 6, SCHOOL_UNITS),
    ("範例市立範例高級中學", "379935000S", Kind.SCHOOL, "379902000C", 8, SCHOOL_UNITS),
)  # fmt: skip

# Share of each staff category (per cent) in an agency and in a school.
AGENCY_MIX = {
    Cat.CIVIL_SERVANT: 62, Cat.CONTRACT: 15, Cat.JANITOR: 5, Cat.TECHNICIAN: 4, Cat.DRIVER: 3,
    Cat.SECURITY_POLICE: 2, Cat.TEMPORARY: 5, Cat.RELIEF_WORKER: 2, Cat.SUBSTITUTE_SERVICE: 2,
}  # fmt: skip
SCHOOL_MIX = {
    Cat.TEACHER: 70, Cat.CIVIL_SERVANT: 10, Cat.CONTRACT: 7, Cat.JANITOR: 4,
    Cat.TECHNICIAN: 1, Cat.SECURITY_POLICE: 1, Cat.TEMPORARY: 5, Cat.SUBSTITUTE_SERVICE: 2,
}  # fmt: skip
# Mostly men in these posts; the rest of the public service is mostly women.
MALE_HEAVY = {Cat.TECHNICIAN, Cat.DRIVER, Cat.SECURITY_POLICE, Cat.SUBSTITUTE_SERVICE}

# The 40 commonest surnames in Taiwan with their rough share (per mille).
SURNAMES = (
    ("陳", 112), ("林", 83), ("黃", 60), ("張", 53), ("李", 51), ("王", 41), ("吳", 40),
    ("劉", 32), ("蔡", 29), ("楊", 26), ("許", 23), ("鄭", 19), ("謝", 18), ("洪", 15),
    ("郭", 15), ("邱", 14), ("曾", 14), ("廖", 13), ("賴", 13), ("徐", 12), ("周", 11),
    ("葉", 11), ("蘇", 11), ("莊", 9), ("呂", 9), ("江", 9), ("何", 8), ("蕭", 8),
    ("羅", 8), ("高", 8), ("潘", 7), ("簡", 7), ("朱", 7), ("鍾", 7), ("游", 6),
    ("彭", 6), ("詹", 6), ("胡", 6), ("施", 6), ("沈", 6),
)  # fmt: skip
FEMALE_CHARS = "淑美雅怡婷欣佳靜慧如芳玲惠珮秀琪筱詩宜郁思家雨心晴瑜萱涵君蓁琳嘉文馨亭貞華麗娟珍"
MALE_CHARS = "志建俊家冠宏明偉文承柏宇彥信哲翔凱傑豪昇國榮正德政維銘賢嘉智仁勝忠義祥峰毅恩睿廷"


class DemoModeOff(RuntimeError):
    """The demo runs only with ANXIN_DEMO=1, so that no demo password exists elsewhere."""


def demo_require() -> None:
    if not getattr(settings, "ANXIN_DEMO", False):
        raise DemoModeOff("The demo runs only with ANXIN_DEMO=1.")


# --- Organisation and employees -----------------------------------------------------------


@dataclass
class DemoSummary:
    agencies: int
    units: int
    employees_created: int
    employees_total: int


def _create_units(units: list[OrgUnit], parents: dict[int, OrgUnit]) -> list[OrgUnit]:
    """Create units of one level (their parents exist) and give them their paths."""
    if not units:
        return []
    created = OrgUnit.objects.bulk_create(units)
    for unit in created:
        parent = parents.get(unit.parent_id)
        unit.path = f"{parent.path if parent else '/'}{unit.pk}/"
    OrgUnit.objects.bulk_update(created, ["path"])
    return created


def _agencies(authority: OrgUnit) -> dict[str, OrgUnit]:
    units = OrgUnit.objects.filter(authority.subtree_q(), kind__in=(Kind.AGENCY, Kind.SCHOOL))
    return {unit.code: unit for unit in units.exclude(code="")}


def _organisation() -> tuple[OrgUnit, dict[str, OrgUnit], dict[str, list[OrgUnit]]]:
    """The authority, its agencies by code, and each agency's units (created if missing)."""
    authority = OrgUnit.objects.filter(code=AUTHORITY_CODE).first()
    if authority is None:
        (authority,) = _create_units(
            [OrgUnit(name=AUTHORITY_NAME, code=AUTHORITY_CODE, kind=Kind.AUTHORITY)], {}
        )
    agencies = _agencies(authority)
    for level_parent in (None, "nested"):
        wanted = [
            OrgUnit(
                name=name,
                code=code,
                kind=kind,
                parent_id=(agencies[parent] if parent else authority).pk,
            )
            for name, code, kind, parent, _size, _units in AGENCIES
            if code not in agencies and (parent is None) == (level_parent is None)
        ]
        parents = {authority.pk: authority, **{a.pk: a for a in agencies.values()}}
        for unit in _create_units(wanted, parents):
            agencies[unit.code] = unit
    existing = {
        (unit.parent_id, unit.name): unit
        for unit in OrgUnit.objects.filter(authority.subtree_q(), kind=Kind.UNIT)
    }
    wanted_units = [
        OrgUnit(name=unit_name, kind=Kind.UNIT, parent_id=agencies[code].pk)
        for _name, code, _kind, _parent, _size, unit_names in AGENCIES
        for unit_name in unit_names
        if (agencies[code].pk, unit_name) not in existing
    ]
    by_pk = {a.pk: a for a in agencies.values()}
    for unit in _create_units(wanted_units, by_pk):
        existing[(unit.parent_id, unit.name)] = unit
    units_of = {
        code: [existing[(agencies[code].pk, unit_name)] for unit_name in unit_names]
        for _name, code, _kind, _parent, _size, unit_names in AGENCIES
    }
    return authority, agencies, units_of


def _weighted(rng: random.Random, table: dict | tuple) -> object:
    items = list(table.items()) if isinstance(table, dict) else list(table)
    return rng.choices([key for key, _w in items], weights=[w for _k, w in items])[0]


def _person_name(rng: random.Random, gender: str) -> str:
    surname = _weighted(rng, SURNAMES)
    chars = {"F": FEMALE_CHARS, "M": MALE_CHARS}.get(gender, FEMALE_CHARS + MALE_CHARS)
    if rng.random() < 0.08:
        return surname + rng.choice(chars)
    first = rng.choice(chars)
    second = rng.choice([c for c in chars if c != first])
    return surname + first + second


def _birthday(rng: random.Random, today: date, low: int, high: int) -> date:
    """A birth date for an age between `low` and `high` (inclusive) on `today`."""
    latest = today.replace(year=today.year - low) - timedelta(days=1)
    earliest = date(today.year - high - 1, today.month, min(today.day, 28)) + timedelta(days=1)
    return earliest + timedelta(days=rng.randrange((latest - earliest).days + 1))


def demo_people(count: int, *, seed: int = SEED, today: date | None = None) -> list[dict]:
    """The demo employees as plain values: the same list for the same seed and year.
    The first ten carry one staff category each, so that even a small demo has all."""
    rng = random.Random(seed)
    today = today or timezone.localdate()
    reference = date(today.year, 1, 1)
    agencies = [(code, kind, size) for _name, code, kind, _parent, size, _units in AGENCIES]
    schools = [a for a in agencies if a[1] == Kind.SCHOOL]
    offices = [a for a in agencies if a[1] != Kind.SCHOOL]
    forced = list(Cat.values)
    people = []
    for n in range(1, count + 1):
        if n <= len(forced):
            category = forced[n - 1]
            code, kind, _size = rng.choice(schools if category == Cat.TEACHER else offices)
        else:
            code, kind, _size = rng.choices(agencies, weights=[a[2] for a in agencies])[0]
            category = _weighted(rng, SCHOOL_MIX if kind == Kind.SCHOOL else AGENCY_MIX)
        male_share = 0.85 if category in MALE_HEAVY else 0.3 if category == Cat.TEACHER else 0.42
        roll = rng.random()
        gender = "X" if roll < 0.005 else "M" if roll < 0.005 + male_share else "F"
        # Ages on 1 January; through the year they stay within 20 to 65.
        low, high = (20, 26) if category == Cat.SUBSTITUTE_SERVICE else (22, 64)
        if category in (Cat.TEMPORARY, Cat.CONTRACT):
            low = 21
        birth = _birthday(rng, reference, low, high)
        age = (reference - birth).days // 365
        if category == Cat.SUBSTITUTE_SERVICE:
            years_in = rng.randint(0, 1)
        elif category in (Cat.TEMPORARY, Cat.CONTRACT, Cat.RELIEF_WORKER):
            years_in = min(age - 20, int(rng.expovariate(1 / 4)))
        else:
            years_in = rng.randint(0, max(0, age - 23))
        hire = reference - timedelta(days=365 * years_in + rng.randrange(365))
        hire = min(max(hire, birth + timedelta(days=365 * 18)), today)
        number = f"E{n:05d}"
        people.append(
            {
                "number": number,
                "name": _person_name(rng, gender),
                "agency_code": code,
                "unit_index": rng.randrange(64),
                "staff_category": category,
                "gender": gender,
                "birth_date": birth,
                "hire_date": hire,
                "email": f"{number.lower()}@{EMAIL_DOMAIN}" if rng.random() < 0.7 else "",
            }
        )
    return people


@transaction.atomic
def demo_generate(*, employees: int = DEFAULT_EMPLOYEES, seed: int = SEED) -> DemoSummary:
    """Create what is missing of the demo authority, its agencies, units and employees."""
    demo_require()
    authority, agencies, units_of = _organisation()
    existing = set(Employee.objects.filter(authority=authority).values_list("number", flat=True))
    new = []
    for person in demo_people(employees, seed=seed):
        if person["number"] in existing:
            continue
        units = units_of[person.pop("agency_code")]
        unit = units[person.pop("unit_index") % len(units)]
        new.append(Employee(authority=authority, unit=unit, **person))
    Employee.objects.bulk_create(new, batch_size=500)
    return DemoSummary(
        agencies=len(agencies),
        units=sum(len(units) for units in units_of.values()),
        employees_created=len(new),
        employees_total=Employee.objects.filter(authority=authority).count(),
    )


# --- Accounts -----------------------------------------------------------------------------


@dataclass(frozen=True)
class AccountSpec:
    role: str
    display_name: str  # for accounts that are not an employee
    scope_code: str | None  # agency code of the role's scope; None: the authority
    unit: tuple[str, str] | None = None  # (agency code, unit name) of the employee record


# The employee, the HR officer, the supervisor and the care worker work in 教育局, whose
# subtree holds the schools of the roster template's example rows: demo-hr can import the
# template as it is, and the import (which deactivates the people of the agencies it
# covers that the file leaves out) touches no demo sign-in.
CAST_AGENCY = "379902000C"
ACCOUNTS = (
    AccountSpec(Role.EMPLOYEE, "", None, (CAST_AGENCY, "第一科")),
    AccountSpec(Role.COUNSELOR, "林心怡", None),
    AccountSpec(Role.INTAKE, "張雅婷", None),
    AccountSpec(Role.PROVIDER_ADMIN, "吳宗翰", None),
    AccountSpec(Role.HR, "", CAST_AGENCY, (CAST_AGENCY, "人事室")),
    AccountSpec(Role.EAP_ADMIN, "", None, ("379904000E", "員工協助中心")),
    AccountSpec(Role.SUPERVISOR, "", CAST_AGENCY, (CAST_AGENCY, "第二科")),
    AccountSpec(Role.CARE_WORKER, "", CAST_AGENCY, (CAST_AGENCY, "第三科")),
    AccountSpec(Role.COMMITTEE, "劉國華", None),
    AccountSpec(Role.AUDITOR, "蔡佩君", None),
    AccountSpec(Role.SYSADMIN, "系統管理員", None),
    AccountSpec(Role.REVIEWER, "鄭雅文", None),
)


def username_for(role: str) -> str:
    return f"demo-{role.replace('_', '-')}"


@dataclass(frozen=True)
class DemoAccount:
    role: str
    username: str
    password: str
    totp_secret: str  # base32, "" for the employee (no second factor)
    otpauth_url: str


def credentials_path() -> Path:
    return Path(settings.VAR_DIR) / "demo" / "accounts.json"


def _credentials() -> dict:
    """The demo passwords and TOTP keys, generated on first use and kept for the next run."""
    path = credentials_path()
    stored = json.loads(path.read_text()) if path.exists() else {}
    changed = False
    for spec in ACCOUNTS:
        entry = stored.setdefault(username_for(spec.role), {})
        if not entry.get("password"):
            entry["password"] = secrets.token_urlsafe(12)
            changed = True
        if spec.role != Role.EMPLOYEE and not entry.get("totp_key"):
            entry["totp_key"] = secrets.token_hex(20)
            changed = True
    if changed:
        _save_credentials(stored)
    return stored


def _save_credentials(stored: dict) -> None:
    path = credentials_path()
    path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    path.write_text(json.dumps(stored, indent=2, sort_keys=True))
    path.chmod(0o600)


def _employee_for(authority: OrgUnit, agency: OrgUnit, unit_name: str) -> Employee:
    """A generated employee of that unit with no account yet (or, in a very small demo, a
    new one), to be the demo account's staff record."""
    unit = OrgUnit.objects.filter(parent=agency, name=unit_name).first() or agency
    free = Employee.objects.filter(user__isnull=True, is_active=True).order_by("number")
    employee = (
        free.filter(unit=unit, staff_category=Cat.CIVIL_SERVANT).first()
        or free.filter(unit=unit).first()
        or free.filter(agency.subtree_q("unit__")).exclude(staff_category=Cat.TEACHER).first()
    )
    if employee is None:
        number = f"E9{Employee.objects.filter(authority=authority).count():04d}"
        employee = Employee.objects.create(
            authority=authority,
            unit=unit,
            number=number,
            name=_person_name(random.Random(number), "F"),
            staff_category=Cat.CIVIL_SERVANT,
            gender=Employee.Gender.FEMALE,
            birth_date=date(1985, 4, 1),
            hire_date=date(2012, 8, 1),
        )
    return employee


@transaction.atomic
def demo_accounts() -> list[DemoAccount]:
    """One sign-in per role, with the stored password and (for staff) a confirmed TOTP
    device; existing accounts are brought back to the stored credentials."""
    demo_require()
    authority = OrgUnit.objects.get(code=AUTHORITY_CODE)
    agencies = _agencies(authority)
    stored = _credentials()
    hashes_changed = False
    accounts = []
    for spec in ACCOUNTS:
        username = username_for(spec.role)
        entry = stored[username]
        user = User.objects.filter(username=username).first()
        if user is None:
            user = User(username=username, email=f"{username}@{EMAIL_DOMAIN}")
        if spec.role == Role.SYSADMIN:
            user.is_superuser = user.is_staff = True
        # The hash set last time is remembered, so that a second run need not spend an
        # Argon2 computation per account to find the password unchanged.
        if not user.pk or user.password != entry.get("password_hash"):
            if not user.pk or not user.check_password(entry["password"]):
                user.set_password(entry["password"])
            entry["password_hash"] = user.password
            hashes_changed = True
        user.is_active = True
        if spec.unit is not None:
            employee = Employee.objects.filter(user=user).first() if user.pk else None
            if employee is None:
                code, unit_name = spec.unit
                employee = _employee_for(authority, agencies[code], unit_name)
            user.display_name = employee.name
        else:
            user.display_name = spec.display_name
        user.save()
        if spec.unit is not None and (employee.user_id != user.pk or not employee.is_active):
            employee.user = user
            employee.is_active = True
            employee.save(update_fields=["user", "is_active"])
        if spec.role not in (Role.EMPLOYEE, Role.SYSADMIN):
            scope = agencies[spec.scope_code] if spec.scope_code else authority
            if spec.role == Role.SUPERVISOR:
                scope = employee.unit
            RoleAssignment.objects.get_or_create(user=user, role=spec.role, scope=scope)
        secret = url = ""
        if spec.role != Role.EMPLOYEE:
            device = TOTPDevice.objects.filter(user=user, name="demo").first() or TOTPDevice(
                user=user, name="demo"
            )
            device.key, device.confirmed = entry["totp_key"], True
            device.save()
            secret = base64.b32encode(device.bin_key).decode()
            url = device.config_url
        accounts.append(DemoAccount(spec.role, username, entry["password"], secret, url))
    if hashes_changed:
        _save_credentials(stored)
    return accounts


# --- The demo's plan ----------------------------------------------------------------------

DEMO_PLAN_SLUG = "fanli-demo"


class _TextDatesLoader(yaml.SafeLoader):
    """Safe YAML that keeps dates as text, as the plan loader reads them."""


_TextDatesLoader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


def demo_plan_file() -> Path | None:
    """A plan for 範例市政府 made from a seed preset (Taipei's EAP 2.0 when present, for
    it has the most features), in force this year; written to the var folder for
    `load_plan`. None when the plans app has no preset."""
    if not apps.is_installed("anxin.plans"):
        return None
    presets = sorted((Path(apps.get_app_config("plans").path) / "presets").glob("*.yaml"))
    if not presets:
        return None
    source = next((p for p in presets if p.stem.startswith("taipei")), presets[0])
    data = yaml.load(source.read_text(encoding="utf-8"), Loader=_TextDatesLoader)  # noqa: S506
    year = timezone.localdate().year
    data["slug"] = DEMO_PLAN_SLUG
    data["name"] = f"{AUTHORITY_NAME}{roc_year(year)}年員工協助方案（示範，依 {source.stem} 範本）"
    data["authority"] = {"name": AUTHORITY_NAME, "code": AUTHORITY_CODE}
    data["period"] = {**data.get("period", {}), "start": f"{year}-01-01", "end": f"{year}-12-31"}
    path = Path(settings.VAR_DIR) / "demo" / f"{DEMO_PLAN_SLUG}.yaml"
    path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    header = f"# Generated by `anxin demo` from {source.name}; edit the preset, not this file.\n"
    path.write_text(header + yaml.safe_dump(data, allow_unicode=True, sort_keys=False))
    return path


def demo_code(username: str) -> str:
    """The current six-digit code of a demo account's authenticator (demo mode only)."""
    demo_require()
    if not username.startswith("demo-"):
        raise TOTPDevice.DoesNotExist(username)
    device = TOTPDevice.objects.get(user__username=username, name="demo", confirmed=True)
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    return f"{totp.token():0{device.digits}d}"
