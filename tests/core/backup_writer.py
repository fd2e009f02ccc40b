"""A writer for the backup tests, run as its own process on a real database.

Each transaction adds an employee, seals a declaration for him or her and reads it back
through the access log (three tables, a sealed value and a link of the hash chain). Once
the transaction has committed, the writer appends the employee's number to the file named
on the command line: a line in that file is an acknowledged write. It stops on SIGTERM.

    python -m tests.core.backup_writer ACKNOWLEDGED-FILE
"""

import os
import signal
import sys


def main(path: str) -> None:
    import django

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "anxin.settings")
    django.setup()
    from django.db import transaction

    from anxin.people.services import declaration_read, declaration_save, orgunit_create
    from tests.base import make_employee

    stopping = []
    signal.signal(signal.SIGTERM, lambda *_: stopping.append(True))
    unit = orgunit_create(name="寫入測試局", kind="authority")
    with open(path, "a") as acknowledged:
        number = 0
        while not stopping:
            number += 1
            with transaction.atomic():
                employee = make_employee(
                    None, unit=unit, number=f"W{unit.pk}-{number:06d}", name=f"寫入者{number}"
                )
                declaration_save(
                    employee=employee, attributes=["carer"], expected_version=None, actor=None
                )
                declaration_read(employee=employee, actor="backup-test")
            acknowledged.write(f"{employee.number}\n")
            acknowledged.flush()
            os.fsync(acknowledged.fileno())


if __name__ == "__main__":
    main(sys.argv[1])
