"""The SKM index (PermenPANRB 14/2017): the reference's worked example, the all-4 case, NRR
per element over the answers given, the quality bands and the minimum sample."""

from __future__ import annotations

import pytest

from mpp_core.domain.skm import (
    QUESTIONS,
    WEIGHT_EXACT,
    WEIGHT_REGULATION,
    Mutu,
    Unsur,
    compute_index,
    index_from_nrr,
    minimum_sample,
    mutu_of,
)

WORKED = dict(zip(Unsur, (3.5, 3.4, 3.2, 3.6, 3.5, 3.7, 3.8, 3.3, 3.1), strict=True))


def test_the_worked_example_with_the_regulation_weight() -> None:
    idx = index_from_nrr(WORKED, weight=WEIGHT_REGULATION)
    assert round(idx.ikm, 4) == 3.4521
    assert round(idx.ikm_100, 2) == 86.30
    assert idx.mutu is Mutu.B


def test_the_worked_example_with_the_exact_weight() -> None:
    idx = index_from_nrr(WORKED, weight=WEIGHT_EXACT)
    assert round(idx.ikm_100, 2) == 86.39
    assert idx.mutu is Mutu.B
    assert idx.priorities == (Unsur.U9,)  # 3.1, the lowest


def test_every_answer_4_is_100_and_a() -> None:
    idx = compute_index([dict.fromkeys(Unsur, 4)] * 7)
    assert idx.respondents == 7
    assert idx.ikm == pytest.approx(4.0) and idx.ikm_100 == pytest.approx(100.0)
    assert idx.mutu is Mutu.A
    assert compute_index([dict.fromkeys(Unsur, 4)], weight=WEIGHT_REGULATION).mutu is Mutu.A


def test_nrr_divides_by_the_answers_to_that_element() -> None:
    responses = [
        {Unsur.U1: 4, Unsur.U2: 2},
        {Unsur.U1: 2},  # skipped U2
        {},  # skipped everything: not a respondent
    ]
    idx = compute_index(responses)
    by = {r.unsur: r for r in idx.per_unsur}
    assert idx.respondents == 2
    assert (by[Unsur.U1].answers, by[Unsur.U1].nrr) == (2, 3.0)
    assert (by[Unsur.U2].answers, by[Unsur.U2].nrr) == (1, 2.0)
    assert by[Unsur.U3].answers == 0
    assert idx.priorities == (Unsur.U2,)


def test_an_answer_outside_1_to_4_is_refused() -> None:
    with pytest.raises(ValueError, match="u3"):
        compute_index([{Unsur.U3: 5}])


@pytest.mark.parametrize(
    ("value", "band"),
    [
        (25.0, Mutu.D),
        (64.99, Mutu.D),
        (65.0, Mutu.C),
        (76.60, Mutu.C),
        (76.61, Mutu.B),
        (88.30, Mutu.B),
        (88.31, Mutu.A),
        (100.0, Mutu.A),
    ],
)
def test_quality_bands(value: float, band: Mutu) -> None:
    assert mutu_of(value) is band


@pytest.mark.parametrize(
    ("population", "sample"),
    [
        (3, 3),
        (10, 10),
        (100, 80),
        (101, 86),
        (1000, 278),
        (10_000, 370),
        (81_000, 384),
        (2 * 10**6, 384),
    ],
)
def test_minimum_sample_follows_the_krejcie_morgan_table(population: int, sample: int) -> None:
    assert minimum_sample(population) == sample


def test_nine_elements_each_with_four_answers_in_both_languages() -> None:
    assert [q.unsur for q in QUESTIONS] == list(Unsur)
    for q in QUESTIONS:
        assert len(q.answers) == 4
        for t in (q.name, q.question, *q.answers):
            assert t("id") and t("en")
