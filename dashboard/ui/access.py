"""Who may read and who may write, decided without Streamlit: the bound address, the secrets and the signed-in user
in; an ``Access`` (sign-in, typed names on this machine, or writes turned off, and why) out.

dashboard/ui/signin.py asks Streamlit for the three inputs and renders the answer; keeping the decision here makes
every case a plain unit test. The rules (docs/deploy.md):

- ``[auth]`` in the secrets (Streamlit's native OpenID Connect sign-in): every write needs a signed-in user, whose
  identity goes into the store; reading the map needs one too unless ``open_reading`` is on
  (``[dashboard] open_reading = true`` in the secrets, or ``DASHBOARD_OPEN_READING=1``).
- no ``[auth]``, bound to a loopback address (``make run``) and reached from this machine: as before sign-in
  existed, a typed name.
- no ``[auth]``, any other address (or none: Streamlit then listens on every interface), or a loopback server
  reached through a reverse proxy (forwarding headers, or a Host that is not this machine): writes are turned off.
"""

from __future__ import annotations

import ipaddress
import re
from collections.abc import Mapping
from dataclasses import dataclass

from dashboard.errors import ConfigurationError

DEPLOY_DOC = "docs/deploy.md"
SHARED_KEYS = ("redirect_uri", "cookie_secret")  # Streamlit's own, in [auth] itself
PROVIDER_KEYS = ("client_id", "client_secret", "server_metadata_url")  # in [auth], or in one [auth.NAME]
_TRUE, _FALSE = {"1", "true", "yes", "on"}, {"0", "false", "no", "off", ""}
FORWARDING_HEADERS = ("forwarded", "x-forwarded-for", "x-forwarded-host", "x-real-ip")


def is_loopback(address: str | None) -> bool:
    """True only for an address no other machine can connect to. Unset or empty is every interface: not loopback."""
    if not address or not address.strip():
        return False
    host = address.strip().strip("[]").lower()
    if host in ("localhost", "localhost.localdomain"):
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:  # a host name: it may resolve to a public interface
        return False


def proxied(headers: Mapping[str, str]) -> str:
    """Why a request to a loopback server did not come from this machine's own browser ('' when it did): a
    reverse proxy's forwarding header, or a Host header that names another machine. A proxy makes a 127.0.0.1
    server public, so the loopback rule must not trust the bound address alone."""
    lower = {str(k).lower(): str(v) for k, v in headers.items()}
    for name in FORWARDING_HEADERS:
        if lower.get(name, "").strip():
            return f"this request came through a proxy (its {name} header)"
    host = lower.get("host", "").strip()
    name = host[1 : host.find("]")] if host.startswith("[") else host.rsplit(":", 1)[0]
    if host and not is_loopback(name):
        return f"this browser reached it as {host}"
    return ""


def open_reading(secrets: Mapping, environ_value: str | None) -> bool:
    """Whether the map may be read without signing in: ``DASHBOARD_OPEN_READING`` when set, else the secrets'
    ``[dashboard] open_reading``; off by default."""
    if environ_value is not None:
        value = environ_value.strip().lower()
        if value not in _TRUE | _FALSE:
            raise ConfigurationError(
                f"DASHBOARD_OPEN_READING={environ_value!r} is not a yes/no value (expected 1/0, true/false, yes/no)"
            )
        return value in _TRUE
    setting = (secrets.get("dashboard") or {}).get("open_reading", False)
    if not isinstance(setting, bool):
        raise ConfigurationError(
            f"secrets [dashboard] open_reading = {setting!r} ({type(setting).__name__}) is not true or false"
        )
    return setting


@dataclass(frozen=True)
class AuthConfig:
    """The ``[auth]`` section as ``st.login`` will read it: which provider to name, and what is missing."""

    provider: str | None  # None: the settings are in [auth] itself; else st.login(provider) reads [auth.NAME]
    problems: tuple[str, ...] = ()


def auth_config(section: Mapping | None) -> AuthConfig | None:
    """None without an ``[auth]`` section; else its provider and every missing setting (named, so an administrator
    can fix the secrets file without reading Streamlit's source)."""
    if not section:
        return None
    problems = [f"[auth] {k} is missing" for k in SHARED_KEYS if not str(section.get(k) or "").strip()]
    named = sorted(k for k, v in section.items() if isinstance(v, Mapping))
    if any(section.get(k) for k in PROVIDER_KEYS) or not named:
        provider, settings, where = None, section, "[auth]"
    elif len(named) == 1:
        provider, settings, where = named[0], section[named[0]], f"[auth.{named[0]}]"
    else:  # which one would the Sign in button use? Say so rather than pick one.
        return AuthConfig(None, (*problems, f"[auth] names several providers ({', '.join(named)}); keep one"))
    problems += [f"{where} {k} is missing" for k in PROVIDER_KEYS if not str(settings.get(k) or "").strip()]
    redirect = str(section.get("redirect_uri") or "")
    if redirect and not redirect.rstrip("/").endswith("/oauth2callback"):
        problems.append(f"[auth] redirect_uri {redirect!r} must be the app's address ending in /oauth2callback")
    return AuthConfig(provider, tuple(problems))


@dataclass(frozen=True)
class Identity:
    """A signed-in analyst: ``id`` is the provider's email claim, else its ``sub``; ``name`` is for display."""

    id: str
    name: str = ""

    @property
    def who(self) -> str:
        """What the store and the audit trail keep: ``Name <email>``, or the id alone when there is no name."""
        return f"{self.name} <{self.id}>" if self.name and self.name != self.id else self.id


def identity(user: Mapping) -> Identity | None:
    """The identity ``st.user`` holds, or None when nobody is signed in (or the token names nobody)."""
    if user.get("is_logged_in") is not True:
        return None
    ident = _clean(user.get("email")) or _clean(user.get("sub"))
    if not ident:
        return None
    return Identity(ident, _clean(user.get("name")))


def _clean(value) -> str:
    # Claims are the provider's text; the audit trail's "Name <id>" must stay readable and one line.
    return " ".join(re.sub(r"[\x00-\x1f\x7f<>]", " ", str(value or "")).split())


@dataclass(frozen=True)
class Access:
    """What this session may do. ``mode``: ``sign-in`` ([auth] is set), ``local`` (loopback, typed names) or
    ``locked`` (a shared address without sign-in: no writes)."""

    mode: str
    address: str | None = None
    user: Identity | None = None
    provider: str | None = None
    problems: tuple[str, ...] = ()
    open_reading: bool = False
    proxy: str = ""  # locked although loopback: how the request came from elsewhere (``proxied``)

    @property
    def can_write(self) -> bool:
        return self.mode == "local" or (self.mode == "sign-in" and not self.problems and self.user is not None)

    @property
    def can_read(self) -> bool:
        return self.mode != "sign-in" or self.open_reading or (self.user is not None and not self.problems)

    @property
    def typed_name(self) -> bool:
        """True where the analyst types their name (loopback, no sign-in); signed-in writes carry the identity."""
        return self.mode == "local"

    @property
    def needs_sign_in(self) -> bool:
        """True where signing in is what is missing (so a Sign in button helps)."""
        return self.mode == "sign-in" and not self.problems and self.user is None

    def blocked_message(self, action: str) -> str:
        """Why ``action`` ("add articles", "read the map") is not possible here, and what fixes it."""
        if self.mode == "locked":
            where = f"address {self.address}" if self.address else "every network interface (server.address is unset)"
            if self.proxy:
                where += f" but {self.proxy}"
            return (
                f"Sign-in is not configured, and this dashboard listens on {where}, so anyone who can reach it "
                f"could change the store: pages that write are turned off. To {action}, configure sign-in "
                f"(an [auth] section in .streamlit/secrets.toml, see {DEPLOY_DOC} in the project folder), or run it "
                "for yourself on this machine only (make run, which listens on 127.0.0.1)."
            )
        if self.problems:
            return (
                f"Sign-in is configured but incomplete, so nobody can {action}: "
                + "; ".join(self.problems)
                + f". See {DEPLOY_DOC} in the project folder."
            )
        return f"Sign in to {action}: what you change is kept with your identity in the audit trail."


def decide(
    *,
    address: str | None,
    secrets: Mapping,
    user: Mapping,
    environ_open_reading: str | None = None,
    headers: Mapping[str, str] | None = None,
) -> Access:
    """This session's access from Streamlit's ``server.address``, the secrets (``[auth]``, ``[dashboard]``),
    ``st.user`` and the request's headers; raises ConfigurationError for a bad ``open_reading`` value."""
    auth = auth_config(secrets.get("auth"))
    reading = open_reading(secrets, environ_open_reading)
    if auth is not None:
        return Access("sign-in", address, identity(user), auth.provider, auth.problems, reading)
    if not is_loopback(address):
        return Access("locked", address, open_reading=reading)
    proxy = proxied(headers or {})
    return Access("locked" if proxy else "local", address, open_reading=reading, proxy=proxy)
