"""The class server's messages: their shapes, checked at the boundary, and the coded refusals in nl and en.

Every websocket message is one JSON object with a ``type``. What a client sends is validated here (unknown
fields, wrong types and over-long strings are a ``bad_message``); what the server sends is built by the
small functions at the bottom, so the shapes live in one file. docs/host.md lists them.
"""

from __future__ import annotations

import json
import re
import unicodedata
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, TypeAdapter, ValidationError

from game.i18n import register, t

#: The largest websocket message either side accepts (bytes); a choice is far smaller.
MAX_MESSAGE = 16 * 1024
#: The longest player name kept (characters, after filtering).
MAX_NAME = 40
#: A class join code: letters and digits the teacher can read aloud.
CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"

#: Every refusal the server gives, worded for the player in Dutch and English.
ERRORS: dict[str, dict[str, str]] = {
    "bad_message": {
        "nl": "Dit bericht begrijpt de server niet: {detail}",
        "en": "The server does not understand this message: {detail}",
    },
    "bad_code": {"nl": "Deze klascode klopt niet.", "en": "This class code is not right."},
    "bad_name": {
        "nl": "Geef een naam van 1 tot {max} tekens.",
        "en": "Give a name of 1 to {max} characters.",
    },
    "bad_token": {
        "nl": "Deze plaats bestaat niet (meer); vraag de docent om je opnieuw een plaats te geven.",
        "en": "This seat does not exist (any more); ask the teacher to seat you again.",
    },
    "joins_locked": {
        "nl": "De docent heeft het aanschuiven gesloten.",
        "en": "The teacher has closed joining.",
    },
    "too_many_joins": {
        "nl": "Te veel pogingen tegelijk; wacht even en probeer het opnieuw.",
        "en": "Too many attempts at once; wait a moment and try again.",
    },
    "no_role": {
        "nl": "Er is geen rol '{role}'; kies uit {choices}.",
        "en": "There is no role '{role}'; choose from {choices}.",
    },
    "no_table": {
        "nl": "Er is geen tafel '{table}'; kies een nummer van 1 tot {max}.",
        "en": "There is no table '{table}'; pick a number from 1 to {max}.",
    },
    "role_taken": {
        "nl": "Aan tafel {table} speelt al iemand de rol '{role}'.",
        "en": "Someone already plays '{role}' at table {table}.",
    },
    "table_full": {"nl": "Tafel {table} is vol.", "en": "Table {table} is full."},
    "not_seated": {
        "nl": "Schuif eerst aan (join) of kom terug met je plaats (resume).",
        "en": "Join a table first (join) or come back to your seat (resume).",
    },
    "stale_seq": {
        "nl": "Het spel is al verder (zet {seq}, jij stuurde {sent}); je scherm wordt bijgewerkt.",
        "en": "The game has moved on (move {seq}, you sent {sent}); your screen is being updated.",
    },
    "not_your_turn": {
        "nl": "Je bent nu niet aan de beurt; {actor} is aan zet.",
        "en": "It is not your turn; {actor} acts now.",
    },
    "not_started": {
        "nl": "De tafel wacht nog op spelers of op de docent.",
        "en": "The table is still waiting for players or for the teacher.",
    },
    "paused": {"nl": "De docent heeft het spel gepauzeerd.", "en": "The teacher has paused the game."},
    "computer_plays": {
        "nl": "De docent heeft de computer jouw rol laten spelen.",
        "en": "The teacher has let the computer play your role.",
    },
    "bad_choice": {
        "nl": "Die keuze kan nu niet: {detail}",
        "en": "That choice is not possible now: {detail}",
    },
    "game_over": {"nl": "Het spel is afgelopen.", "en": "The game has ended."},
    "kicked": {
        "nl": "De docent heeft je van deze plaats gehaald.",
        "en": "The teacher has removed you from this seat.",
    },
    "replaced": {
        "nl": "Je plaats is op een ander apparaat geopend.",
        "en": "Your seat was opened on another device.",
    },
    "server_error": {
        "nl": "De server kon dit niet bewaren; er is niets veranderd. Probeer het zo opnieuw.",
        "en": "The server could not store this; nothing changed. Try again in a moment.",
    },
    "bad_origin": {
        "nl": "Deze pagina mag niet met de klasserver praten.",
        "en": "This page may not talk to the class server.",
    },
    "no_seat": {"nl": "Tafel {table} heeft geen rol '{role}'.", "en": "Table {table} has no role '{role}'."},
    "content_changed": {
        "nl": "de inhoud is veranderd sinds deze tafel begon (andere vingerafdruk); start met de inhoud van toen",
        "en": "the content changed since this table began (another digest); start with the content of then",
    },
    "replay_failed": {
        "nl": "het logboek past niet bij de inhoud: {detail}",
        "en": "the log does not fit the content: {detail}",
    },
    "unreadable_table": {
        "nl": "Tafel {table} kan niet worden hersteld; kies een andere tafel of vraag de docent.",
        "en": "Table {table} cannot be restored; pick another table or ask the teacher.",
    },
}
register(__name__, ERRORS)


def worded(code: str, **values: object) -> dict[str, str]:
    """A refusal's text in both languages (the client shows the one its player reads)."""
    return {lang: t(code, lang, **values) for lang in ("nl", "en")}


class Refusal(Exception):
    """A message the server will not act on, with its code and the values its wording needs."""

    def __init__(self, code: str, **values: object) -> None:
        super().__init__(code)
        self.code = code
        self.values = values


# -- what clients send ------------------------------------------------------------------------------
class _Msg(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True)


Short = Annotated[str, Field(max_length=200)]


class Join(_Msg):
    """Take a seat: the class code, a name, and optionally the role and table wanted."""

    type: Literal["join"]
    code: Annotated[str, Field(max_length=32)]
    name: Short
    role: Annotated[str | None, Field(max_length=64)] = None
    table: Annotated[int | None, Field(ge=1, le=999)] = None


class Resume(_Msg):
    """Come back to a seat with its token; ``have`` is how many choices the client already applied."""

    type: Literal["resume"]
    token: Annotated[str, Field(max_length=128)]
    have: Annotated[int, Field(ge=0)] = 0


class Choose(_Msg):
    """Make the choice ``choice`` as move number ``seq`` (the number of choices the client has seen)."""

    type: Literal["choose"]
    seq: Annotated[int, Field(ge=0)]
    choice: Annotated[str, Field(max_length=64)]


class Ping(_Msg):
    type: Literal["ping"]


ClientMessage = Annotated[Join | Resume | Choose | Ping, Field(discriminator="type")]
_CLIENT = TypeAdapter(ClientMessage)


def parse_client(raw: str | bytes) -> Join | Resume | Choose | Ping:
    """A client's message, checked; :class:`Refusal` ``bad_message`` says what is wrong with it."""
    if len(raw) > MAX_MESSAGE:
        raise Refusal("bad_message", detail=f"longer than {MAX_MESSAGE} bytes")
    try:
        data = json.loads(raw)
    except (ValueError, UnicodeDecodeError):
        raise Refusal("bad_message", detail="not JSON") from None
    try:
        return _CLIENT.validate_python(data)
    except ValidationError as err:
        first = err.errors()[0]
        where = ".".join(str(p) for p in first["loc"]) or "message"
        raise Refusal("bad_message", detail=f"{where}: {first['msg'].lower()}") from None


_SPACES = re.compile(r"\s+")


def clean_name(name: str) -> str:
    """A player's name without control or format characters, spaces collapsed, at most MAX_NAME long.

    Raises :class:`Refusal` ``bad_name`` when nothing is left."""
    kept = "".join(
        " " if ch.isspace() else ch for ch in name if unicodedata.category(ch)[0] != "C" or ch.isspace()
    )
    kept = _SPACES.sub(" ", unicodedata.normalize("NFC", kept)).strip()[:MAX_NAME].strip()
    if not kept:
        raise Refusal("bad_name", max=MAX_NAME)
    return kept


# -- what the server sends --------------------------------------------------------------------------
def error(code: str, values: dict[str, Any] | None = None, **extra: Any) -> dict[str, Any]:
    """A refusal: its code, its text in nl and en, and what it refers to (e.g. the ``seq`` sent)."""
    return {"type": "error", "code": code, "text": worded(code, **(values or {})), **extra}


def choice_made(seq: int, choice: str, by: str | None) -> dict[str, Any]:
    """An accepted choice, as every seat at the table receives it (``by``: the role, None for news)."""
    return {"type": "choice", "seq": seq, "choice": choice, "by": by}


def dumps(message: dict[str, Any]) -> str:
    return json.dumps(message, ensure_ascii=False, separators=(",", ":"))


# -- what the teacher sends (HTTP, with the teacher token) -------------------------------------------
class Switch(_Msg):
    on: bool


class SeatRef(_Msg):
    table: Annotated[int, Field(ge=1, le=999)]
    role: Annotated[str, Field(max_length=64)]


class ComputerSeat(SeatRef):
    on: bool = True


class StartTables(_Msg):
    table: Annotated[int | None, Field(ge=1, le=999)] = None


def parse_teacher(model: type[BaseModel], raw: bytes) -> Any:
    """A teacher request's body, checked like a client's message."""
    try:
        return model.model_validate_json(raw or b"{}")
    except ValidationError as err:
        first = err.errors()[0]
        where = ".".join(str(p) for p in first["loc"]) or "body"
        raise Refusal("bad_message", detail=f"{where}: {first['msg'].lower()}") from None
