"""The Streamlit pages: widgets wired to the other packages, caching and messages. The only place streamlit is imported."""
