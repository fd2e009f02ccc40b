"""The demo shows account custody: one completed reset and one grant waiting."""

from anxin.people import demo
from anxin.people.custody.demo import demo_custody
from anxin.people.custody.models import CustodyRequest, SecurityLog
from anxin.people.models import User
from tests.front.test_demo import DemoTestCase


class DemoCustodyTestCase(DemoTestCase):
    def test_it_completes_a_reset_and_leaves_a_grant_waiting_once(self):
        """The demo employee's printed password still works after her demo reset."""
        demo.demo_generate(employees=50)
        accounts = demo.demo_accounts()
        summary = demo_custody(authority_code=demo.AUTHORITY_CODE, accounts=accounts)
        self.assertEqual((summary.completed, summary.pending), (1, 1))
        statuses = sorted(CustodyRequest.objects.values_list("kind", "status"))
        self.assertEqual(statuses, [("grant", "pending"), ("reset", "done")])
        self.assertTrue(SecurityLog.objects.filter(action="reset_done").exists())
        (employee,) = [a for a in accounts if a.role == "employee"]
        self.assertTrue(
            User.objects.get(username=employee.username).check_password(employee.password)
        )
        again = demo_custody(authority_code=demo.AUTHORITY_CODE, accounts=demo.demo_accounts())
        self.assertEqual((again.completed, again.pending), (0, 0))
        self.assertEqual(CustodyRequest.objects.count(), 2)
