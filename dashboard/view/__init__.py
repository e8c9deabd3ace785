"""Incidents in, what the page shows out: window and filters, URL state, timeline spec, map layer. Never imports streamlit."""
