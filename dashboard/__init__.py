"""Incident-mapping dashboard: news articles in, mapped and timed incidents out."""

__version__ = "0.1.0"
