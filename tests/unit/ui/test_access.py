"""Who may read and write (dashboard/ui/access.py): the bound address, [auth] and st.user decide; every case."""

from __future__ import annotations

import pytest

from dashboard.errors import ConfigurationError
from dashboard.ui import access

AUTH = {
    "redirect_uri": "https://incidents.example.org/oauth2callback",
    "cookie_secret": "a long random secret, 32 bytes or more",
    "client_id": "dashboard",
    "client_secret": "s3cret",
    "server_metadata_url": "https://id.example.org/.well-known/openid-configuration",
}
ANA = {"is_logged_in": True, "email": "ana@example.org", "name": "Ana Analyst", "sub": "42"}


@pytest.mark.parametrize(
    ("address", "loopback"),
    [
        ("127.0.0.1", True),
        ("127.1.2.3", True),
        ("::1", True),
        ("[::1]", True),
        ("localhost", True),
        (" LOCALHOST ", True),
        (None, False),  # unset: Streamlit listens on every interface
        ("", False),
        ("0.0.0.0", False),
        ("::", False),
        ("192.168.1.10", False),
        ("10.0.0.5", False),
        ("dashboard.internal", False),  # a name may resolve to a public interface
    ],
)
def test_only_a_loopback_address_counts_as_this_machine_only(address, loopback):
    assert access.is_loopback(address) is loopback


def test_without_auth_a_loopback_server_writes_with_typed_names_and_any_other_address_writes_nothing():
    local = access.decide(address="127.0.0.1", secrets={}, user={})
    assert (local.mode, local.can_write, local.can_read, local.typed_name) == ("local", True, True, True)
    for address in (None, "0.0.0.0", "192.168.1.10"):
        shared = access.decide(address=address, secrets={}, user=ANA)  # a user claim alone grants nothing
        assert (shared.mode, shared.can_write, shared.can_read, shared.typed_name) == ("locked", False, True, False)
        message = shared.blocked_message("add articles")
        assert "docs/deploy.md" in message and "[auth]" in message and "secrets.toml" in message
    assert "every network interface (server.address is unset)" in access.decide(
        address=None, secrets={}, user={}
    ).blocked_message("add articles")
    assert "address 0.0.0.0" in access.decide(address="0.0.0.0", secrets={}, user={}).blocked_message("x")


@pytest.mark.parametrize(
    ("headers", "why"),
    [
        (
            {"X-Forwarded-For": "203.0.113.5", "Host": "127.0.0.1:8501"},
            "this request came through a proxy (its x-forwarded-for header)",
        ),
        ({"Forwarded": "for=203.0.113.5;proto=https"}, "this request came through a proxy (its forwarded header)"),
        ({"X-Real-IP": "203.0.113.5"}, "this request came through a proxy (its x-real-ip header)"),
        ({"Host": "incidents.example.org"}, "this browser reached it as incidents.example.org"),
        ({"host": "192.168.1.10:8501"}, "this browser reached it as 192.168.1.10:8501"),
    ],
)
def test_a_loopback_server_reached_through_a_proxy_writes_nothing_without_sign_in(headers, why):
    out = access.decide(address="127.0.0.1", secrets={}, user={}, headers=headers)
    assert (out.mode, out.can_write, out.can_read) == ("locked", False, True)
    assert f"listens on address 127.0.0.1 but {why}" in out.blocked_message("add articles")
    signed = access.decide(address="127.0.0.1", secrets={"auth": AUTH}, user=ANA, headers=headers)
    assert signed.can_write  # with sign-in a proxy is the way to deploy it


@pytest.mark.parametrize(
    "headers",
    [{}, {"Host": "127.0.0.1:8501"}, {"Host": "localhost:8501"}, {"Host": "[::1]:8501"}, {"X-Forwarded-For": ""}],
)
def test_this_machines_own_browser_writes_with_a_typed_name(headers):
    assert access.decide(address="127.0.0.1", secrets={}, user={}, headers=headers).can_write


def test_with_auth_every_write_needs_a_signed_in_user_and_reading_too_unless_it_is_left_open():
    for address in ("127.0.0.1", None):  # sign-in applies whatever the address
        out = access.decide(address=address, secrets={"auth": AUTH}, user={"is_logged_in": False})
        assert (out.mode, out.can_write, out.can_read, out.needs_sign_in) == ("sign-in", False, False, True)
        assert out.blocked_message("add articles").startswith("Sign in to add articles")
        signed = access.decide(address=address, secrets={"auth": AUTH}, user=ANA)
        assert (signed.can_write, signed.can_read, signed.typed_name) == (True, True, False)
        assert signed.user.who == "Ana Analyst <ana@example.org>"
    open_map = access.decide(address=None, secrets={"auth": AUTH, "dashboard": {"open_reading": True}}, user={})
    assert (open_map.can_read, open_map.can_write) == (True, False)


def test_open_reading_comes_from_the_environment_first_then_the_secrets_and_a_bad_value_is_refused():
    secrets_on = {"auth": AUTH, "dashboard": {"open_reading": True}}
    assert access.decide(address=None, secrets={"auth": AUTH}, user={}, environ_open_reading="1").can_read
    assert access.decide(address=None, secrets={"auth": AUTH}, user={}, environ_open_reading="yes").can_read
    assert not access.decide(address=None, secrets=secrets_on, user={}, environ_open_reading="0").can_read
    with pytest.raises(ConfigurationError, match=r"DASHBOARD_OPEN_READING='maybe' is not a yes/no value"):
        access.decide(address=None, secrets={"auth": AUTH}, user={}, environ_open_reading="maybe")
    with pytest.raises(ConfigurationError, match=r"open_reading = 'true' \(str\) is not true or false"):
        access.decide(address=None, secrets={"auth": AUTH, "dashboard": {"open_reading": "true"}}, user={})


def test_the_identity_is_the_email_else_the_sub_and_the_name_is_for_display():
    assert access.identity(ANA) == access.Identity("ana@example.org", "Ana Analyst")
    assert access.identity({"is_logged_in": True, "sub": "user-7"}).who == "user-7"
    assert access.identity({"is_logged_in": True, "sub": "7", "name": "Bo"}).who == "Bo <7>"
    assert access.identity({"is_logged_in": True, "email": "x@y", "name": "x@y"}).who == "x@y"
    # the provider's text cannot forge a second identity or a line break in the audit trail
    odd = access.identity({"is_logged_in": True, "email": "e@x", "name": "Eve <boss@x>\nAdmin"})
    assert odd.who == "Eve boss@x Admin <e@x>"
    for nobody in ({}, {"is_logged_in": False, "email": "e@x"}, {"is_logged_in": "true", "email": "e@x"}):
        assert access.identity(nobody) is None
    assert access.identity({"is_logged_in": True, "name": "no id"}) is None
    no_id = access.decide(address=None, secrets={"auth": AUTH}, user={"is_logged_in": True, "name": "no id"})
    assert not no_id.can_write


def test_an_incomplete_auth_section_turns_writes_and_reading_off_and_names_what_is_missing():
    partial = {k: v for k, v in AUTH.items() if k not in ("cookie_secret", "server_metadata_url")}
    out = access.decide(address="127.0.0.1", secrets={"auth": partial}, user=ANA)
    assert (out.can_write, out.can_read, out.needs_sign_in) == (False, False, False)
    message = out.blocked_message("add articles")
    assert "[auth] cookie_secret is missing" in message and "[auth] server_metadata_url is missing" in message
    bad_redirect = access.auth_config({**AUTH, "redirect_uri": "https://x.org/"})
    assert bad_redirect.problems == (
        "[auth] redirect_uri 'https://x.org/' must be the app's address ending in /oauth2callback",
    )


def test_a_named_provider_is_the_one_sign_in_uses_and_several_are_refused():
    shared = {k: AUTH[k] for k in access.SHARED_KEYS}
    provider = {k: AUTH[k] for k in access.PROVIDER_KEYS}
    assert access.auth_config({**shared, "keycloak": provider}) == access.AuthConfig("keycloak", ())
    assert access.auth_config({**shared, "keycloak": {"client_id": "x"}}).problems == (
        "[auth.keycloak] client_secret is missing",
        "[auth.keycloak] server_metadata_url is missing",
    )
    two = access.auth_config({**shared, "a": provider, "b": provider})
    assert two.problems == ("[auth] names several providers (a, b); keep one",)
    assert access.auth_config(AUTH) == access.AuthConfig(None, ())
    assert access.auth_config(None) is None and access.auth_config({}) is None
