"""A local OpenID Connect provider for the sign-in tests: ``oidc-provider-mock`` (a test requirement) as a
subprocess on a free loopback port, its users given, polled until its discovery document answers, always stopped.

Its login form lists the given users as buttons; any client id and secret are accepted. ``secrets_toml`` writes the
``[auth]`` section a ``streamlit run`` needs to sign in through it (``{port}`` is Streamlit's own placeholder for the
port it serves on).
"""

from __future__ import annotations

import json
import os
import secrets
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

from dashboard.testing.devserver import free_port, stop_process


class OidcProvider:
    """``python -m oidc_provider_mock`` on 127.0.0.1; ``url`` is its issuer once it answers."""

    def __init__(self, users: list[dict], log: Path, timeout: float = 30):
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.log = log
        claims = [arg for user in users for arg in ("--user-claims", json.dumps(user))]
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "oidc_provider_mock", "--host", "127.0.0.1", "--port", str(self.port), *claims],
            env={**os.environ, "AUTHLIB_INSECURE_TRANSPORT": "1"},  # plain http: it is on loopback only
            stdout=log.open("wb"),
            stderr=subprocess.STDOUT,
        )
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError(f"oidc-provider-mock exited with {self.proc.returncode}:\n{self.output()}")
            try:
                with urllib.request.urlopen(self.metadata_url, timeout=2) as r:
                    if json.load(r).get("issuer") == self.url:
                        return
            except OSError:
                pass
            time.sleep(0.2)  # polling interval, not a wait for an effect
        self.stop()
        raise RuntimeError(f"oidc-provider-mock did not answer in {timeout}s:\n{self.output()}")

    @property
    def metadata_url(self) -> str:
        return f"{self.url}/.well-known/openid-configuration"

    def secrets_toml(self, path: Path, extra: str = "") -> Path:
        """Write a secrets file whose ``[auth]`` signs in through this provider; ``extra`` is appended as is."""
        path.write_text(
            "[auth]\n"
            'redirect_uri = "http://127.0.0.1:{port}/oauth2callback"\n'
            f'cookie_secret = "{secrets.token_hex(32)}"\n'
            'client_id = "incident-dashboard"\n'
            'client_secret = "test-client-secret"\n'
            f'server_metadata_url = "{self.metadata_url}"\n' + extra,
            encoding="utf-8",
        )
        return path

    def output(self) -> str:
        return self.log.read_text(errors="replace")[-4000:]

    def stop(self) -> None:
        stop_process(self.proc)
