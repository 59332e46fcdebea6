"""Words for people as (Indonesian, English) pairs, and picking one for the screen.

The visitor screens are translated by Qt (``kiosk/i18n.py``); the staff screens, the printer's
status and the settings' problems carry both languages as a pair and pick one when shown.
"""

from __future__ import annotations

Words = tuple[str, str]  # (Indonesian, English)


def pick(words: Words, lang: str) -> str:
    """The words in the language shown (Indonesian first)."""
    return words[1] if lang == "en" and words[1] else words[0]
