"""The game's Load list names a save's scenario and variant by their titles in the player's language."""

from __future__ import annotations

import pytest

from game.engine import Game
from game.files.saves import SaveStore


@pytest.mark.parametrize(("lang", "shown"), [("nl", "Test (Kort)"), ("en", "Test (Short)")])
async def test_the_load_list_shows_the_titles_in_the_language(make_app, mini_pack, tmp_path, lang, shown):
    SaveStore(tmp_path / "saves").save(Game.new(mini_pack, "test", seed=1, variant="short"), "groep-1")
    app = make_app(lang=lang)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await pilot.press("ctrl+o")
        await pilot.pause()
        listing = app.screen.query_one("#load-list")
        labels = [str(listing.get_option_at_index(n).prompt) for n in range(listing.option_count)]
        assert any(shown in label and "groep-1" in label for label in labels), labels
