"""Instruments as data: the built-in files load idempotently; an authority's own file is
validated and a bad file refused with clear errors, storing nothing."""

from io import StringIO
from pathlib import Path
from tempfile import TemporaryDirectory

import yaml
from django.core.management import CommandError, call_command

from anxin.assessments.definitions import BUILTIN_DIR, InstrumentFileError
from anxin.assessments.models import Instrument
from anxin.assessments.services import instruments_for, instruments_load
from tests.base import BaseTestCase

GOOD = {
    "key": "stress-check",
    "version": 1,
    "authority_code": "379000000A",
    "name": {"zh-hant": "壓力指數測量表"},
    "period": {"zh-hant": "最近一個月"},
    "source": {"citation": {"zh-hant": "範例市政府"}, "licence": {"zh-hant": "本府自編"}},
    "scales": {
        "yesno": [
            {"value": 0, "label": {"zh-hant": "否"}},
            {"value": 1, "label": {"zh-hant": "是"}},
        ]
    },
    "items": [{"key": "q1", "scale": "yesno", "text": {"zh-hant": "最近常覺得壓力大"}}],
    "scores": [
        {
            "key": "total",
            "label": {"zh-hant": "總分"},
            "items": ["q1"],
            "method": "sum",
            "range": [0, 1],
            "bands": [
                {"key": "low", "to": 0, "label": {"zh-hant": "低"}, "advice": {"zh-hant": "保持"}},
                {"key": "high", "label": {"zh-hant": "高"}, "advice": {"zh-hant": "求助"}},
            ],
        }
    ],
}


class InstrumentLoaderTestCase(BaseTestCase):
    def setUp(self):
        self.directory = TemporaryDirectory()
        self.addCleanup(self.directory.cleanup)

    def write(self, name: str, data) -> Path:
        path = Path(self.directory.name) / name
        path.write_text(
            data if isinstance(data, str) else yaml.safe_dump(data, allow_unicode=True),
            encoding="utf-8",
        )
        return path

    def test_it_loads_the_built_in_instruments_and_a_second_load_changes_nothing(self):
        """BSRS-5, CBI and WHO-5 are shipped; PSS-10 is not."""
        out = StringIO()
        call_command("load_instruments", stdout=out)
        self.assertEqual(
            set(Instrument.objects.values_list("key", flat=True)), {"bsrs5", "cbi", "who5"}
        )
        self.assertFalse((BUILTIN_DIR / "pss10.yaml").exists())
        out = StringIO()
        call_command("load_instruments", stdout=out)
        self.assertEqual(out.getvalue().count("unchanged"), 3)

    def test_it_loads_an_authoritys_own_instrument_for_that_authority_only(self):
        instruments_load(paths=[self.write("stress.yaml", GOOD)])
        instrument = Instrument.objects.get(key="stress-check")
        self.assertEqual(instrument.authority, self.authority)
        self.assertIn(instrument, instruments_for(self.alice_employee))

    def test_it_refuses_a_bad_file_naming_every_fault_and_stores_nothing(self):
        bad = {**GOOD, "key": "bad-one"}
        bad["items"] = [{"key": "q1", "scale": "missing", "text": {"zh-hant": "題目"}}]
        bad["scores"] = [{**GOOD["scores"][0], "items": ["q1", "q9"]}]
        path = self.write("bad.yaml", bad)
        with self.assertRaises(InstrumentFileError) as caught:
            instruments_load(paths=[self.write("good.yaml", GOOD), path])
        text = str(caught.exception)
        self.assertIn("bad.yaml: items[0].scale: no scale named 'missing'", text)
        self.assertIn("bad.yaml: scores[0].items: no item named 'q9'", text)
        self.assertFalse(Instrument.objects.exists())

    def test_it_refuses_a_file_missing_its_source_through_the_command(self):
        bad = {key: value for key, value in GOOD.items() if key != "source"}
        with self.assertRaisesMessage(CommandError, "'source' is a required property"):
            call_command(
                "load_instruments", str(self.write("nosource.yaml", bad)), stdout=StringIO()
            )

    def test_it_refuses_bands_that_do_not_rise_and_broken_yaml(self):
        bad = yaml.safe_load(yaml.safe_dump(GOOD))
        bad["scores"][0]["bands"] = [
            {"key": "a", "to": 5, "label": {"zh-hant": "甲"}, "advice": {"zh-hant": "甲"}},
            {"key": "b", "to": 3, "label": {"zh-hant": "乙"}, "advice": {"zh-hant": "乙"}},
            {"key": "c", "label": {"zh-hant": "丙"}, "advice": {"zh-hant": "丙"}},
        ]
        with self.assertRaisesMessage(InstrumentFileError, "band bounds must rise"):
            instruments_load(paths=[self.write("bands.yaml", bad)])
        with self.assertRaisesMessage(
            InstrumentFileError, "broken.yaml: line 2: YAML syntax error"
        ):
            instruments_load(paths=[self.write("broken.yaml", "key: x\n  : [\n")])

    def test_it_refuses_an_unknown_authority_code(self):
        with self.assertRaisesMessage(InstrumentFileError, "no authority has the agency code 000"):
            instruments_load(paths=[self.write("x.yaml", {**GOOD, "authority_code": "000"})])
