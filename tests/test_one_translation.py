"""One way to translate: every text in the code has its English with the same placeholders
(checked from the source, so a text in a branch no test runs is checked too), and nothing of
Qt's catalogues or of the old (Indonesian, English) tuples is left."""

from __future__ import annotations

from pathlib import Path

from .i18n_scan import ROOT, scan, scan_packages


def test_every_text_in_the_code_is_whole_and_nothing_else_translates() -> None:
    written, found = scan_packages()
    assert [str(f) for f in found] == []
    # The scan sees the texts of every part: screens, staff screens, slips, settings, CLI.
    places = {w.path.relative_to(ROOT).as_posix() for w in written}
    for module in (
        "kiosk/screens/texts.py",
        "kiosk/screens/detail.py",
        "kiosk/screens/staff/printer_form.py",
        "kiosk/printing/slip.py",
        "kiosk/printing/status.py",
        "kiosk/printing/cli.py",
        "kiosk/settings/rules.py",
        "kiosk/usecases/staff_actions.py",
        "kiosk/cli.py",
        "mpp_core/i18n_dates.py",
    ):
        assert module in places, module
    assert len(written) > 400


def test_the_qt_catalogues_are_gone() -> None:
    assert not (ROOT / "assets" / "i18n").exists()
    assert not list(ROOT.glob("scripts/i18n*"))
    assert not (ROOT / "kiosk" / "words.py").exists()


def test_the_scan_finds_a_bad_text_even_in_code_that_never_runs(tmp_path: Path) -> None:
    planted = tmp_path / "planted.py"
    planted.write_text(
        "from mpp_core.i18n import Text\n"
        "from kiosk.words import pick\n"
        "from PySide6.QtCore import QCoreApplication\n"
        "\n"
        "GOOD = Text('Nomor {n}', 'Number {n}')\n"
        "\n"
        "def never_called(self, n):\n"
        "    if False:\n"
        "        return Text('Nomor {nomor}', 'Number {number}')\n"  # placeholders differ
        "    missing = Text('Tanpa bahasa Inggris', '')\n"  # no English
        "    shaped = Text(f'Nomor {n}', 'Number')\n"  # an f-string
        "    unread = Text(self.words, 'Number')\n"  # cannot be checked
        "    return self.tr('Old'), QCoreApplication.translate('X', 'Old'), pick(('a', 'b'))\n",
        encoding="utf-8",
    )
    written, found = scan([tmp_path])
    assert [w.text.en for w in written] == ["Number {n}"]
    problems: dict[int, str] = {}
    for f in found:
        problems[f.line] = problems.get(f.line, "") + f.problem + "; "
    assert "placeholders differ" in problems[9]
    assert "without English" in problems[10]
    assert "f-string" in problems[11]
    assert "not written out" in problems[12]
    assert "kiosk.words" in problems[2] and "import of pick" in problems[2]
    assert "a call to .tr()" in problems[13]
    assert "a call to QCoreApplication.translate()" in problems[13]
    assert "a call to pick()" in problems[13]
    assert set(problems) == {2, 9, 10, 11, 12, 13}  # the good text is not a problem
