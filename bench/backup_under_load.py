"""Issue 11 item 2: a plain copy of the live SQLite file against `anxin backup`, under load.

A writer process (tests/core/backup_writer.py) commits an employee, a sealed declaration
and a logged read per transaction and records each acknowledged write. While it runs, the
script (1) copies the live database file as a file copy would (`shutil.copyfile`, the WAL
left behind) and (2) runs `anxin backup`. For each copy it reports how many of the writes
acknowledged before the copy started are missing, whether SQLite's integrity check and
`anxin verify-audit` pass on it, and for the backup what `anxin restore` says.

Run: `.venv/bin/python bench/backup_under_load.py [SECONDS-OF-WRITING-BEFORE]` (default 6);
everything happens in a temporary folder.
"""

import os
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def env_for(database: Path, var: Path) -> dict:
    env = {key: value for key, value in os.environ.items() if not key.startswith("ANXIN_")}
    var.mkdir(parents=True, exist_ok=True)
    (var / "vendor").mkdir(exist_ok=True)
    env.update(
        DATABASE_URL=f"sqlite:///{database}",
        ANXIN_VAR_DIR=str(var),
        ANXIN_DATA_KEYS_FILE=str(var.parent / "keys"),
        ANXIN_AUDIT_KEY="bench audit key",
        ANXIN_SECRET_KEY="bench",
    )
    return env


def anxin(*args: str, env: dict) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "anxin.front.cli", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
    )


def acknowledged(path: Path) -> list[str]:
    return path.read_text().split()


def missing(database: Path, numbers: list[str]) -> tuple[int, str]:
    connection = sqlite3.connect(database)
    present = {number for (number,) in connection.execute("SELECT number FROM people_employee")}
    integrity = connection.execute("PRAGMA integrity_check").fetchone()[0]
    connection.close()
    return sum(1 for number in numbers if number not in present), integrity


def main(seconds: float) -> None:
    folder = Path(tempfile.mkdtemp(prefix="anxin-backup-bench-"))
    from anxin.core.sealed import new_key_spec

    (folder / "keys").write_text(new_key_spec("kbench"))
    live = folder / "live.sqlite3"
    env = env_for(live, folder / "var")
    assert anxin("migrate", "-v0", env=env).returncode == 0
    acks = folder / "acknowledged.txt"
    acks.touch()
    writer = subprocess.Popen(
        [sys.executable, "-m", "tests.core.backup_writer", str(acks)], cwd=ROOT, env=env
    )
    try:
        time.sleep(seconds)
        before_copy = acknowledged(acks)
        shutil.copyfile(live, folder / "plain-copy.sqlite3")
        before_backup = acknowledged(acks)
        made = anxin("backup", str(folder / "backup"), env=env)
        during = len(acknowledged(acks)) - len(before_backup)
    finally:
        writer.terminate()
        writer.wait()
    assert made.returncode == 0, made.stderr

    lost, integrity = missing(folder / "plain-copy.sqlite3", before_copy)
    audit = anxin("verify-audit", env=env_for(folder / "plain-copy.sqlite3", folder / "var-copy"))
    print(
        f"plain file copy: {lost} of {len(before_copy)} acknowledged writes lost; "
        f"integrity_check: {integrity}; verify-audit: {audit.stdout.strip() or audit.stderr}"
    )
    target = folder / "restored.sqlite3"
    restored = anxin("restore", str(folder / "backup"), env=env_for(target, folder / "var-r"))
    lost, integrity = missing(target, before_backup)
    print(
        f"anxin backup: {lost} of {len(before_backup)} acknowledged writes lost, {during} "
        f"committed while it ran; integrity_check: {integrity}; restore exit "
        f"{restored.returncode}:"
    )
    print("  " + restored.stdout.strip().replace("\n", "\n  "))
    shutil.rmtree(folder)


if __name__ == "__main__":
    main(float(sys.argv[1]) if len(sys.argv) > 1 else 6)
