"""The annual work plan: rows in 003 §陸's three columns, progress with evidence, and the
read-only status the reports app's dossier reads."""

from anxin.core.locking import StaleEdit
from anxin.core.refusals import Refused
from anxin.governance import services
from anxin.governance.models import WorkPlanItem
from tests.base import BaseTestCase
from tests.governance.base import YEAR

ROWS = [
    ("計畫擬定", "需求調查", "辦理員工協助方案需求調查。"),
    ("計畫擬定", "常用表單", "修訂個別協談申請表及滿意度調查表。"),
    ("方案規劃", "一般人員身心健康促進課程", "以2個月為週期辦理3至4場健康生活系列課程。"),
]


class WorkPlanTest(BaseTestCase):
    def add_rows(self):
        return [
            services.workplan_item_add(
                authority=self.authority,
                year=YEAR,
                aspect=aspect,
                item=item,
                practice=practice,
                owner_unit=self.agency,
                target="完成",
            )
            for aspect, item, practice in ROWS
        ]

    def test_it_counts_the_status_for_the_dossier(self):
        first, second, _third = self.add_rows()
        services.workplan_item_update(
            item=first,
            status=WorkPlanItem.Status.DONE,
            evidence="回收問卷1,234份",
            expected_version=1,
        )
        services.workplan_item_update(
            item=second, status=WorkPlanItem.Status.UNDER_WAY, evidence="", expected_version=1
        )
        status = services.work_plan_status(authority_id=self.authority.pk, year=YEAR)
        self.assertEqual([row.item for row in status.rows], [row[1] for row in ROWS])
        self.assertEqual((status.total, status.done, status.percent_done), (3, 1, 33))
        self.assertEqual(status.rows[0].evidence, "回收問卷1,234份")
        self.assertEqual(status.rows[0].owner_unit, "範例市政府社會局")
        other_year = services.work_plan_status(authority_id=self.authority.pk, year=YEAR + 1)
        self.assertEqual(other_year.total, 0)

    def test_it_refuses_a_stale_progress_edit(self):
        first = self.add_rows()[0]
        services.workplan_item_update(item=first, status="done", evidence="a", expected_version=1)
        stale = WorkPlanItem.objects.get(pk=first.pk)
        with self.assertRaises(StaleEdit):
            services.workplan_item_update(
                item=stale, status="dropped", evidence="b", expected_version=1
            )
        self.assertEqual(WorkPlanItem.objects.get(pk=first.pk).status, "done")

    def test_it_refuses_a_unit_of_another_authority(self):
        from anxin.people.services import orgunit_create

        elsewhere = orgunit_create(name="他縣市政府", kind="authority", code="999000000Z")
        with self.assertRaises(Refused):
            services.workplan_item_add(
                authority=self.authority, year=YEAR, aspect="a", item="b", practice="c",
                owner_unit=elsewhere,
            )  # fmt: skip

    def test_it_reads_the_status_in_one_query(self):
        self.add_rows()
        with self.assertNumQueries(1):
            services.work_plan_status(authority_id=self.authority.pk, year=YEAR)
