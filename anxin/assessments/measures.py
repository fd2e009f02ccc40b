"""The self-tests' instruments as measures another app may use (anxin/core/measures.py):
counselling's outcome measure asks for WHO-5 here, through the kernel, without
importing this app (decision 0072)."""

from functools import cache

from anxin.assessments.definitions import Definition, builtin_files, read_instrument_file
from anxin.assessments.models import Instrument


def instrument_measure(key: str) -> Definition | None:
    """The loaded instrument of that key (its latest version), parsed; None if none is
    loaded."""
    instrument = Instrument.objects.filter(key=key).first()
    return instrument.parsed if instrument is not None else None


@cache
def builtin_measures() -> dict[str, Definition]:
    """The built-in instruments, parsed from their files (no database): what a plan file
    may name as its outcome measure (decision 0079)."""
    parsed = [Definition.from_data(read_instrument_file(path)) for path in builtin_files()]
    return {definition.key: definition for definition in parsed}
