"""A fixed clock for tests that build the demo: the demo places its records around today
(cases of the last months, events held this year, meetings at the plan's cadence), so
what a test of "this year's" demo figures finds depended on the day it ran; in the first
weeks of January this year had none of them yet. These classes build and read the demo
on one fixed working day late in a year, whatever the real date."""

from datetime import datetime
from zoneinfo import ZoneInfo

import time_machine

# A Wednesday in November, mid-morning in Taipei: mid-week, late enough in the year for
# its half-year survey round, meetings and events to have happened.
DEMO_NOW = datetime(2026, 11, 18, 10, 0, tzinfo=ZoneInfo("Asia/Taipei"))


class DemoClock:
    """Mix into a TestCase before it: the class's set-up and tests run with the clock
    started at DEMO_NOW (and ticking)."""

    @classmethod
    def setUpClass(cls):
        cls._traveller = time_machine.travel(DEMO_NOW, tick=True)
        cls._traveller.start()
        try:
            super().setUpClass()
        except BaseException:
            cls._traveller.stop()
            raise

    @classmethod
    def tearDownClass(cls):
        try:
            super().tearDownClass()
        finally:
            cls._traveller.stop()
