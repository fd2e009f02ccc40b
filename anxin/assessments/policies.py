"""Who may do what with self-tests (DESIGN.md invariant 7).

Only the employee takes tests and reads results, and only his or her own: the views are
for the `employee` role, and every result is looked up through the signed-in employee
(`services.result_read` logs anyone else's attempt as refused and answers 404). The
aggregate is for `hr` and `eap_admin` over their scope; it reads the unlinked tally only.
"""

from anxin.people.roles import Role

TAKERS = (Role.EMPLOYEE,)
AGGREGATE_READERS = (Role.HR, Role.EAP_ADMIN)
