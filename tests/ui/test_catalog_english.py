"""The catalog's English on the visitor's screens and slips, and no location where the
catalog does not know one."""

from __future__ import annotations

from kiosk.screens.main_window import Page
from mpp_core.domain.tickets import Ticket

from ..conftest import WEDNESDAY_10


def texts_of(widget):  # type: ignore[no-untyped-def]
    from PySide6.QtWidgets import QLabel

    return [lab.text() for lab in widget.findChildren(QLabel) if lab.isVisibleTo(widget)]


def test_detail_shows_the_catalog_in_the_visitors_language(qtbot, kiosk_factory) -> None:  # type: ignore[no-untyped-def]
    k = kiosk_factory()
    w = k.window
    k.flow.start()
    k.flow.choose_service("ktp-el-baru")
    assert w.current is Page.DETAIL
    d = w.detail
    assert d.subtitle.text() == "Dispendukcapil · Lantai 2, loket 1"
    assert d.conditions.text() == (
        "Yang harus dipenuhi\n• Berusia 17 tahun atau sudah/pernah kawin"
    )
    shown = texts_of(d.bring_card)
    assert "Kartu Keluarga (fotokopi)" in shown
    assert "KTP-el lama (asli): diserahkan saat mengambil" in shown
    assert d.fact_labels["steps"][1].text() == "1. Ambil nomor antrean\n2. Perekaman biometrik"

    k.flow.toggle_language()
    assert d.subtitle.text() == "Dispendukcapil EN · 2nd floor, counter 1"
    assert d.conditions.text() == "Conditions to meet\n• Aged 17 or over, or married"
    shown = texts_of(d.bring_card)
    assert "Family Card (Kartu Keluarga, KK), photocopy" in shown
    assert "Old e-ID card (KTP-el), original: handed in when you collect the new one" in shown
    assert d.fact_labels["steps"][1].text() == "1. Take a queue number\n2. Biometric recording"
    assert d.fact_labels["time"][1].text() == "1 working day"
    assert d.fact_labels["product"][1].text() == "Document"
    assert d.fact_labels["complaints"][1].text() == "Complaints desk"


def test_a_service_without_conditions_shows_none(qtbot, kiosk_factory) -> None:  # type: ignore[no-untyped-def]
    k = kiosk_factory()
    k.flow.start()
    k.flow.choose_service("kk-baru")
    assert not k.window.detail.conditions.isVisibleTo(k.window.detail)


def test_an_unknown_location_is_not_shown(qtbot, kiosk_factory) -> None:  # type: ignore[no-untyped-def]
    k = kiosk_factory()
    w = k.window
    k.flow.start()
    k.flow.choose_gerai("dinkes")  # Dinas Kesehatan: location null in the catalog
    k.flow.choose_service("sip-dokter")
    assert w.detail.subtitle.text() == "Dinas Kesehatan"
    assert w.services.where.text() == "Dinas Dinas Kesehatan"
    k.flow.toggle_language()
    assert w.detail.subtitle.text() == "Dinas Kesehatan EN"
    assert w.services.where.text() == "Health Office"


def issued(k, code: str) -> Ticket:  # type: ignore[no-untyped-def]
    return k.desk.issue(f"req-{code}", code, None)


def test_slips_carry_the_catalog_in_the_visitors_language(qtbot, kiosk_factory) -> None:  # type: ignore[no-untyped-def]
    k = kiosk_factory()
    cat = k.catalog.current
    k.printing.settings = type(k.printing.settings)(print_requirements=True)
    t = issued(k, "ktp-el-baru")
    g, s = cat.gerai_by_code("dukcapil"), cat.service_by_code("ktp-el-baru")
    assert g is not None and s is not None
    slip = k.printing.slip_for(t, g, s)
    assert (slip.gerai_name, slip.gerai_location, slip.service_name) == (
        "Dispendukcapil",
        "Lantai 2, loket 1",
        "KTP-el Baru",
    )
    assert slip.requirements == ("Kartu Keluarga (fotokopi)", "KTP-el lama (asli)")
    slip = k.printing.slip_for(t, g, s, lang="en")
    assert (slip.gerai_name, slip.gerai_location, slip.service_name) == (
        "Dispendukcapil EN",
        "2nd floor, counter 1",
        "New e-ID card",
    )
    assert slip.requirements == (
        "Family Card (Kartu Keluarga, KK), photocopy",
        "Old e-ID card (KTP-el), original",
    )
    assert slip.mpp_name == "Test Public Service Mall"
    # No location known: none printed.
    t2 = issued(k, "sip-dokter")
    dinkes, sip = cat.gerai_by_code("dinkes"), cat.service_by_code("sip-dokter")
    assert dinkes is not None and sip is not None
    assert k.printing.slip_for(t2, dinkes, sip).gerai_location == ""
    assert t.service_day == t2.service_day == WEDNESDAY_10.date()
