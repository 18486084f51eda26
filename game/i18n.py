"""Translations: picking a content text in the player's language, and the catalogue of shared strings.

Content texts are ``{nl: ..., en: ...}`` mappings; :func:`text` picks one with a fallback. Strings the
program itself shows are kept in catalogues (this module's :data:`STRINGS` for what the engine's records
mean; the UI and reports keep their own next to them) and looked up with :func:`t`.
"""

from __future__ import annotations

import os
from collections.abc import Mapping

LANGUAGES = ("nl", "en")
DEFAULT = "nl"


def default_language() -> str:
    """The language from ``WIJKBERAAD_LANG`` when set to nl or en, else Dutch."""
    return env_language() or DEFAULT


def env_language() -> str | None:
    """The language ``WIJKBERAAD_LANG`` asks for (nl or en), or None when it is not set (or neither)."""
    lang = os.environ.get("WIJKBERAAD_LANG", "").strip()
    return lang if lang in LANGUAGES else None


def text(value: Mapping[str, str] | None, lang: str) -> str:
    """A content text in ``lang``, falling back to Dutch, then to any language it has."""
    if not value:
        return ""
    return value.get(lang) or value.get(DEFAULT) or next(iter(value.values()), "")


def in_sentence(name: str) -> str:
    """A role's name as it reads inside a sentence: "de bewoner" rather than "De bewoner". Only a leading
    article is lowered, so a name like "Wethouder Jansen" stays as it is."""
    first, _, rest = name.partition(" ")
    if rest and first.lower() in ("de", "het", "een", "the", "a", "an"):
        return f"{first.lower()} {rest}"
    return name


#: Strings for what the engine records (causes of changes), in both languages.
STRINGS: dict[str, dict[str, str]] = {
    # Why a save could not be loaded (SaveError codes), for the UI and the classroom reports alike.
    "saveerr.bad_name": {
        "nl": "Die naam kan niet: gebruik letters, cijfers, - en _.",
        "en": "That name will not do: use letters, digits, - and _.",
    },
    "saveerr.missing": {"nl": "Die save bestaat niet (meer).", "en": "That save does not exist (any more)."},
    "saveerr.unreadable": {
        "nl": "Het bestand is onleesbaar: {detail}",
        "en": "The file is unreadable: {detail}",
    },
    "saveerr.too_old": {
        "nl": "Deze save is te oud om te laden: {detail}",
        "en": "This save is too old to load: {detail}",
    },
    "saveerr.too_new": {
        "nl": "Deze save komt uit een nieuwere versie van Wijkberaad: {detail}",
        "en": "This save comes from a newer Wijkberaad: {detail}",
    },
    "saveerr.wrong_pack": {
        "nl": "Deze save hoort bij andere inhoud: {detail}",
        "en": "This save belongs to other content: {detail}",
    },
    "saveerr.no_replay": {
        "nl": "Het spel laat zich niet opnieuw afspelen: {detail}",
        "en": "The game does not replay: {detail}",
    },
    "saveerr.io": {"nl": "Opslaan lukte niet: {detail}", "en": "Saving failed: {detail}"},
    "cause.option": {"nl": "besluit", "en": "decision"},
    "cause.conditional": {"nl": "gevolg van het besluit", "en": "consequence of the decision"},
    "cause.hidden": {"nl": "verborgen nadeel", "en": "hidden downside"},
    "cause.later": {"nl": "uitgesteld gevolg", "en": "delayed effect"},
    "cause.honoured": {"nl": "inbreng van {role} gehonoreerd", "en": "{role}'s input honoured"},
    "cause.ignored": {"nl": "inbreng van {role} genegeerd", "en": "{role}'s input ignored"},
    "cause.absent": {"nl": "{role} bleef weg", "en": "{role} stayed away"},
    "cause.cost": {"nl": "kosten", "en": "cost"},
    "cause.news": {"nl": "nieuws", "en": "news"},
    "cause.drift": {"nl": "trend", "en": "trend"},
    "cause.round_end": {"nl": "einde van het jaar", "en": "end of the year"},
    "cause.refresh": {"nl": "aanvulling", "en": "refill"},
    # An averted hidden downside says so first; what would otherwise have happened is told apart.
    "note.averted": {
        "nl": "Voorkomen: een verborgen nadeel, dankzij de gedeelde kennis van {role}.",
        "en": "Averted: a hidden downside, thanks to {role}'s shared knowledge.",
    },
    "note.would": {"nl": "Wat anders was gebeurd: ‘{text}’", "en": "What would have happened: ‘{text}’"},
    "note.follow_up": {"nl": "Dit krijgt een vervolg.", "en": "This will have a sequel."},
}


def t(key: str, lang: str, catalogue: Mapping[str, Mapping[str, str]] | None = None, **values: object) -> str:
    """A catalogue string in ``lang`` with ``{name}`` placeholders filled in."""
    entry = (catalogue or STRINGS).get(key) or STRINGS.get(key)
    if entry is None:
        return key
    template = entry.get(lang) or entry.get(DEFAULT, key)
    return template.format(**values) if values else template


def save_error_text(err: Exception, lang: str) -> str:
    """A save error in ``lang`` when its code is known (its own message as the detail), else its message."""
    key = f"saveerr.{getattr(err, 'code', None)}"
    return t(key, lang, detail=str(err)) if key in STRINGS else str(err)
