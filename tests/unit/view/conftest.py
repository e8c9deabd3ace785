"""Shared by the view tests: the seed's hand-coded incidents as the app loads them."""

from __future__ import annotations

import pytest

from dashboard.store import csvfile
from tests.conftest import INCIDENTS


@pytest.fixture(scope="module")
def df():
    return csvfile.load(INCIDENTS)
