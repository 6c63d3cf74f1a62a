"""Backup and restore of the whole database, with a fingerprint to prove nothing was lost.

SQLite: the online backup API (`sqlite3.Connection.backup`), consistent while the site runs.
PostgreSQL: `pg_dump --format=custom` and `pg_restore --clean --single-transaction`.
Beside each backup, `<file>.json` holds every table's row count and a SHA-256 of its rows;
`restore` recomputes it afterwards and fails loudly if anything differs.
"""

import hashlib
import json
import os
import shutil
import sqlite3
import subprocess
from pathlib import Path

from django.db import connection


class BackupError(Exception):
    pass


def fingerprint() -> dict[str, dict]:
    """{table: {"rows": count, "sha256": hash of the rows}} for every table of the project."""
    tables = sorted(
        set(connection.introspection.django_table_names(only_existing=True, include_views=False))
        & set(connection.introspection.table_names())
    )
    result = {}
    with connection.cursor() as cursor:
        for table in tables:
            cursor.execute(f"SELECT * FROM {connection.ops.quote_name(table)}")  # noqa: S608
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


def manifest_path(path: Path) -> Path:
    return path.with_name(path.name + ".json")


def backup(path: Path) -> dict:
    """Write a backup of the default database to `path` and its fingerprint beside it."""
    path.parent.mkdir(parents=True, exist_ok=True)
    connection.ensure_connection()
    if connection.vendor == "sqlite":
        target = sqlite3.connect(path)
        try:
            connection.connection.backup(target)
        finally:
            target.close()
    elif connection.vendor == "postgresql":
        subprocess.run(  # noqa: S603 - fixed arguments, no shell
            [_tool("pg_dump"), "--format=custom", "--no-owner", f"--file={path}"],
            env=_pg_env(),
            check=True,
        )
    else:
        raise BackupError(f"Databasen {connection.vendor} understøttes ikke.")
    tables = fingerprint()
    manifest_path(path).write_text(json.dumps(tables, indent=1, sort_keys=True))
    return tables


def restore(path: Path) -> list[str]:
    """Replace the default database with the backup at `path`; the differences from the
    backup's fingerprint afterwards (empty when everything came back)."""
    if not path.exists():
        raise BackupError(f"Filen {path} findes ikke.")
    connection.ensure_connection()
    if connection.in_atomic_block:
        raise BackupError("Gendannelse kan ikke ske inde i en transaktion.")
    if connection.vendor == "sqlite":
        source = sqlite3.connect(path)
        try:
            source.backup(connection.connection)
        finally:
            source.close()
    elif connection.vendor == "postgresql":
        subprocess.run(  # noqa: S603 - fixed arguments, no shell
            [
                _tool("pg_restore"),
                "--clean",
                "--if-exists",
                "--no-owner",
                "--single-transaction",
                f"--dbname={connection.settings_dict['NAME']}",
                str(path),
            ],
            env=_pg_env(),
            check=True,
        )
    else:
        raise BackupError(f"Databasen {connection.vendor} understøttes ikke.")
    manifest = manifest_path(path)
    if not manifest.exists():
        return []
    return differences(json.loads(manifest.read_text()), fingerprint())
