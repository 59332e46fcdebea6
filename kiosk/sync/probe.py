"""The doctor's look at the central server: reachable, TLS valid, token accepted, and the
kiosk clock's offset from the server's (``kiosk.usecases.doctor`` takes it as its
``server_check``: the use cases do not import the sync client)."""

from __future__ import annotations

from dataclasses import replace

from kiosk.sync.client import ApiClient, ClockCorrector, Rejected, Unauthorized, Unreachable
from kiosk.sync.settings import parse_server_settings
from kiosk.usecases.doctor import Check, DoctorContext, Status


def check_server(ctx: DoctorContext) -> tuple[list[Check], float | None]:
    server = ctx.config.server
    if not server:
        return [Check("server", Status.PASS, "no central server configured: local numbers")], None
    settings, problems = parse_server_settings(server)
    if settings is None:
        return [Check("server", Status.FAIL, f"[server] unusable: {problems[:1]}")], None
    settings = replace(settings, retries=0)
    corrector = ClockCorrector(None)
    client = ApiClient(settings, corrector=corrector)
    out: list[Check] = []
    https = settings.url.startswith("https://")
    try:
        client.request("GET", "/health", deadline_s=ctx.server_timeout_s)
        out.append(Check("server", Status.PASS, f"{settings.url} answers"))
        out.append(
            Check("tls", Status.PASS, "certificate valid" if https else "plain http (no TLS)")
        )
    except Unreachable as exc:
        tls = "SSL" in str(exc)
        out.append(
            Check(
                "server",
                Status.FAIL,
                f"{settings.url}: {exc}",
                "check the network and the server's address",
            )
        )
        if https:
            out.append(
                Check(
                    "tls",
                    Status.FAIL if tls else Status.WARN,
                    "certificate refused" if tls else "not checked (no connection)",
                    "ca_file in [server], or the server's certificate",
                )
            )
        client.close()
        return out, None
    except Rejected as exc:
        out.append(Check("server", Status.WARN, f"{settings.url}: {exc}"))
    try:
        client.request("GET", "/kiosk", deadline_s=ctx.server_timeout_s)
        out.append(Check("token", Status.PASS, "the server accepts this kiosk's token"))
    except Unauthorized:
        out.append(
            Check(
                "token",
                Status.FAIL,
                "the server refuses this kiosk's token",
                "mpp-central kiosk add on the server; the new token in [server]",
            )
        )
    except (Rejected, Unreachable) as exc:
        out.append(Check("token", Status.WARN, f"not checked: {exc}"))
    finally:
        client.close()
    return out, corrector.offset_s if corrector.samples else None
