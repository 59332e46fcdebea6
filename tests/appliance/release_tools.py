"""Building the release for the appliance tests: the wheel and sdist with ``python -m build``
from a clean copy of the sources, and variants of the wheel for the update tests (a later
version with one more migration, a later version that does not start)."""

from __future__ import annotations

import base64
import hashlib
import re
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
NOT_SOURCES = shutil.ignore_patterns(
    ".git", ".venv*", "__pycache__", "*_cache", ".import_linter_cache", "build", "dist",
    "*.egg-info", "out", "screenshots",
)  # fmt: skip


def build_release(out: Path) -> tuple[Path, Path]:
    """(wheel, sdist) built by ``python -m build`` (the wheel from the sdist, as a release
    is made), from a copy of the sources so nothing left in the tree leaks in."""
    src = out / "src"
    shutil.copytree(ROOT, src, ignore=NOT_SOURCES)
    dist = out / "dist"
    r = subprocess.run(
        [sys.executable, "-m", "build", "--outdir", str(dist), str(src)],
        capture_output=True,
        text=True,
        timeout=900,
    )
    assert r.returncode == 0, r.stdout[-3000:] + r.stderr[-3000:]
    [wheel] = dist.glob("mpp_kiosk-*.whl")
    [sdist] = dist.glob("mpp_kiosk-*.tar.gz")
    return wheel, sdist


def _record_line(name: str, data: bytes) -> str:
    digest = base64.urlsafe_b64encode(hashlib.sha256(data).digest()).rstrip(b"=").decode()
    return f"{name},sha256={digest},{len(data)}"


def wheel_variant(
    wheel: Path,
    version: str,
    out: Path,
    *,
    changes: dict[str, str | None] | None = None,
) -> Path:
    """A copy of ``wheel`` as ``version``, with files replaced, added (text) or removed
    (None), and its RECORD written again."""
    changes = dict(changes or {})
    with zipfile.ZipFile(wheel) as z:
        files = {n: z.read(n) for n in z.namelist()}
    old_info = next(n.split("/")[0] for n in files if n.endswith(".dist-info/METADATA"))
    old_version = old_info.removeprefix("mpp_kiosk-").removesuffix(".dist-info")
    new_info = f"mpp_kiosk-{version}.dist-info"
    renamed: dict[str, bytes] = {}
    for name, data in files.items():
        if name.startswith(old_info + "/"):
            name = new_info + name[len(old_info) :]
            if name.endswith("/METADATA"):
                data = re.sub(rb"^Version: .*$", f"Version: {version}".encode(), data, flags=re.M)
        renamed[name] = data
    for name, text in changes.items():
        if text is None:
            renamed.pop(name, None)
        else:
            renamed[name] = text.encode("utf-8")
    record = f"{new_info}/RECORD"
    renamed.pop(record, None)
    lines = [_record_line(n, d) for n, d in sorted(renamed.items())] + [f"{record},,"]
    renamed[record] = ("\n".join(lines) + "\n").encode()
    target = out / wheel.name.replace(old_version, version)
    out.mkdir(parents=True, exist_ok=True)
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in renamed.items():
            z.writestr(name, data)
    return target


def read_member(wheel: Path, name: str) -> str:
    with zipfile.ZipFile(wheel) as z:
        return z.read(name).decode("utf-8")


def with_one_more_migration(wheel: Path, version: str, out: Path) -> Path:
    """The next release: one more (additive) migration on top of this wheel's newest."""
    db = read_member(wheel, "kiosk/store/db.py")
    head = re.search(r'^HEAD_REVISION = "([^"]+)"', db, re.M)
    assert head is not None
    migration = f'''"""the next release's own migration (test)

Revision ID: next
Revises: {head.group(1)}
"""

from alembic import op

revision = "next"
down_revision = "{head.group(1)}"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index("ix_ticket_kiosk_next", "ticket", ["kiosk_id"])


def downgrade() -> None:
    op.drop_index("ix_ticket_kiosk_next", "ticket")
'''
    return wheel_variant(
        wheel,
        version,
        out,
        changes={
            "kiosk/store/db.py": db.replace(
                f'HEAD_REVISION = "{head.group(1)}"', 'HEAD_REVISION = "next"'
            ),
            "kiosk/store/migrations/versions/9999_next.py": migration,
        },
    )


def that_does_not_start(wheel: Path, version: str, out: Path) -> Path:
    """A release whose kiosk dies at start (its migrations still run)."""
    app = read_member(wheel, "kiosk/app.py")
    return wheel_variant(
        wheel,
        version,
        out,
        changes={"kiosk/app.py": app + '\nraise RuntimeError("a broken release")\n'},
    )
