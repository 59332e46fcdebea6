"""The pure rules of calling: the priority interleave, wait estimates, Indonesian number words
and announcements, and status-link tokens (mint offline, verify, refuse forgeries)."""

from __future__ import annotations

import os
import uuid

import pytest

from mpp_core.domain.calling import (
    Waiting,
    call_order,
    median_service_s,
    next_series,
    regulars_since_priority,
    wait_minutes,
)
from mpp_core.domain.speech import announcement, number_en, number_id, spell_ticket
from mpp_core.wire.status_link import (
    TOKEN_LENGTH,
    decode_key,
    encode_key,
    mint_status_token,
    read_status_token,
    status_url,
    verify_status_token,
)


def test_one_priority_after_every_n_regular_and_priority_first_when_no_regular_waits() -> None:
    assert next_series(5, 2, 0, 3) == "R"
    assert next_series(5, 2, 3, 3) == "P"
    assert next_series(0, 2, 0, 3) == "P"
    assert next_series(2, 0, 9, 3) == "R"
    assert next_series(0, 0, 0, 3) is None
    assert next_series(5, 1, 0, 0) == "P"  # every = 0: priority always first
    assert regulars_since_priority(["R", "R", "P", "R"]) == 2
    waiting = [Waiting(f"r{i}", "R") for i in range(5)] + [Waiting("p0", "P"), Waiting("p1", "P")]
    order = [w.ticket_id for w in call_order(waiting, 1, 2)]
    assert order == ["r0", "p0", "r1", "r2", "p1", "r3", "r4"]


def test_wait_estimates_from_recent_service_times() -> None:
    assert median_service_s([300, 600, 900]) == 600
    assert median_service_s([5, 10]) is None  # too short to be a service
    assert wait_minutes(0, 600, 2) == 0
    assert wait_minutes(1, 10, 5) == 1  # someone ahead: at least a minute
    assert wait_minutes(6, 600, 2) == 30


@pytest.mark.parametrize(
    ("n", "words"),
    [
        (0, "nol"),
        (1, "satu"),
        (10, "sepuluh"),
        (11, "sebelas"),
        (12, "dua belas"),
        (19, "sembilan belas"),
        (20, "dua puluh"),
        (25, "dua puluh lima"),
        (100, "seratus"),
        (101, "seratus satu"),
        (111, "seratus sebelas"),
        (250, "dua ratus lima puluh"),
        (999, "sembilan ratus sembilan puluh sembilan"),
        (1000, "seribu"),
        (1001, "seribu satu"),
        (2500, "dua ribu lima ratus"),
        (11000, "sebelas ribu"),
        (123456, "seratus dua puluh tiga ribu empat ratus lima puluh enam"),
    ],
)
def test_indonesian_number_words(n: int, words: str) -> None:
    assert number_id(n) == words


def test_english_number_words_and_ranges() -> None:
    assert number_en(21) == "twenty-one"
    assert number_en(1200) == "one thousand two hundred"
    with pytest.raises(ValueError):
        number_id(-1)


def test_announcements_read_numbers_digit_by_digit() -> None:
    assert spell_ticket("A-001", "id") == "a nol nol satu"
    assert spell_ticket("B-P012", "id") == "be pe nol satu dua"
    assert spell_ticket("A-30001", "en") == "A three zero zero zero one"
    assert (
        announcement("A-001", 2, "Dispendukcapil", "id")
        == "Nomor antrean a nol nol satu, silakan menuju loket dua, Dispendukcapil."
    )
    assert announcement("A-001", 12, "Dinkes", "en").startswith(
        "Queue number A zero zero one, please go to counter twelve"
    )


def test_status_tokens_are_minted_offline_and_verified_by_key() -> None:
    key = os.urandom(32)
    ticket = str(uuid.uuid4())
    token = mint_status_token(key, 42, ticket)
    assert len(token) == TOKEN_LENGTH and token.isascii() and "=" not in token
    assert read_status_token(token) == (42, ticket)
    assert verify_status_token(key, token) == ticket
    assert verify_status_token(os.urandom(32), token) is None
    for bad in (
        token[:-1],
        token + "A",
        token.replace(token[10], "_" if token[10] != "_" else "-"),
        "!" * TOKEN_LENGTH,
    ):
        assert verify_status_token(key, bad) is None
    # The last character carries unused bits: another spelling of the same bytes is refused.
    alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"
    twin = token[:-1] + alphabet[alphabet.index(token[-1]) | 1]  # a padding bit set
    assert twin != token
    assert read_status_token(twin) is None and verify_status_token(key, twin) is None
    assert status_url("https://mpp.example/", token) == f"https://mpp.example/s/{token}"
    assert decode_key(encode_key(key)) == key
    with pytest.raises(ValueError):
        mint_status_token(b"short", 1, ticket)
