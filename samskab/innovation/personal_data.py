"""Innovation holds no personal data about citizens.

Challenges, missions, projects, business cases and lessons describe organisations and their
work; no model relates to a citizen (the registry's coverage test would fail if one did).
Lessons are shared openly and must never name a citizen.
"""
