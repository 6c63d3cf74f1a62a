"""Shared leadership holds no personal data about citizens.

Forums, opportunity spaces, barriers and decisions describe organisations and their work; no
model relates to a citizen. An evidence link stores only (insight source, object id) and is
re-read through the insight registry with the reader's permissions whenever it is shown: a
reflection erased or made private later simply no longer appears. Barriers must not name a
citizen (the form says so).
"""
