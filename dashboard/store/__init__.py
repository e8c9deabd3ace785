"""Incidents at rest: the CSV format and its validation, the SQLite store with its audit trail, and data sources."""
