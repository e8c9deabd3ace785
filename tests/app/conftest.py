"""AppTest runs the script in this process, where Streamlit's ``server.address`` is unset (every interface), so
the pages that write would be turned off (dashboard/ui/access.py): the app tests run as ``make run`` serves,
on 127.0.0.1, unless a test sets another address itself (``server_address``)."""

from __future__ import annotations

import pytest
from streamlit import config


@pytest.fixture(autouse=True)
def server_address():
    """Set Streamlit's ``server.address`` for one test (127.0.0.1 unless the test calls it); restored after."""
    before = config.get_option("server.address")

    def set_address(address: str | None) -> None:
        config.set_option("server.address", address)

    set_address("127.0.0.1")
    yield set_address
    config.set_option("server.address", before)
