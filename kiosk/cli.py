"""``mpp-kiosk``: run the kiosk, and the tools around it (catalog, screenshots, printer).

What the tools say to staff is in the language of ``--lang id|en`` (before or after the
command), else of the environment (``LANGUAGE``, ``LC_ALL``, ``LC_MESSAGES``, ``LANG``: English
when it starts with ``en``, otherwise Indonesian). Keys, paths, line numbers and the catalog's
own words stay as they are.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from dataclasses import replace
from pathlib import Path

from kiosk.settings.kiosk import default_config_path
from mpp_core.i18n import LANGUAGES, Lang, Text, language_from_env
from mpp_core.version import app_version

CATALOG_STATS = Text(
    "Katalog {version}: {gerai} gerai, {services} layanan",
    "Catalog {version}: {gerai} gerai, {services} services",
)
EXPORTED = Text("{count} berkas ditulis ke {folder}", "Wrote {count} files to {folder}")
CATALOG_REFUSED = Text(
    "Katalog ditolak; katalog yang dipakai tidak berubah. {count} masalah:",
    "Catalog refused; the catalog in use is unchanged. {count} problem(s):",
)
IMPORTED = Text(
    "Katalog {version} diimpor: {gerai} gerai, {services} layanan",
    "Imported catalog {version}: {gerai} gerai, {services} services",
)
SCREENSHOTS = Text(
    "{count} tangkapan layar ditulis ke {folder}", "Wrote {count} screenshots to {folder}"
)
NEW_PIN = Text("PIN baru peran {role} ({name}): ", "New {role} PIN ({name}): ")
SAME_PIN_AGAIN = Text("Ulangi PIN yang sama: ", "The same PIN again: ")
PIN_NOT_CHANGED = Text("PIN tidak diubah.", "PIN not changed.")
PINS_DIFFER = Text("Kedua PIN berbeda; PIN tidak diubah.", "The two PINs differ; PIN not changed.")
PIN_REFUSED = Text("PIN tidak diubah: {reason}", "PIN not changed: {reason}")
PIN_SET = Text(
    "PIN peran {role} sudah diatur (disimpan sebagai hash bergaram di {db}).",
    "The {role} PIN is set (stored as a salted hash in {db}).",
)
CONFIG_PROBLEMS = Text(
    "{count} masalah. Kiosk tetap berjalan, dengan pengaturan terakhir yang benar (atau "
    "pengaturan bawaan) untuk yang salah.",
    "{count} problem(s). The kiosk starts anyway, with its last good settings (or the "
    "defaults) for what is wrong.",
)
NO_PROBLEMS = Text("{path}: tidak ada masalah", "{path}: no problems")
NO_DATABASE = Text(
    "{config} tidak dapat dipakai ({problem}); berikan --database BERKAS",
    "{config} cannot be used ({problem}); give --database FILE",
)
SCHEMA = Text("{path}: skema {revision}", "{path}: schema {revision}")
DOCTOR_SUMMARY = Text(
    "{count} pemeriksaan: {fails} GAGAL, {warns} PERINGATAN",
    "{count} checks: {fails} FAIL, {warns} WARN",
)
BUNDLE_WRITTEN = Text(
    "{path} ditulis (rahasia dihapus; lihat README.txt di dalamnya)",
    "Wrote {path} (secrets redacted; see README.txt inside)",
)


def cli_language(args: argparse.Namespace) -> Lang:
    """``--lang`` when given, else the environment's language."""
    given = getattr(args, "lang", None)
    return "en" if given == "en" else "id" if given == "id" else language_from_env(os.environ)


def add_lang_option(parser: argparse.ArgumentParser, *, top: bool = False) -> None:
    """``--lang id|en``: on the program (``top``) and again on each command, so it may be
    given before or after the command."""
    parser.add_argument(
        "--lang",
        choices=LANGUAGES,
        default=None if top else argparse.SUPPRESS,
        help="language of the messages (default: from LANGUAGE, LC_ALL, LC_MESSAGES, LANG)",
    )


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
    from kiosk.config import (
        CODE_BAD_DATABASE,
        CODE_INVALID,
        CODE_UNREADABLE,
        load_kiosk_config,
    )

    chosen = chosen_database(args)
    if chosen is not None:
        return chosen
    config, problems, blocked = load_kiosk_config(Path(args.config))
    if blocked in (CODE_BAD_DATABASE, CODE_UNREADABLE, CODE_INVALID):
        first = problems[0] if problems else blocked
        lang = cli_language(args)
        print(NO_DATABASE(lang, config=args.config, problem=first), file=sys.stderr)
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
    print(SCHEMA(cli_language(args), path=path, revision=revision))
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
        lang = cli_language(args)
        print(DOCTOR_SUMMARY(lang, count=len(checks), fails=fails, warns=warns))
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
    print(BUNDLE_WRITTEN(cli_language(args), path=path))
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
    lang = cli_language(args)
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
    print(CATALOG_STATS(lang, version=cat.version, gerai=len(rows), services=total))
    for r in rows:
        print(
            f"  {r['order']:>2} {r['prefix']:<2} {r['name']:<28} {r['state']:<8} {r['services']:>4}"
        )
    return 0


def cmd_catalog_export(args: argparse.Namespace) -> int:
    _engine, store = _engine_and_catalog(args)
    store.load()
    written = store.export_dir(Path(args.dir))
    print(EXPORTED(cli_language(args), count=len(written), folder=args.dir))
    return 0


def cmd_catalog_import(args: argparse.Namespace) -> int:
    from mpp_core.catalog.schema import CatalogInvalid

    lang = cli_language(args)
    _engine, store = _engine_and_catalog(args)
    try:
        cat = store.import_dir(Path(args.dir))
    except CatalogInvalid as exc:
        print(CATALOG_REFUSED(lang, count=len(exc.problems)), file=sys.stderr)
        for p in exc.problems:
            print(f"  {p}", file=sys.stderr)
        return 2
    print(IMPORTED(lang, version=cat.version, gerai=len(cat.gerai), services=len(cat.services)))
    return 0


def cmd_screenshot(args: argparse.Namespace) -> int:
    from kiosk.screenshots import render_all

    paths = render_all(Path(args.out))
    print(SCREENSHOTS(cli_language(args), count=len(paths), folder=args.out))
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

    lang = cli_language(args)
    role = Role(args.role)
    if args.pin_stdin:
        pin = sys.stdin.readline().strip()
    else:
        import getpass

        try:
            # The role as --role names it, and its Indonesian name.
            prompt = NEW_PIN(lang, role=role.value, name=role.words("id"))
            pin = getpass.getpass(prompt).strip()
            again = getpass.getpass(SAME_PIN_AGAIN(lang)).strip()
        except (EOFError, KeyboardInterrupt):
            print("\n" + PIN_NOT_CHANGED(lang), file=sys.stderr)
            return 2
        if pin != again:
            print(PINS_DIFFER(lang), file=sys.stderr)
            return 2
    config, _problems = load_config(Path(args.config), remember=False)
    db = database_path(args)
    uow = UnitOfWorkFactory(open_database(db))
    clock = SystemClock()
    auth = StaffAuth(uow, clock, AuditLog(uow, clock, config.kiosk_id))
    try:
        auth.set_pin(role, pin, by=whoami())
    except PinRefused as exc:
        print(PIN_REFUSED(lang, reason=exc.words(lang)), file=sys.stderr)
        return 2
    print(PIN_SET(lang, role=role.value, db=db))
    return 0


def cmd_config_check(args: argparse.Namespace) -> int:
    """Print every problem of a config file with its line and key; exit 2 if any."""
    from kiosk.config import check_config_file

    lang = cli_language(args)
    path = Path(args.file or args.config)
    problems = check_config_file(path)
    for p in problems:
        where = f"{path}:{p.line}" if p.line else f"{path}"
        print(f"{where}: {p.key}: {p.words(lang)}")
    if problems:
        print(CONFIG_PROBLEMS(lang, count=len(problems)), file=sys.stderr)
        return 2
    print(NO_PROBLEMS(lang, path=path))
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
    add_lang_option(p, top=True)
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
    for command in (stats, exp, imp):
        add_lang_option(command)

    shot = sub.add_parser("screenshot", help="render every screen to PNG (offscreen)")
    shot.add_argument("--out", default="screenshots")
    add_lang_option(shot)
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
    add_lang_option(set_pin)
    set_pin.set_defaults(func=cmd_admin_set_pin)

    conf = sub.add_parser("config", help="the kiosk's config file").add_subparsers(
        dest="action", required=True
    )
    check = conf.add_parser("check", help="print every problem with its line and key")
    check.add_argument(
        "file", nargs="?", default="", help="the file to check (default: the --config file)"
    )
    add_lang_option(check)
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
