"""``mpp-central user ...``, ``kiosk rotate-status-key``, ``counter rule`` and ``notice``:

    mpp-central user add NAME --role supervisor|petugas|display --mpp CODE
                         [--gerai CODE --loket N] [--services a,b] [--generate]
    mpp-central user list | user disable NAME | user reset NAME [--generate]
    mpp-central kiosk rotate-status-key NAME
    mpp-central counter rule --mpp CODE [--gerai CODE] --priority-every N --no-show-after N
    mpp-central notice --mpp CODE "text for the boards' running line" (empty: none)

A password is asked twice without echo (or generated and printed once with ``--generate``);
a display account gets a board token instead, printed once. Neither is ever logged.
"""

from __future__ import annotations

import argparse
import getpass
import sys
from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any

from central.accounts.passwords import generated_password, password_problem
from central.accounts.users import AccountError, add_user, disable_user, list_users, reset_user

DbFactory = Callable[[argparse.Namespace], Any]
NOTICE_MAX = 200


def _now() -> datetime:
    return datetime.now(UTC)


def _ask_password(generate: bool) -> tuple[str, bool] | None:
    if generate:
        return generated_password(), True
    if not sys.stdin.isatty():
        print("error: no terminal to ask a password; use --generate", file=sys.stderr)
        return None
    first = getpass.getpass("Password: ")
    problem = password_problem(first)
    if problem:
        print(f"error: {problem}", file=sys.stderr)
        return None
    if getpass.getpass("Again: ") != first:
        print("error: the two passwords differ", file=sys.stderr)
        return None
    return first, False


def _print_secret(role: str, name: str, password: str | None, token: str | None) -> None:
    if token:
        print(f"Board token for {name!r} (shown only this once; the server keeps a hash):")
        print(f"  {token}")
        print("Pair the board PC: open https://<server>/board/pair and enter it there.")
    elif password:
        print(f"Password for {name!r} (shown only this once): {password}")


def cmd_user_add(args: argparse.Namespace, db: Any) -> int:
    password = None
    generated = False
    if args.role != "display":
        asked = _ask_password(args.generate)
        if asked is None:
            return 2
        password, generated = asked
    services = [s.strip() for s in args.services.split(",") if s.strip()] if args.services else None
    try:
        user, token = add_user(
            db, args.name, args.role, args.mpp, _now(), password=password, gerai=args.gerai,
            loket=args.loket, services=services,
        )  # fmt: skip
    except AccountError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    where = f" at gerai {user.gerai_code}, loket {user.loket}" if user.role == "petugas" else ""
    print(f"Account {user.name!r} ({user.role}) added to MPP {user.mpp_code}{where}.")
    _print_secret(user.role, user.name, password if generated else None, token)
    return 0


def cmd_user_list(args: argparse.Namespace, db: Any) -> int:
    rows = list_users(db)
    print(f"{'name':20} {'mpp':12} {'role':10} {'gerai':14} {'loket':>5}  state")
    for u in rows:
        locked = u.locked_until is not None and u.locked_until > _now()
        state = "disabled" if u.disabled_at else ("locked" if locked else "active")
        print(f"{u.name:20} {u.mpp_code:12} {u.role:10} {u.gerai_code or '-':14} "
              f"{u.loket or '-':>5}  {state}")  # fmt: skip
    return 0


def cmd_user_disable(args: argparse.Namespace, db: Any) -> int:
    try:
        disable_user(db, args.name, _now())
    except AccountError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    print(f"Account {args.name!r} disabled; its sessions have ended.")
    return 0


def cmd_user_reset(args: argparse.Namespace, db: Any) -> int:
    from sqlalchemy import select

    from central.models import WebUser

    with db.read() as s:
        role = s.scalar(select(WebUser.role).where(WebUser.name == args.name))
    if role is None:
        print(f"error: no account named {args.name!r}", file=sys.stderr)
        return 2
    password, generated = None, False
    if role != "display":
        asked = _ask_password(args.generate)
        if asked is None:
            return 2
        password, generated = asked
    try:
        token = reset_user(db, args.name, _now(), password)
    except AccountError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    print(f"Account {args.name!r} reset: enabled, lockout cleared, sessions ended.")
    _print_secret(role, args.name, password if generated else None, token)
    return 0


def cmd_rotate_status_key(args: argparse.Namespace, db: Any) -> int:
    from central.calls.statuskeys import rotate
    from central.kiosks import KioskError

    try:
        key_id = db.run_write(lambda s: rotate(s, args.name, _now()))
    except KioskError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    print(f"Kiosk {args.name!r} signs new status links with key {key_id} from its next "
          "heartbeat; slips printed before still open their status page.")  # fmt: skip
    return 0


def cmd_counter_rule(args: argparse.Namespace, db: Any) -> int:
    from central.calls.rules import set_rule

    try:
        db.run_write(lambda s: set_rule(s, args.mpp, args.gerai or "", args.priority_every,
                                        args.no_show_after, "cli", _now()))  # fmt: skip
    except ValueError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    where = f"gerai {args.gerai}" if args.gerai else f"MPP {args.mpp} (every gerai without its own)"
    print(f"Rule for {where}: one priority after every {args.priority_every} regular; "
          f"'Tidak hadir' after {args.no_show_after} recalls.")  # fmt: skip
    return 0


def cmd_notice(args: argparse.Namespace, db: Any) -> int:
    from central.accounts.audit import record
    from central.calls.views import NOTICE_KEY
    from central.models import ServerState

    text = " ".join(args.text).strip()
    if len(text) > NOTICE_MAX or any(ord(c) < 32 or ord(c) == 127 for c in text):
        print(f"error: a notice is one line of at most {NOTICE_MAX} characters", file=sys.stderr)
        return 2

    def run(s: Any) -> None:
        row = s.get(ServerState, NOTICE_KEY + args.mpp)
        if row is None:
            s.add(ServerState(key=NOTICE_KEY + args.mpp, value=text, updated_at=_now()))
        else:
            row.value, row.updated_at = text, _now()
        record(s, mpp=args.mpp, actor="cli", action="notice_change", at=_now(), text=text)

    db.run_write(run)
    print("Notice set." if text else "Notice cleared.")
    return 0


def add_parsers(sub: Any, kiosk: Any, common: argparse.ArgumentParser, db_of: DbFactory) -> None:
    """Add the commands to ``mpp-central``'s parser (``kiosk``: the kiosk sub-commands)."""

    def run(fn: Callable[[argparse.Namespace, Any], int]) -> Callable[[argparse.Namespace], int]:
        return lambda args: fn(args, db_of(args))

    user = sub.add_parser("user", help="web accounts: supervisors, petugas, boards")
    users = user.add_subparsers(dest="action", required=True)
    add = users.add_parser("add", parents=[common], help="add an account (password or token once)")
    add.add_argument("name")
    add.add_argument("--role", required=True, choices=["supervisor", "petugas", "display"])
    add.add_argument("--mpp", required=True, help="the MPP's code")
    add.add_argument("--gerai", default=None, help="petugas: the gerai's code")
    add.add_argument("--loket", type=int, default=None, help="petugas: the loket's number")
    add.add_argument("--services", default=None, help="petugas: only these services (a,b)")
    add.add_argument("--generate", action="store_true", help="generate the password, print it")
    add.set_defaults(func=run(cmd_user_add))
    ls = users.add_parser("list", parents=[common], help="accounts and their state")
    ls.set_defaults(func=run(cmd_user_list))
    dis = users.add_parser("disable", parents=[common], help="stop an account signing in")
    dis.add_argument("name")
    dis.set_defaults(func=run(cmd_user_disable))
    rst = users.add_parser("reset", parents=[common], help="new password (or board token)")
    rst.add_argument("name")
    rst.add_argument("--generate", action="store_true")
    rst.set_defaults(func=run(cmd_user_reset))

    rot = kiosk.add_parser(
        "rotate-status-key", parents=[common], help="a new key for the kiosk's status links"
    )
    rot.add_argument("name")
    rot.set_defaults(func=run(cmd_rotate_status_key))

    counter = sub.add_parser("counter", help="call rules").add_subparsers(
        dest="action", required=True
    )
    rule = counter.add_parser("rule", parents=[common], help="priority interleave, no-show rule")
    rule.add_argument("--mpp", required=True)
    rule.add_argument("--gerai", default=None, help="this gerai only (default: the whole MPP)")
    rule.add_argument("--priority-every", type=int, required=True)
    rule.add_argument("--no-show-after", type=int, required=True)
    rule.set_defaults(func=run(cmd_counter_rule))

    notice = sub.add_parser("notice", parents=[common], help="the boards' running notice line")
    notice.add_argument("--mpp", required=True)
    notice.add_argument("text", nargs="*")
    notice.set_defaults(func=run(cmd_notice))
