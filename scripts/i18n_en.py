"""Fill assets/i18n/kiosk_en.ts: English is the source language, so every message is its own
translation, except plural messages, which need their English forms written in the file."""

from __future__ import annotations

import re
import sys
from pathlib import Path


def fill(path: Path) -> list[str]:
    text = path.read_text(encoding="utf-8")
    todo: list[str] = []

    def one(m: re.Match[str]) -> str:
        block = m.group(0)
        if 'type="unfinished"' not in block:
            return block
        source = re.search(r"<source>(.*?)</source>", block, re.S)
        assert source is not None
        if 'numerus="yes"' in block:
            todo.append(source.group(1))
            return block
        return re.sub(
            r'<translation type="unfinished">.*?</translation>|'
            r'<translation type="unfinished"/>',
            f"<translation>{source.group(1)}</translation>",
            block,
            flags=re.S,
        )

    path.write_text(re.sub(r"<message[^>]*>.*?</message>", one, text, flags=re.S), encoding="utf-8")
    return todo


if __name__ == "__main__":
    missing = fill(Path(sys.argv[1] if len(sys.argv) > 1 else "assets/i18n/kiosk_en.ts"))
    for m in missing:
        print(f"plural message needs English forms: {m}")
    sys.exit(1 if missing else 0)
