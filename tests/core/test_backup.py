"""`anxin backup` and `anxin restore`, run as the operator runs them: separate processes on
real databases (a SQLite file in WAL mode, or PostgreSQL databases named
`anxin_backup_restore_*` on the test server), with a writer process committing while the
backup runs. The suite's own test database is not used: these processes must see each
other's commits.
"""

import hashlib
import json
import os
import secrets
import shutil
import sqlite3
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import psycopg
import pytest
from django.db import connection
from django.test import override_settings

from anxin.core.backup import MANIFEST, manifest_read, manifest_write
from anxin.core.sealed import new_key_spec

ROOT = Path(__file__).resolve().parents[2]
KEY_ID = "kbackup"
KEYS = new_key_spec(KEY_ID)
AUDIT_KEY = "audit key of the backup tests"
VENDOR = connection.vendor
MEDIA_FILE = "imports/roster-114.xlsx"


def run_anxin(*args: str, env: dict, timeout: int = 300) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "anxin.front.cli", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=timeout,
    )


@dataclass
class Database:
    """One database of the tests, outside pytest-django's: a SQLite file or a PostgreSQL
    database, with the variable folder (uploads, generated secrets) of its instance."""

    url: str
    var: Path
    name: str

    def env(self, *, keys: str | None = KEYS) -> dict:
        env = {
            key: value
            for key, value in os.environ.items()
            if not key.startswith(("ANXIN_", "DATABASE_URL"))
        }
        env.update(
            DATABASE_URL=self.url,
            ANXIN_VAR_DIR=str(self.var),
            ANXIN_AUDIT_KEY=AUDIT_KEY,
            ANXIN_SECRET_KEY="backup tests",
        )
        if keys is not None:
            env["ANXIN_DATA_KEYS"] = keys
        return env

    def query(self, sql: str) -> list[tuple]:
        if VENDOR == "sqlite":
            database = sqlite3.connect(self.name)
            try:
                return database.execute(sql).fetchall()
            finally:
                database.close()
        with psycopg.connect(**server(), dbname=self.name) as database:
            return database.execute(sql).fetchall()

    def is_empty(self) -> bool:
        if VENDOR == "sqlite":
            return not Path(self.name).exists() or not self.query(
                "SELECT name FROM sqlite_master WHERE type = 'table'"
            )
        return not self.query("SELECT 1 FROM pg_tables WHERE schemaname = 'public'")


def server() -> dict:
    settings = connection.settings_dict
    params = {"host": settings["HOST"] or None, "port": settings["PORT"] or None}
    params.update(user=settings["USER"] or None, password=settings["PASSWORD"] or None)
    return {key: value for key, value in params.items() if value}


def pg_admin(sql: str) -> None:
    with psycopg.connect(**server(), dbname="postgres", autocommit=True) as admin:
        admin.execute(sql)


class Databases:
    """Makes databases (empty, or copies of one migrated template) and drops them."""

    def __init__(self, folder: Path):
        self.folder = folder
        self.made: list[Database] = []
        self.template: Database | None = None

    def new(self, purpose: str, *, template: Database | None = None) -> Database:
        suffix = f"{purpose}_{secrets.token_hex(3)}"
        var = self.folder / f"var_{suffix}"
        (var / "vendor").mkdir(parents=True)
        if VENDOR == "sqlite":
            name = str(self.folder / f"{suffix}.sqlite3")
            if template is not None:
                shutil.copyfile(template.name, name)
            database = Database(url=f"sqlite:///{name}", var=var, name=name)
        else:
            name = f"anxin_backup_restore_{suffix}"
            pg_admin(f"CREATE DATABASE {name}" + (f" TEMPLATE {template.name}" if template else ""))
            settings = connection.settings_dict
            auth = settings["USER"] + (f":{settings['PASSWORD']}" if settings["PASSWORD"] else "")
            address = f"{settings['HOST'] or '127.0.0.1'}:{settings['PORT'] or 5432}"
            database = Database(url=f"postgres://{auth}@{address}/{name}", var=var, name=name)
        self.made.append(database)
        return database

    def drop_all(self) -> None:
        if VENDOR == "postgresql":
            for database in self.made:
                pg_admin(f"DROP DATABASE IF EXISTS {database.name} WITH (FORCE)")


@pytest.fixture(scope="module")
def databases(tmp_path_factory):
    made = Databases(tmp_path_factory.mktemp("backup"))
    template = made.new("template")
    migrated = run_anxin("migrate", "-v0", env=template.env())
    assert migrated.returncode == 0, migrated.stderr
    made.template = template
    yield made
    made.drop_all()


class Writer:
    """The writer process (tests/core/backup_writer.py) and its acknowledged writes."""

    def __init__(self, database: Database):
        self.acknowledged = database.var / "acknowledged.txt"
        self.acknowledged.touch()
        self.process = subprocess.Popen(
            [sys.executable, "-m", "tests.core.backup_writer", str(self.acknowledged)],
            cwd=ROOT,
            env=database.env(),
        )

    def numbers(self) -> list[str]:
        return self.acknowledged.read_text().split()

    def wait_for(self, count: int) -> None:
        deadline = time.monotonic() + 120
        while len(self.numbers()) < count:
            assert self.process.poll() is None, "the writer stopped"
            assert time.monotonic() < deadline, "the writer is too slow"
            time.sleep(0.1)

    def stop(self) -> None:
        self.process.terminate()
        assert self.process.wait(timeout=60) == 0


def seeded_source(databases: Databases) -> tuple[Database, list[str]]:
    source = databases.new("source", template=databases.template)
    media = source.var / "media" / MEDIA_FILE
    media.parent.mkdir(parents=True)
    media.write_bytes(b"PK\x03\x04 roster of 114")
    writer = Writer(source)
    writer.wait_for(15)
    writer.stop()
    return source, writer.numbers()


@pytest.fixture(scope="module")
def made_backup(databases, tmp_path_factory):
    """A backup of a source with sealed values, an access log and an upload."""
    source, numbers = seeded_source(databases)
    path = tmp_path_factory.mktemp("made") / "backup"
    made = run_anxin("backup", str(path), env=source.env())
    assert made.returncode == 0, made.stderr
    return source, numbers, path


def restore(backup: Path, target: Database, *, keys: str | None = KEYS):
    return run_anxin("restore", str(backup), env=target.env(keys=keys))


def manifest_of(backup: Path) -> dict:
    return json.loads((backup / MANIFEST).read_text())


def test_it_backs_up_while_writes_go_on_and_restores_every_acknowledged_write(databases, tmp_path):
    """A writer commits throughout the backup. Every write acknowledged before the backup
    started is in the restored database, the restored writes are a prefix of the
    acknowledged ones (a snapshot, not a mix), and the restore checks every table, the
    access log and every sealed value against the manifest."""
    source = databases.new("live", template=databases.template)
    media = source.var / "media" / MEDIA_FILE
    media.parent.mkdir(parents=True)
    media.write_bytes(b"PK\x03\x04 roster of 114")
    writer = Writer(source)
    writer.wait_for(20)
    before = writer.numbers()
    backup = tmp_path / "backup"
    made = run_anxin("backup", str(backup), env=source.env())
    during = len(writer.numbers()) - len(before)
    writer.wait_for(len(writer.numbers()) + 5)
    writer.stop()
    acknowledged = writer.numbers()
    assert made.returncode == 0, made.stderr
    assert "backup checked" in made.stdout
    assert "ANXIN_DATA_KEYS" not in (backup / MANIFEST).read_text()
    assert KEYS.split(":")[1] not in (backup / MANIFEST).read_text()
    assert during > 0, "no write was committed while the backup ran"

    target = databases.new("target")
    restored = restore(backup, target)
    assert restored.returncode == 0, restored.stdout + restored.stderr
    tables = len(manifest_of(backup)["tables"])
    assert f"tables: {tables} of {tables} equal to the manifest" in restored.stdout
    assert "chain intact, head as in the manifest" in restored.stdout
    assert "restore verified" in restored.stdout

    present = [number for (number,) in target.query("SELECT number FROM people_employee")]
    missing = [number for number in before if number not in present]
    assert missing == [], f"{len(missing)} acknowledged write(s) lost"
    written = [number for number in present if number.startswith("W")]
    assert sorted(written) == sorted(acknowledged[: len(written)])
    sealed = target.query("SELECT COUNT(*) FROM people_sensitivedeclaration")[0][0]
    assert f"sealed values: {sealed} of {sealed} open" in restored.stdout
    assert (target.var / "media" / MEDIA_FILE).read_bytes() == media.read_bytes()
    print(
        f"\n[{VENDOR}] tables equal after restore: {tables} of {tables}; acknowledged "
        f"before the backup: {len(before)}, present: {len(before) - len(missing)}; written "
        f"during the backup: {during}; in the snapshot: {len(written)} of "
        f"{len(acknowledged)}; sealed values opened: {sealed} of {sealed}"
    )


def tamper_truncate(backup: Path) -> None:
    database = backup / manifest_of(backup)["database"]["file"]
    data = database.read_bytes()
    database.write_bytes(data[: len(data) // 2])


def tamper_flip_a_byte(backup: Path) -> None:
    database = backup / manifest_of(backup)["database"]["file"]
    data = bytearray(database.read_bytes())
    data[len(data) // 2] ^= 0xFF
    database.write_bytes(bytes(data))


def tamper_lose_an_upload(backup: Path) -> None:
    (backup / "media" / MEDIA_FILE).unlink()


def tamper_edit_the_manifest(backup: Path) -> None:
    manifest = manifest_of(backup)
    manifest["tables"]["people_employee"]["rows"] -= 1
    (backup / MANIFEST).write_text(json.dumps(manifest))


def tamper_replace_database_and_its_hash(backup: Path) -> None:
    """Someone without the audit key swaps in another file and updates its hash."""
    manifest = manifest_of(backup)
    database = backup / manifest["database"]["file"]
    database.write_bytes(database.read_bytes() + b"\0" * 4096)
    data = database.read_bytes()
    manifest["database"].update(bytes=len(data), sha256=hashlib.sha256(data).hexdigest())
    (backup / MANIFEST).write_text(json.dumps(manifest))


@pytest.mark.parametrize(
    ("tamper", "message"),
    [
        (tamper_truncate, "truncated or changed"),
        (tamper_flip_a_byte, "content differs from the manifest"),
        (tamper_lose_an_upload, f"{MEDIA_FILE}: missing"),
        (tamper_edit_the_manifest, "signature does not verify"),
        (tamper_replace_database_and_its_hash, "signature does not verify"),
    ],
)
def test_it_refuses_a_tampered_or_truncated_backup(
    made_backup, databases, tmp_path, tamper, message
):
    """A damaged backup is found before anything is restored; the target stays empty."""
    _, _, backup = made_backup
    copy = tmp_path / "copy"
    shutil.copytree(backup, copy)
    tamper(copy)
    target = databases.new("tampered")
    restored = restore(copy, target)
    assert restored.returncode != 0
    assert message in restored.stderr
    assert "nothing restored" in restored.stderr
    assert target.is_empty()


def test_it_finds_a_table_that_differs_from_the_manifest(made_backup, databases, tmp_path):
    """Were a copy to lose a row (a file copy beside its write-ahead log does) under a
    manifest that still verifies, the table comparison names the table and fails."""
    _, _, backup = made_backup
    copy = tmp_path / "copy"
    shutil.copytree(backup, copy)
    with override_settings(ANXIN_AUDIT_KEY=AUDIT_KEY):
        manifest, problems = manifest_read(copy)
        assert problems == []
        manifest["tables"]["people_employee"]["rows"] += 1
        manifest_write(copy, manifest)
    target = databases.new("short")
    restored = restore(copy, target)
    assert restored.returncode != 0
    tables = len(manifest["tables"])
    assert f"tables: {tables - 1} of {tables} equal to the manifest" in restored.stdout
    assert "table people_employee:" in restored.stderr
    assert "restore NOT verified" in restored.stderr


@pytest.mark.parametrize("keys", ["another", "same id"])
def test_it_lists_the_sealed_values_that_the_keys_present_do_not_open(made_backup, databases, keys):
    """Restored without the backup's key (or with another key under its id), every sealed
    value is listed by record, nothing of its content, and the restore exits non-zero."""
    _, _, backup = made_backup
    ring = new_key_spec("kother") if keys == "another" else new_key_spec(KEY_ID)
    target = databases.new("nokey")
    restored = restore(backup, target, keys=ring)
    assert restored.returncode != 0
    sealed = target.query("SELECT id FROM people_sensitivedeclaration ORDER BY id")
    assert sealed
    for (pk,) in sealed:
        assert f"not opened: people.sensitivedeclaration.payload id={pk}:" in restored.stderr
    assert f"sealed values: 0 of {len(sealed)} open" in restored.stdout
    expected = "not in ANXIN_DATA_KEYS" if keys == "another" else "a different key"
    assert f"key {KEY_ID}" in restored.stderr
    assert expected in restored.stderr
    assert "carer" not in restored.stdout + restored.stderr


def test_it_refuses_to_restore_into_a_database_that_is_not_empty(made_backup, databases):
    """The source itself is not a target: nothing is loaded and nothing changes."""
    source, _, backup = made_backup
    before = source.query("SELECT COUNT(*) FROM people_employee")
    restored = restore(backup, source)
    assert restored.returncode != 0
    assert "the target database is not empty" in restored.stderr
    assert source.query("SELECT COUNT(*) FROM people_employee") == before


def test_it_refuses_a_target_whose_media_folder_is_not_empty(made_backup, databases):
    """Uploads are never overwritten either: nothing is loaded."""
    _, _, backup = made_backup
    target = databases.new("media")
    (target.var / "media").mkdir()
    (target.var / "media" / "left-over.txt").write_text("x")
    restored = restore(backup, target)
    assert restored.returncode != 0
    assert "media folder" in restored.stderr
    assert target.is_empty()


def test_it_refuses_a_backup_destination_that_is_not_empty(made_backup):
    """A backup never writes into an existing one."""
    source, _, backup = made_backup
    made = run_anxin("backup", str(backup), env=source.env())
    assert made.returncode != 0
    assert "not empty" in made.stderr


@pytest.mark.parametrize(
    "command", [["check"], ["serve", "127.0.0.1:0"], ["worker", "--batch"]], ids=" ".join
)
def test_it_refuses_to_start_without_the_key_of_sealed_data(made_backup, command):
    """Outside production, the web server, the worker and every checked command refuse a
    database whose sealed values need a key the ring lacks, and name that key."""
    source, _, _ = made_backup
    started = run_anxin(*command, env=source.env(keys=new_key_spec("kother")), timeout=60)
    assert started.returncode != 0
    assert f"under key id '{KEY_ID}', which the key ring does not hold" in started.stderr


def test_it_refuses_to_start_after_the_generated_key_is_lost(made_backup):
    """The issue's case: var/secrets/ is gone and a new key is generated. It gets an id of
    its own, so the start-up check names the one that is missing."""
    source, _, _ = made_backup
    env = source.env(keys=None)
    env["ANXIN_VAR_DIR"] = str(source.var / "fresh")
    (source.var / "fresh" / "vendor").mkdir(parents=True)
    started = run_anxin("check", env=env, timeout=60)
    assert started.returncode != 0
    assert f"key id '{KEY_ID}'" in started.stderr
    generated = (source.var / "fresh" / "secrets" / "anxin_data_keys").read_text()
    assert not generated.startswith(f"{KEY_ID}:")


def test_it_starts_with_the_key(made_backup):
    """The same database with its key passes the start-up check."""
    source, _, _ = made_backup
    started = run_anxin("check", "--tag", "anxin_keys", env=source.env(), timeout=60)
    assert started.returncode == 0, started.stderr


def test_it_brings_a_backup_of_an_older_release_to_this_schema(databases, tmp_path):
    """A backup made before this release's last migrations is compared as it was made,
    then migrated, then its log and sealed values are checked through the models."""
    source = databases.new("older", template=databases.template)
    rolled_back = run_anxin("migrate", "core", "0006", "-v0", env=source.env())
    assert rolled_back.returncode == 0, rolled_back.stderr
    writer = Writer(source)
    writer.wait_for(3)
    writer.stop()
    backup = tmp_path / "backup"
    assert run_anxin("backup", str(backup), env=source.env()).returncode == 0
    assert "core.0007_task_leases_and_bulk_sends" not in manifest_of(backup)["migrations"]
    target = databases.new("newer")
    restored = restore(backup, target)
    assert restored.returncode == 0, restored.stdout + restored.stderr
    assert "migration(s) of this release applied" in restored.stdout
    assert "restore verified" in restored.stdout
    assert target.query("SELECT COUNT(*) FROM core_bulksend") == [(0,)]


def test_it_refuses_a_backup_of_a_newer_release(databases, tmp_path):
    """Models that do not know the backup's schema cannot check it: nothing is restored."""
    source = databases.new("future", template=databases.template)
    source_insert = (
        "INSERT INTO django_migrations (app, name, applied) "
        "VALUES ('core', '0999_from_the_future', CURRENT_TIMESTAMP)"
    )
    if VENDOR == "sqlite":
        database = sqlite3.connect(source.name)
        with database:
            database.execute(source_insert)
        database.close()
    else:
        with psycopg.connect(**server(), dbname=source.name) as database:
            database.execute(source_insert)
    backup = tmp_path / "backup"
    assert run_anxin("backup", str(backup), env=source.env()).returncode == 0
    target = databases.new("past")
    restored = restore(backup, target)
    assert restored.returncode != 0
    assert "core.0999_from_the_future" in restored.stderr
    assert target.is_empty()
