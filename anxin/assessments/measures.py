"""The self-tests' instruments as measures another app may use (anxin/core/measures.py):
counselling's outcome measure asks for WHO-5 here, through the kernel, without
importing this app (decision 0072)."""

from anxin.assessments.definitions import Definition
from anxin.assessments.models import Instrument


def instrument_measure(key: str) -> Definition | None:
    """The loaded instrument of that key (its latest version), parsed; None if none is
    loaded."""
    instrument = Instrument.objects.filter(key=key).first()
    return instrument.parsed if instrument is not None else None
