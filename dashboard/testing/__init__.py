"""Helpers for the tests and benchmarks (a real Streamlit server, synthetic incidents); not used by the product."""
