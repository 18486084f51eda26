"""The help page tells modders about --dev, with the command names the developer mode really offers."""

from __future__ import annotations

import inspect

import pytest

from game.ui import dev
from game.ui.screens.help import help_text


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_help_explains_dev_mode(lang):
    page = help_text(lang)
    assert "wijkberaad play --dev" in page
    # The command names the help gives are the ones the palette offers.
    source = inspect.getsource(dev.DevCommands)
    for name in ("Dev: jump to", "Dev: set"):
        assert name in page and name in source
    assert "Ctrl+P" in page
