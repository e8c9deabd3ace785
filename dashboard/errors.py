"""The project's error hierarchy: every failure a user can cause is a DashboardError."""


class DashboardError(Exception):
    """Base class; the CLI prints ``Error: <message>`` and exits 1, the app shows st.error."""


class InputError(DashboardError):
    """Bad input: a file, row, field or argument that cannot be used as given."""


class StaleEditError(InputError):
    """A correction made on an incident version that another analyst has since changed: nothing was applied.

    ``conflicts`` lists what changed since the version the analyst saw, oldest first, as audit rows
    (``incident_id, field, old, new, who, at_utc, reason``), so a page can show who changed what and the analyst
    can re-apply or drop their own edit."""

    def __init__(self, message: str, conflicts: list[dict]):
        super().__init__(message)
        self.conflicts = conflicts


class ConfigurationError(DashboardError):
    """Bad configuration, detected at construction (as geopy's Nominatim does)."""


class StoreError(DashboardError):
    """The SQLite store could not be opened, read or written (a locked, corrupt or foreign file)."""


class GeocoderError(DashboardError):
    """A geocoder backend failed (the offline index could not be built, the online service broke or answered nonsense)."""


class RenderError(DashboardError):
    """A map, image or file export could not be produced."""
