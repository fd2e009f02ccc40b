"""Invariant 11 under real concurrency (PostgreSQL): threads, each on its own connection,
make the same change at the same moment from pages opened at the same version. Exactly one
wins; every other is refused; nothing is silently overwritten."""

import threading

import pytest
from django.db import connection
from django.test import TransactionTestCase
from django.utils import timezone

from anxin.core.locking import StaleEdit
from anxin.core.refusals import Refused
from anxin.counseling import services as counselling
from anxin.counseling.consent import services as consent
from anxin.counseling.consent.models import LegalProcess
from anxin.counseling.models import Case
from anxin.counseling.station import services as station
from anxin.counseling.station.models import StationThread
from tests.base import give_role, make_employee, make_user

PEOPLE = 6


def race(calls) -> list[str]:
    """Run each call in its own thread, all released at once; their outcomes."""
    barrier = threading.Barrier(len(calls))
    results: list[str] = []
    lock = threading.Lock()

    def run(call):
        try:
            barrier.wait()
            outcome = call()
        except StaleEdit:
            outcome = "StaleEdit"
        except Refused as refused:
            outcome = f"Refused {refused.code}"
        except Exception as exc:  # recorded, so that the assertion shows it
            outcome = type(exc).__name__
        finally:
            connection.close()
        with lock:
            results.append(outcome)

    threads = [threading.Thread(target=run, args=(call,)) for call in calls]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return sorted(results)


@pytest.mark.postgres_only
class ParallelRaceTests(TransactionTestCase):
    def setUp(self):
        from anxin.people.services import orgunit_create
        from anxin.plans.loader import load_preset

        self.authority = orgunit_create(name="範例市政府", kind="authority", code="379000000A")
        unit = orgunit_create(name="第一科", kind="unit", parent=self.authority)
        self.plan = load_preset("taipei-114")
        self.coordinators, self.counselors = [], []
        for n in range(PEOPLE):
            intake, counselor = make_user(f"intake{n}"), make_user(f"counselor{n}")
            give_role(intake, "intake", self.authority)
            give_role(counselor, "counselor", self.authority)
            self.coordinators.append(intake)
            self.counselors.append(counselor)
        self.auditor = make_user("auditor")
        give_role(self.auditor, "auditor", self.authority)
        self.employee = make_employee(make_user("alice"), unit=unit, number="E1", name="王小美")

    def request(self):
        return counselling.request_submit(
            employee=self.employee, plan=self.plan, concern="emotion", urgency="soon",
            mode="phone", gender_preference="any", contact_method="phone",
            contact_value="0912-345-678", details="", preferred_times="",
        )  # fmt: skip

    def test_six_coordinators_assign_one_station_message_one_wins(self):
        from tests.counseling.station_base import add_station

        plan = add_station(self.plan)
        thread, _token = station.thread_start(plan=plan, employee=None, body="你好")
        opened_at = thread.version

        def assign(intake, counselor):
            def call():
                station.thread_assign(
                    thread=StationThread(pk=thread.pk), counselor=counselor, actor=intake,
                    expected_version=opened_at,
                )  # fmt: skip
                return f"assigned {counselor.pk}"

            return call

        results = race(
            [assign(i, c) for i, c in zip(self.coordinators, self.counselors, strict=True)]
        )
        winners = [r for r in results if r.startswith("assigned")]
        self.assertEqual(len(winners), 1, results)
        self.assertEqual(results.count("StaleEdit"), PEOPLE - 1, results)
        thread.refresh_from_db()
        self.assertEqual(f"assigned {thread.counselor_id}", winners[0])
        self.assertEqual(thread.version, opened_at + 1)

    def test_six_coordinators_open_one_request_one_case(self):
        item = self.request()

        def assign(intake, counselor):
            def call():
                counselling.case_open(item=item, counselor=counselor, actor=intake)
                return "opened"

            return call

        results = race(
            [assign(i, c) for i, c in zip(self.coordinators, self.counselors, strict=True)]
        )
        self.assertEqual(results, ["Refused assigned"] * (PEOPLE - 1) + ["opened"])
        self.assertEqual(Case.objects.filter(request=item).count(), 1)

    def test_confirm_and_reject_at_once_one_decision_stands(self):
        case = counselling.case_open(
            item=self.request(), counselor=self.counselors[0], actor=self.coordinators[0]
        )
        item = consent.legal_process_record(
            case=case, kind="court_order", reference="北院1號", issued_on=timezone.localdate(),
            recipient="法院", scope="summary", details="", actor=self.counselors[0],
        )  # fmt: skip
        deciders = [(u, "intake") for u in self.coordinators] + [(self.auditor, "auditor")]

        def decide(user, role, confirm):
            def call():
                consent.legal_process_decide(
                    item=LegalProcess.objects.get(pk=item.pk), confirm=confirm, note="",
                    actor=user, role=role, expected_version=item.version,
                )  # fmt: skip
                return "decided"

            return call

        results = race([decide(u, r, n % 2 == 0) for n, (u, r) in enumerate(deciders)])
        self.assertEqual(results.count("decided"), 1, results)
        self.assertEqual(results.count("StaleEdit"), len(deciders) - 1, results)
        item.refresh_from_db()
        self.assertEqual(item.version, 2)
        self.assertIn(item.status, ("confirmed", "rejected"))

    def test_a_withdrawal_and_a_disclosure_at_once_never_both_hold(self):
        """The disclosure locks the consent's row: either it is recorded before the
        withdrawal, or it is refused as withdrawn. Never a disclosure after withdrawal."""
        from datetime import timedelta

        from anxin.counseling.consent.models import ConsentRecord, Disclosure

        counselor = self.counselors[0]
        case = counselling.case_open(
            item=self.request(), counselor=counselor, actor=self.coordinators[0]
        )
        for _round in range(5):
            given = consent.consent_propose(
                case=case, scope="attendance", purpose="work_adjustment", recipient="人事室",
                valid_until=timezone.localdate() + timedelta(days=30), scope_text="",
                purpose_text="", actor=counselor,
            )  # fmt: skip
            consent.consent_sign(consent=given)

            def disclose(given=given):
                consent.disclosure_record(
                    case=Case.objects.get(pk=case.pk), consent=given, scope="attendance",
                    recipient="人事室", details="", actor=counselor, role="counselor",
                )  # fmt: skip
                return "disclosed"

            def withdraw(given=given):
                consent.consent_withdraw(consent=given)
                return "withdrawn"

            results = race([disclose, withdraw])
            self.assertIn(results, (["disclosed", "withdrawn"], ["Refused withdrawn", "withdrawn"]))
            given = ConsentRecord.objects.get(pk=given.pk)
            for item in Disclosure.objects.filter(consent=given):
                self.assertLess(item.disclosed_at, given.withdrawn_at)
