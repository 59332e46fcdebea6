"""What a display board says when a number is called, in Indonesian and in English.

Numbers on a slip are read digit by digit, as is customary at Indonesian counters ("A nol nol
satu"); the loket is read as a cardinal number ("loket dua belas"). Letters are spelt as they
are said (``B`` -> "be") so a speech synthesiser cannot read them as words. Pure Python.
"""

from __future__ import annotations

from mpp_core.domain.numbering import DIGIT_WORDS_EN, DIGIT_WORDS_ID

DIGITS_ID = DIGIT_WORDS_ID
DIGITS_EN = DIGIT_WORDS_EN
LETTERS_ID = {
    "A": "a", "B": "be", "C": "ce", "D": "de", "E": "e", "F": "ef", "G": "ge", "H": "ha",
    "I": "i", "J": "je", "K": "ka", "L": "el", "M": "em", "N": "en", "O": "o", "P": "pe",
    "Q": "ki", "R": "er", "S": "es", "T": "te", "U": "u", "V": "ve", "W": "we", "X": "eks",
    "Y": "ye", "Z": "zet",
}  # fmt: skip
_TEENS_EN = (
    "ten", "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen",
    "eighteen", "nineteen",
)  # fmt: skip
_TENS_EN = ("", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety")


def number_id(n: int) -> str:
    """An integer from 0 to 999,999 in Indonesian words: 12 -> "dua belas", 101 -> "seratus
    satu", 1000 -> "seribu"."""
    if not 0 <= n < 1_000_000:
        raise ValueError(f"{n} is out of range")
    if n < 10:
        return DIGITS_ID[n]
    if n == 10:
        return "sepuluh"
    if n == 11:
        return "sebelas"
    if n < 20:
        return f"{DIGITS_ID[n - 10]} belas"
    if n < 100:
        tens, rest = divmod(n, 10)
        return f"{DIGITS_ID[tens]} puluh" + (f" {DIGITS_ID[rest]}" if rest else "")
    if n < 1000:
        hundreds, rest = divmod(n, 100)
        head = "seratus" if hundreds == 1 else f"{DIGITS_ID[hundreds]} ratus"
        return head + (f" {number_id(rest)}" if rest else "")
    thousands, rest = divmod(n, 1000)
    head = "seribu" if thousands == 1 else f"{number_id(thousands)} ribu"
    return head + (f" {number_id(rest)}" if rest else "")


def number_en(n: int) -> str:
    """An integer from 0 to 999,999 in English words."""
    if not 0 <= n < 1_000_000:
        raise ValueError(f"{n} is out of range")
    if n < 10:
        return DIGITS_EN[n]
    if n < 20:
        return _TEENS_EN[n - 10]
    if n < 100:
        tens, rest = divmod(n, 10)
        return _TENS_EN[tens] + (f"-{DIGITS_EN[rest]}" if rest else "")
    if n < 1000:
        hundreds, rest = divmod(n, 100)
        return f"{DIGITS_EN[hundreds]} hundred" + (f" {number_en(rest)}" if rest else "")
    thousands, rest = divmod(n, 1000)
    return f"{number_en(thousands)} thousand" + (f" {number_en(rest)}" if rest else "")


def spell_ticket(number: str, lang: str) -> str:
    """A ticket number said character by character: "A-P001" -> "a pe nol nol satu"."""
    words = []
    for ch in number.upper():
        if ch.isdigit() and ch.isascii():
            words.append((DIGITS_EN if lang == "en" else DIGITS_ID)[int(ch)])
        elif ch in LETTERS_ID:
            words.append(ch if lang == "en" else LETTERS_ID[ch])
    return " ".join(words)


def announcement(number: str, loket: int, gerai_name: str, lang: str) -> str:
    """The call as said, e.g. "Nomor antrean A nol nol satu, silakan menuju loket dua, ..."."""
    if lang == "en":
        return (
            f"Queue number {spell_ticket(number, 'en')}, please go to counter "
            f"{number_en(loket)}, {gerai_name}."
        )
    return (
        f"Nomor antrean {spell_ticket(number, 'id')}, silakan menuju loket "
        f"{number_id(loket)}, {gerai_name}."
    )
