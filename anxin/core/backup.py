"""Backups that verify themselves: `anxin backup DEST` and `anxin restore SRC`.

A backup is a directory:

    manifest.json      what the backup holds, signed with a key derived from ANXIN_AUDIT_KEY
    database.sqlite3   SQLite: a copy made through SQLite's online backup API, or
    database.pgdump    PostgreSQL: pg_dump's custom format
    media/             the uploaded files (MEDIA_ROOT)

A copy of the live SQLite file is never a backup: the last writes sit in the write-ahead
log beside it, and a copied file passes every check while missing them (issue 11 found 18
of 18 recent writes lost that way). So the copy is taken inside one read transaction, and
the manifest's per-table row counts and content hashes, the access log's head and the key
ids that the sealed values need are read in that same transaction (on PostgreSQL in the
transaction whose snapshot pg_dump is given). Restoring compares the database it loaded
with those figures, table by table: a backup that lost, gained or changed a row does not
pass.

The manifest names key ids and a fingerprint of each key, never a key: keys are kept
apart from backups (docs/operators.md). Restoring opens every sealed value with the keys
the restoring instance holds and lists every value that does not open; that check reads
no content for anyone and therefore writes no access-log row (as `rotate-keys`).
"""

import hashlib
import hmac
import json
import os
import shutil
import sqlite3
import subprocess
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from decimal import Decimal
from importlib.metadata import version
from pathlib import Path
from uuid import UUID

from django.conf import settings
from django.core.management import call_command
from django.db import DatabaseError, connections, transaction
from django.db.migrations.loader import MigrationLoader

from anxin.core.audit import verify_chain
from anxin.core.models import AccessLog, AccessLogHead
from anxin.core.sealed import (
    KeyRing,
    SealError,
    associated_data,
    key_id_of,
    keyring,
    sealed_fields,
    unseal,
)

FORMAT = "anxin-backup/1"
MANIFEST = "manifest.json"
MEDIA = "media"
DATABASE_FILES = {"sqlite": "database.sqlite3", "postgresql": "database.pgdump"}
CHUNK = 2000
REQUIRED = ("vendor", "database", "migrations", "tables", "audit", "keys", "media")


class BackupError(Exception):
    """The backup or restore cannot go ahead; the message says why, without content."""


# --- What a database holds: tables, sealed keys, the access log's head ----------------


def _plain(value):
    """A JSON stand-in for a database value, the same on both sides of a restore."""
    if isinstance(value, bytes | bytearray | memoryview):
        return "bytes:" + bytes(value).hex()
    if isinstance(value, datetime | date | time):
        return value.isoformat()
    if isinstance(value, Decimal | UUID | timedelta):
        return str(value)
    raise TypeError(f"cannot hash a {type(value).__name__}")


def _row_bytes(row: Iterable) -> bytes:
    return (
        json.dumps(
            list(row), default=_plain, ensure_ascii=False, separators=(",", ":"), sort_keys=True
        )
        + "\n"
    ).encode()


def _quote(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


# The tables SQLite keeps behind a full-text index (FTS5): derived from rows that the
# manifest covers, copied with the database's pages, and some have no rowid to order by.
FTS_SHADOWS = ("data", "idx", "content", "docsize", "config")


def _tables(cursor, vendor: str) -> list[str]:
    if vendor == "sqlite":
        cursor.execute(
            "SELECT name, sql FROM sqlite_master WHERE type = 'table' "
            "AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\' ORDER BY name"
        )
        rows = cursor.fetchall()
        virtual = {name for name, sql in rows if (sql or "").upper().startswith("CREATE VIRTUAL")}
        derived = virtual | {f"{name}_{shadow}" for name in virtual for shadow in FTS_SHADOWS}
        return [name for name, _sql in rows if name not in derived]
    else:
        cursor.execute(
            "SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
            "WHERE c.relkind IN ('r', 'p') AND n.nspname = current_schema() ORDER BY c.relname"
        )
    return [name for (name,) in cursor.fetchall()]


def _order_by(cursor, vendor: str, table: str) -> str:
    """A row order that the restored copy reproduces: SQLite's rowid (kept by a page copy);
    on PostgreSQL the primary key, text compared byte-wise so that the restoring server's
    collation does not matter."""
    if vendor == "sqlite":
        return "rowid"
    cursor.execute(
        "SELECT a.attname, t.typcategory FROM pg_index i "  # noqa: S608 - a quoted name
        "JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = ANY(i.indkey) "
        "JOIN pg_type t ON t.oid = a.atttypid "
        f"WHERE i.indrelid = '{_quote(table)}'::regclass AND i.indisprimary "
        "ORDER BY array_position(i.indkey::int2[], a.attnum)"
    )
    columns = [
        _quote(name) + (' COLLATE "C"' if category == "S" else "")
        for name, category in cursor.fetchall()
    ]
    return ", ".join(columns) or 't::text COLLATE "C"'


def _columns(cursor, vendor: str, table: str) -> set[str]:
    if vendor == "sqlite":
        cursor.execute(f"PRAGMA table_info({_quote(table)})")
        return {row[1] for row in cursor.fetchall()}
    cursor.execute(
        "SELECT attname FROM pg_attribute "  # noqa: S608 - a quoted name
        f"WHERE attrelid = '{_quote(table)}'::regclass AND attnum > 0 AND NOT attisdropped"
    )
    return {name for (name,) in cursor.fetchall()}


def table_digests(cursor, vendor: str, *, read_cursor: Callable | None = None) -> dict:
    """{table: {"rows": n, "sha256": hex}} for every table of the database. `read_cursor`
    gives the cursor that streams rows (a server-side one on PostgreSQL)."""
    digests = {}
    for table in _tables(cursor, vendor):
        order = _order_by(cursor, vendor, table)
        digest = hashlib.sha256()
        rows = 0
        reader = read_cursor() if read_cursor else cursor
        try:
            reader.execute(f"SELECT * FROM {_quote(table)} AS t ORDER BY {order}")  # noqa: S608
            while batch := reader.fetchmany(CHUNK):
                rows += len(batch)
                for row in batch:
                    digest.update(_row_bytes(row))
        finally:
            if read_cursor:
                reader.close()
        digests[table] = {"rows": rows, "sha256": digest.hexdigest()}
    return digests


def _key_id_sql(column: str, vendor: str) -> str:
    if vendor == "sqlite":
        key_id = f"substr({column}, 6, instr(substr({column}, 6), ':') - 1)"
    else:
        key_id = f"split_part({column}, ':', 2)"
    return f"CASE WHEN {column} LIKE 'anx1:%' THEN {key_id} ELSE '' END"


def sealed_key_counts(cursor, vendor: str) -> dict[str, dict[str, int]]:
    """{key id: {"app.model.field": number of values sealed under it}} over every sealed
    field that exists in this database (found through the field class, see
    `sealed_fields()`); a value that is not a sealed token counts under the key id ""."""
    tables = set(_tables(cursor, vendor))
    counts: dict[str, dict[str, int]] = {}
    for model, name in sealed_fields():
        table = model._meta.db_table
        column = model._meta.get_field(name).column
        if table not in tables or column not in _columns(cursor, vendor, table):
            continue
        quoted = _quote(column)
        cursor.execute(
            f"SELECT {_key_id_sql(quoted, vendor)}, COUNT(*) FROM {_quote(table)} "  # noqa: S608
            f"WHERE {quoted} <> '' GROUP BY 1"
        )
        for key_id, number in cursor.fetchall():
            label = f"{model._meta.label_lower}.{name}"
            counts.setdefault(key_id, {})[label] = number
    return counts


def audit_head(cursor) -> dict:
    """The access log's length and tip, and its head row as stored (whatever columns the
    head has, so that a head authenticated in more ways is compared whole)."""
    log = _quote(AccessLog._meta.db_table)
    cursor.execute(f"SELECT COUNT(*) FROM {log}")  # noqa: S608
    (rows,) = cursor.fetchone()
    cursor.execute(f"SELECT id, hash FROM {log} ORDER BY id DESC LIMIT 1")  # noqa: S608
    tip = cursor.fetchone()
    head_table = _quote(AccessLogHead._meta.db_table)
    cursor.execute(f"SELECT * FROM {head_table} ORDER BY 1")  # noqa: S608
    names = [column[0] for column in cursor.description]
    head = [
        json.loads(json.dumps(dict(zip(names, row, strict=True)), default=_plain))
        for row in cursor.fetchall()
    ]
    return {
        "rows": rows,
        "last_id": tip[0] if tip else None,
        "last_hash": tip[1] if tip else None,
        "head": head,
    }


def key_fingerprint(key: bytes) -> str:
    """Names a key without revealing it, so that an operator can match a key file to a
    backup (and a restore can tell a wrong key from a missing one)."""
    return hmac.new(key, b"anxin key fingerprint", hashlib.sha256).hexdigest()[:16]


def applied_migrations(cursor) -> list[str]:
    cursor.execute("SELECT app, name FROM django_migrations ORDER BY app, name")
    return [f"{app}.{name}" for app, name in cursor.fetchall()]


def _describe(cursor, vendor: str, ring: KeyRing, *, read_cursor: Callable | None = None) -> dict:
    counts = sealed_key_counts(cursor, vendor)
    return {
        "migrations": applied_migrations(cursor),
        "tables": table_digests(cursor, vendor, read_cursor=read_cursor),
        "audit": audit_head(cursor),
        "keys": {
            key_id: {
                "values": sum(fields.values()),
                "fields": fields,
                "fingerprint": key_fingerprint(ring.keys[key_id]) if key_id in ring.keys else None,
            }
            for key_id, fields in sorted(counts.items())
        },
    }


# --- The manifest ----------------------------------------------------------------------


def _manifest_key() -> bytes:
    return hmac.new(
        settings.ANXIN_AUDIT_KEY.encode(), b"anxin backup manifest", hashlib.sha256
    ).digest()


def _signature(body: dict) -> str:
    canonical = json.dumps(body, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return hmac.new(_manifest_key(), canonical.encode(), hashlib.sha256).hexdigest()


def manifest_write(directory: Path, body: dict) -> None:
    signed = {**body, "signature": _signature(body)}
    _write_synced(
        directory / MANIFEST, json.dumps(signed, indent=2, ensure_ascii=False).encode() + b"\n"
    )


def manifest_read(directory: Path) -> tuple[dict, list[str]]:
    """The manifest's body and what is wrong with it (unreadable, unsigned, or not signed
    by this deployment's key)."""
    try:
        signed = json.loads((directory / MANIFEST).read_text())
    except FileNotFoundError:
        raise BackupError(f"{directory} holds no {MANIFEST}: not an Anxin backup.") from None
    except (OSError, ValueError) as exc:
        raise BackupError(f"{MANIFEST} cannot be read ({exc.__class__.__name__}).") from None
    if not isinstance(signed, dict) or signed.get("format") != FORMAT:
        raise BackupError(f"{MANIFEST} is not in the {FORMAT} format.")
    if missing := [
        part for part in REQUIRED if not isinstance(signed.get(part), dict | list | str)
    ]:
        raise BackupError(f"{MANIFEST} lacks {', '.join(missing)}: not a complete manifest.")
    signature = signed.pop("signature", "")
    problems = []
    if not hmac.compare_digest(str(signature), _signature(signed)):
        problems.append(
            f"{MANIFEST}: the signature does not verify with this ANXIN_AUDIT_KEY "
            "(the backup was changed, or was made by a deployment with another audit key)"
        )
    return signed, problems


# --- Files -----------------------------------------------------------------------------


def _write_synced(path: Path, data: bytes) -> None:
    with open(path, "wb") as handle:
        handle.write(data)
        handle.flush()
        os.fsync(handle.fileno())
    path.chmod(0o600)


def _fsync_dir(path: Path) -> None:
    descriptor = os.open(path, os.O_RDONLY)
    try:
        os.fsync(descriptor)
    finally:
        os.close(descriptor)


def file_digest(path: Path) -> dict:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        while block := handle.read(1 << 20):
            digest.update(block)
    return {"bytes": path.stat().st_size, "sha256": digest.hexdigest()}


def _media_files(root: Path) -> Iterator[Path]:
    """Regular files under `root`, relative, in a stable order; links are not followed."""
    if not root.is_dir():
        return
    for folder, directories, names in os.walk(root):
        directories.sort()
        for name in sorted(names):
            path = Path(folder) / name
            if path.is_file() and not path.is_symlink():
                yield path.relative_to(root)


def _copy_media(source: Path, target: Path) -> dict[str, dict]:
    copied = {}
    for relative in _media_files(source):
        destination = target / relative
        destination.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        shutil.copyfile(source / relative, destination)
        with open(destination, "rb") as handle:
            os.fsync(handle.fileno())
        copied[relative.as_posix()] = file_digest(destination)
    return copied


def _check_files(directory: Path, expected: dict[str, dict]) -> list[str]:
    problems = []
    for name, want in sorted(expected.items()):
        path = directory / name
        if not path.is_file():
            problems.append(f"{name}: missing")
            continue
        got = file_digest(path)
        if got["bytes"] != want["bytes"]:
            problems.append(
                f"{name}: {got['bytes']} bytes where the manifest says {want['bytes']} "
                "(truncated or changed)"
            )
        elif got["sha256"] != want["sha256"]:
            problems.append(f"{name}: content differs from the manifest (changed)")
    return problems


# --- The database, per vendor ----------------------------------------------------------


def _vendor(using: str) -> str:
    vendor = connections[using].vendor
    if vendor not in DATABASE_FILES:
        raise BackupError(f"Backups support SQLite and PostgreSQL, not {vendor}.")
    return vendor


def _sqlite_path(using: str) -> Path:
    return Path(connections[using].settings_dict["NAME"])


def _sqlite_open(path: Path) -> sqlite3.Connection:
    """A plain connection (no Django type conversion, the same on both sides), in
    autocommit so that this code states where each read transaction begins and ends."""
    return sqlite3.connect(path, timeout=20, isolation_level=None)


def _sqlite_snapshot(using: str, target: Path, ring: KeyRing) -> dict:
    """Copy the live database with the online backup API inside one read transaction and
    describe it from that same transaction: WAL mode lets writers go on meanwhile, and
    neither the copy nor the figures see their commits."""
    if not _sqlite_path(using).is_file():
        raise BackupError(f"There is no database at {_sqlite_path(using)}.")
    source = _sqlite_open(_sqlite_path(using))
    copy = sqlite3.connect(target)
    try:
        source.execute("BEGIN")
        cursor = source.cursor()
        description = _describe(cursor, "sqlite", ring)
        source.backup(copy)
        source.execute("COMMIT")
        # One self-contained file: the copy carries no write-ahead log beside it.
        copy.execute("PRAGMA journal_mode=DELETE")
    finally:
        copy.close()
        source.close()
    target.chmod(0o600)
    return description


def _pg_environment(using: str) -> dict[str, str]:
    """libpq's variables for the command-line tools; the password goes through the
    environment, never the command line (where `ps` would show it)."""
    params = connections[using].settings_dict
    env = dict(os.environ)
    for variable, value in (
        ("PGDATABASE", params["NAME"]),
        ("PGUSER", params.get("USER")),
        ("PGPASSWORD", params.get("PASSWORD")),
        ("PGHOST", params.get("HOST")),
        ("PGPORT", params.get("PORT")),
        ("PGSSLMODE", params.get("OPTIONS", {}).get("sslmode")),
    ):
        if value:
            env[variable] = str(value)
    return env


def _pg_tool(name: str) -> str:
    path = shutil.which(name)
    if path is None:
        raise BackupError(
            f"{name} is not installed: install Debian's postgresql-client "
            "(make install does, when run as root)."
        )
    return path


def _pg_snapshot(using: str, target: Path, ring: KeyRing) -> dict:
    """pg_dump, given the snapshot of the transaction that reads the figures: the dump and
    the manifest see the same committed writes and nothing after."""
    connection = connections[using]
    pg_dump = _pg_tool("pg_dump")
    connection.ensure_connection()
    with transaction.atomic(using=using):
        with connection.cursor() as cursor:
            cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
            cursor.execute("SELECT pg_export_snapshot()")
            (snapshot,) = cursor.fetchone()
            description = _describe(
                cursor, "postgresql", ring, read_cursor=connection.chunked_cursor
            )
        dump = subprocess.run(  # noqa: S603 - fixed arguments, no shell
            [pg_dump, "--format=custom", f"--snapshot={snapshot}", f"--file={target}"],
            env=_pg_environment(using),
            capture_output=True,
            text=True,
        )
    if dump.returncode != 0:
        raise BackupError(f"pg_dump failed: {dump.stderr.strip()}")
    target.chmod(0o600)
    return description


def _sqlite_selfcheck(path: Path, tables: dict) -> list[str]:
    database = _sqlite_open(path)
    try:
        problems = _sqlite_integrity(database)
        if not problems:
            problems = compare_tables(tables, table_digests(database.cursor(), "sqlite"))
    finally:
        database.close()
    return problems


def _pg_selfcheck(path: Path, tables: dict) -> list[str]:
    """The archive's table of contents is readable and holds the data of every table."""
    listing = subprocess.run(  # noqa: S603 - fixed arguments, no shell
        [_pg_tool("pg_restore"), "--list", str(path)], capture_output=True, text=True
    )
    if listing.returncode != 0:
        return [f"pg_restore cannot read the dump: {listing.stderr.strip()}"]
    with_data = {line.split()[-2] for line in listing.stdout.splitlines() if " TABLE DATA " in line}
    return [f"{table}: no data in the dump" for table in tables if table not in with_data]


def _sqlite_integrity(database: sqlite3.Connection) -> list[str]:
    problems = [
        f"integrity: {message}"
        for (message,) in database.execute("PRAGMA integrity_check").fetchall()
        if message != "ok"
    ]
    problems += [
        f"integrity: {table} row {rowid} refers to a missing {parent} row"
        for table, rowid, parent, _ in database.execute("PRAGMA foreign_key_check").fetchall()
    ]
    return problems


def compare_tables(expected: dict, found: dict) -> list[str]:
    problems = []
    for table in sorted(expected.keys() | found.keys()):
        want, got = expected.get(table), found.get(table)
        if got is None:
            problems.append(f"table {table}: missing")
        elif want is None:
            problems.append(f"table {table}: not in the manifest")
        elif got["rows"] != want["rows"]:
            problems.append(f"table {table}: {got['rows']} rows, the manifest says {want['rows']}")
        elif got["sha256"] != want["sha256"]:
            problems.append(f"table {table}: same number of rows, different content")
    return problems


# --- anxin backup ----------------------------------------------------------------------


@dataclass
class BackupResult:
    path: Path
    manifest: dict
    problems: list[str]

    @property
    def checked(self) -> str:
        """What the backup checked of its own copy."""
        if self.manifest["vendor"] == "sqlite":
            return "the copy passes SQLite's integrity check and reads back equal to the manifest"
        return "pg_restore reads the dump's contents, with the data of every table"


def backup_create(*, dest: Path, using: str = "default") -> BackupResult:
    """Write a backup to the new directory `dest` and check what was written. The backup
    is assembled beside `dest` and renamed into place only once complete, so a directory
    named `dest` is never a half-written backup."""
    dest = Path(dest).absolute()
    if dest.exists() and (not dest.is_dir() or any(dest.iterdir())):
        raise BackupError(f"{dest} already exists and is not empty: name a new directory.")
    vendor = _vendor(using)
    ring = keyring()
    partial = dest.parent / f".{dest.name}.partial"
    if partial.exists():
        shutil.rmtree(partial)
    partial.mkdir(parents=True, mode=0o700)
    try:
        database_file = partial / DATABASE_FILES[vendor]
        started = datetime.now(UTC)
        snapshot = _sqlite_snapshot if vendor == "sqlite" else _pg_snapshot
        description = snapshot(using, database_file, ring)
        # After the snapshot: every file that a row of the snapshot names is already there.
        media = _copy_media(Path(settings.MEDIA_ROOT), partial / MEDIA)
        body = {
            "format": FORMAT,
            "anxin_version": version("anxin"),
            "created_at": started.isoformat(timespec="seconds"),
            "vendor": vendor,
            "database": {"file": database_file.name, **file_digest(database_file)},
            **description,
            "media": media,
        }
        manifest_write(partial, body)
        selfcheck = _sqlite_selfcheck if vendor == "sqlite" else _pg_selfcheck
        problems = selfcheck(database_file, body["tables"])
        if dest.exists():
            dest.rmdir()
        partial.rename(dest)
        _fsync_dir(dest.parent)
    except BaseException:
        shutil.rmtree(partial, ignore_errors=True)
        raise
    return BackupResult(path=dest, manifest=body, problems=problems)


# --- anxin restore ---------------------------------------------------------------------


@dataclass
class RestoreResult:
    manifest: dict = field(default_factory=dict)
    problems: list[str] = field(default_factory=list)
    unopened: list[str] = field(default_factory=list)
    tables_equal: int = 0
    audit_faults: int = 0
    migrated: int = 0
    sealed_opened: int = 0
    sealed_total: int = 0
    audit_rows: int = 0
    media_files: int = 0

    @property
    def verified(self) -> bool:
        return not self.problems and not self.unopened


def _target_is_empty(using: str, vendor: str) -> bool:
    if vendor == "sqlite":
        path = _sqlite_path(using)
        if not path.exists() or path.stat().st_size == 0:
            return True
        database = _sqlite_open(path)
        try:
            return not _tables(database.cursor(), "sqlite")
        finally:
            database.close()
    with connections[using].cursor() as cursor:
        return not _tables(cursor, "postgresql")


def _load_sqlite(using: str, source: Path) -> None:
    connections[using].close()
    _sqlite_path(using).parent.mkdir(parents=True, exist_ok=True)
    target = _sqlite_open(_sqlite_path(using))
    backup = sqlite3.connect(f"{source.absolute().as_uri()}?mode=ro", uri=True)
    try:
        backup.backup(target)
        target.execute("PRAGMA journal_mode=WAL")
    finally:
        backup.close()
        target.close()


def _load_postgresql(using: str, source: Path) -> None:
    """One transaction: a restore that fails half-way leaves the target empty."""
    connections[using].close()
    restore = subprocess.run(  # noqa: S603 - fixed arguments, no shell
        [
            _pg_tool("pg_restore"),
            "--single-transaction",
            "--no-owner",
            f"--dbname={connections[using].settings_dict['NAME']}",
            str(source),
        ],
        env=_pg_environment(using),
        capture_output=True,
        text=True,
    )
    if restore.returncode != 0:
        raise BackupError(f"pg_restore failed: {restore.stderr.strip()}")


def restore_check(src: Path, *, using: str = "default") -> tuple[dict, list[str]]:
    """Everything that can be checked before the target is touched: the manifest and its
    signature, the files' sizes and hashes, the target's emptiness."""
    src = Path(src)
    manifest, problems = manifest_read(src)
    vendor = _vendor(using)
    if manifest.get("vendor") != vendor:
        problems.append(
            f"the backup is of a {manifest.get('vendor')} database; the target is {vendor}"
        )
        return manifest, problems
    unknown = sorted(set(manifest["migrations"]) - _code_migrations())
    if unknown:
        problems.append(
            f"the backup was made by a newer release ({manifest.get('anxin_version')}): "
            f"{len(unknown)} migration(s) unknown here, such as {unknown[0]}; restore with "
            "that release"
        )
    database = manifest["database"]
    problems += _check_files(src, {database["file"]: database})
    problems += _check_files(src / MEDIA, manifest.get("media", {}))
    extra = {path.as_posix() for path in _media_files(src / MEDIA)} - set(manifest["media"])
    problems += [f"{MEDIA}/{path}: not in the manifest" for path in sorted(extra)]
    try:
        empty = _target_is_empty(using, vendor)
    except DatabaseError as exc:
        raise BackupError(
            f"The target database cannot be opened ({exc.__class__.__name__}): create it "
            "empty first (createdb), and check DATABASE_URL."
        ) from None
    if not empty:
        problems.append("the target database is not empty: restore only into a new, empty database")
    if any(_media_files(Path(settings.MEDIA_ROOT))):
        problems.append(f"the target's media folder {settings.MEDIA_ROOT} is not empty")
    return manifest, problems


def _code_migrations() -> set[str]:
    loader = MigrationLoader(None, ignore_no_migrations=True)
    return {f"{app}.{name}" for app, name in loader.disk_migrations}


def restore_load(src: Path, manifest: dict, *, using: str = "default") -> int:
    src = Path(src)
    source = src / manifest["database"]["file"]
    if manifest["vendor"] == "sqlite":
        _load_sqlite(using, source)
    else:
        _load_postgresql(using, source)
    media_root = Path(settings.MEDIA_ROOT)
    return len(_copy_media(src / MEDIA, media_root))


def _open_sealed(ring: KeyRing) -> Iterator[tuple[str, str | None]]:
    """(label, None) for each sealed value that opens, (label, reason) for one that does
    not. What opens is dropped at once: nobody sees it, so no access-log row is written."""
    for model, name in sealed_fields():
        values = (
            model._base_manager.exclude(**{name: ""})
            .only("pk", "uuid", name)
            .order_by("pk")
            .iterator(chunk_size=CHUNK)
        )
        for obj in values:
            label = f"{model._meta.label_lower}.{name} id={obj.pk}"
            token = getattr(obj, name)
            key_id = key_id_of(token) or ""
            try:
                unseal(token, aad=associated_data(obj, name), ring=ring)
            except SealError:
                reason = (
                    f"key {key_id} is not in ANXIN_DATA_KEYS"
                    if key_id not in ring.keys
                    else "does not open (changed, or copied from another record)"
                )
                yield label, reason
            else:
                yield label, None


def restore_verify(manifest: dict, *, using: str = "default") -> RestoreResult:
    """Check a restored database against its manifest: integrity, every table, the access
    log's chain and head, every sealed value, the media files."""
    result = RestoreResult(manifest=manifest)
    vendor = manifest["vendor"]
    if vendor == "sqlite":
        database = _sqlite_open(_sqlite_path(using))
        try:
            result.problems += _sqlite_integrity(database)
            cursor = database.cursor()
            found = table_digests(cursor, "sqlite")
            head = audit_head(cursor)
        finally:
            database.close()
    else:
        connection = connections[using]
        with transaction.atomic(using=using), connection.cursor() as cursor:
            found = table_digests(cursor, "postgresql", read_cursor=connection.chunked_cursor)
            head = audit_head(cursor)
    differences = compare_tables(manifest["tables"], found)
    result.problems += differences
    result.tables_equal = sum(
        1
        for table, want in manifest["tables"].items()
        if found.get(table) == {"rows": want["rows"], "sha256": want["sha256"]}
    )
    # Compared as it was backed up; then brought to this release's schema, which the
    # checks through the models below need.
    if pending := _code_migrations() - set(manifest["migrations"]):
        call_command("migrate", database=using, interactive=False, verbosity=0)
        result.migrated = len(pending)
    faults = [f"access log row {fault.row_id}: {fault.problem}" for fault in verify_chain()]
    if head != manifest["audit"]:
        faults.append("access log: its length, tip or head differs from the manifest's")
    result.problems += faults
    result.audit_faults = len(faults)
    result.audit_rows = head["rows"]

    ring = keyring()
    for key_id, needed in manifest.get("keys", {}).items():
        if key_id not in ring.keys:
            result.problems.append(
                f"key {key_id or '(none)'}: needed by {needed['values']} sealed value(s), "
                "not in ANXIN_DATA_KEYS"
            )
        elif needed.get("fingerprint") and needed["fingerprint"] != key_fingerprint(
            ring.keys[key_id]
        ):
            result.problems.append(
                f"key {key_id}: ANXIN_DATA_KEYS holds a different key under this id "
                "(fingerprint differs from the backup's)"
            )
    for label, reason in _open_sealed(ring):
        result.sealed_total += 1
        if reason is None:
            result.sealed_opened += 1
        else:
            result.unopened.append(f"{label}: {reason}")

    media = manifest.get("media", {})
    result.problems += _check_files(Path(settings.MEDIA_ROOT), media)
    result.media_files = len(media)
    return result
