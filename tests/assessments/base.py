"""Shared set-up of the self-test tests: BaseTestCase's people and the built-in
instruments."""

from anxin.assessments.models import Instrument
from anxin.assessments.services import instruments_load
from tests.base import BaseTestCase


def bsrs5(total_items: tuple[int, int, int, int, int], suicide: int = 0) -> dict:
    keys = ["sleep", "tense", "irritable", "depressed", "inferior"]
    return {**dict(zip(keys, total_items, strict=True)), "suicide": suicide}


def as_post(answers: dict) -> dict:
    return {key: str(value) for key, value in answers.items()}


class SelfTestCase(BaseTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        instruments_load()
        cls.bsrs5 = Instrument.objects.get(key="bsrs5")
        cls.cbi = Instrument.objects.get(key="cbi")
        cls.who5 = Instrument.objects.get(key="who5")
