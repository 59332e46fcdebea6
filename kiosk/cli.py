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
from pathlib import Path

from kiosk.settings.kiosk import default_config_path
from mpp_core.i18n import LANGUAGES, Lang, Text, language_from_env

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
    db = Path(args.database) if args.database else config.database_path()
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
    p.add_argument(
        "--config",
        default=str(default_config_path()),
        help="kiosk TOML config file (default: %(default)s)",
    )
    p.add_argument("--database", default="", help="SQLite file (default: from the config)")
    p.add_argument("--windowed", action="store_true", help="run in a window, not fullscreen")
    add_lang_option(p, top=True)
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
