"""A server-only install (``pip install ".[central]"``, docs/sync.md) needs no kiosk package.

Two proofs. What the project declares: base + ``central`` requirements, followed through every
installed distribution's own requirements, reach none of the kiosk's packages (Qt, the printer
libraries, Pillow, qrcode, pyusb, pyserial), and yet cover every third-party module that
``central`` and ``mpp_core`` import. What actually runs: a real ``python -m central`` process,
in an interpreter where every module outside that declared set cannot be imported (as if it were
not installed), creates its SQLite database, takes a catalog and a kiosk through the CLI, answers
real HTTP requests (health, catalog, a queue number), and has loaded none of those modules.
"""

from __future__ import annotations

import ast
import json
import os
import signal
import subprocess
import sys
import tomllib
from collections.abc import Iterable
from importlib.metadata import PackageNotFoundError, packages_distributions, requires
from pathlib import Path

import pytest
import requests
from central_harness import PYTHON, REPO, ServerProcess, write_catalog
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

from central import __version__

# The kiosk's own packages: none may be needed by, or loaded into, the server.
KIOSK_DISTRIBUTIONS = {
    "pyside6",
    "pyside6-essentials",
    "pyside6-addons",
    "shiboken6",
    "python-escpos",
    "pillow",
    "qrcode",
    "pyusb",
    "pyserial",
}
KIOSK_MODULES = ("PySide6", "shiboken6", "escpos", "PIL", "qrcode", "usb", "serial")
OWN_PACKAGES = {"central", "kiosk", "mpp_core"}
# What `python -m venv` puts in every environment, server or not.
VENV_DISTRIBUTIONS = {"pip", "setuptools", "wheel"}

# Loaded at start-up through PYTHONPATH: modules named in MPP_TEST_BLOCKED cannot be imported
# (ModuleNotFoundError, as when they are not installed); at exit the top-level names of every
# loaded module are written to MPP_TEST_MODULES_REPORT.
SITECUSTOMIZE = """
import atexit, json, os, sys

_BLOCKED = frozenset(os.environ["MPP_TEST_BLOCKED"].split(","))
_attempts = []


class _NotInstalled:
    @staticmethod
    def find_spec(name, path=None, target=None):
        if name.partition(".")[0] in _BLOCKED:
            _attempts.append(name)
            message = f"No module named {name!r} (blocked: server-only test)"
            raise ModuleNotFoundError(message, name=name)
        return None


sys.meta_path.insert(0, _NotInstalled)


@atexit.register
def _report():
    path = os.environ.get("MPP_TEST_MODULES_REPORT")
    if path:
        loaded = sorted({m.partition(".")[0] for m in list(sys.modules)})
        modules = sorted(m for m in list(sys.modules) if m.startswith(("central", "uvicorn")))
        with open(path, "w") as fh:
            json.dump({"loaded": loaded, "modules": modules, "blocked_attempts": _attempts}, fh)
"""


# ---------------------------------------------------------------------------- declarations


def _declared(*extras: str) -> list[Requirement]:
    """The project's base requirements plus those of ``extras``, from pyproject.toml."""
    project = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    lines = list(project["dependencies"])
    for extra in extras:
        lines += project["optional-dependencies"][extra]
    reqs = [Requirement(line) for line in lines]
    return [r for r in reqs if r.marker is None or r.marker.evaluate({"extra": ""})]


def _closure(roots: Iterable[Requirement]) -> tuple[set[str], set[str]]:
    """Every distribution ``roots`` need, following the installed distributions' own
    requirements (with the extras asked for); and the ones that are not installed."""
    seen: set[tuple[str, frozenset[str]]] = set()
    missing: set[str] = set()
    todo = list(roots)
    while todo:
        req = todo.pop()
        key = (canonicalize_name(req.name), frozenset(req.extras))
        if key in seen:
            continue
        seen.add(key)
        try:
            found = requires(req.name) or []
        except PackageNotFoundError:
            missing.add(key[0])
            continue
        for line in found:
            sub = Requirement(line)
            extras = req.extras or {""}
            if sub.marker is None or any(sub.marker.evaluate({"extra": e}) for e in extras):
                todo.append(sub)
    return {name for name, _ in seen}, missing


def _server_distributions() -> set[str]:
    names, missing = _closure(_declared("central"))
    assert not missing, f"declared but not installed here: {sorted(missing)}"
    return names | VENV_DISTRIBUTIONS | {"mpp-kiosk"}


def _third_party_imports(*packages: str) -> dict[str, str]:
    """Top-level third-party modules imported anywhere in ``packages`` -> one file doing it."""
    out: dict[str, str] = {}
    for package in packages:
        for path in sorted((REPO / package).rglob("*.py")):
            tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
            for node in ast.walk(tree):
                if isinstance(node, ast.Import):
                    names = [a.name for a in node.names]
                elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                    names = [node.module]
                else:
                    continue
                for name in names:
                    top = name.partition(".")[0]
                    if top in sys.stdlib_module_names or top in OWN_PACKAGES | {"__future__"}:
                        continue
                    out.setdefault(top, str(path.relative_to(REPO)))
    return out


def test_the_server_install_declares_no_kiosk_package() -> None:
    server = _server_distributions()
    assert not server & KIOSK_DISTRIBUTIONS, sorted(server & KIOSK_DISTRIBUTIONS)
    # The same walk does find them from the kiosk's extra (escpos brings Pillow and qrcode):
    # the empty answer above is not an empty walk.
    kiosk, _ = _closure(_declared("kiosk"))
    assert KIOSK_DISTRIBUTIONS - {"pyside6"} <= kiosk, sorted(KIOSK_DISTRIBUTIONS - kiosk)


def test_the_server_install_declares_everything_the_server_imports() -> None:
    server = _server_distributions()
    owners = packages_distributions()
    imported = _third_party_imports("central", "mpp_core")
    assert {"fastapi", "uvicorn", "sqlalchemy", "alembic", "pydantic"} <= set(imported)
    undeclared = {
        module: where
        for module, where in imported.items()
        if not {canonicalize_name(d) for d in owners.get(module, [])} & server
    }
    assert undeclared == {}, "imported by the server but not in its install: " + ", ".join(
        f"{m} ({w})" for m, w in sorted(undeclared.items())
    )


# ---------------------------------------------------------------------------- a real server


def _not_installed_on_a_server() -> set[str]:
    """Top-level modules of every installed distribution outside the server's install."""
    server = _server_distributions()
    blocked = {
        module
        for module, dists in packages_distributions().items()
        if not {canonicalize_name(d) for d in dists} & server
    }
    return (blocked | set(KIOSK_MODULES)) - OWN_PACKAGES


@pytest.fixture
def server_only_env(tmp_path: Path) -> dict[str, str]:
    """Environment variables for an interpreter that behaves like a server-only install."""
    site = tmp_path / "site"
    site.mkdir()
    (site / "sitecustomize.py").write_text(SITECUSTOMIZE, encoding="utf-8")
    path = os.pathsep.join(p for p in (str(site), os.environ.get("PYTHONPATH")) if p)
    return {"PYTHONPATH": path, "MPP_TEST_BLOCKED": ",".join(sorted(_not_installed_on_a_server()))}


def _run(args: list[str], env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [PYTHON, *args],
        cwd=REPO,
        env={**os.environ, **env},
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_the_blocker_blocks(server_only_env: dict[str, str]) -> None:
    """Every kiosk module imports here, and none in the server-only interpreter."""
    probe = "import importlib, sys; importlib.import_module(sys.argv[1])"
    for module in KIOSK_MODULES:
        assert _run(["-c", probe, module], {}).returncode == 0, f"{module} is not installed"
        blocked = _run(["-c", probe, module], server_only_env)
        assert blocked.returncode == 1, module
        assert f"No module named '{module}' (blocked: server-only test)" in blocked.stderr


@pytest.mark.slow
def test_a_server_only_interpreter_serves_numbers(
    server_only_env: dict[str, str], tmp_path: Path
) -> None:
    database = tmp_path / "data" / "central.db"
    report = tmp_path / "modules.json"
    env = {**server_only_env, "MPP_TEST_MODULES_REPORT": str(report)}
    server = ServerProcess(str(database), tmp_path / "server.log", env=env)
    reports = [report]
    assert not database.exists()
    try:
        server.start(timeout=60)
        assert database.exists()  # the server created and migrated it
        health = requests.get(f"{server.url}/api/v1/health", timeout=10)
        assert health.status_code == 200
        assert health.json()["status"] == "ok"
        assert health.json()["database"] == "sqlite"
        assert health.json()["version"] == __version__

        # The operator's commands, in the same kind of interpreter, on the server's database.
        catalog = write_catalog(tmp_path / "catalog", version="server-only-1")
        cli_env = {**server_only_env, "MPP_CENTRAL_DATABASE": str(database)}
        commands = {
            "import": ["catalog", "import", str(catalog)],
            "publish": ["catalog", "publish"],
            "kiosk-add": ["kiosk", "add", "lobby-1", "--url", server.url],
        }
        for name, command in commands.items():
            cli_env["MPP_TEST_MODULES_REPORT"] = str(tmp_path / f"modules-{name}.json")
            done = _run(["-m", "central", *command], cli_env)
            assert done.returncode == 0, done.stderr
            reports.append(Path(cli_env["MPP_TEST_MODULES_REPORT"]))
        added = done
        token = next(
            line.split('"')[1] for line in added.stdout.splitlines() if line.startswith("token")
        )

        auth = {"Authorization": f"Bearer {token}"}
        answer = requests.get(f"{server.url}/api/v1/catalog", headers=auth, timeout=10)
        assert answer.status_code == 200, answer.text
        doc = answer.json()
        assert doc["version"] == "server-only-1"
        assert answer.headers["ETag"] == f'"{doc["etag"]}"'
        assert "mpp.json" in doc["files"]

        number = requests.post(
            f"{server.url}/api/v1/tickets/allocate",
            headers=auth,
            json={
                "ticket_id": "6f1c2e0a-0000-4000-8000-000000000001",
                "request_id": "server-only",
                "service_code": "ktp-el-baru",
            },
            timeout=10,
        )
        assert number.status_code == 200, number.text
        ticket = number.json()
        assert (ticket["seq"], ticket["series"], ticket["replayed"]) == (1, "R", False)
        assert ticket["display"] == f"{ticket['prefix']}-001"
        # Ctrl+C: uvicorn shuts down, then raises the signal again, which Python turns into
        # KeyboardInterrupt, so the interpreter exits normally and writes its report. (After
        # SIGTERM it would die of the signal, without running exit handlers.)
        assert server.proc is not None
        server.proc.send_signal(signal.SIGINT)
        server.proc.wait(60)
    finally:
        server.stop()
    assert report.exists(), "the server did not exit normally: " + server.log_text()[-2000:]
    seen = json.loads(report.read_text(encoding="utf-8"))
    assert {"central", "uvicorn", "fastapi", "sqlalchemy"} <= set(seen["loaded"])
    assert "central.api" in seen["modules"] and "central.numbering.allocation" in seen["modules"]
    assert len(reports) == 4  # the server and the three commands
    for path in reports:
        loaded = set(json.loads(path.read_text(encoding="utf-8"))["loaded"])
        assert "central" in loaded, path.name
        assert not loaded & {*KIOSK_MODULES, "kiosk"}, (
            path.name,
            loaded & {*KIOSK_MODULES, "kiosk"},
        )
