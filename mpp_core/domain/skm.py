"""The Survei Kepuasan Masyarakat (SKM) of PermenPANRB 14/2017 and its index, the IKM.

Nine elements (unsur), each answered on a 1-4 scale with the regulation's wording; the
index of a period is the weighted sum of each element's average (NRR), with equal weights
(1/9 each, written 0,111 in the regulation's worked examples), and on the 25-100 scale
times 25. Pure rules: what the questions are, how answers become an index, which quality
band (mutu A-D) it falls in, and how many respondents a period needs (the regulation's
Krejcie-Morgan table). Sources: ``shared/reference/mpp-domain.md`` §4.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from enum import StrEnum
from fractions import Fraction

from mpp_core.i18n import Text

SCALE = (1, 2, 3, 4)
# The regulation's worked examples round the weight 1/9 to 0,111; reports show which one was
# used (results near a band's edge can differ).
WEIGHT_REGULATION = Fraction(111, 1000)
WEIGHT_EXACT = Fraction(1, 9)


class Unsur(StrEnum):
    U1 = "u1"
    U2 = "u2"
    U3 = "u3"
    U4 = "u4"
    U5 = "u5"
    U6 = "u6"
    U7 = "u7"
    U8 = "u8"
    U9 = "u9"


@dataclass(frozen=True, slots=True)
class Question:
    """One element: its name, the question and the four answers from 1 (worst) to 4."""

    unsur: Unsur
    name: Text
    question: Text
    answers: tuple[Text, Text, Text, Text]


QUESTIONS: tuple[Question, ...] = (
    Question(
        Unsur.U1,
        Text("Persyaratan", "Requirements"),
        Text(
            "Bagaimana pendapat Anda tentang kesesuaian persyaratan pelayanan dengan jenis "
            "pelayanannya?",
            "Did the requirements fit the service you received?",
        ),
        (
            Text("Tidak sesuai", "Not suitable"),
            Text("Kurang sesuai", "Somewhat unsuitable"),
            Text("Sesuai", "Suitable"),
            Text("Sangat sesuai", "Very suitable"),
        ),
    ),
    Question(
        Unsur.U2,
        Text("Sistem, mekanisme, dan prosedur", "System, mechanism and procedure"),
        Text(
            "Bagaimana pemahaman Anda tentang kemudahan prosedur pelayanan di unit ini?",
            "How easy was the procedure of this service?",
        ),
        (
            Text("Tidak mudah", "Not easy"),
            Text("Kurang mudah", "Somewhat difficult"),
            Text("Mudah", "Easy"),
            Text("Sangat mudah", "Very easy"),
        ),
    ),
    Question(
        Unsur.U3,
        Text("Waktu penyelesaian", "Time to complete"),
        Text(
            "Bagaimana pendapat Anda tentang kecepatan waktu dalam memberikan pelayanan?",
            "How fast was the service?",
        ),
        (
            Text("Tidak cepat", "Not fast"),
            Text("Kurang cepat", "Somewhat slow"),
            Text("Cepat", "Fast"),
            Text("Sangat cepat", "Very fast"),
        ),
    ),
    Question(
        Unsur.U4,
        Text("Biaya/tarif", "Cost/fee"),
        Text(
            "Bagaimana pendapat Anda tentang kewajaran biaya/tarif dalam pelayanan?",
            "How fair was the cost of the service?",
        ),
        (
            Text("Sangat mahal", "Very expensive"),
            Text("Cukup mahal", "Rather expensive"),
            Text("Murah", "Cheap"),
            Text("Gratis", "Free"),
        ),
    ),
    Question(
        Unsur.U5,
        Text("Produk spesifikasi jenis pelayanan", "What the service delivers"),
        Text(
            "Bagaimana pendapat Anda tentang kesesuaian produk pelayanan antara yang tercantum "
            "dalam standar pelayanan dengan hasil yang diberikan?",
            "Did what you received match what the service standard promises?",
        ),
        (
            Text("Tidak sesuai", "Not matching"),
            Text("Kurang sesuai", "Partly matching"),
            Text("Sesuai", "Matching"),
            Text("Sangat sesuai", "Fully matching"),
        ),
    ),
    Question(
        Unsur.U6,
        Text("Kompetensi pelaksana", "Staff competence"),
        Text(
            "Bagaimana pendapat Anda tentang kompetensi/kemampuan petugas dalam pelayanan?",
            "How competent were the staff who served you?",
        ),
        (
            Text("Tidak kompeten", "Not competent"),
            Text("Kurang kompeten", "Somewhat competent"),
            Text("Kompeten", "Competent"),
            Text("Sangat kompeten", "Very competent"),
        ),
    ),
    Question(
        Unsur.U7,
        Text("Perilaku pelaksana", "Staff conduct"),
        Text(
            "Bagaimana pendapat Anda tentang perilaku petugas dalam pelayanan terkait "
            "kesopanan dan keramahan?",
            "How polite and friendly were the staff?",
        ),
        (
            Text("Tidak sopan dan ramah", "Not polite and friendly"),
            Text("Kurang sopan dan ramah", "Somewhat polite and friendly"),
            Text("Sopan dan ramah", "Polite and friendly"),
            Text("Sangat sopan dan ramah", "Very polite and friendly"),
        ),
    ),
    Question(
        Unsur.U8,
        Text("Sarana dan prasarana", "Facilities"),
        Text(
            "Bagaimana pendapat Anda tentang kualitas sarana dan prasarana?",
            "How good were the facilities?",
        ),
        (
            Text("Buruk", "Poor"),
            Text("Cukup", "Fair"),
            Text("Baik", "Good"),
            Text("Sangat baik", "Very good"),
        ),
    ),
    Question(
        Unsur.U9,
        Text(
            "Penanganan pengaduan, saran dan masukan",
            "Handling of complaints, suggestions and feedback",
        ),
        Text(
            "Bagaimana pendapat Anda tentang penanganan pengaduan pengguna layanan?",
            "How are complaints from service users handled?",
        ),
        (
            Text("Tidak ada", "There is none"),
            Text("Ada tetapi tidak berfungsi", "It exists but does not work"),
            Text("Berfungsi kurang maksimal", "It works, but not well enough"),
            Text("Dikelola dengan baik", "It is handled well"),
        ),
    ),
)
QUESTION_BY_UNSUR: Mapping[Unsur, Question] = {q.unsur: q for q in QUESTIONS}


class Mutu(StrEnum):
    """The quality band of an index (PermenPANRB 14/2017, the NIK 25-100 ranges)."""

    A = "A"
    B = "B"
    C = "C"
    D = "D"


MUTU_WORDS: Mapping[Mutu, Text] = {
    Mutu.A: Text("Sangat baik", "Very good"),
    Mutu.B: Text("Baik", "Good"),
    Mutu.C: Text("Kurang baik", "Poor"),
    Mutu.D: Text("Tidak baik", "Bad"),
}


def mutu_of(ikm_100: float) -> Mutu:
    """The band of an index on the 25-100 scale, read at two decimals as the regulation's
    table is: D 25,00-64,99; C 65,00-76,60; B 76,61-88,30; A 88,31-100,00."""
    value = round(ikm_100, 2)
    if value >= 88.31:
        return Mutu.A
    if value >= 76.61:
        return Mutu.B
    if value >= 65.00:
        return Mutu.C
    return Mutu.D


@dataclass(frozen=True, slots=True)
class UnsurResult:
    unsur: Unsur
    answers: int  # how many respondents answered this element
    nrr: float  # the element's average, 1-4 (0 when nobody answered)
    weighted: float  # nrr x the weight


@dataclass(frozen=True, slots=True)
class Index:
    """The IKM of a set of responses."""

    respondents: int  # responses with at least one element answered
    per_unsur: tuple[UnsurResult, ...]
    ikm: float  # 1-4
    ikm_100: float  # 25-100
    mutu: Mutu
    weight: Fraction

    @property
    def priorities(self) -> tuple[Unsur, ...]:
        """The answered element(s) with the lowest NRR: where to improve first."""
        answered = [r for r in self.per_unsur if r.answers]
        if not answered:
            return ()
        low = min(r.nrr for r in answered)
        return tuple(r.unsur for r in answered if math.isclose(r.nrr, low, abs_tol=1e-9))


def index_from_nrr(nrr: Mapping[Unsur, float], *, weight: Fraction = WEIGHT_EXACT) -> Index:
    """The index from each element's NRR (the regulation's worked examples start here)."""
    per = tuple(
        UnsurResult(u, 1, nrr[u], float(Fraction(nrr[u]).limit_denominator(10**9) * weight))
        for u in Unsur
        if u in nrr
    )
    return _index(per, respondents=0, weight=weight)


def compute_index(
    responses: Iterable[Mapping[Unsur, int]], *, weight: Fraction = WEIGHT_EXACT
) -> Index:
    """The index of a period's responses. Each response maps the elements the respondent
    answered to 1-4 (a skipped element is simply absent); each NRR divides by the number of
    answers to that element, as the regulation says ("jumlah kuesioner yang terisi")."""
    sums = dict.fromkeys(Unsur, 0)
    counts = dict.fromkeys(Unsur, 0)
    respondents = 0
    for response in responses:
        answered = False
        for unsur, value in response.items():
            if value not in SCALE:
                raise ValueError(f"{unsur.value}: {value!r} is not an answer from 1 to 4")
            sums[unsur] += value
            counts[unsur] += 1
            answered = True
        respondents += answered
    per = tuple(
        UnsurResult(
            u,
            counts[u],
            float(Fraction(sums[u], counts[u])) if counts[u] else 0.0,
            float(Fraction(sums[u], counts[u]) * weight) if counts[u] else 0.0,
        )
        for u in Unsur
    )
    return _index(per, respondents=respondents, weight=weight)


def _index(per: Sequence[UnsurResult], *, respondents: int, weight: Fraction) -> Index:
    ikm = sum(r.weighted for r in per if r.answers)
    ikm_100 = ikm * 25
    return Index(respondents, tuple(per), ikm, ikm_100, mutu_of(ikm_100), weight)


# Krejcie and Morgan (1970), the table the regulation's appendix uses to set a period's
# minimum number of respondents from its population (here: the period's visits).
KREJCIE_MORGAN: tuple[tuple[int, int], ...] = (
    (10, 10), (15, 14), (20, 19), (25, 24), (30, 28), (35, 32), (40, 36), (45, 40), (50, 44),
    (55, 48), (60, 52), (65, 56), (70, 59), (75, 63), (80, 66), (85, 70), (90, 73), (95, 76),
    (100, 80), (110, 86), (120, 92), (130, 97), (140, 103), (150, 108), (160, 113),
    (170, 118), (180, 123), (190, 127), (200, 132), (210, 136), (220, 140), (230, 144),
    (240, 148), (250, 152), (260, 155), (270, 159), (280, 162), (290, 165), (300, 169),
    (320, 175), (340, 181), (360, 186), (380, 191), (400, 196), (420, 201), (440, 205),
    (460, 210), (480, 214), (500, 217), (550, 226), (600, 234), (650, 242), (700, 248),
    (750, 254), (800, 260), (850, 265), (900, 269), (950, 274), (1000, 278), (1100, 285),
    (1200, 291), (1300, 297), (1400, 302), (1500, 306), (1600, 310), (1700, 313),
    (1800, 317), (1900, 320), (2000, 322), (2200, 327), (2400, 331), (2600, 335),
    (2800, 338), (3000, 341), (3500, 346), (4000, 351), (4500, 354), (5000, 357),
    (6000, 361), (7000, 364), (8000, 367), (9000, 368), (10000, 370), (15000, 375),
    (20000, 377), (30000, 379), (40000, 380), (50000, 381), (75000, 382), (1000000, 384),
)  # fmt: skip


def minimum_sample(population: int) -> int:
    """The respondents a period needs for its number of visits, from the Krejcie-Morgan
    table: the row of the smallest tabled population at or above it (a population between
    two rows needs the larger sample); all of them below 10; 384 above a million. E.g. 100
    visits need 80, 1,000 need 278, 81,000 (a year at MPP Among Warga) need 384."""
    if population <= 0:
        return 0
    if population < KREJCIE_MORGAN[0][0]:
        return population
    for rows_population, sample in KREJCIE_MORGAN:
        if population <= rows_population:
            return sample
    return KREJCIE_MORGAN[-1][1]
