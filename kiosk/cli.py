"""``mpp-kiosk``: run the kiosk, and the tools around it (catalog, screenshots, printer)."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from kiosk.settings.kiosk import default_config_path


def _engine_and_catalog(args: argparse.Namespace):  # type: ignore[no-untyped-def]
    from kiosk.config import load_config
    from kiosk.store.db import open_database
    from kiosk.store.uow import UnitOfWorkFactory
    from kiosk.usecases.catalog import CatalogStore

    config, _problems = load_config(Path(args.config))
    db = Path(args.database) if args.database else config.database_path()
    engine = open_database(db)
    return engine, CatalogStore(UnitOfWorkFactory(engine))


def cmd_run(args: argparse.Namespace) -> int:
    from kiosk.app import run

    return run(Path(args.config), windowed=args.windowed)


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
    db = Path(args.database) if args.database else config.database_path()
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
    p.add_argument(
        "--config",
        default=str(default_config_path()),
        help="kiosk TOML config file (default: %(default)s)",
    )
    p.add_argument("--database", default="", help="SQLite file (default: from the config)")
    p.add_argument("--windowed", action="store_true", help="run in a window, not fullscreen")
    p.set_defaults(func=cmd_run)
    sub = p.add_subparsers(dest="command")

    run = sub.add_parser("run", help="run the kiosk (the default)")
    run.add_argument("--windowed", action="store_true")
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
    return int(args.func(args))


if __name__ == "__main__":
    raise SystemExit(main())
