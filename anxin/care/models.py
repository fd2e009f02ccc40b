"""Care network, in parts (one sub-package each, decision 0042):

- `care/workers/`: care workers (關懷員): nomination, terms, coverage map, training
  level, activity, commendations, group meetings.
- `care/mentoring/`: mentoring of new hires: pairs, monthly one-to-one talks, completion.
- `care/outreach/`: outreach that offers help to the person only: life events,
  overtime and family-care leave.
- `care/interviews/`: the counselling room's yearly interviews with each agency's
  personnel head.
"""

from anxin.care.interviews.models import *  # noqa: F403
from anxin.care.mentoring.models import *  # noqa: F403
from anxin.care.outreach.models import *  # noqa: F403
from anxin.care.workers.models import *  # noqa: F403
