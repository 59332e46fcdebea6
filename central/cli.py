"""``mpp-central``: run the server and manage kiosks, catalogs and reports.

    mpp-central serve [--host H] [--port P] [--workers N]
    mpp-central kiosk add NAME [--mpp CODE] [--url URL]   (prints the token once)
    mpp-central kiosk revoke NAME | kiosk list
    mpp-central catalog import DIR | catalog publish [VERSION] | catalog list
    mpp-central report [--by day|month|year] [--level gerai|service] [--csv FILE|-]
    mpp-central backup FILE | restore FILE [--recovery-minutes M]
    mpp-central recovery status | recovery end [--mpp CODE]
    mpp-central user add|list|disable|reset, kiosk rotate-status-key, counter rule, notice
                                                  (web accounts and calling: central.counter_cli)

Every command takes ``--database URL`` (or MPP_CENTRAL_DATABASE); see central.settings.
"""

from __future__ import annotations

import argparse
import sys
from datetime import date
from pathlib import Path

from central.settings import Settings, settings_from_env


def _settings(args: argparse.Namespace) -> Settings:
    return settings_from_env(database_url=getattr(args, "database", None) or None)


def _db(args: argparse.Namespace):  # type: ignore[no-untyped-def]
    from central.db import open_database

    return open_database(_settings(args).url, pool_size=1)


def cmd_serve(args: argparse.Namespace) -> int:
    from central.server import serve

    return serve(
        _settings(args),
        host=args.host,
        port=args.port,
        workers=args.workers,
        log_level=args.log_level,
        access_log=not args.no_access_log,
    )


def cmd_migrate(args: argparse.Namespace) -> int:
    db = _db(args)
    print(f"Database at revision {db.current_revision()}")
    return 0


def cmd_kiosk_add(args: argparse.Namespace) -> int:
    from central.kiosks import KioskError, add_kiosk

    try:
        kiosk, token = add_kiosk(_db(args), args.name, args.mpp)
    except KioskError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    print(f"Kiosk {kiosk.name!r} added to MPP {kiosk.mpp_code} (slot {kiosk.slot}).")
    print("Its token is shown only this once; the server keeps only a hash of it.")
    print("Put this in the kiosk's config file (kiosk.toml):")
    print()
    print("[server]")
    print(f'url = "{args.url}"')
    print(f'token = "{token}"')
    print(f"slot = {kiosk.slot}")
    return 0


def cmd_kiosk_revoke(args: argparse.Namespace) -> int:
    from central.kiosks import KioskError, revoke_kiosk

    try:
        revoke_kiosk(_db(args), args.name)
    except KioskError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    print(f"Kiosk {args.name!r} revoked: its token no longer works.")
    return 0


def cmd_kiosk_list(args: argparse.Namespace) -> int:
    from central.kiosks import list_kiosks

    rows = list_kiosks(_db(args))
    if not rows:
        print("No kiosks.")
        return 0
    print(
        f"{'MPP':<12} {'Kiosk':<20} {'Slot':>4} {'State':<8} {'Token':<12} {'Last seen':<20} "
        f"{'Outbox':>6} {'Printer':<15} {'Clock skew':>10}"
    )
    for k in rows:
        state = "revoked" if k.revoked_at else "active"
        seen = k.last_seen_at.strftime("%Y-%m-%d %H:%M:%S") if k.last_seen_at else "never"
        skew = f"{k.clock_skew_s:+.1f}s" if k.clock_skew_s is not None else "-"
        print(
            f"{k.mpp_code:<12} {k.name:<20} {k.slot:>4} {state:<8} {k.token_hint:<12} "
            f"{seen:<20} {k.outbox_length if k.outbox_length is not None else '-':>6} "
            f"{k.printer_state or '-':<15} {skew:>10}"
        )
    from central.kiosks import shared_tokens

    for name, since in sorted(shared_tokens(_db(args)).items()):
        print(
            f"WARNING: kiosk {name}: two running kiosks send heartbeats with its token "
            f"(seen {since}); give the second PC its own kiosk (mpp-central kiosk add)"
        )
    return 0


def cmd_catalog_import(args: argparse.Namespace) -> int:
    from central.catalogs import CatalogError, import_catalog
    from mpp_core.catalog.schema import CatalogInvalid

    try:
        res = import_catalog(_db(args), Path(args.dir))
    except CatalogInvalid as exc:
        print(
            f"Catalog refused; nothing was imported. {len(exc.problems)} problem(s):",
            file=sys.stderr,
        )
        for p in exc.problems:
            print(f"  {p}", file=sys.stderr)
        return 2
    except CatalogError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    what = "Imported" if res.new else "Already imported"
    print(
        f"{what} catalog {res.version} of MPP {res.mpp_code}: {res.gerai} gerai, "
        f"{res.services} services (etag {res.etag[:12]}). "
        "Kiosks get it after `mpp-central catalog publish`."
    )
    return 0


def cmd_catalog_publish(args: argparse.Namespace) -> int:
    from central.catalogs import CatalogError, publish

    try:
        res = publish(_db(args), args.mpp, args.version)
    except CatalogError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    print(
        f"Published catalog {res.version} of MPP {res.mpp_code} ({res.gerai} gerai, "
        f"{res.services} services); kiosks pick it up at their next check."
    )
    return 0


def cmd_catalog_list(args: argparse.Namespace) -> int:
    from central.catalogs import list_releases

    rows = list_releases(_db(args))
    if not rows:
        print("No catalogs imported.")
        return 0
    current: dict[str, int] = {}
    published = sorted(
        (r for r in rows if r.published_at is not None), key=lambda r: (r.published_at, r.id)
    )
    for r in published:
        current[r.mpp_code] = r.id  # the latest published wins
    for r in rows:
        mark = "*" if current.get(r.mpp_code) == r.id else " "
        pub = r.published_at.strftime("%Y-%m-%d %H:%M") if r.published_at else "not published"
        print(
            f"{mark} {r.mpp_code:<12} {r.version:<24} {r.gerai_count:>3} gerai "
            f"{r.service_count:>4} services  {pub}"
        )
    print("(* = what the kiosks get)")
    return 0


def cmd_report(args: argparse.Namespace) -> int:
    from central.reports import render_csv, render_table, visit_report

    try:
        report = visit_report(
            _db(args), args.mpp, by=args.by, level=args.level, start=args.start, end=args.end
        )
    except ValueError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    if args.csv:
        text = render_csv(report)
        if args.csv == "-":
            sys.stdout.write(text)
        else:
            Path(args.csv).write_text(text, encoding="utf-8")
            print(f"Wrote {args.csv}")
            sys.stdout.write(render_table(report))
        return 0
    sys.stdout.write(render_table(report))
    return 0


def cmd_backup(args: argparse.Namespace) -> int:
    from central.backup import BackupError, backup

    try:
        res = backup(_settings(args).url, Path(args.file))
    except BackupError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    print(f"Backup written to {res.path} ({res.size:,} bytes), started {res.started_at:%c} UTC.")
    return 0


def cmd_restore(args: argparse.Namespace) -> int:
    from central.backup import BackupError, restore
    from central.numbering import Numbering

    settings = _settings(args)
    try:
        db, since = restore(settings.url, Path(args.file))
    except BackupError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    minutes = None if args.recovery_minutes <= 0 else args.recovery_minutes
    opened = Numbering(db, settings).begin_recovery(since, minutes)
    db.dispose()
    print(f"Restored {args.file} (backup started {since:%c} UTC).")
    print(
        "Until the kiosks have reported the numbers they handed out since then, the server "
        "gives no online numbers and no leases (kiosks number offline)."
    )
    for info in opened:
        print(f"  MPP {info.mpp_code}: recovery {info.id}")
    if minutes is not None:
        print(f"At the latest after {minutes:g} minutes, online numbering resumes above 999.")
    print("Start the server now. `mpp-central recovery status` shows who has not reported.")
    return 0


def cmd_recovery_status(args: argparse.Namespace) -> int:
    from central.numbering import Numbering

    db = _db(args)
    numbering = Numbering(db, _settings(args))
    from sqlalchemy import select

    from central.models import Mpp

    with db.read() as s:
        codes = list(s.scalars(select(Mpp.code).order_by(Mpp.code)))
    for code in codes:
        info = numbering.recovery(code)
        if info is None:
            print(f"MPP {code}: numbering normally")
            continue
        waiting = numbering.recovery_waiting_for(info)
        deadline = f", deadline {info.deadline:%c} UTC" if info.deadline else ""
        print(
            f"MPP {code}: recovering since {info.since:%c} UTC{deadline}; "
            f"waiting for {', '.join(waiting) or 'nobody'}"
        )
    return 0


def cmd_recovery_end(args: argparse.Namespace) -> int:
    from central.numbering import Numbering

    db = _db(args)
    numbering = Numbering(db, _settings(args))
    from sqlalchemy import select

    from central.catalogs import CatalogCache
    from central.models import Mpp

    with db.read() as s:
        codes = [args.mpp] if args.mpp else list(s.scalars(select(Mpp.code)))
    catalogs = CatalogCache(db, 0)
    ended = 0
    for code in codes:
        info = numbering.recovery(code)
        if info is not None:
            numbering.end_recovery(info, "supervisor", catalogs.get(code))
            print(f"MPP {code}: recovery ended; online numbering resumes above 999 today.")
            ended += 1
    if not ended:
        print("No MPP was recovering.")
    return 0


def _day(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a date YYYY-MM-DD") from None


def build_parser() -> argparse.ArgumentParser:
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument(
        "--database",
        default=argparse.SUPPRESS,
        help="SQLAlchemy URL or SQLite file (default: MPP_CENTRAL_DATABASE, "
        "else a SQLite file in the user data folder)",
    )
    p = argparse.ArgumentParser(
        prog="mpp-central",
        parents=[common],
        description="MPP Central: catalog, queue numbers and reports for MPP kiosks",
    )
    sub = p.add_subparsers(dest="command", required=True)

    serve = sub.add_parser("serve", parents=[common], help="run the API server")
    serve.add_argument("--host", default="127.0.0.1")
    serve.add_argument("--port", type=int, default=8080)
    serve.add_argument(
        "--workers",
        type=int,
        default=1,
        help="worker processes (PostgreSQL: one per core; SQLite: 1)",
    )
    serve.add_argument(
        "--log-level", default="info", choices=["critical", "error", "warning", "info", "debug"]
    )
    serve.add_argument("--no-access-log", action="store_true")
    serve.set_defaults(func=cmd_serve)

    mig = sub.add_parser("migrate", parents=[common], help="create or upgrade the database")
    mig.set_defaults(func=cmd_migrate)

    kiosk = sub.add_parser("kiosk", help="register and revoke kiosks").add_subparsers(
        dest="action", required=True
    )
    add = kiosk.add_parser("add", parents=[common], help="register a kiosk, print its token")
    add.add_argument("name")
    add.add_argument("--mpp", default=None, help="the MPP's code (needed with several MPPs)")
    add.add_argument(
        "--url",
        default="http://127.0.0.1:8080",
        help="the server address to print in the config snippet",
    )
    add.set_defaults(func=cmd_kiosk_add)
    rev = kiosk.add_parser("revoke", parents=[common], help="stop a kiosk's token working")
    rev.add_argument("name")
    rev.set_defaults(func=cmd_kiosk_revoke)
    lst = kiosk.add_parser("list", parents=[common], help="kiosks and their last heartbeat")
    lst.set_defaults(func=cmd_kiosk_list)
    from central.counter_cli import add_parsers

    add_parsers(sub, kiosk, common, _db)

    cat = sub.add_parser("catalog", help="import and publish catalogs").add_subparsers(
        dest="action", required=True
    )
    imp = cat.add_parser("import", parents=[common], help="import a catalog folder (checked)")
    imp.add_argument("dir")
    imp.set_defaults(func=cmd_catalog_import)
    pub = cat.add_parser("publish", parents=[common], help="publish an imported catalog")
    pub.add_argument(
        "version",
        nargs="?",
        default=None,
        help="catalog_version to publish (default: the newest imported)",
    )
    pub.add_argument("--mpp", default=None)
    pub.set_defaults(func=cmd_catalog_publish)
    cl = cat.add_parser("list", parents=[common], help="imported catalogs")
    cl.set_defaults(func=cmd_catalog_list)

    rep = sub.add_parser(
        "report", parents=[common], help="visits per gerai and service per day, month or year"
    )
    rep.add_argument("--mpp", default=None)
    rep.add_argument("--by", choices=["day", "month", "year"], default="month")
    rep.add_argument("--level", choices=["gerai", "service"], default="service")
    rep.add_argument("--from", dest="start", type=_day, default=None)
    rep.add_argument("--to", dest="end", type=_day, default=None)
    rep.add_argument(
        "--csv", default=None, metavar="FILE", help="write CSV to FILE ('-' for standard output)"
    )
    rep.set_defaults(func=cmd_report)
    bk = sub.add_parser("backup", parents=[common], help="copy the database while it runs")
    bk.add_argument("file")
    bk.set_defaults(func=cmd_backup)
    rs = sub.add_parser(
        "restore", parents=[common], help="replace the database with a backup (server stopped)"
    )
    rs.add_argument("file")
    rs.add_argument(
        "--recovery-minutes",
        type=float,
        default=60,
        help="end the recovery after this long even if kiosks have not reported (0: never)",
    )
    rs.set_defaults(func=cmd_restore)
    rec = sub.add_parser("recovery", help="the recovery after a restore").add_subparsers(
        dest="action", required=True
    )
    st = rec.add_parser("status", parents=[common], help="which kiosks have not reported")
    st.set_defaults(func=cmd_recovery_status)
    end = rec.add_parser("end", parents=[common], help="end it now (online numbers above 999)")
    end.add_argument("--mpp", default=None)
    end.set_defaults(func=cmd_recovery_end)
    return p


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    return int(args.func(args))


if __name__ == "__main__":
    raise SystemExit(main())
