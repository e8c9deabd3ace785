"""Incidents in, files for others out: CSV, GeoJSON, the standalone briefing page and its PNG."""
