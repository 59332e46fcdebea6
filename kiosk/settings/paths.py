"""The checks for paths in the settings: what kind of thing is there (a regular file, a folder,
a device; never a named pipe, which would block whoever opens it), how large it is, and where
it is (a folder that must stay inside the kiosk's data folder). Each returns the words of the
problem, or None.

Nothing here opens a path that is not a regular file, so checking never blocks.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

from kiosk.words import Words

KIB = 1024

_KINDS: dict[int, Words] = {
    stat.S_IFIFO: ("pipa bernama (FIFO)", "a named pipe (FIFO)"),
    stat.S_IFCHR: ("perangkat karakter", "a character device"),
    stat.S_IFBLK: ("perangkat blok", "a block device"),
    stat.S_IFSOCK: ("soket", "a socket"),
    stat.S_IFDIR: ("folder", "a folder"),
    stat.S_IFREG: ("berkas", "a file"),
    stat.S_IFLNK: ("tautan", "a link"),
}

# First bytes of the image files a slip logo may be (Pillow reads them all).
_IMAGE_MAGIC = (b"\x89PNG\r\n\x1a\n", b"\xff\xd8\xff", b"GIF87a", b"GIF89a", b"BM")


def _kind_words(mode: int) -> Words:
    return _KINDS.get(stat.S_IFMT(mode), ("sesuatu yang lain", "something else"))


def _stat(path: str) -> tuple[os.stat_result | None, Words | None]:
    """The path's status (links followed), None when nothing is there, or why it cannot be
    looked at."""
    try:
        return os.stat(path), None
    except FileNotFoundError:
        return None, None
    except OSError as exc:
        reason = exc.strerror or str(exc)
        return None, (
            f"tidak dapat dibuka: {path} ({reason})",
            f"cannot be opened: {path} ({reason})",
        )


def absolute(path: str, example: str) -> Words | None:
    """A full path (it must not depend on the folder the kiosk was started in)."""
    if Path(path).is_absolute():
        return None
    return (
        f"harus jalur lengkap, misalnya {example}, bukan {path!r}",
        f"must be a full path such as {example}, not {path!r}",
    )


def regular_file(path: str, max_bytes: int, *, missing_ok: bool = False) -> Words | None:
    """A regular file (not a folder, named pipe or device) of at most ``max_bytes``; with
    ``missing_ok``, nothing there is fine too."""
    st, problem = _stat(path)
    if problem is not None:
        return problem
    if st is None:
        return None if missing_ok else (f"tidak ada berkas di {path}", f"no file at {path}")
    if not stat.S_ISREG(st.st_mode):
        kind = _kind_words(st.st_mode)
        return (
            f"{path} adalah {kind[0]}, bukan berkas biasa",
            f"{path} is {kind[1]}, not a regular file",
        )
    if st.st_size > max_bytes:
        size, limit = -(-st.st_size // KIB), max_bytes // KIB
        return (
            f"{path} terlalu besar ({size} KiB; paling besar {limit} KiB)",
            f"{path} is too large ({size} KiB; at most {limit} KiB)",
        )
    return None


def image_file(path: str, max_bytes: int) -> Words | None:
    """A regular file of at most ``max_bytes`` that is a PNG, JPEG, GIF or BMP image, or
    nothing at all (a slip prints without its logo rather than not at all: a logo on a disk
    that is not mounted yet must not turn the printer off)."""
    problem = regular_file(path, max_bytes, missing_ok=True)
    if problem is not None or not os.path.exists(path):
        return problem
    try:
        with open(path, "rb") as fh:
            head = fh.read(16)
    except OSError as exc:
        reason = exc.strerror or str(exc)
        return (f"tidak dapat dibaca: {path} ({reason})", f"cannot be read: {path} ({reason})")
    if not head.startswith(_IMAGE_MAGIC):
        return (
            f"{path} bukan gambar PNG, JPEG, GIF atau BMP",
            f"{path} is not a PNG, JPEG, GIF or BMP image",
        )
    return None


def writable_target(path: str, *, devices: bool) -> Words | None:
    """Where bytes are written: nothing there yet, a regular file, or (``devices``) a
    character device such as /dev/usb/lp0 (links followed). Never a folder or named pipe."""
    st, problem = _stat(path)
    if problem is not None or st is None:
        return problem
    if stat.S_ISREG(st.st_mode) or (devices and stat.S_ISCHR(st.st_mode)):
        return None
    kind = _kind_words(st.st_mode)
    want: Words = (
        ("berkas biasa atau perangkat karakter", "a regular file or a character device")
        if devices
        else ("berkas biasa", "a regular file")
    )
    return (f"{path} adalah {kind[0]}, bukan {want[0]}", f"{path} is {kind[1]}, not {want[1]}")


def device(path: str) -> Words | None:
    """A device path: nothing there yet (not plugged in), or a character device."""
    st, problem = _stat(path)
    if problem is not None or st is None:
        return problem
    if stat.S_ISCHR(st.st_mode):
        return None
    kind = _kind_words(st.st_mode)
    return (
        f"{path} adalah {kind[0]}, bukan perangkat karakter",
        f"{path} is {kind[1]}, not a character device",
    )


def folder_inside(path: str, root: Path) -> tuple[Path, Words | None]:
    """``path`` (relative to ``root``, or absolute) resolved, links and ``..`` included; it
    must stay inside ``root`` and be a folder (or not exist yet)."""
    base = root.resolve()
    target = (base / path).resolve()
    if target != base and base not in target.parents:
        return target, (
            f"{path} berada di luar folder data {base}",
            f"{path} is outside the data folder {base}",
        )
    if target.exists() and not target.is_dir():
        return target, (f"{path} bukan folder", f"{path} is not a folder")
    return target, None
