"""The appliance commands, as ``mpp-kiosk appliance ...`` / ``mpp-kiosk update`` and as
``python3 -m kiosk.appliance ...`` (run from the wheel before anything is installed)."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from kiosk.appliance.layout import Layout, perform

ONE_COMMAND = "sudo env PYTHONPATH=WHEEL python3 -m kiosk.appliance install --wheel WHEEL"


def _layout(args: argparse.Namespace) -> Layout:
    return Layout(root=Path(args.root), python=args.python)


def _say(line: str) -> None:
    print(line, flush=True)


def cmd_install(args: argparse.Namespace) -> int:
    from kiosk.appliance.install import install_plan, reload_actions

    layout = _layout(args)
    if layout.live and os.geteuid() != 0 and not args.dry_run:
        print("mpp-kiosk appliance install: run it as root (sudo)", file=sys.stderr)
        return 2
    wheel = Path(args.wheel)
    plan = install_plan(
        layout,
        wheel,
        extras=args.extras,
        pip_args=tuple(args.pip_arg),
        apt=not args.no_apt,
    )
    changed = perform(plan, dry_run=args.dry_run, say=_say)
    if changed and not args.dry_run:
        perform(reload_actions(layout), dry_run=False, say=_say)
    verb = "would change" if args.dry_run else "changed"
    print(f"{changed} step(s) {verb}; {len(plan) - changed} already as wanted", flush=True)
    if changed and not args.dry_run and layout.live:
        print(
            "Next: set the PINs (mpp-kiosk admin set-pin --role technician), then "
            "systemctl start mpp-kiosk.service (or reboot). docs/deploy.md has the rest."
        )
    return 0


def cmd_uninstall(args: argparse.Namespace) -> int:
    from kiosk.appliance.install import reload_actions, uninstall_plan

    layout = _layout(args)
    plan = uninstall_plan(layout, purge=args.purge)
    changed = perform(plan, dry_run=args.dry_run, say=_say)
    if changed and not args.dry_run:
        perform(reload_actions(layout), dry_run=False, say=_say)
    kept = "" if args.purge else f" (kept: {layout.config_dir}, {layout.data_dir}; --purge)"
    print(f"{changed} step(s) {'would change' if args.dry_run else 'changed'}{kept}")
    return 0


def cmd_update(args: argparse.Namespace) -> int:
    from kiosk.appliance.releases import ReleaseError
    from kiosk.appliance.update import update

    try:
        result = update(
            _layout(args),
            Path(args.package),
            restart=args.restart_command,
            health_timeout_s=args.health_timeout,
            settle_s=args.settle,
            slip_wait_s=args.slip_wait,
            database=Path(args.database) if args.database else None,
            extras=args.extras,
            pip_args=tuple(args.pip_arg),
            say=_say,
        )
    except (ReleaseError, TimeoutError, OSError) as exc:
        print(f"update not done: {exc}", file=sys.stderr)
        return 2
    print(f"{result.message} in {result.seconds:.1f} s", flush=True)
    return 0 if result.healthy else 1


def cmd_backoff(args: argparse.Namespace) -> int:
    from kiosk.appliance.service import backoff

    backoff(Path(os.environ.get("STATE_DIRECTORY", args.data_dir)))
    return 0


def cmd_stop(args: argparse.Namespace) -> int:
    from kiosk.appliance.service import stop_kiosk

    return 0 if stop_kiosk(Path(os.environ.get("STATE_DIRECTORY", args.data_dir))) else 1


def add_commands(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg,unused-ignore]
    """``appliance`` and ``update`` on the ``mpp-kiosk`` parser (or this module's own)."""
    appliance = sub.add_parser("appliance", help="install the kiosk on this PC (root)")
    verbs = appliance.add_subparsers(dest="verb", required=True)

    def common(p: argparse.ArgumentParser) -> None:
        p.add_argument("--root", default="/", help="install into this folder (tests)")
        p.add_argument("--python", default="/usr/bin/python3", help="for the release's venv")
        p.add_argument("--dry-run", action="store_true", help="print every step, change nothing")

    def release(p: argparse.ArgumentParser) -> None:
        p.add_argument("--extras", default="kiosk", help="the wheel's extras (kiosk)")
        p.add_argument(
            "--pip-arg", action="append", default=[], help="passed to pip (e.g. --no-index)"
        )

    inst = verbs.add_parser("install", help="make this PC a kiosk (idempotent)")
    common(inst)
    release(inst)
    inst.add_argument("--wheel", required=True, help="the release: mpp_kiosk-*.whl")
    inst.add_argument("--no-apt", action="store_true", help="do not install system packages")
    inst.set_defaults(func=cmd_install)
    uninst = verbs.add_parser("uninstall", help="remove the kiosk (config and data kept)")
    common(uninst)
    uninst.add_argument("--purge", action="store_true", help="also the config, data and user")
    uninst.set_defaults(func=cmd_uninstall)
    back = verbs.add_parser("backoff", help="(the unit's ExecStartPre) space restarts")
    back.add_argument("--data-dir", default="/var/lib/mpp-kiosk")
    back.set_defaults(func=cmd_backoff)
    stop = verbs.add_parser("stop", help="(the unit's ExecStop) stop the kiosk in order")
    stop.add_argument("--data-dir", default="/var/lib/mpp-kiosk")
    stop.set_defaults(func=cmd_stop)

    upd = sub.add_parser("update", help="install a new release; rolls back if it fails")
    upd.add_argument("package", help="the new release: mpp_kiosk-*.whl")
    upd.add_argument("--root", default="/", help="the installation's root folder (tests)")
    upd.add_argument("--python", default="/usr/bin/python3")
    release(upd)
    upd.add_argument("--restart-command", default="systemctl restart mpp-kiosk.service")
    upd.add_argument("--health-timeout", type=float, default=120.0, help="seconds")
    upd.add_argument("--settle", type=float, default=20.0, help="seconds it must keep running")
    upd.add_argument("--slip-wait", type=float, default=600.0, help="seconds, at most")
    upd.add_argument("--database", default="", help="default: <data folder>/kiosk.db")
    upd.set_defaults(func=cmd_update)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python3 -m kiosk.appliance", description=f"The kiosk appliance: {ONE_COMMAND}"
    )
    add_commands(parser.add_subparsers(dest="command", required=True))
    argv = sys.argv[1:] if argv is None else argv
    if argv and argv[0] not in ("appliance", "update", "-h", "--help"):
        argv = ["appliance", *argv]  # python3 -m kiosk.appliance install ...
    args = parser.parse_args(argv)
    return int(args.func(args))
