"""Seal the access log written before it was keyed (data-compatible, nothing is rewritten).

The entries written so far keep their plain SHA-256 and key id "": their stored text and
hashes stay as they were, so copies and exports taken before still match. The head records
that only entries up to its current sequence may be unsigned, and is signed with the key in
force now (ACCESS_LOG_KEYS, or the one derived from SECRET_KEY). Every later entry is an HMAC
whose text covers the previous hash, so the unsigned part cannot be recomputed unnoticed
either. A head missing while entries exist is rebuilt from them and marked as missing.

The key rules and the head's signed text are a frozen copy of samskab/core/log_keys.py and
AccessLogHead.payload (migrations do not import app code).
"""

import hashlib
import hmac
import json

from django.conf import settings
from django.db import migrations

GENESIS_HASH = "0" * 64


def _signing_key() -> tuple[str, bytes]:
    configured = (getattr(settings, "ACCESS_LOG_KEYS", "") or "").strip()
    first = next((item.strip() for item in configured.split(",") if item.strip()), "")
    if first:
        key_id, _colon, secret = first.partition(":")
        return key_id.strip(), secret.encode()
    key = hmac.new(settings.SECRET_KEY.encode(), b"samskab.core.access-log", hashlib.sha256)
    return "sk-" + hashlib.sha256(key.digest()).hexdigest()[:8], key.digest()


def _payload(head) -> str:
    return json.dumps(
        {
            "kind": "head",
            "last_sequence": head.last_sequence,
            "last_hash": head.last_hash,
            "pruned_through_sequence": head.pruned_through_sequence,
            "pruned_through_hash": head.pruned_through_hash,
            "legacy_through_sequence": head.legacy_through_sequence,
            "broken_at_sequence": head.broken_at_sequence,
            "broken_reason": head.broken_reason,
            "key_id": head.key_id,
        },
        sort_keys=True,
    )


def seal(apps, schema_editor):
    head_model = apps.get_model("core", "AccessLogHead")
    entry_model = apps.get_model("core", "AccessLogEntry")
    head = head_model.objects.filter(pk=1).first()
    last = entry_model.objects.order_by("-sequence").first()
    if head is None:
        head = head_model(pk=1, last_hash=GENESIS_HASH, pruned_through_hash=GENESIS_HASH)
        if last is not None:
            first = entry_model.objects.order_by("sequence").first()
            head.last_sequence, head.last_hash = last.sequence, last.entry_hash
            head.pruned_through_sequence = first.sequence - 1
            head.pruned_through_hash = first.previous_hash
            head.broken_at_sequence, head.broken_reason = last.sequence + 1, "missing"
    head.legacy_through_sequence = max(head.last_sequence, last.sequence if last else 0)
    head.key_id, key = _signing_key()
    head.mac = hmac.new(key, _payload(head).encode(), hashlib.sha256).hexdigest()
    head.save()


class Migration(migrations.Migration):
    dependencies = [
        ("core", "0003_access_log_keys"),
    ]

    operations = [
        migrations.RunPython(seal, migrations.RunPython.noop),
    ]
