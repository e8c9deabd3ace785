"""Reports (incident rows) in, events out: grouping across articles, independence of sources, summaries.

Pure: no streamlit, no database. ``summary.build`` is the whole computation; ``dashboard.store.events``
keeps its result in the store, and ``dashboard.export.events`` writes it out.
"""
