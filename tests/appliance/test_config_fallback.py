"""A broken config falls back to the last good one; with none, the kiosk is out of service
rather than guessing: the database path and the numbering mode change only by an explicit
setting. Files holding secrets are created 0600."""

from __future__ import annotations

import os
import stat
from pathlib import Path

from kiosk.config import (
    CODE_BAD_DATABASE,
    CODE_BAD_SERVER,
    CODE_INVALID,
    CODE_UNREADABLE,
    last_good_path,
    load_kiosk_config,
    remember_good,
    save_config,
)
from kiosk.settings.kiosk import KioskConfig

SERVER = '[server]\nurl = "https://queue.example.id"\ntoken = "mppk_abcdefgh12345678"\n'


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_a_missing_file_is_a_first_start(tmp_path: Path) -> None:
    _cfg, problems, blocked = load_kiosk_config(tmp_path / "kiosk.toml")
    assert problems and blocked is None


def test_not_toml_without_a_last_good_copy_blocks(tmp_path: Path) -> None:
    path = tmp_path / "kiosk.toml"
    path.write_text("[kiosk\nthis is not toml")
    assert load_kiosk_config(path)[2] == CODE_INVALID
    path.write_bytes(b"\xff\xfe not utf-8")
    assert load_kiosk_config(path)[2] == CODE_UNREADABLE


def test_a_refused_database_never_falls_back_to_the_default_one(tmp_path: Path) -> None:
    path = tmp_path / "kiosk.toml"
    path.write_text('[kiosk]\ndatabase = "relative/kiosk.db"\n')
    cfg, _problems, blocked = load_kiosk_config(path)
    assert blocked == CODE_BAD_DATABASE  # not <user data dir>/kiosk.db
    good = tmp_path / "data" / "kiosk.db"
    path.write_text(f'[kiosk]\ndatabase = "{good}"\n')
    assert remember_good(path) is None and last_good_path(path).exists()
    path.write_text('[kiosk]\ndatabase = "relative/kiosk.db"\n')
    cfg, _problems, blocked = load_kiosk_config(path)
    assert blocked is None and cfg.database_path() == good  # the last good setting


def test_a_refused_server_never_turns_into_local_numbering(tmp_path: Path) -> None:
    path = tmp_path / "kiosk.toml"
    path.write_text(SERVER.replace("https://", "htps://"))
    assert load_kiosk_config(path)[2] == CODE_BAD_SERVER
    path.write_text(SERVER)
    remember_good(path)
    path.write_text(SERVER.replace("https://", "htps://"))
    cfg, _problems, blocked = load_kiosk_config(path)
    assert blocked is None and cfg.server["url"] == "https://queue.example.id"


def test_files_holding_secrets_are_created_0600(tmp_path: Path) -> None:
    path = tmp_path / "kiosk.toml"
    path.write_text(SERVER)
    os.chmod(path, 0o644)  # as an editor might have left it
    save_config(KioskConfig(server={"url": "https://queue.example.id",
                                    "token": "mppk_abcdefgh12345678"}), path)  # fmt: skip
    assert _mode(path) == 0o600
    assert remember_good(path) is None
    assert _mode(last_good_path(path)) == 0o600
    fresh = tmp_path / "new" / "kiosk.toml"
    save_config(KioskConfig(), fresh)
    assert _mode(fresh) == 0o600 and _mode(fresh.parent) == 0o700
