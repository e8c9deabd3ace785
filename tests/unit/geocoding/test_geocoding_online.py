"""The Nominatim backend against a fake Nominatim on a free loopback port: never the network."""

from __future__ import annotations

import json
import socket
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlsplit

import pytest

from dashboard.errors import ConfigurationError
from dashboard.geocoding.cache import ResponseCache
from dashboard.geocoding.online import ENV_URL, ENV_USER_AGENT, OnlineGeocoder

AGENT = "incident-dashboard-tests/0.1 (tests@example.org)"
# What the fake service knows: a made-up settlement name, answered like Nominatim's jsonv2.
ANSWERS = {
    "qqzzxv": [
        {
            "place_id": 1,
            "lat": "39.4984",
            "lon": "46.0123",
            "name": "Qqzzxv",
            "display_name": "Qqzzxv, Syunik Province, Armenia",
            "namedetails": {"name": "Qqzzxv"},
            "address": {"village": "Qqzzxv", "state": "Syunik Province", "country_code": "am"},
        }
    ],
}


class _Handler(BaseHTTPRequestHandler):
    def do_GET(self):
        url = urlsplit(self.path)
        params = {k: v[0] for k, v in parse_qs(url.query).items()}
        self.server.seen.append(
            {"time": time.monotonic(), "path": url.path, "params": params, "agent": self.headers.get("User-Agent")}
        )
        if self.server.status != 200:
            self.send_response(self.server.status)
            self.end_headers()
            return
        body = json.dumps(ANSWERS.get(params.get("q", "").casefold(), [])).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):  # keep test output clean
        pass


@pytest.fixture()
def fake_nominatim():
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    server.seen, server.status = [], 200
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield server
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)


def make(server_or_port, resolver, tmp_path, **kwargs) -> OnlineGeocoder:
    port = server_or_port if isinstance(server_or_port, int) else server_or_port.server_address[1]
    kwargs.setdefault("cache", ResponseCache(tmp_path / "nominatim.sqlite"))
    return OnlineGeocoder(AGENT, resolver=resolver, domain=f"127.0.0.1:{port}", scheme="http", timeout=5, **kwargs)


@pytest.mark.parametrize("agent", [None, "", "   ", "geopy/2.5.0", "python-requests/2.32"])
def test_a_real_user_agent_is_required(agent, resolver):
    with pytest.raises(ConfigurationError, match=ENV_USER_AGENT):
        OnlineGeocoder(agent, resolver=resolver)


def test_from_environment(resolver, tmp_path):
    with pytest.raises(ConfigurationError, match=ENV_USER_AGENT):
        OnlineGeocoder.from_environment({}, resolver=resolver)
    with pytest.raises(ConfigurationError, match="is not an http"):
        OnlineGeocoder.from_environment({ENV_USER_AGENT: AGENT, ENV_URL: "ftp://x"}, resolver=resolver)
    geocoder = OnlineGeocoder.from_environment(
        {ENV_USER_AGENT: AGENT, ENV_URL: "http://127.0.0.1:9/nom/"},
        resolver=resolver,
        cache=ResponseCache(tmp_path / "c.sqlite"),
    )
    assert geocoder.nominatim.api == "http://127.0.0.1:9/nom/search"


def test_unresolved_names_are_asked_with_agent_and_countrycodes(fake_nominatim, resolver, tmp_path):
    geocoder = make(fake_nominatim, resolver, tmp_path)
    resolution = geocoder.resolve("Qqzzxv", context=("AM", "AZ"))
    assert resolution.method == "online" and resolution.place.source == "nominatim"
    assert (resolution.place.latitude, resolution.place.longitude) == (39.4984, 46.0123)
    assert resolution.place.country_code == "AM" and resolution.place.timezone == "Asia/Yerevan"
    (request,) = fake_nominatim.seen
    assert request["path"] == "/search" and request["agent"] == AGENT
    assert request["params"]["countrycodes"] == "am,az" and request["params"]["q"] == "Qqzzxv"


def test_confident_offline_names_cost_no_request(fake_nominatim, resolver, tmp_path):
    geocoder = make(fake_nominatim, resolver, tmp_path)
    resolutions = geocoder.resolve_all(["Goris", "Jermuk", "Yerevan"], context=("AM", "AZ"))
    assert [r.method for r in resolutions] == ["exact", "exact", "exact"]
    assert fake_nominatim.seen == []


def test_each_name_is_asked_once_even_across_processes(fake_nominatim, resolver, tmp_path):
    first = make(fake_nominatim, resolver, tmp_path)
    for _ in range(3):
        assert first.resolve("Qqzzxv", context="AM").method == "online"
        assert not first.resolve("Qqqxxzz", context="AM").resolved  # "no result" is cached too
    first.cache.close()
    second = make(fake_nominatim, resolver, tmp_path)  # a new cache connection on the same file
    assert second.resolve("Qqzzxv", context="AM").method == "online"
    assert len(fake_nominatim.seen) == 2 and second.requests == 0


def test_requests_are_spaced_one_second_apart(fake_nominatim, resolver, tmp_path):
    geocoder = make(fake_nominatim, resolver, tmp_path)
    geocoder.resolve_all(["Qqzzxv", "Qqqxxzz", "Qqqxxzy"], context="AM")
    times = [r["time"] for r in fake_nominatim.seen]
    assert len(times) == 3
    assert all(later - earlier >= 0.95 for earlier, later in zip(times, times[1:]))


def test_offline_result_is_kept_when_the_server_is_down(resolver, tmp_path):
    with socket.socket() as probe:  # a free port with nothing listening once closed
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    geocoder = make(port, resolver, tmp_path, max_retries=0)
    sok, nothing, also = geocoder.resolve_all(["Sok", "Qqzzxv", "Qqqxxzz"], context=("AM", "AZ"))
    assert sok.place.geonameid == 616041 and sok.method == "fuzzy"  # the offline answer survives
    assert "online look-up failed" in sok.reason
    assert not nothing.resolved and "online look-up failed" in nothing.reason
    assert "unreachable earlier" in also.reason
    assert geocoder.requests == 1  # the batch stopped waiting on the network after the first failure


def test_server_errors_fall_back_too(fake_nominatim, resolver, tmp_path):
    fake_nominatim.status = 503
    geocoder = make(fake_nominatim, resolver, tmp_path, max_retries=0)
    resolution = geocoder.resolve("Sok", context="AM")
    assert resolution.place.geonameid == 616041 and "online look-up failed" in resolution.reason
    assert len(geocoder.cache) == 0  # failures are not cached


def test_online_answer_with_another_name_does_not_replace_a_fuzzy_match(fake_nominatim, resolver, tmp_path):
    ANSWERS["sok"] = ANSWERS["qqzzxv"]
    try:
        resolution = make(fake_nominatim, resolver, tmp_path).resolve("Sok", context="AM")
    finally:
        del ANSWERS["sok"]
    assert resolution.place.geonameid == 616041
    assert "Nominatim suggests Qqzzxv" in resolution.reason
    assert resolution.alternatives[-1].source == "nominatim"
