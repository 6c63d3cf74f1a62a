"""Pathway pages, split by subject: teams, pathways, meetings, practice elements, workshop."""
