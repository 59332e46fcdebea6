"""DLE EOT answers decoded into a state and words."""

import pytest

from kiosk.printing.status import (
    PrinterState,
    PrinterStatus,
    decode_status,
    describe_byte,
    valid_status_byte,
)


@pytest.mark.parametrize(
    ("eot1", "eot2", "eot4", "state"),
    [
        (0x12, 0x12, 0x12, PrinterState.READY),
        (0x12, 0x12, 0x1E, PrinterState.PAPER_NEAR_END),
        (0x1A, 0x32, 0x7E, PrinterState.PAPER_OUT),  # emupos / Epson answers
        (0x1A, 0x16, 0x12, PrinterState.COVER_OPEN),
        (0x1A, 0x12, 0x12, PrinterState.OFFLINE),
        (0x1A, 0x52, 0x12, PrinterState.ERROR),
        (0x12, 0x12, 0x72, PrinterState.PAPER_OUT),  # end sensor without offline bit
    ],
)
def test_decode_states(eot1: int, eot2: int, eot4: int, state: PrinterState) -> None:
    status = decode_status({1: eot1, 2: eot2, 4: eot4})
    assert status.state is state
    assert status.can_print is (state in (PrinterState.READY, PrinterState.PAPER_NEAR_END))


def test_no_answer_is_unknown_never_fine() -> None:
    assert decode_status({1: None, 2: None, 4: None}).state is PrinterState.UNKNOWN
    assert decode_status({1: 0x12, 2: 0x12, 4: None}).state is PrinterState.UNKNOWN
    assert decode_status({}).state is PrinterState.UNKNOWN
    assert not decode_status({}).can_print


def test_malformed_answer_is_unknown() -> None:
    assert not valid_status_byte(0x00)
    assert not valid_status_byte(0xFF)
    status = decode_status({1: 0x00, 2: 0x12, 4: 0x12})
    assert status.state is PrinterState.UNKNOWN
    assert "malformed" in status.detail


def test_words_in_both_languages() -> None:
    status = decode_status({1: 0x1A, 2: 0x32, 3: 0x12, 4: 0x7E})
    bytes_said = status.byte_words()
    assert any("paper end sensor: no paper" in w("en") for w in bytes_said)
    assert any("kertas habis" in w("id") for w in bytes_said)
    assert status.words("id") == "Kertas printer habis"
    assert status.words("en") == "Paper out"


def test_describe_byte_no_answer() -> None:
    assert describe_byte(1, None)("id") == "printer status: tidak ada jawaban"
    assert describe_byte(1, None)("en") == "printer status: no answer"


def test_error_cause_words() -> None:
    said = describe_byte(3, 0x1A)
    assert said("en") == "error cause: autocutter error (paper jam) (0x1a)"
    assert said("id") == "error cause: pemotong kertas macet (0x1a)"


def test_not_supported_is_ready_but_flagged() -> None:
    status = PrinterStatus.not_supported("plain file")
    assert status.state is PrinterState.READY and not status.supported
