"""The access log's signing keys: read from the environment (ACCESS_LOG_KEYS), never stored in
the database, so that someone who can write to the database cannot recompute the chain.

`ACCESS_LOG_KEYS="2027a:secret,2026b:older-secret"`: the first key signs new entries, the
others only verify entries they signed (key rotation). Without it (development, tests) the
key is derived from SECRET_KEY (and SECRET_KEY_FALLBACKS), with an id such as `sk-1a2b3c4d`;
`check --deploy` warns. A bare derived id in the list (`2027a:secret,sk-1a2b3c4d`) keeps the
entries signed before ACCESS_LOG_KEYS was set verifiable.
"""

import hashlib
import hmac
import re
from dataclasses import dataclass
from functools import lru_cache

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

KEY_ID = re.compile(r"^[A-Za-z0-9_.-]{1,32}$")
DERIVED_PREFIX = "sk-"
MIN_SECRET_LENGTH = 32


@dataclass(frozen=True)
class KeyRing:
    signing_id: str
    keys: dict[str, bytes]

    def mac(self, key_id: str, text: str) -> str | None:
        """HMAC-SHA256 of `text` under the key `key_id`; None for a key this ring lacks."""
        key = self.keys.get(key_id)
        if key is None:
            return None
        return hmac.new(key, text.encode(), hashlib.sha256).hexdigest()


def derived_key(secret: str) -> tuple[str, bytes]:
    """(id, key) derived from a SECRET_KEY; the id names it without revealing it."""
    key = hmac.new(secret.encode(), b"samskab.core.access-log", hashlib.sha256).digest()
    return DERIVED_PREFIX + hashlib.sha256(key).hexdigest()[:8], key


def derived_keys(secret_key: str, fallbacks=()) -> dict[str, bytes]:
    return dict(derived_key(secret) for secret in (secret_key, *fallbacks))


def parse_keys(text: str, derived: dict[str, bytes]) -> list[tuple[str, bytes]]:
    """`id:secret,id2:secret2` (and bare derived ids) as [(id, key)]; ValueError when malformed."""
    items: list[tuple[str, bytes]] = []
    for raw in text.split(","):
        if not raw.strip():
            continue
        key_id, colon, secret = raw.strip().partition(":")
        key_id = key_id.strip()
        if not KEY_ID.match(key_id):
            raise ValueError(
                f"ACCESS_LOG_KEYS: key id {key_id!r} must be 1-32 letters, digits, '.', '_' or '-'"
            )
        if not colon:
            if key_id not in derived:
                raise ValueError(
                    f"ACCESS_LOG_KEYS: {key_id!r} has no secret and is not the id of a key "
                    "derived from SECRET_KEY or SECRET_KEY_FALLBACKS"
                )
            if not items:
                raise ValueError("ACCESS_LOG_KEYS: the first key signs and needs its own secret")
            items.append((key_id, derived[key_id]))
            continue
        if key_id.startswith(DERIVED_PREFIX):
            raise ValueError(f"ACCESS_LOG_KEYS: ids starting with {DERIVED_PREFIX!r} are reserved")
        if not secret:
            raise ValueError(f"ACCESS_LOG_KEYS: key {key_id!r} has an empty secret")
        items.append((key_id, secret.encode()))
    ids = [key_id for key_id, _key in items]
    duplicates = sorted({key_id for key_id in ids if ids.count(key_id) > 1})
    if duplicates:
        raise ValueError(f"ACCESS_LOG_KEYS: key id {duplicates[0]!r} is listed twice")
    return items


@lru_cache(maxsize=8)
def _ring(configured: str, secret_key: str, fallbacks: tuple[str, ...]) -> KeyRing:
    derived = derived_keys(secret_key, fallbacks)
    if not configured.strip():
        return KeyRing(derived_key(secret_key)[0], derived)
    try:
        items = parse_keys(configured, derived)
    except ValueError as error:
        raise ImproperlyConfigured(str(error)) from error
    if not items:
        raise ImproperlyConfigured("ACCESS_LOG_KEYS names no key")
    return KeyRing(items[0][0], dict(items))


def key_ring() -> KeyRing:
    """The keys in force now (cached per configuration, so tests may override settings)."""
    return _ring(
        getattr(settings, "ACCESS_LOG_KEYS", "") or "",
        settings.SECRET_KEY,
        tuple(getattr(settings, "SECRET_KEY_FALLBACKS", ())),
    )
