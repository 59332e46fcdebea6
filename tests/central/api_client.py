"""An HTTP client for the /api/v1 API and request builders the central tests share."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime
from typing import Any

import requests
from central_harness import Mpp, ThreadServer
from sqlalchemy import func, select

from mpp_core.domain.clock import service_day

API = "/api/v1"


class Client:
    def __init__(self, server: ThreadServer, token: str | None) -> None:
        self.base = server.url + API
        self.s = requests.Session()
        if token is not None:
            self.s.headers["Authorization"] = f"Bearer {token}"

    def get(self, path: str, **kw: Any) -> requests.Response:
        return self.s.get(self.base + path, timeout=10, **kw)

    def post(self, path: str, body: Any = None, **kw: Any) -> requests.Response:
        if body is not None:
            kw["json"] = body
        return self.s.post(self.base + path, timeout=10, **kw)

    def allocate(
        self,
        service: str = "ktp-el-baru",
        priority: str | None = None,
        ticket_id: str | None = None,
    ) -> requests.Response:
        return self.post(
            "/tickets/allocate",
            {
                "ticket_id": ticket_id or str(uuid.uuid4()),
                "request_id": uuid.uuid4().hex,
                "service_code": service,
                "priority": priority,
            },
        )


def uid() -> str:
    return str(uuid.uuid4())


def today() -> str:
    return service_day(datetime.now(UTC)).isoformat()


def count(mpp: Mpp, model: Any) -> int:
    with mpp.db.read() as s:
        return int(s.scalar(select(func.count()).select_from(model)) or 0)


def lease(
    client: Client,
    *,
    key: str | None = None,
    day: str | None = None,
    series: str = "R",
    size: int = 10,
    gerai: str = "dukcapil",
) -> dict[str, Any]:
    r = client.post(
        "/leases",
        {
            "requests": [
                {
                    "key": key or uid(),
                    "gerai_code": gerai,
                    "service_day": day or today(),
                    "series": series,
                    "size": size,
                }
            ]
        },
    )
    assert r.status_code == 200, r.text
    return dict(r.json()["leases"][0])


def ticket(
    seq: int,
    *,
    source: str = "lease",
    tid: str | None = None,
    day: str | None = None,
    issued: datetime | None = None,
    lease_id: int | None = None,
    series: str = "R",
) -> dict[str, Any]:
    return {
        "ticket_id": tid or uid(),
        "request_id": uuid.uuid4().hex,
        "gerai_code": "dukcapil",
        "service_code": "ktp-el-baru",
        "prefix": "A",
        "series": series,
        "seq": seq,
        "service_day": day or today(),
        "issued_at": (issued or datetime.now(UTC)).isoformat(),
        "source": source,
        "lease_id": lease_id,
    }


def upload(client: Client, *tickets: dict[str, Any]) -> list[dict[str, Any]]:
    r = client.post("/tickets/batch", {"tickets": list(tickets)})
    assert r.status_code == 200, r.text
    return list(r.json()["results"])
