"""Progress bars: shown to a person at a terminal, never written into a log."""

from __future__ import annotations

import io

import pytest

from clinic.core.progress import progress, shown

pytestmark = pytest.mark.unit


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_a_bar_only_on_a_terminal_and_never_in_ci():
    assert shown(Terminal(), {})
    assert not shown(Terminal(), {"CI": "true"})
    assert not shown(io.StringIO(), {})


def test_without_a_terminal_progress_prints_nothing(capsys):
    with progress("Reading", 5000) as advance:
        for _ in range(3):
            advance(1)
    assert capsys.readouterr() == ("", "")


def test_a_terminal_sees_the_bar_and_ci_does_not(monkeypatch):
    for environ, drawn in (({}, True), ({"CI": "true"}, False)):
        terminal = Terminal()
        monkeypatch.setattr("sys.stderr", terminal)
        monkeypatch.setattr("os.environ", environ)
        with progress("Reading", 600, at_least=500) as advance:
            advance(600)
        assert ("Reading" in terminal.getvalue()) is drawn


def test_short_work_shows_no_bar(monkeypatch):
    terminal = Terminal()
    monkeypatch.setattr("sys.stderr", terminal)
    monkeypatch.setattr("os.environ", {})
    with progress("Reading", 20, at_least=500) as advance:
        advance(20)
    assert terminal.getvalue() == ""
