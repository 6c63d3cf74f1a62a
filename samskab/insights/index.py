"""Keeping the search index current: one `InsightEntry` per insight, plus its full text.

The source apps' actions call `update_insight(obj)` after a write and `remove_insight(obj)`
before a delete (no signals); `rebuild_index()` (command `rebuild_insight_index`, task
`rebuild_insight_index_task`) makes the whole index again from the sources.

Full text per database:
- PostgreSQL: `search_vector` = to_tsvector('danish', text), GIN-indexed.
- SQLite: an FTS5 table (rowid = entry id) holding the text's Danish Snowball stems; the
  query is stemmed the same way (`query_stems`).
"""

from django.db import connection, transaction
from django.db.models import Q

from samskab.pathways.themes import danish_analyzer

from .models import InsightEntry
from .sources import SOURCES, Insight, source_for

#: A constant table name: the f-strings below build SQL from it and from no input
#: (values always go in as parameters), hence the `noqa: S608` marks.
FTS_TABLE = "insights_insightentry_fts"
_DELETE_FTS = f"DELETE FROM {FTS_TABLE} WHERE rowid = %s"  # noqa: S608
_INSERT_FTS = f"INSERT INTO {FTS_TABLE} (rowid, stems) VALUES (%s, %s)"  # noqa: S608
_PRUNE_FTS = f"DELETE FROM {FTS_TABLE} WHERE rowid NOT IN (SELECT id FROM insights_insightentry)"  # noqa: S608
_MATCH_FTS = f"SELECT rowid FROM {FTS_TABLE} WHERE {FTS_TABLE} MATCH %s"  # noqa: S608


def is_postgres() -> bool:
    return connection.vendor == "postgresql"


def stems_of(text: str) -> str:
    return " ".join(danish_analyzer(text))


def query_stems(text: str) -> list[str]:
    """The distinct Danish stems of a search query, in order (stop words dropped)."""
    return list(dict.fromkeys(danish_analyzer(text)))


def _values(insight: Insight) -> dict:
    return {
        "text": insight.text,
        "title": insight.title[:300],
        "url": (insight.url or "")[:300],
        "perspective": insight.perspective,
        "practice": insight.practice,
        "organisation_id": insight.organisation_id,
        "created_at": insight.created_at,
        "author_id": insight.author_id,
        "is_private": insight.is_private,
        "round_id": insight.round_id,
        "team_id": insight.team_id,
        "project_id": insight.project_id,
        "citizen_id": insight.citizen_id,
    }


def _index_text(entries: list[InsightEntry]) -> None:
    if not entries:
        return
    if is_postgres():
        from django.contrib.postgres.search import SearchVector

        InsightEntry.objects.filter(pk__in=[e.pk for e in entries]).update(
            search_vector=SearchVector("text", config="danish")
        )
    elif connection.vendor == "sqlite":
        with connection.cursor() as cursor:
            cursor.executemany(_DELETE_FTS, [(e.pk,) for e in entries])
            cursor.executemany(_INSERT_FTS, [(e.pk, stems_of(e.text)) for e in entries])


def _drop_text(entry_ids: list[int]) -> None:
    if entry_ids and connection.vendor == "sqlite":
        with connection.cursor() as cursor:
            cursor.executemany(_DELETE_FTS, [(pk,) for pk in entry_ids])


@transaction.atomic
def update_insight(obj) -> InsightEntry | None:
    """Index (or re-index) one source object; an object that is no insight is removed."""
    source = source_for(obj)
    if source is None:
        return None
    fresh = source.queryset().filter(pk=obj.pk).first()
    if fresh is None or not source.applies_to(fresh):
        remove_insight(obj, source_key=source.key)
        return None
    insight = source.to_insight(fresh)
    entry, _created = InsightEntry.objects.update_or_create(
        source=source.key, object_id=fresh.pk, defaults=_values(insight)
    )
    _index_text([entry])
    return entry


@transaction.atomic
def remove_insight(obj, *, source_key: str | None = None) -> None:
    """Take one source object out of the index (call before or after deleting it)."""
    if source_key is None:
        source = source_for(obj)
        if source is None:
            return
        source_key = source.key
    ids = list(
        InsightEntry.objects.filter(source=source_key, object_id=obj.pk).values_list(
            "pk", flat=True
        )
    )
    _drop_text(ids)
    InsightEntry.objects.filter(pk__in=ids).delete()


@transaction.atomic
def rebuild_index(batch_size: int = 500) -> int:
    """Make the index again from every registered source; returns the number of entries."""
    kept: list[int] = []
    for source in SOURCES.values():
        existing = dict(
            InsightEntry.objects.filter(source=source.key).values_list("object_id", "pk")
        )
        batch: list[InsightEntry] = []
        for obj in source.queryset().iterator(chunk_size=batch_size):
            if not source.applies_to(obj):
                continue
            insight = source.to_insight(obj)
            entry = InsightEntry(source=source.key, object_id=obj.pk, **_values(insight))
            entry.pk = existing.get(obj.pk)
            batch.append(entry)
        new = [e for e in batch if e.pk is None]
        old = [e for e in batch if e.pk is not None]
        InsightEntry.objects.bulk_create(new, batch_size=batch_size)
        if not all(e.pk for e in new):  # backends without RETURNING: read the ids back
            ids = dict(
                InsightEntry.objects.filter(source=source.key).values_list("object_id", "pk")
            )
            for e in new:
                e.pk = ids[e.object_id]
        InsightEntry.objects.bulk_update(old, _values_field_names(), batch_size=batch_size)
        _index_text(batch)
        kept.extend(e.pk for e in batch)
    stale = InsightEntry.objects.exclude(pk__in=kept) if kept else InsightEntry.objects.all()
    stale_ids = list(stale.values_list("pk", flat=True))
    _drop_text(stale_ids)
    InsightEntry.objects.filter(pk__in=stale_ids).delete()
    if connection.vendor == "sqlite":
        with connection.cursor() as cursor:  # FTS rows whose entry went another way
            cursor.execute(_PRUNE_FTS)
    return len(kept)


def _values_field_names() -> list[str]:
    return [
        "text",
        "title",
        "url",
        "perspective",
        "practice",
        "organisation_id",
        "created_at",
        "author_id",
        "is_private",
        "round_id",
        "team_id",
        "project_id",
        "citizen_id",
    ]


def text_filter(query: str, *, any_of: bool = False) -> Q | None:
    """A filter on InsightEntry for the words of `query` (all of them, or any with `any_of`),
    matched on their Danish stems (prefix match); None when the query has no words."""
    stems = query_stems(query)
    if not stems:
        return None
    if is_postgres():
        from django.contrib.postgres.search import SearchQuery

        joiner = " | " if any_of else " & "
        raw = joiner.join(f"{stem}:*" for stem in stems)
        return Q(search_vector=SearchQuery(raw, config="danish", search_type="raw"))
    from django.db.models.expressions import RawSQL

    joiner = " OR " if any_of else " AND "
    match = joiner.join(f'"{stem}"*' for stem in stems)
    return Q(pk__in=RawSQL(_MATCH_FTS, [match]))  # noqa: S611 (constant SQL, parameter)
