"""Backup and restore of the whole database, with a manifest to prove nothing was lost.

SQLite: the online backup API (`sqlite3.Connection.backup`), consistent while the site runs.
PostgreSQL: `pg_dump --format=custom` from an exported snapshot, and `pg_restore`.

Beside each backup, `<file>.json` (the manifest) holds every table's row count and a
SHA-256 of its rows, and the SHA-256 of the backup file. With `BACKUP_KEY` (a Fernet key)
the backup is encrypted and the manifest signed, so a file changed on the way is refused.

Restore never touches the live database before the backup has passed every check: the
file is decrypted and checked against the manifest, restored into a temporary database (a
private file beside the live one, or a scratch PostgreSQL database), every table of that
is compared with the manifest, and only then does the content replace the live database in
one transaction. A backup without a manifest is refused unless the caller forces it.
Every file written here is readable by the server's user only (0600).
"""

import contextlib
import hashlib
import json
import os
import secrets
import shutil
import sqlite3
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path

from cryptography.fernet import Fernet, InvalidToken
from django.db import DEFAULT_DB_ALIAS, DatabaseError, connection, connections, transaction
from django.utils import timezone

MANIFEST_FORMAT = 2
PRIVATE = 0o600
SQLITE_MAGIC = b"SQLite format 3\x00"
PG_DUMP_MAGIC = b"PGDMP"
FERNET_MAGIC = b"gAAAAA"  # base64 of Fernet's version byte 0x80
UNCHANGED = "Databasen er ikke ændret."
NEW_KEY_HINT = (
    'python -c "from cryptography.fernet import Fernet; print(Fernet.generate_key().decode())"'
)


class BackupError(Exception):
    pass


@dataclass(frozen=True)
class RestoreResult:
    tables: int
    rows: int
    checked: bool  # every table compared with a manifest
    encrypted: bool


# Fingerprints -------------------------------------------------------------------------------


def fingerprint(conn=None) -> dict[str, dict]:
    """{table: {"rows": count, "sha256": hash of the rows}} for every table of the project."""
    conn = conn or connection
    tables = sorted(
        set(conn.introspection.django_table_names(only_existing=True, include_views=False))
        & set(conn.introspection.table_names())
    )
    result = {}
    with conn.cursor() as cursor:
        for table in tables:
            cursor.execute(f"SELECT * FROM {conn.ops.quote_name(table)}")  # noqa: S608
            rows = sorted(repr(tuple(row)) for row in cursor.fetchall())
            digest = hashlib.sha256("\n".join(rows).encode()).hexdigest()
            result[table] = {"rows": len(rows), "sha256": digest}
    return result


def differences(expected: dict, actual: dict) -> list[str]:
    problems = []
    for table in sorted(set(expected) | set(actual)):
        want, got = expected.get(table), actual.get(table)
        if want != got:
            problems.append(f"{table}: forventet {want}, fundet {got}")
    return problems


@contextlib.contextmanager
def _other_database(name: str):
    """A second Django connection, like the default one but to database `name`, so its
    rows come back as the same Python values as the live database's (same fingerprint)."""
    settings_dict = {**connection.settings_dict, "NAME": name}
    if connection.vendor == "sqlite":
        settings_dict["OPTIONS"] = {}  # no WAL switch or lock waits on a private copy
    wrapper = type(connections[DEFAULT_DB_ALIAS])  # `connection` is only a proxy
    other = wrapper(settings_dict, alias="samskab_backup_check")
    try:
        yield other
    finally:
        other.close()


# Files --------------------------------------------------------------------------------------


def manifest_path(path: Path) -> Path:
    return path.with_name(path.name + ".json")


def _sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _private_temp(directory: Path, suffix: str) -> Path:
    fd, name = tempfile.mkstemp(dir=directory, prefix=".samskab-", suffix=suffix)
    os.close(fd)
    os.chmod(name, PRIVATE)
    return Path(name)


def _write_private(path: Path, data: bytes) -> None:
    """Write `data` to `path` as a 0600 file, atomically (a crash leaves the old file)."""
    tmp = _private_temp(path.parent, ".tmp")
    try:
        with open(tmp, "wb") as out:
            out.write(data)
            out.flush()
            os.fsync(out.fileno())
        os.replace(tmp, path)
    finally:
        tmp.unlink(missing_ok=True)


def _unlink_sqlite(path: Path) -> None:
    for name in (path, Path(f"{path}-wal"), Path(f"{path}-shm"), Path(f"{path}-journal")):
        name.unlink(missing_ok=True)


def secure_database_files(conn=None) -> None:
    """SQLite: create the database file (when missing) and keep it, with its -wal and -shm,
    readable by the server's user only. SQLite gives -wal and -shm the database's mode."""
    conn = conn or connection
    if conn.vendor != "sqlite" or conn.is_in_memory_db():
        return
    path = Path(conn.settings_dict["NAME"])
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        with contextlib.suppress(FileExistsError):
            os.close(os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, PRIVATE))
    for name in (path, Path(f"{path}-wal"), Path(f"{path}-shm")):
        if name.exists():
            os.chmod(name, PRIVATE)


# Encryption ---------------------------------------------------------------------------------


def _fernet(key: str | bytes) -> Fernet:
    try:
        return Fernet(key.encode() if isinstance(key, str) else key)
    except (ValueError, TypeError) as error:
        raise BackupError(
            "BACKUP_KEY er ikke en gyldig nøgle (32 byte i URL-sikker base64). "
            f"Lav en ny med: {NEW_KEY_HINT}"
        ) from error


def _canonical(manifest: dict) -> bytes:
    unsigned = {k: v for k, v in manifest.items() if k != "signature"}
    return json.dumps(unsigned, sort_keys=True).encode()


def _sign(manifest: dict, fernet: Fernet) -> dict:
    digest = _sha256(_canonical(manifest)).encode()
    return {**manifest, "signature": fernet.encrypt(digest).decode()}


def _wrong_key_error() -> BackupError:
    return BackupError(
        "Nøglen i BACKUP_KEY passer ikke til sikkerhedskopien, eller filen er ændret efter "
        f"sikkerhedskopieringen. {UNCHANGED}"
    )


# Backup -------------------------------------------------------------------------------------


def _pg_env() -> dict:
    settings = connection.settings_dict
    env = dict(os.environ)
    for key, name in (("HOST", "PGHOST"), ("PORT", "PGPORT"), ("USER", "PGUSER")):
        if settings.get(key):
            env[name] = str(settings[key])
    if settings.get("PASSWORD"):
        env["PGPASSWORD"] = settings["PASSWORD"]
    env["PGDATABASE"] = settings["NAME"]
    return env


def _tool(name: str) -> str:
    path = shutil.which(name)
    if path is None:
        raise BackupError(f"{name} er ikke installeret (PostgreSQL-klientværktøjerne).")
    return path


def _sqlite_backup(directory: Path) -> tuple[bytes, dict]:
    copy = _private_temp(directory, ".sqlite3")
    try:
        target = sqlite3.connect(copy)
        try:
            connection.connection.backup(target)
            # A self-contained file: no -wal needed beside it to read it.
            target.execute("PRAGMA journal_mode=DELETE")
        finally:
            target.close()
        # The fingerprint of the copy itself, not of the live database a moment later.
        with _other_database(str(copy)) as other:
            tables = fingerprint(other)
        return copy.read_bytes(), tables
    finally:
        _unlink_sqlite(copy)


def _pg_backup() -> tuple[bytes, dict]:
    if connection.in_atomic_block:
        raise BackupError("Sikkerhedskopiering kan ikke ske inde i en transaktion.")
    # pg_dump reads the snapshot this transaction exported, and the fingerprint is taken in
    # the same transaction: both see the same rows, whatever the site writes meanwhile.
    with transaction.atomic():
        with connection.cursor() as cursor:
            cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
            cursor.execute("SELECT pg_export_snapshot()")
            snapshot = cursor.fetchone()[0]
        dump = subprocess.run(  # noqa: S603 - fixed arguments, no shell
            [_tool("pg_dump"), "--format=custom", "--no-owner", f"--snapshot={snapshot}"],
            env=_pg_env(),
            capture_output=True,
            check=False,
        )
        if dump.returncode != 0:
            raise BackupError(f"pg_dump fejlede: {dump.stderr.decode(errors='replace').strip()}")
        tables = fingerprint()
    return dump.stdout, tables


def backup(path: Path, *, key: str | bytes | None = None) -> dict:
    """Write a backup of the default database to `path` and its manifest beside it; both
    0600. With `key` the backup is encrypted and the manifest signed. Returns the tables."""
    fernet = _fernet(key) if key else None
    path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    connection.ensure_connection()
    if connection.vendor == "sqlite":
        content, tables = _sqlite_backup(path.parent)
    elif connection.vendor == "postgresql":
        content, tables = _pg_backup()
    else:
        raise BackupError(f"Databasen {connection.vendor} understøttes ikke.")
    if fernet:
        content = fernet.encrypt(content)
    manifest = {
        "format": MANIFEST_FORMAT,
        "vendor": connection.vendor,
        "created_at": timezone.now().isoformat(timespec="seconds"),
        "encrypted": fernet is not None,
        "file_sha256": _sha256(content),
        "tables": tables,
    }
    if fernet:
        manifest = _sign(manifest, fernet)
    _write_private(path, content)
    _write_private(manifest_path(path), json.dumps(manifest, indent=1, sort_keys=True).encode())
    return tables


# Restore ------------------------------------------------------------------------------------


def _read_manifest(path: Path) -> dict | None:
    manifest = manifest_path(path)
    if not manifest.exists():
        return None
    try:
        data = json.loads(manifest.read_text())
    except (ValueError, UnicodeDecodeError) as error:
        raise BackupError(f"Manifest-filen {manifest} kan ikke læses. {UNCHANGED}") from error
    if "tables" not in data:  # a manifest from before format 2: only the tables
        data = {"tables": data, "encrypted": False}
    if not isinstance(data.get("tables"), dict):
        raise BackupError(f"Manifest-filen {manifest} kan ikke læses. {UNCHANGED}")
    return data


def _plain_content(path: Path, manifest: dict | None, key) -> tuple[bytes, bool]:
    """The backup's unencrypted bytes, after checking them against the manifest."""
    content = path.read_bytes()
    current = manifest is not None and "file_sha256" in manifest  # format 2 or later
    if current and manifest["file_sha256"] != _sha256(content):
        raise BackupError(
            "Sikkerhedskopien er ændret eller beskadiget: filens kontrolsum passer ikke "
            f"med manifestet. {UNCHANGED}"
        )
    encrypted = manifest["encrypted"] if current else content.startswith(FERNET_MAGIC)
    if manifest is not None and manifest.get("signature") and not encrypted:
        raise BackupError(f"Manifest-filen er ændret efter sikkerhedskopieringen. {UNCHANGED}")
    if not encrypted:
        return content, False
    if not key:
        raise BackupError(
            "Sikkerhedskopien er krypteret. Sæt BACKUP_KEY til den nøgle, den blev taget med. "
            + UNCHANGED
        )
    fernet = _fernet(key)
    if current:
        try:
            signed = fernet.decrypt(manifest.get("signature", "").encode())
        except InvalidToken:
            raise _wrong_key_error() from None
        if signed.decode() != _sha256(_canonical(manifest)):
            raise BackupError(f"Manifest-filen er ændret efter sikkerhedskopieringen. {UNCHANGED}")
    try:
        return fernet.decrypt(content), True
    except InvalidToken:
        raise _wrong_key_error() from None


def _check_vendor(content: bytes) -> None:
    magic = SQLITE_MAGIC if connection.vendor == "sqlite" else PG_DUMP_MAGIC
    if not content.startswith(magic):
        kind = "SQLite-database" if connection.vendor == "sqlite" else "pg_dump-arkiv"
        raise BackupError(
            f"Filen er ikke en {kind}, så den passer ikke til denne database (eller den er "
            f"krypteret uden manifest). {UNCHANGED}"
        )


def _compare(manifest: dict | None, actual: dict) -> None:
    if manifest is None:
        return
    if problems := differences(manifest["tables"], actual):
        raise BackupError(
            "Sikkerhedskopien svarer ikke til sit manifest, så den er ikke gendannet. "
            f"{UNCHANGED}\n" + "\n".join(problems)
        )


def _scratch_directory() -> Path:
    """Beside the live database when it is a file (same disk, same protection)."""
    if connection.vendor == "sqlite" and not connection.is_in_memory_db():
        return Path(connection.settings_dict["NAME"]).resolve().parent
    return Path(tempfile.gettempdir())


def _sqlite_restore(content: bytes, manifest: dict | None) -> dict:
    scratch = _private_temp(_scratch_directory(), ".sqlite3")
    try:
        scratch.write_bytes(content)
        try:
            with _other_database(str(scratch)) as other:
                with other.cursor() as cursor:
                    cursor.execute("PRAGMA integrity_check")
                    result = [row[0] for row in cursor.fetchall()]
                if result != ["ok"]:
                    raise BackupError(
                        f"Sikkerhedskopien er beskadiget ({'; '.join(result)[:300]}). " + UNCHANGED
                    )
                tables = fingerprint(other)
        except (DatabaseError, sqlite3.DatabaseError) as error:
            raise BackupError(
                f"Sikkerhedskopien kan ikke læses som database ({error}). {UNCHANGED}"
            ) from error
        _compare(manifest, tables)
        # Replace the live database in one SQLite transaction (all pages in one step). Not a
        # file rename: with WAL, the running site's connections would keep the old file and
        # its -wal would be read against the new one.
        source = sqlite3.connect(scratch)
        try:
            source.backup(connection.connection)
        finally:
            source.close()
        return tables
    finally:
        _unlink_sqlite(scratch)


def _pg_restore_into(dbname: str, dump: Path, *, clean: bool) -> None:
    command = [_tool("pg_restore"), "--no-owner", "--single-transaction", f"--dbname={dbname}"]
    if clean:
        command[1:1] = ["--clean", "--if-exists"]
    result = subprocess.run(  # noqa: S603 - fixed arguments, no shell
        [*command, str(dump)], env=_pg_env(), capture_output=True, check=False
    )
    if result.returncode != 0:
        raise BackupError(
            f"pg_restore fejlede: {result.stderr.decode(errors='replace').strip()[:2000]}"
        )


def _pg_restore(content: bytes, manifest: dict | None) -> dict:
    dump = _private_temp(_scratch_directory(), ".dump")
    scratch = f"{connection.settings_dict['NAME']}_restore_{secrets.token_hex(4)}"[-63:]
    quoted = connection.ops.quote_name(scratch)
    try:
        dump.write_bytes(content)
        try:
            with connection.cursor() as cursor:
                cursor.execute(f"CREATE DATABASE {quoted} TEMPLATE template0")
        except DatabaseError as error:
            raise BackupError(
                "Kan ikke oprette en midlertidig database til kontrollen (brugeren skal have "
                f"CREATEDB): {error}. {UNCHANGED}"
            ) from error
        try:
            try:
                _pg_restore_into(scratch, dump, clean=False)
            except BackupError as error:
                raise BackupError(f"{error}\n{UNCHANGED}") from error
            with _other_database(scratch) as other:
                tables = fingerprint(other)
        finally:
            with connection.cursor() as cursor:
                cursor.execute(f"DROP DATABASE IF EXISTS {quoted}")
        _compare(manifest, tables)
        # The dump has proved itself in the scratch database; one transaction puts it live.
        _pg_restore_into(connection.settings_dict["NAME"], dump, clean=True)
        return tables
    finally:
        dump.unlink(missing_ok=True)


def restore(path: Path, *, key: str | bytes | None = None, force: bool = False) -> RestoreResult:
    """Replace the default database with the backup at `path`, after checking everything.

    Raises BackupError, with the live database unchanged, for a missing file, a missing
    manifest (unless `force`), a wrong or missing key, a changed file, a table that differs
    from the manifest, or a failed restore into the temporary database."""
    if not path.exists():
        raise BackupError(f"Filen {path} findes ikke.")
    connection.ensure_connection()
    if connection.in_atomic_block:
        raise BackupError("Gendannelse kan ikke ske inde i en transaktion.")
    if connection.vendor not in ("sqlite", "postgresql"):
        raise BackupError(f"Databasen {connection.vendor} understøttes ikke.")
    manifest = _read_manifest(path)
    if manifest is None and not force:
        raise BackupError(
            f"Der er intet manifest ({manifest_path(path).name}) ved sikkerhedskopien, så den "
            "kan ikke kontrolleres. Brug --force for at gendanne den alligevel uden kontrol "
            f"af tabellerne. {UNCHANGED}"
        )
    if manifest is not None and manifest.get("vendor", connection.vendor) != connection.vendor:
        raise BackupError(
            f"Sikkerhedskopien er fra {manifest['vendor']}, men databasen er "
            f"{connection.vendor}. {UNCHANGED}"
        )
    content, encrypted = _plain_content(path, manifest, key)
    _check_vendor(content)
    if connection.vendor == "sqlite":
        tables = _sqlite_restore(content, manifest)
    else:
        tables = _pg_restore(content, manifest)
    if manifest is not None:
        _check_live(manifest["tables"])
    return RestoreResult(
        tables=len(tables),
        rows=sum(table["rows"] for table in tables.values()),
        checked=manifest is not None,
        encrypted=encrypted,
    )


def _check_live(expected: dict) -> None:
    """The live database after the swap, table by table (tables the backup does not know,
    e.g. from a newer migration, are left as PostgreSQL's pg_restore leaves them)."""
    live = fingerprint()
    if problems := differences(expected, {table: live.get(table) for table in expected}):
        # Only possible when something wrote to the database while it was being restored.
        raise BackupError(
            "Databasen er gendannet, men er ændret undervejs (skriver siden stadig til den?). "
            "Stop siden og gendan igen.\n" + "\n".join(problems)
        )
