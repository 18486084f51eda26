"""The join screen of ``wijkberaad join`` at 80×24 in both languages (no server: the code is still missing).

Update with ``pytest tests/ui/test_snapshots_join.py --snapshot-update`` after a deliberate change.
"""

from __future__ import annotations

import pytest

from game.ui.remote.table import RemoteStart


def never(url, pack):
    raise AssertionError("the join screen connects only once the code is given")


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_join_screen(snap_compare, make_app, lang):
    start = RemoteStart(connect=never, url="http://192.168.1.20:8765/", name="Sanne")
    assert snap_compare(make_app(lang=lang, remote=start), terminal_size=(80, 24))


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_join_screen_says_what_is_missing(snap_compare, make_app, lang):
    start = RemoteStart(connect=never, url="http://192.168.1.20:8765/", name="Sanne")
    assert snap_compare(
        make_app(lang=lang, remote=start), press=["enter", "enter", "enter"], terminal_size=(80, 24)
    )
