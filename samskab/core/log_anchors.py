"""Anchors of the access log kept OUTSIDE the database: a JSON-lines file (ACCESS_LOG_ANCHOR_FILE)
that the data-protection officer can download and keep.

Each line records the head's sequence and hash at a moment, the key id, and an HMAC over the
line that also covers the previous line's HMAC, so a changed, removed or reordered line is
found. Someone who can rewrite the database cannot rewrite what was anchored before: entries
removed after an anchor, or a chain recomputed before it, no longer match.
"""

import datetime
import fcntl
import hmac
import json
import os
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings

from .log_keys import KeyRing


@dataclass
class Anchor:
    line: int
    at: datetime.datetime
    sequence: int
    hash: str
    key_id: str
    previous: str
    mac: str
    # Set by the verification: "ok", "pruned" (before retention's cut, no longer checkable),
    # "missing" (the entry is gone) or "mismatch" (the entry differs).
    status: str = ""


@dataclass
class AnchorFileProblem:
    line: int
    code: str  # "unreadable", "unknown-key", "altered", "link", "order"
    key_id: str = ""


def anchor_path(path=None) -> Path:
    return Path(path or settings.ACCESS_LOG_ANCHOR_FILE)


def _payload(fields: dict) -> str:
    return json.dumps({"kind": "anchor", **fields}, sort_keys=True)


def _fields(*, at, sequence, hash, key_id, previous) -> dict:
    return {
        "at": at.isoformat(),
        "sequence": sequence,
        "hash": hash,
        "key_id": key_id,
        "previous": previous,
    }


def read_anchors(ring: KeyRing, path=None) -> tuple[list[Anchor], list[AnchorFileProblem]]:
    """The file's valid anchors in order, and what is wrong with the rest; ([], []) without a
    file. Raises OSError when the file exists but cannot be read."""
    path = anchor_path(path)
    if not path.exists():
        return [], []
    anchors, problems = [], []
    previous_mac, previous_sequence = "", 0
    with path.open(encoding="utf-8") as file:
        for number, text in enumerate(file, start=1):
            if not text.strip():
                continue
            try:
                data = json.loads(text)
                fields = _fields(
                    at=datetime.datetime.fromisoformat(data["at"]),
                    sequence=int(data["sequence"]),
                    hash=str(data["hash"]),
                    key_id=str(data["key_id"]),
                    previous=str(data["previous"]),
                )
                mac = str(data["mac"])
            except (ValueError, KeyError, TypeError):
                problems.append(AnchorFileProblem(number, "unreadable"))
                continue
            expected = ring.mac(fields["key_id"], _payload(fields))
            if expected is None:
                problems.append(AnchorFileProblem(number, "unknown-key", fields["key_id"]))
                continue
            if not hmac.compare_digest(expected, mac):
                problems.append(AnchorFileProblem(number, "altered"))
                previous_mac = mac  # the next line still links to it: report this one only
                continue
            if fields["previous"] != previous_mac:
                problems.append(AnchorFileProblem(number, "link"))
            if fields["sequence"] < previous_sequence:
                problems.append(AnchorFileProblem(number, "order"))
            previous_mac, previous_sequence = mac, fields["sequence"]
            anchors.append(
                Anchor(
                    line=number,
                    at=datetime.datetime.fromisoformat(fields["at"]),
                    sequence=fields["sequence"],
                    hash=fields["hash"],
                    key_id=fields["key_id"],
                    previous=fields["previous"],
                    mac=mac,
                )
            )
    return anchors, problems


def _last_mac(file) -> str:
    file.seek(0)
    last = ""
    for text in file:
        if text.strip():
            last = text
    try:
        return str(json.loads(last)["mac"]) if last else ""
    except (ValueError, KeyError, TypeError):
        return ""  # an unreadable last line is reported by read_anchors


def append_anchor(ring: KeyRing, *, sequence: int, hash: str, at, path=None) -> Anchor:
    """Append one signed anchor line. The file is created 0600 (its directory 0700) and locked
    while the line is written, so two workers cannot interleave."""
    path = anchor_path(path)
    path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    descriptor = os.open(path, os.O_RDWR | os.O_APPEND | os.O_CREAT, 0o600)
    with os.fdopen(descriptor, "r+", encoding="utf-8") as file:
        os.fchmod(descriptor, 0o600)
        fcntl.flock(descriptor, fcntl.LOCK_EX)
        fields = _fields(
            at=at, sequence=sequence, hash=hash, key_id=ring.signing_id, previous=_last_mac(file)
        )
        mac = ring.mac(ring.signing_id, _payload(fields))
        file.write(json.dumps({**fields, "mac": mac}, sort_keys=True) + "\n")
        file.flush()
        os.fsync(descriptor)
    return Anchor(0, at, sequence, hash, ring.signing_id, fields["previous"], mac)
