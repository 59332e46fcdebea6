"""Helpers for the web pages' tests: accounts, signing in, a loket's actions, SSE events."""

from __future__ import annotations

import json
import re
import uuid
from datetime import UTC, datetime
from typing import Any

import httpx
import requests

from central.accounts.users import add_user
from central.db import Database
from mpp_core.wire.status_link import decode_key, mint_status_token, status_url

PASSWORD = "kata-sandi-uji-123"


def petugas(db: Database, name: str, gerai: str = "dukcapil", loket: int = 1, **kw: Any) -> None:
    add_user(
        db,
        name,
        "petugas",
        "test",
        datetime.now(UTC),
        password=PASSWORD,
        gerai=gerai,
        loket=loket,
        **kw,
    )


def display(db: Database, name: str = "tv", mpp: str = "test") -> str:
    _user, token = add_user(db, name, "display", mpp, datetime.now(UTC))
    assert token is not None
    return token


def pre_token(s: requests.Session, base: str, path: str = "/login") -> str:
    r = s.get(base + path, timeout=10)
    found = re.search(r'name="pre" value="([^"]+)"', r.text)
    assert found, r.text[:500]
    return found.group(1)


def login(base: str, name: str, password: str = PASSWORD) -> tuple[requests.Session, str]:
    """A signed-in session and its CSRF token."""
    s = requests.Session()
    pre = pre_token(s, base)
    r = s.post(
        base + "/login",
        data={"pre": pre, "username": name, "password": password},
        allow_redirects=False,
        timeout=10,
    )
    assert r.status_code == 303, r.text[:500]
    page = s.get(base + "/petugas", timeout=10)
    found = re.search(r'name="csrf" value="([^"]+)"', page.text)
    return s, found.group(1) if found else ""


def pair(base: str, token: str) -> requests.Session:
    s = requests.Session()
    pre = pre_token(s, base, "/board/pair")
    r = s.post(
        base + "/board/pair", data={"pre": pre, "token": token}, allow_redirects=False, timeout=10
    )
    assert r.status_code == 303, r.text[:300]
    return s


def act(s: requests.Session, base: str, csrf: str, action: str, **extra: str) -> requests.Response:
    return s.post(
        base + "/petugas/act",
        data={"csrf": csrf, "action": action, **extra},
        headers={"X-Requested-With": "fetch"},
        timeout=10,
    )


def status_link(base: str, kiosk_token: str, ticket_id: str) -> str:
    """The status URL exactly as the kiosk will print it in a slip's QR code."""
    r = requests.get(
        base + "/api/v1/kiosk/status-key",
        headers={"Authorization": f"Bearer {kiosk_token}"},
        timeout=10,
    )
    r.raise_for_status()
    doc = r.json()
    token = mint_status_token(decode_key(doc["key"]), doc["key_id"], ticket_id)
    return status_url(doc["status_url_base"] or base, token)


def new_id() -> str:
    return str(uuid.uuid4())


class Events:
    """An SSE stream read with a deadline: ``next(event_name)`` -> the data of that event."""

    def __init__(self, url: str, cookies: Any = None, timeout: float = 10.0) -> None:
        self.client = httpx.Client(cookies=cookies, timeout=httpx.Timeout(timeout))
        self.cm = self.client.stream("GET", url)
        self.response = self.cm.__enter__()
        self.lines = self.response.iter_lines()

    def next(self, name: str, match: str | None = None) -> str:
        event, data = None, []
        for line in self.lines:
            if line.startswith("event:"):
                event = line[6:].strip()
            elif line.startswith("data:"):
                data.append(line[5:].removeprefix(" "))
            elif line == "":
                text = "\n".join(data)
                if event == name and (match is None or match in text):
                    return text
                event, data = None, []
        raise AssertionError(f"stream ended before {name!r}")

    def json(self, name: str) -> Any:
        return json.loads(self.next(name))

    def close(self) -> None:
        self.cm.__exit__(None, None, None)
        self.client.close()
