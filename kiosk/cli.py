"""``mpp-kiosk``: run the kiosk, and the tools around it (catalog, screenshots, printer)."""

from __future__ import annotations

import argparse
import json
import sys
from dataclasses import replace
from pathlib import Path

from kiosk.settings.kiosk import default_config_path
from mpp_core.version import app_version


class NoDatabase(SystemExit):
    """The config names no database that can be trusted, and none was given."""


def chosen_database(args: argparse.Namespace) -> Path | None:
    """``--database FILE``, or ``--data-dir DIR``'s ``kiosk.db``; None: the config's."""
    if args.database:
        return Path(args.database)
    if args.data_dir:
        return Path(args.data_dir) / "kiosk.db"
    return None


def database_path(args: argparse.Namespace) -> Path:
    """The database every command uses: the one chosen on the command line, else the
    config's. A config that names none that can be trusted (see ``load_kiosk_config``) is
    refused rather than replaced by the default path."""
    from kiosk.config import BAD_DATABASE, load_kiosk_config

    chosen = chosen_database(args)
    if chosen is not None:
        return chosen
    config, problems, blocked = load_kiosk_config(Path(args.config))
    if blocked in (BAD_DATABASE, "CONFIG-UNREADABLE", "CONFIG-INVALID"):
        first = problems[0] if problems else blocked
        print(f"{args.config} cannot be used ({first}); give --database FILE", file=sys.stderr)
        raise NoDatabase(2)
    return config.database_path()


def _engine_and_catalog(args: argparse.Namespace):  # type: ignore[no-untyped-def]
    from kiosk.store.db import open_database
    from kiosk.store.uow import UnitOfWorkFactory
    from kiosk.usecases.catalog import CatalogStore

    engine = open_database(database_path(args))
    return engine, CatalogStore(UnitOfWorkFactory(engine))


def cmd_run(args: argparse.Namespace) -> int:
    from kiosk.app import run

    return run(Path(args.config), windowed=args.windowed, database=chosen_database(args))


def cmd_db_migrate(args: argparse.Namespace) -> int:
    """Bring the database to this release's schema (``mpp-kiosk update`` runs it)."""
    from kiosk.store.db import close_database, current_revision, open_database

    path = database_path(args)
    engine = open_database(path)
    revision = current_revision(engine)
    close_database(engine)
    print(f"{path}: schema {revision}")
    return 0


def cmd_doctor(args: argparse.Namespace) -> int:
    from kiosk.config import load_kiosk_config
    from kiosk.sync.probe import check_server
    from kiosk.usecases.doctor import DoctorContext, as_json, exit_code, run_checks

    path = Path(args.config)
    config, problems, blocked = load_kiosk_config(path)
    chosen = chosen_database(args)
    if chosen is not None:
        config = replace(config, database=str(chosen))
    ctx = DoctorContext(path, config, problems, blocked, server_check=check_server)
    checks = run_checks(ctx, quick=args.quick)
    if args.json:
        print(as_json(checks))
    else:
        for c in checks:
            print(c.line())
        fails = sum(c.status.value == "FAIL" for c in checks)
        warns = sum(c.status.value == "WARN" for c in checks)
        print(f"{len(checks)} checks: {fails} FAIL, {warns} WARN")
    return exit_code(checks)


def cmd_support_bundle(args: argparse.Namespace) -> int:
    from kiosk.sync.probe import check_server
    from kiosk.usecases.support_bundle import write_bundle

    path = write_bundle(
        Path(args.config),
        Path(args.out),
        database=chosen_database(args),
        days=args.days,
        server_check=check_server,
    )
    print(f"Wrote {path} (secrets redacted; see README.txt inside)")
    return 0


def cmd_catalog_stats(args: argparse.Namespace) -> int:
    _engine, store = _engine_and_catalog(args)
    cat = store.load()
    rows = [
        {
            "order": g.order,
            "prefix": g.prefix,
            "code": g.code,
            "name": g.name,
            "state": g.state.value,
            "services": len(g.services),
        }
        for g in cat.gerai
    ]
    total = sum(r["services"] for r in rows)
    if args.json:
        print(
            json.dumps(
                {
                    "catalog_version": cat.version,
                    "gerai": len(rows),
                    "services": total,
                    "per_gerai": rows,
                },
                ensure_ascii=False,
                indent=2,
            )
        )
        return 0
    print(f"Catalog {cat.version}: {len(rows)} gerai, {total} services")
    for r in rows:
        print(
            f"  {r['order']:>2} {r['prefix']:<2} {r['name']:<28} {r['state']:<8} {r['services']:>4}"
        )
    return 0


def cmd_catalog_export(args: argparse.Namespace) -> int:
    _engine, store = _engine_and_catalog(args)
    store.load()
    written = store.export_dir(Path(args.dir))
    print(f"Wrote {len(written)} files to {args.dir}")
    return 0


def cmd_catalog_import(args: argparse.Namespace) -> int:
    from mpp_core.catalog.schema import CatalogInvalid

    _engine, store = _engine_and_catalog(args)
    try:
        cat = store.import_dir(Path(args.dir))
    except CatalogInvalid as exc:
        print(
            f"Catalog refused; the catalog in use is unchanged. {len(exc.problems)} problem(s):",
            file=sys.stderr,
        )
        for p in exc.problems:
            print(f"  {p}", file=sys.stderr)
        return 2
    print(f"Imported catalog {cat.version}: {len(cat.gerai)} gerai, {len(cat.services)} services")
    return 0


def cmd_screenshot(args: argparse.Namespace) -> int:
    from kiosk.screenshots import render_all

    paths = render_all(Path(args.out))
    print(f"Wrote {len(paths)} screenshots to {args.out}")
    return 0


def cmd_admin_set_pin(args: argparse.Namespace) -> int:
    """Set a role's PIN: asked twice (hidden), or read from stdin with --pin-stdin."""
    from kiosk.config import load_config
    from kiosk.store.db import open_database
    from kiosk.store.uow import UnitOfWorkFactory
    from kiosk.usecases.audit import AuditLog, whoami
    from kiosk.usecases.staff_pins import PinRefused, StaffAuth
    from kiosk.usecases.staff_session import Role
    from mpp_core.domain.clock import SystemClock

    role = Role(args.role)
    if args.pin_stdin:
        pin = sys.stdin.readline().strip()
    else:
        import getpass

        try:
            pin = getpass.getpass(f"New {role.value} PIN ({role.words[0]}): ").strip()
            again = getpass.getpass("The same PIN again: ").strip()
        except (EOFError, KeyboardInterrupt):
            print("\nPIN not changed.", file=sys.stderr)
            return 2
        if pin != again:
            print("The two PINs differ; PIN not changed.", file=sys.stderr)
            return 2
    config, _problems = load_config(Path(args.config), remember=False)
    db = database_path(args)
    uow = UnitOfWorkFactory(open_database(db))
    clock = SystemClock()
    auth = StaffAuth(uow, clock, AuditLog(uow, clock, config.kiosk_id))
    try:
        auth.set_pin(role, pin, by=whoami())
    except PinRefused as exc:
        print(f"PIN not changed: {exc.words[1]}", file=sys.stderr)
        return 2
    print(f"The {role.value} PIN is set (stored as a salted hash in {db}).")
    return 0


def cmd_config_check(args: argparse.Namespace) -> int:
    """Print every problem of a config file with its line and key; exit 2 if any."""
    from kiosk.config import check_config_file

    path = Path(args.file or args.config)
    problems = check_config_file(path)
    for p in problems:
        where = f"{path}:{p.line}" if p.line else f"{path}"
        print(f"{where}: {p.key}: {p.message}")
    if problems:
        print(
            f"{len(problems)} problem(s). The kiosk starts anyway, with its last good "
            "settings (or the defaults) for what is wrong.",
            file=sys.stderr,
        )
        return 2
    print(f"{path}: no problems")
    return 0


def build_parser(argv: list[str] | None = None) -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="mpp-kiosk", description="MPP self-service queue kiosk")
    p.add_argument("--version", action="version", version=f"mpp-kiosk {app_version()}")
    p.add_argument(
        "--config",
        default=str(default_config_path()),
        help="kiosk TOML config file (default: %(default)s)",
    )
    p.add_argument(
        "--database", default="", help="SQLite file, for every command (default: the config's)"
    )
    p.add_argument(
        "--data-dir", default="", help="data folder: its kiosk.db is the database (and slips)"
    )
    p.add_argument("--windowed", action="store_true", help="run in a window, not fullscreen")
    p.set_defaults(func=cmd_run)
    sub = p.add_subparsers(dest="command")

    run = sub.add_parser("run", help="run the kiosk (the default)")
    run.add_argument("--windowed", action="store_true", default=argparse.SUPPRESS)
    run.set_defaults(func=cmd_run)

    cat = sub.add_parser("catalog", help="the service catalog").add_subparsers(
        dest="action", required=True
    )
    stats = cat.add_parser("stats", help="gerai and service counts")
    stats.add_argument("--json", action="store_true")
    stats.set_defaults(func=cmd_catalog_stats)
    exp = cat.add_parser("export", help="write the catalog in use to a folder")
    exp.add_argument("dir")
    exp.set_defaults(func=cmd_catalog_export)
    imp = cat.add_parser("import", help="replace the catalog with a folder's files")
    imp.add_argument("dir")
    imp.set_defaults(func=cmd_catalog_import)

    shot = sub.add_parser("screenshot", help="render every screen to PNG (offscreen)")
    shot.add_argument("--out", default="screenshots")
    shot.set_defaults(func=cmd_screenshot)

    admin = sub.add_parser("admin", help="staff and technician access").add_subparsers(
        dest="action", required=True
    )
    set_pin = admin.add_parser("set-pin", help="set the PIN of a role (asked twice, hidden)")
    set_pin.add_argument("--role", required=True, choices=["staff", "technician"])
    set_pin.add_argument(
        "--pin-stdin",
        action="store_true",
        help="read the PIN from the first line of standard input (scripts)",
    )
    set_pin.set_defaults(func=cmd_admin_set_pin)

    conf = sub.add_parser("config", help="the kiosk's config file").add_subparsers(
        dest="action", required=True
    )
    check = conf.add_parser("check", help="print every problem with its line and key")
    check.add_argument(
        "file", nargs="?", default="", help="the file to check (default: the --config file)"
    )
    check.set_defaults(func=cmd_config_check)

    db = sub.add_parser("db", help="the kiosk's database").add_subparsers(
        dest="action", required=True
    )
    db.add_parser("migrate", help="bring it to this release's schema").set_defaults(
        func=cmd_db_migrate
    )

    doctor = sub.add_parser("doctor", help="check the kiosk: PASS, WARN or FAIL each")
    doctor.add_argument("--json", action="store_true")
    doctor.add_argument("--quick", action="store_true", help="without the printer and server")
    doctor.set_defaults(func=cmd_doctor)

    bundle = sub.add_parser("support-bundle", help="logs, redacted config, doctor: a tar.gz")
    bundle.add_argument("--out", default=".", help="folder for the file (default: here)")
    bundle.add_argument("--days", type=int, default=7, help="days of logs (default 7)")
    bundle.set_defaults(func=cmd_support_bundle)

    from kiosk.appliance.cli import add_commands

    add_commands(sub)

    # The printer tools import python-escpos, pyusb and pyserial: only when asked for, so
    # the kiosk itself starts faster.
    args = sys.argv[1:] if argv is None else argv
    if "printer" in args:
        from kiosk.printing.cli import add_printer_commands

        add_printer_commands(sub)
    else:
        sub.add_parser("printer", help="printer tools: detect, status, test, preview")
    return p


def main(argv: list[str] | None = None) -> int:
    parser = build_parser(argv)
    args = parser.parse_args(argv)
    try:
        return int(args.func(args))
    except NoDatabase as exc:
        return int(exc.code or 2)


if __name__ == "__main__":
    raise SystemExit(main())
