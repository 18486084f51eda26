"""A saved game's scenario as players know it: "De Kanaalzijde (Klassikaal)" rather than its ids.

Used by the Load list and ``wijkberaad saves``; no Textual here, so the command line imports it cheaply.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from game.i18n import text

if TYPE_CHECKING:
    from game.engine.pack import Pack


def scenario_title(pack: Pack | None, scenario: str | None, variant: str | None, lang: str) -> str:
    """The scenario's title with its variant's in brackets, in ``lang``, from the content when it is
    loaded and knows them; else their ids (a save of a scenario the content no longer has)."""
    name, variant_name = scenario or "", variant
    found = pack.scenarios.get(scenario) if pack is not None and scenario else None
    if found is not None:
        name = text(found.title, lang)
        match = next((v for v in found.variants if v.id == variant), None)
        if match is not None:
            variant_name = text(match.title, lang)
    return f"{name} ({variant_name})" if variant_name else name
