"""In a real browser (Debian's chromium and chromium-driver, selenium) against a real server
process on 127.0.0.1: a petugas signs in and calls next with the keyboard; the board (another
browser) shows the number and fetches its announcement; the visitor's status page, opened
from the URL a kiosk would print in the slip's QR code, turns to "dipanggil" without a reload.
"""

from __future__ import annotations

import re
import uuid
import wave
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import requests
from browser import available, chromium
from central_harness import ServerProcess, setup_mpp
from web_client import PASSWORD, display, pair, petugas, status_link

from central.web.audio import Announcer

pytestmark = [pytest.mark.browser, pytest.mark.slow]
WAIT_S = 20


@pytest.fixture
def site(tmp_path: Path) -> Iterator[dict[str, Any]]:
    problem = available()
    if problem:
        pytest.skip(problem)
    url = f"sqlite:///{tmp_path / 'central.db'}"
    mpp = setup_mpp(url, tmp_path, ["k1"])
    petugas(mpp.db, "budi", loket=2)
    board_token = display(mpp.db)
    mpp.db.dispose()
    audio = tmp_path / "audio"
    srv = ServerProcess(
        url, tmp_path / "server.log", env={"MPP_CENTRAL_AUDIO_CACHE_DIR": str(audio)}
    ).start()
    drivers: list[Any] = []
    try:
        yield {
            "srv": srv,
            "mpp": mpp,
            "board_token": board_token,
            "audio": audio,
            "drivers": drivers,
        }
    finally:
        for d in drivers:
            d.quit()
        srv.stop()


def _wait(driver: Any, condition: Any, what: str) -> Any:
    from selenium.common.exceptions import NoSuchElementException, StaleElementReferenceException
    from selenium.webdriver.support.ui import WebDriverWait

    # The live pages replace their parts as updates arrive: look again when one went stale.
    ignored = (NoSuchElementException, StaleElementReferenceException)
    wait = WebDriverWait(driver, WAIT_S, poll_frequency=0.1, ignored_exceptions=ignored)
    return wait.until(condition, message=what)


def test_call_next_reaches_the_board_its_announcement_and_the_status_page(
    site: dict[str, Any],
) -> None:
    from selenium.webdriver.common.by import By

    base = site["srv"].url
    kiosk = {"Authorization": f"Bearer {site['mpp'].token('k1')}"}
    tickets = []
    for _ in range(2):
        r = requests.post(
            base + "/api/v1/tickets/allocate",
            headers=kiosk,
            timeout=10,
            json={"ticket_id": str(uuid.uuid4()), "request_id": "r", "service_code": "kk-baru"},
        )
        assert r.status_code == 200, r.text
        tickets.append(r.json())
    first = tickets[0]

    # The board: paired by POSTing its token (never in a URL), then fullscreen at TV size.
    board = chromium(1920, 1080)
    site["drivers"].append(board)
    board.get(base + "/board/pair")
    board.find_element(By.ID, "token").send_keys(site["board_token"])
    board.find_element(By.CSS_SELECTOR, "button[type=submit]").click()
    _wait(board, lambda d: d.current_url.endswith("/board"), "board page after pairing")
    _wait(board, lambda d: "Sedang dilayani" in d.page_source, "board rendered")

    # The visitor's status page, from the URL the kiosk prints in the QR code.
    phone = chromium(390, 844)
    site["drivers"].append(phone)
    phone.get(status_link(base, site["mpp"].token("k1"), first["ticket_id"]))
    _wait(
        phone,
        lambda d: d.find_element(By.ID, "state").get_attribute("data-state") == "waiting",
        "the status page shows the ticket waiting",
    )
    assert first["display"] in phone.page_source

    # The petugas signs in and presses N (Panggil berikutnya).
    pc = chromium(1280, 900)
    site["drivers"].append(pc)
    pc.get(base + "/login")
    pc.find_element(By.ID, "username").send_keys("budi")
    pc.find_element(By.ID, "password").send_keys(PASSWORD)
    pc.find_element(By.CSS_SELECTOR, "button[type=submit]").click()
    _wait(pc, lambda d: d.current_url.endswith("/petugas"), "petugas page after sign-in")
    _wait(pc, lambda d: first["display"] in d.find_element(By.ID, "live").text, "waiting list")
    pc.find_element(By.TAG_NAME, "body").send_keys("n")
    _wait(
        pc,
        lambda d: "dipanggil ke loket 2" in d.find_element(By.ID, "flash").text,
        "the call confirmed",
    )
    _wait(
        pc,
        lambda d: d.find_element(By.ID, "current-number").text == first["display"],
        "now serving on the petugas page",
    )

    # The board shows it and fetches its announcement.
    _wait(
        board,
        lambda d: first["display"] in d.find_element(By.CSS_SELECTOR, ".tiles").text,
        "the number on the board",
    )
    call_id = _wait(
        board,
        lambda d: d.find_element(By.TAG_NAME, "body").get_attribute("data-announced"),
        "the announcement played",
    )
    fetched = board.execute_script(
        "return performance.getEntriesByType('resource').map(e => e.name)"
    )
    audio_url = f"{base}/board/audio/{call_id}.wav"
    assert audio_url in fetched and f"{base}/static/chime.wav" in fetched
    cached = (
        site["audio"] / f"{Announcer(site['audio']).key(first['display'], 2, 'Dispendukcapil')}.wav"
    )
    assert cached.exists(), sorted(p.name for p in site["audio"].glob("*"))
    with wave.open(str(cached), "rb") as w:
        assert w.getnchannels() == 1 and w.getnframes() / w.getframerate() > 2.0
    session = pair(base, site["board_token"])
    got = session.get(audio_url, timeout=20)
    assert got.headers["content-type"] == "audio/wav"
    assert int(got.headers["content-length"]) == cached.stat().st_size == len(got.content)

    # The status page turned to "dipanggil" live, without a reload.
    _wait(
        phone,
        lambda d: d.find_element(By.ID, "state").get_attribute("data-state") == "called",
        "the status page shows the call",
    )
    assert re.search(r"Dipanggil ke loket 2", phone.find_element(By.ID, "status").text)
    assert "/board/audio" not in site["srv"].log_text()  # no access log; nothing secret logged
