"""Saved games: slots in a saves folder, written atomically, read back with a replay check.

Where saves live (:func:`default_saves_dir`), in this order:

1. the folder in the environment variable ``WIJKBERAAD_SAVES``;
2. ``<user data dir>/saves`` (:func:`game.files.paths.user_saves_dir`), however the game was started.

Commands take ``--saves-dir DIR`` (``game.cli.common.add_saves_option``), which wins over all three.

A slot is one file ``<slot>.json``: human-readable JSON with the save-format version, the oldest
save-format reader that can load it, the content pack's id, version and digest, the seed, scenario,
variant and players, the full decision log and a snapshot of the game state. Loading replays the log
from the seed and compares the result with the snapshot (:meth:`SaveStore.load`). Older formats load
through the explicit :data:`MIGRATIONS`; newer ones are refused with the version they need. Writes go
to a temporary file in the same folder that is flushed, fsynced and then renamed over the slot, so a
process killed at any moment leaves the old complete save or the new one. Nothing here deletes a save,
and a named save is never overwritten unless the caller asks. A :class:`SaveError` says what went wrong
as a :class:`Detail` (a key and its values) that reads in Dutch or English; ``str(err)`` is the English.
See ``docs/saves.md``.
"""

from __future__ import annotations

import argparse
import errno
import hashlib
import json
import os
import re
import secrets
import time
import unicodedata
from collections.abc import Callable
from contextlib import suppress
from dataclasses import dataclass, field
from datetime import UTC, datetime
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal, TypeVar

from game.engine.pack import Pack
from game.engine.state import GameState
from game.files.paths import AUTO_PREFIX, SAVE_SUFFIX, SAVES_ENV, default_saves_dir
from game.files.safefile import FileRefused, kind_of, read_regular, shown
from game.i18n import t

if TYPE_CHECKING:
    from game.engine.game import Game  # the turn machine: imported where a save is replayed

T = TypeVar("T")

#: The save-format version this code writes.
FORMAT = 3
#: The oldest save-format version this code still loads (through :data:`MIGRATIONS`).
MIN_FORMAT = 1
#: Written into each file: the oldest reader format that can load it. A reader refuses every format newer
#: than its own and names this version in the refusal, so a later format that older readers could still
#: read only needs to keep this low (and teach readers to ignore what they do not know) to say so.
MIN_READER = 3
#: The first key of every save file, so a stray JSON file is not mistaken for a save.
MAGIC = "wijkberaad-save"
#: Files larger than this are not read (a save of a long game is well under 1 MB).
MAX_BYTES = 20 * 1024 * 1024
SUFFIX = SAVE_SUFFIX
ENV_VAR = SAVES_ENV
#: Temporary files a killed writer left behind are cleared once they are this old (seconds), and only
#: when no writer holds their lock.
STALE_TEMP = 600

#: Slot names: long enough for an autosave of a long scenario id, a seed and a time stamp.
MAX_SLOT = 120
_SLOT = re.compile(rf"[A-Za-z0-9][A-Za-z0-9_-]{{0,{MAX_SLOT - 1}}}")
_RESERVED = {"con", "prn", "aux", "nul", *(f"com{n}" for n in range(10)), *(f"lpt{n}" for n in range(10))}

SaveErrorCode = Literal[
    "bad_name",  # the slot name is empty, too long, or has unsafe characters
    "exists",  # a named save would overwrite an existing one
    "missing",  # no such slot
    "unreadable",  # empty, truncated, not JSON, too large, wrong shape
    "too_old",  # a save format older than MIN_FORMAT
    "too_new",  # a save format newer than this code reads
    "wrong_pack",  # the save is for another content pack
    "no_replay",  # the decision log does not replay (the snapshot may still be usable)
    "io",  # the operating system refused (disk full, permissions)
]


class Detail:
    """What went wrong with a save, in words for either language: the key of a ``savedetail.<key>`` entry
    in :data:`game.i18n.STRINGS` and the values its texts are filled in with.

    A value may itself be a :class:`Detail` (worded in the same language) or a list of them (joined with
    "; "). ``str(detail)`` is the English text.
    """

    __slots__ = ("key", "values")

    def __init__(self, key: str, **values: object) -> None:
        self.key = key
        self.values = values

    def text(self, lang: str) -> str:
        """The detail in ``lang`` (nl or en)."""
        return t(f"savedetail.{self.key}", lang, **{k: worded(v, lang) for k, v in self.values.items()})

    def __str__(self) -> str:
        return self.text("en")

    def __repr__(self) -> str:
        return f"Detail({self.key!r}, **{self.values!r})"

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Detail) and (self.key, self.values) == (other.key, other.values)

    __hash__ = None  # type: ignore[assignment]  # mutable values: compared, never hashed


def worded(value: object, lang: str) -> object:
    """A detail's value in ``lang``: a Detail in words, a list of values joined with "; ", else itself."""
    if isinstance(value, Detail):
        return value.text(lang)
    if isinstance(value, list | tuple):
        return "; ".join(str(worded(v, lang)) for v in value)
    return value


class SaveError(Exception):
    """A save that cannot be written or read, with a message for people.

    ``code`` names the failure (see :data:`SaveErrorCode`) so a UI can frame it in the player's language;
    ``detail`` says what exactly went wrong in either language (:meth:`text`; ``str(err)`` and ``message``
    are the English text, for logs). An error raised with a plain string has no ``detail``: its message
    is all there is, in whatever language it was written. When a decision log does not replay but the
    saved state itself is whole, ``snapshot`` holds the game built from that state, so the player can
    still choose to continue from it.
    """

    def __init__(
        self, message: str | Detail, code: SaveErrorCode = "unreadable", snapshot: Game | None = None
    ) -> None:
        self.detail = message if isinstance(message, Detail) else None
        self.message = str(message)
        super().__init__(self.message)
        self.code = code
        self.snapshot = snapshot

    def text(self, lang: str) -> str:
        """What went wrong, in ``lang`` (without the frame :func:`game.i18n.save_error_text` puts round it)."""
        return self.detail.text(lang) if self.detail is not None else self.message

    def __str__(self) -> str:
        return self.message


# -- where saves live -------------------------------------------------------------------------------
def saves_dir_from(args: argparse.Namespace) -> Path:
    """The saves folder a command was given with ``--saves-dir``, or the default."""
    given = getattr(args, "saves_dir", None)
    return Path(given).expanduser() if given else default_saves_dir()


# -- slot names -------------------------------------------------------------------------------------
def check_slot(slot: str) -> str:
    """``slot`` when it is a safe slot name, else a :class:`SaveError` saying what is wrong.

    Safe: 1–120 characters, ASCII letters, digits, ``-`` and ``_``, starting with a letter or digit, and
    not a name Windows reserves. So a slot never names a path outside the saves folder.
    """
    if not isinstance(slot, str) or not slot:
        raise SaveError(Detail("no_name"), "bad_name")
    if "/" in slot or "\\" in slot or ".." in slot or "\0" in slot:
        raise SaveError(Detail("path_name", slot=_show(slot)), "bad_name")
    if len(slot) > MAX_SLOT:
        raise SaveError(Detail("too_long", slot=_show(slot), max=MAX_SLOT), "bad_name")
    if not _SLOT.fullmatch(slot):
        raise SaveError(Detail("bad_chars", slot=_show(slot)), "bad_name")
    if slot.lower() in _RESERVED:
        raise SaveError(Detail("reserved", slot=slot), "bad_name")
    return slot


def slot_name(text: str) -> str:
    """A safe slot name made from what a player typed: ``"Groep 3 / één"`` -> ``"groep-3-een"``."""
    plain = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    slot = re.sub(r"[^a-z0-9_]+", "-", plain.lower()).strip("-_")[:64].strip("-_")
    if not slot:
        raise SaveError(Detail("no_letters", text=_show(text)), "bad_name")
    if slot.lower() in _RESERVED:
        slot += "-save"
    return slot


def autosave_slot(session: str, room: int = MAX_SLOT) -> str:
    """The autosave slot of a session: ``auto-<session>``, shortened with a hash of the whole when that
    would pass ``room`` characters (a long seed or scenario id must not silently stop autosaving)."""
    if not isinstance(session, str) or not session:
        raise SaveError(Detail("no_session"), "bad_name")
    slot = AUTO_PREFIX + session
    if len(slot) > room:
        tag = hashlib.sha256(session.encode("utf-8", "surrogatepass")).hexdigest()[:12]
        slot = f"{slot[: room - len(tag) - 1].rstrip('-_')}-{tag}"
    return check_slot(slot)


def _show(text: str) -> str:
    """Text from a file or a player, safe to put in a message (no control characters, not too long)."""
    return repr(text[:64])[1:-1]


# -- the file format --------------------------------------------------------------------------------
def _file(cls: type[T]) -> type[T]:
    """A part of the file format: a plain record, checked by pydantic where a file is read (a key it does
    not have is an error), so this module loads without pydantic (a cached start needs none)."""
    made = dataclass(kw_only=True)(cls)
    made.__pydantic_config__ = {"extra": "forbid"}  # type: ignore[attr-defined]
    return made


@cache
def _adapter(record: type) -> Any:
    from pydantic import TypeAdapter

    return TypeAdapter(record)


@_file
class PackRef:
    """The content pack a save was played with."""

    id: str
    version: str
    digest: str | None = None
    """A hash of the pack's files; None in format 1 files, which did not record it."""


@_file
class SaveFile:
    """A save file of the current format, as read (after migrations) or about to be written."""

    save: Literal["wijkberaad-save"] = MAGIC
    """Marks the file as a Wijkberaad save."""
    format: int = FORMAT
    """The save-format version the file is written in (not the content's version)."""
    min_reader: int = MIN_READER
    """The oldest save-format version a reader must support to load this file."""
    saved_at: datetime
    """When it was written (UTC)."""
    kind: Literal["auto", "named"]
    pack: PackRef
    scenario: str
    variant: str | None = None
    seed: int
    players: dict[str, str | None]
    """Player name per role; null: the computer plays it."""
    round: int
    ending: str | None = None
    choices: list[str]
    """The full decision log: replaying it from the seed gives the state."""
    state: dict[str, Any]
    """The game state as the engine holds it (validated as a GameState when loaded)."""


def _migrate_1_to_2(data: dict[str, Any]) -> dict[str, Any]:
    """Format 1 kept the pack as flat ``pack``/``pack_version`` fields and had no digest or summary."""
    state = data.get("state") if isinstance(data.get("state"), dict) else {}
    out = {
        "save": MAGIC,
        "format": 2,
        "min_reader": 2,
        "saved_at": data.get("saved_at"),
        "kind": "named",
        "pack": {"id": data.get("pack"), "version": data.get("pack_version"), "digest": None},
        "scenario": data.get("scenario"),
        "variant": data.get("variant"),
        "seed": data.get("seed"),
        "players": data.get("players"),
        "round": state.get("round", 1),
        "ending": state.get("ending"),
        "choices": data.get("choices"),
        "state": data.get("state"),
    }
    known = {
        "format",
        "pack",
        "pack_version",
        "saved_at",
        "scenario",
        "variant",
        "seed",
        "players",
        "choices",
        "state",
    }
    extra = sorted(set(data) - known)
    if extra:
        raise SaveError(Detail("unknown_field", field=extra[0], format=1), "unreadable")
    return out


def _migrate_2_to_3(data: dict[str, Any]) -> dict[str, Any]:
    """Format 2 had no ``heeded`` in the history's records and no input effects with the deliberation:
    a warning was then taken into account only when it was shared and honoured, so that is what it was."""
    out = {**data, "format": 3, "min_reader": 3}
    state = data.get("state")
    if isinstance(state, dict) and isinstance(state.get("history"), list):
        history = []
        for rec in state["history"]:
            if isinstance(rec, dict) and "heeded" not in rec:
                honoured = rec.get("honoured") or []
                rec = {**rec, "heeded": [r for r in rec.get("shared") or [] if r in honoured]}
            history.append(rec)
        out["state"] = {**state, "history": history}
        current = state.get("current")
        if isinstance(current, dict) and "changes" not in current:
            out["state"]["current"] = {**current, "changes": []}
    return out


#: Migrations from each old format to the next: ``MIGRATIONS[n]`` turns format n data into format n+1.
MIGRATIONS: dict[int, Callable[[dict[str, Any]], dict[str, Any]]] = {1: _migrate_1_to_2, 2: _migrate_2_to_3}


def migrate(data: dict[str, Any]) -> dict[str, Any]:
    """Bring parsed save data to the current format, or refuse with the version it needs."""
    version = data.get("format")
    if type(version) is not int:
        raise SaveError(Detail("no_format"), "unreadable")
    if version > FORMAT:
        needs = data.get("min_reader", version)
        needs = needs if type(needs) is int else version
        raise SaveError(
            Detail("too_new", needs=max(needs, FORMAT + 1), oldest=MIN_FORMAT, newest=FORMAT), "too_new"
        )
    if version < MIN_FORMAT:
        raise SaveError(Detail("too_old", format=version, oldest=MIN_FORMAT), "too_old")
    while version < FORMAT:
        data = MIGRATIONS[version](data)
        version = data["format"]
    needs = data.get("min_reader", FORMAT)
    if type(needs) is int and needs > FORMAT:
        raise SaveError(Detail("needs_reader", needs=needs), "too_new")
    return data


def parse(raw: bytes) -> SaveFile:
    """A save file's bytes as a :class:`SaveFile` of the current format, or a :class:`SaveError`."""
    if not raw.strip():
        raise SaveError(Detail("empty"), "unreadable")
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as err:
        raise SaveError(Detail("not_text", byte=err.start), "unreadable") from None
    try:
        data = json.loads(text, parse_constant=_no_constant)
    except json.JSONDecodeError as err:
        if err.pos >= len(text.rstrip()):
            raise SaveError(Detail("truncated"), "unreadable") from None
        # The parser's own message (English) is kept as it is; the Dutch text quotes it.
        raise SaveError(
            Detail("not_json", line=err.lineno, column=err.colno, error=err.msg), "unreadable"
        ) from None
    except RecursionError:
        raise SaveError(Detail("too_deep"), "unreadable") from None
    except _Constant as err:
        raise SaveError(Detail("constant", name=err.name), "unreadable") from None
    except ValueError as err:
        # Python's own message (e.g. an integer with too many digits), kept as it is and quoted in Dutch.
        raise SaveError(Detail("json_value", error=str(err)), "unreadable") from None
    if not isinstance(data, dict):
        raise SaveError(Detail("not_object"), "unreadable")
    if "save" in data and data["save"] != MAGIC:
        raise SaveError(Detail("not_save"), "unreadable")
    data = migrate(data)
    from pydantic import ValidationError

    try:
        return _adapter(SaveFile).validate_python(data)
    except ValidationError as err:
        raise SaveError(Detail("wrong_shape", error=_first_error(err)), "unreadable") from None


class _Constant(ValueError):
    """``NaN``, ``Infinity`` or ``-Infinity`` in a save (JSON proper has none of them)."""

    def __init__(self, name: str) -> None:
        super().__init__(f"{name} is not allowed in a save")
        self.name = name


def _no_constant(name: str) -> Any:
    raise _Constant(name)


#: pydantic's words for the state's records (dataclasses) where they differ from those it had for them as
#: models, so that a message about a save reads as it did
_AS_BEFORE = {
    "unexpected_keyword_argument": "Extra inputs are not permitted",
    "dataclass_type": "Input should be a valid dictionary or instance of {class_name}",
}


def _first_error(err: Any) -> Detail:
    """The first of pydantic's validation errors: where it is, and pydantic's own message (English, kept
    as it is: the Dutch text quotes it), with how many more there are."""
    errors = err.errors()
    first = errors[0]
    where: str | Detail = ".".join(str(p) for p in first["loc"]) or Detail("top_level")
    before = _AS_BEFORE.get(first["type"])
    message = (before.format(**first.get("ctx", {})) if before else first["msg"]).lower()
    if len(errors) > 1:
        return Detail("field_errors", where=where, error=message, more=len(errors) - 1)
    return Detail("field_error", where=where, error=message)


# -- the game state at the save boundary ------------------------------------------------------------
# The engine's state is plain data; here, where it leaves and enters the game, pydantic writes and checks it.


def ready_validation() -> None:
    """Build the validation of save files now (importing pydantic), rather than at the first save."""
    _adapter(SaveFile)
    _adapter(GameState)


def state_data(state: GameState) -> dict[str, Any]:
    """The game state as a save file holds it (JSON data, fields in the state's order)."""
    return _adapter(GameState).dump_python(state, mode="json")


def state_from_data(data: Any) -> GameState:
    """A game state from a save file's data, validated (a :class:`pydantic.ValidationError` if it is not
    one)."""
    return _adapter(GameState).validate_python(data)


def to_file(game: Game, kind: Literal["auto", "named"], saved_at: datetime | None = None) -> SaveFile:
    """The save file of a game as it stands now."""
    st = game.state
    return SaveFile(
        saved_at=(saved_at or datetime.now(UTC)).replace(microsecond=0),
        kind=kind,
        pack=PackRef(id=game.pack.id, version=game.pack.manifest.version, digest=game.pack.digest or None),
        scenario=st.scenario,
        variant=st.variant,
        seed=st.seed,
        players=dict(st.players),
        round=st.round,
        ending=st.ending,
        choices=list(st.choices),
        state=state_data(st),
    )


def dumps(save: SaveFile) -> str:
    """The file's text: indented JSON with keys in a fixed order, ending in a newline."""
    data = _adapter(SaveFile).dump_python(save, mode="json")
    data["saved_at"] = save.saved_at.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"


# -- what the store hands out -----------------------------------------------------------------------
@dataclass
class SaveInfo:
    """One file in the saves folder, as the load list shows it; unreadable files have a ``reason``."""

    slot: str
    path: Path
    readable: bool
    scenario: str | None = None
    variant: str | None = None
    round: int | None = None
    players: dict[str, str | None] = field(default_factory=dict)
    saved_at: datetime | None = None
    pack: str | None = None
    pack_version: str | None = None
    kind: Literal["auto", "named"] | None = None
    ending: str | None = None
    #: the error that makes it unreadable
    error: SaveError | None = None
    #: after a full check (``SaveStore.list(pack)``): how the replay or content differs, if it does
    mismatch_details: list[Detail] = field(default_factory=list)
    #: the file's ``saved_at`` has no zone, cannot be shown or is in the future: ``saved_at`` is then None
    #: and the list sorts it by the file's time (``Detail("bad_time")`` says so)
    time_unusable: bool = False

    @property
    def reason(self) -> str | None:
        """Why it cannot be loaded (English; :meth:`reason_text` words it in a language), or None."""
        return self.error.message if self.error is not None else None

    @property
    def code(self) -> SaveErrorCode | None:
        """The failure's code when unreadable (see :data:`SaveErrorCode`)."""
        return self.error.code if self.error is not None else None

    def reason_text(self, lang: str) -> str | None:
        """Why it cannot be loaded, in ``lang``; None when readable."""
        return self.error.text(lang) if self.error is not None else None

    @property
    def mismatch(self) -> str | None:
        """How the replay or content differs (English), or None."""
        return self.mismatch_text("en")

    def mismatch_text(self, lang: str) -> str | None:
        """How the replay or content differs, in ``lang``, or None."""
        return _joined(self.mismatch_details, lang) or None

    @property
    def auto(self) -> bool:
        return self.slot.startswith(AUTO_PREFIX)

    @property
    def humans(self) -> list[str]:
        """The names of the human players."""
        return [name for name in self.players.values() if name]

    @classmethod
    def of(cls, slot: str, path: Path, save: SaveFile) -> SaveInfo:
        return cls(
            slot=slot,
            path=path,
            readable=True,
            scenario=save.scenario,
            variant=save.variant,
            round=save.round,
            players=dict(save.players),
            saved_at=usable_time(save.saved_at),
            time_unusable=usable_time(save.saved_at) is None,
            pack=save.pack.id,
            pack_version=save.pack.version,
            kind=save.kind,
            ending=save.ending,
        )


@dataclass
class Loaded:
    """A loaded save: the game replayed from its log, and the game as the snapshot holds it.

    ``mismatch_details`` is empty when the replay reached exactly the saved state with the same content;
    else they say what differs (the content changed, the file was edited), and the player may continue from
    ``snapshot`` instead of ``game``. When the snapshot itself cannot be used but the log replays,
    ``snapshot_ok`` is False and ``snapshot`` is another copy of the replayed game.
    """

    info: SaveInfo
    game: Game
    snapshot: Game
    snapshot_ok: bool = True
    mismatch_details: list[Detail] = field(default_factory=list)

    @property
    def mismatch(self) -> str | None:
        """How the replay or content differs (English), or None."""
        return self.mismatch_text("en")

    def mismatch_text(self, lang: str) -> str | None:
        """How the replay or content differs, in ``lang``, or None."""
        return _joined(self.mismatch_details, lang) or None


def _joined(details: list[Detail], lang: str) -> str:
    return "; ".join(d.text(lang) for d in details)


# -- the store --------------------------------------------------------------------------------------
#: Set by ``wijkberaad serve`` for each tab's game: the group (browser) whose saves the tab sees.
GROUP_ENV = "WIJKBERAAD_GROUP"
#: Set by ``wijkberaad serve`` for each tab's game: how many saves a group may keep.
MAX_SAVES_ENV = "WIJKBERAAD_MAX_SAVES"
_GROUP = re.compile(r"[a-z0-9]{1,24}")


class SaveStore:
    """The save slots in one folder, or of one group in it.

    With a ``group`` (serve gives each browser one, in :data:`GROUP_ENV`) the store sees and writes only
    that group's files, which carry the group in their names (``<group>-<slot>.json``, autosaves
    ``auto-<group>-<session>.json``), so the teacher's commands over the folder still see every group's.
    ``max_saves`` caps how many files a store (a group) may create.
    """

    def __init__(self, root: Path | str, *, max_saves: int | None = None, group: str | None = None) -> None:
        self.root = Path(root)
        group = group if group is not None else os.environ.get(GROUP_ENV) or None
        if group is not None and not _GROUP.fullmatch(group):
            raise SaveError(Detail("bad_chars", slot=_show(group)), "bad_name")
        self.group = group
        if max_saves is None and os.environ.get(MAX_SAVES_ENV, "").isdigit():
            max_saves = int(os.environ[MAX_SAVES_ENV])
        #: when set, a new slot is refused once the folder (the group) holds this many saves
        self.max_saves = max_saves

    def path(self, slot: str) -> Path:
        """The file of a slot (after checking the name is safe)."""
        return self.root / (check_slot(self._stem(check_slot(slot))) + SUFFIX)

    def _stem(self, slot: str) -> str:
        """A slot's file name without the suffix: the slot itself, or with the group in it."""
        if self.group is None:
            return slot
        if slot.startswith(AUTO_PREFIX):
            return f"{AUTO_PREFIX}{self.group}-{slot[len(AUTO_PREFIX) :]}"
        return f"{self.group}-{slot}"

    def _slot_of(self, stem: str) -> str | None:
        """The slot a file name stands for in this store, or None when it is another group's."""
        if self.group is None:
            return stem
        for mine, slot_prefix in ((f"{AUTO_PREFIX}{self.group}-", AUTO_PREFIX), (f"{self.group}-", "")):
            if stem.startswith(mine) and len(stem) > len(mine):
                return slot_prefix + stem[len(mine) :]
        return None

    def exists(self, slot: str) -> bool:
        return self.path(slot).exists()

    # -- writing ---------------------------------------------------------------------------------
    def autosave(self, game: Game, session: str) -> SaveInfo:
        """Write the session's autosave slot (``auto-<session>``), replacing the previous one atomically."""
        room = MAX_SLOT - (len(self.group) + 1 if self.group else 0)
        slot = autosave_slot(session, room)
        return self._write(slot, to_file(game, "auto"), overwrite=True)

    def save(self, game: Game, name: str, *, overwrite: bool = False) -> SaveInfo:
        """Write a named save; refuses to replace an existing one unless ``overwrite`` is given."""
        slot = check_slot(name)
        if slot.lower().startswith(AUTO_PREFIX):
            raise SaveError(Detail("auto_prefix", prefix=AUTO_PREFIX), "bad_name")
        return self._write(slot, to_file(game, "named"), overwrite=overwrite)

    def _write(self, slot: str, save: SaveFile, *, overwrite: bool) -> SaveInfo:
        path = self.path(slot)
        data = dumps(save).encode("utf-8")
        self._check_room(slot)
        try:
            self.root.mkdir(parents=True, exist_ok=True)
        except OSError as err:
            raise SaveError(Detail("cannot_write", slot=slot, error=str(err.strerror or err)), "io") from None
        try:
            clear_stale_temps(self.root)
            write_atomic(path, data, overwrite=overwrite)
        except FileExistsError:
            raise SaveError(Detail("exists", slot=slot), "exists") from None
        except OSError as err:
            # The operating system's words (English, or its own language) are kept as they are.
            raise SaveError(Detail("cannot_write", slot=slot, error=str(err.strerror or err)), "io") from None
        return SaveInfo.of(slot, path, save)

    def _check_room(self, slot: str) -> None:
        """Refuse before writing when the saves folder is a file (or sits under one), or when a new slot
        would pass ``max_saves``."""
        for folder in (self.root, *self.root.parents):
            kind = kind_of(folder)
            if kind == "missing":
                continue
            if kind not in ("folder", "denied"):
                raise SaveError(Detail("folder_is_file", folder=shown(folder, 4096)), "io")
            break
        if self.max_saves is not None and kind_of(self.path(slot)) == "missing":
            mine = [p for p in self._paths() if self._slot_of(p.name[: -len(SUFFIX)]) is not None]
            if len(mine) >= self.max_saves:
                raise SaveError(Detail("too_many", max=self.max_saves), "io")

    # -- reading ---------------------------------------------------------------------------------
    def read(self, slot: str) -> SaveFile:
        """A slot's file, parsed and migrated to the current format (no replay)."""
        return self._read_path(self.path(slot), slot)

    def _read_path(self, path: Path, slot: str) -> SaveFile:
        try:
            raw = read_regular(path, MAX_BYTES)
        except FileRefused as err:
            raise _read_refused(err, slot) from None
        return parse(raw)

    def info(self, slot: str) -> SaveInfo:
        """One slot as the load list shows it (readable or not)."""
        return self._info(self.path(slot), slot)

    def _info(self, path: Path, slot: str) -> SaveInfo:
        try:
            save = self._read_path(path, slot)
        except SaveError as err:
            return SaveInfo(slot=slot, path=path, readable=False, error=err)
        return SaveInfo.of(slot, path, save)

    def list(self, pack: Pack | None = None) -> list[SaveInfo]:
        """Every save file in the folder, newest first; unreadable ones too, with the reason.

        Without ``pack`` each file is read and checked for shape and version only (fast). With ``pack``
        each readable file is also loaded in full: a decision log that does not replay, or a save for
        another pack, then shows as unreadable, and ``mismatch`` says when a replay differs.
        """
        paths = self._paths()
        found = []
        for path in paths:
            slot = self._slot_of(path.name[: -len(SUFFIX)])
            if slot is None:  # another group's
                continue
            try:
                check_slot(slot)
            except SaveError as err:
                named = SaveError(Detail("rename", error=err.detail or err.message), "bad_name")
                found.append(SaveInfo(slot=slot, path=path, readable=False, error=named))
                continue
            info = self._info(path, slot)
            if pack is not None and info.readable:
                info = self._full_check(info, pack)
            found.append(info)
        return sorted(found, key=_newest_first)

    def _paths(self) -> list[Path]:
        """The save files in the folder (none when it does not exist yet)."""
        try:
            with os.scandir(self.root) as entries:
                names = [e.name for e in entries]
        except FileNotFoundError:
            return []
        except NotADirectoryError:
            raise SaveError(Detail("folder_is_file", folder=shown(self.root, 4096)), "io") from None
        except OSError as err:
            # The operating system's words, kept as they are (as in _write).
            raise SaveError(
                Detail("cannot_list", folder=str(self.root), error=str(err.strerror or err)), "io"
            ) from None
        return [self.root / n for n in names if n.endswith(SUFFIX) and not n.startswith(".")]

    def _full_check(self, info: SaveInfo, pack: Pack) -> SaveInfo:
        try:
            loaded = check(self._read_path(info.path, info.slot), pack, info)
        except SaveError as err:
            info.readable, info.error = False, err
        else:
            info.mismatch_details = loaded.mismatch_details
        return info

    def latest_autosave(self, pack: Pack | None = None) -> SaveInfo | None:
        """The most recently written readable autosave, if any (fully checked with ``pack`` when given)."""
        autos = [i for i in self.list(pack) if i.readable and i.auto]
        return autos[0] if autos else None

    def load(self, slot: str, pack: Pack) -> Loaded:
        """Load a slot: replay its decision log with ``pack`` and compare the result with the snapshot.

        Raises:
            SaveError: the file is missing or unreadable, in a format this code does not load, for another
                pack, or its decision log does not replay (then ``err.snapshot`` is the saved state's game
                when that state is whole, so the player can still continue from it).
        """
        path = self.path(slot)
        save = self._read_path(path, slot)
        info = SaveInfo.of(slot, path, save)
        return check(save, pack, info)


def check(save: SaveFile, pack: Pack, info: SaveInfo) -> Loaded:
    """Replay a save's log with ``pack``, build its snapshot, and say how they differ."""
    if save.pack.id != pack.id:
        raise SaveError(Detail("wrong_pack", saved=save.pack.id, pack=pack.id), "wrong_pack")
    problems: list[Detail] = []
    if save.pack.version != pack.manifest.version:
        problems.append(Detail("content_changed", saved=save.pack.version, pack=pack.manifest.version))
    elif save.pack.digest is not None and pack.digest and save.pack.digest != pack.digest:
        problems.append(Detail("files_changed"))
    snapshot, snapshot_problem = _snapshot(save, pack)
    try:
        game = replay(save, pack)
    except SaveError as err:
        if snapshot is not None and (unplayable := _unplayable(snapshot)):
            snapshot, snapshot_problem = None, unplayable
        failed = err.detail or err.message
        if snapshot is None:
            raise SaveError(
                Detail("no_snapshot", replay=failed, snapshot=snapshot_problem), "unreadable"
            ) from None
        parts = [failed, *problems, *([snapshot_problem] if snapshot_problem else [])]
        raise SaveError(Detail("no_replay", problems=parts), "no_replay", snapshot=snapshot) from None
    if snapshot is not None:
        replayed, saved = state_data(game.state), state_data(snapshot.state)
        if replayed != saved:
            fields = [k for k in replayed if replayed.get(k) != saved.get(k)]
            problems.append(Detail("replay_differs", fields=", ".join(fields)))
            if unplayable := _unplayable(snapshot):
                snapshot, snapshot_problem = None, unplayable
    if snapshot_problem:
        problems.append(snapshot_problem)
    if snapshot is None:
        # The log is whole but the snapshot is not (edited, or an engine whose state changed shape):
        # the replay is the game; a second, separate replay stands in for the snapshot.
        problems.append(Detail("rebuilt"))
        return Loaded(
            info=info,
            game=game,
            snapshot=replay(save, pack),
            snapshot_ok=False,
            mismatch_details=problems,
        )
    return Loaded(
        info=info,
        game=game,
        snapshot=snapshot,
        mismatch_details=problems,
    )


def _unplayable(snapshot: Game) -> Detail | None:
    """Why a snapshot that differs from its replay cannot be played on (tried on a copy), or None."""
    from game.engine.game import Game

    trial = Game(snapshot.pack, state_from_data(state_data(snapshot.state)))
    try:
        trial.play_computer(until_human=False)
    except Exception as err:  # noqa: BLE001 - an edited state may break the rules anywhere
        # The engine's own words (English), kept as they are; the Dutch text quotes them.
        return Detail("unplayable", type=type(err).__name__, error=str(err))
    return None


def replay(save: SaveFile, pack: Pack) -> Game:
    """A new game from the save's scenario, seed and players, with its decision log replayed."""
    from game.engine.game import Game

    try:
        game = Game.new(pack, save.scenario, seed=save.seed, variant=save.variant, players=save.players)
    except Exception as err:  # noqa: BLE001 - a save is untrusted data: any failure is the file's
        # The engine's own words (English), kept as they are; the Dutch text quotes them.
        raise SaveError(Detail("no_setup", error=str(err)), "no_replay") from None
    for n, choice in enumerate(save.choices, 1):
        try:
            game.choose(choice)
        except Exception as err:  # noqa: BLE001 - as above
            raise SaveError(
                Detail("choice_fails", n=n, total=len(save.choices), choice=_show(choice), error=str(err)),
                "no_replay",
            ) from None
    return game


def _snapshot(save: SaveFile, pack: Pack) -> tuple[Game | None, Detail | None]:
    from pydantic import ValidationError

    from game.engine.game import Game

    try:
        state = state_from_data(save.state)
    except ValidationError as err:
        return None, Detail("state_shape", error=_first_error(err))
    header = {
        "scenario": save.scenario,
        "variant": save.variant,
        "seed": save.seed,
        "players": save.players,
        "choices": save.choices,
    }
    differ = [k for k, v in header.items() if getattr(state, k) != v]
    try:
        game = Game(pack, state)
        game.step()
    except Exception as err:  # noqa: BLE001 - a save is untrusted data: any failure is the file's
        # The engine's own words (English), kept as they are; the Dutch text quotes them.
        return None, Detail("state_misfit", type=type(err).__name__, error=str(err))
    if differ:
        return game, Detail("header_differs", fields=", ".join(differ))
    return game, None


def _read_refused(err: FileRefused, slot: str) -> SaveError:
    """A save file the one rule for reading files refused (:mod:`game.files.safefile`), as a SaveError."""
    if err.code == "missing":
        return SaveError(Detail("missing", slot=slot), "missing")
    if err.code == "folder":
        return SaveError(Detail("folder", slot=slot), "unreadable")
    if err.code == "too_large":
        return SaveError(Detail("too_large", mb=MAX_BYTES // (1024 * 1024)), "unreadable")
    if err.code in ("denied", "io"):
        # The operating system's words, kept as they are (as in _write).
        return SaveError(Detail("cannot_read", slot=slot, error=err.detail or err.code), "io")
    if err.code == "loop":
        return SaveError(Detail("loop", slot=slot), "unreadable")
    return SaveError(Detail("not_regular", slot=slot), "unreadable")


def read_save_bytes(path: Path) -> bytes:
    """The bytes of a save file named by its path (any name, any folder), through the one rule for
    reading files; a :class:`SaveError` says why not."""
    try:
        return read_regular(path, MAX_BYTES)
    except FileRefused as err:
        if err.code == "missing":
            raise SaveError(Detail("file_not_found"), "missing") from None
        if err.code == "folder":
            raise SaveError(Detail("not_a_file"), "unreadable") from None
        if err.code in ("denied", "io"):
            raise SaveError(Detail("cannot_read_file", error=err.detail or err.code), "io") from None
        raise _read_refused(err, shown(path.name)) from None


def usable_time(when: datetime | None) -> datetime | None:
    """``when`` in UTC when it can be shown and sorted by: a time without a zone, one that cannot be
    converted (year 1) or one more than a day ahead of now is not (the list then uses the file's time)."""
    if when is None or when.tzinfo is None:
        return None
    try:
        utc = when.astimezone(UTC)
        utc.timestamp()
    except (OverflowError, ValueError, OSError):
        return None
    return None if utc.timestamp() > time.time() + 86_400 else utc


def _newest_first(info: SaveInfo) -> tuple:
    mtime = _mtime(info.path)
    stamp = info.saved_at.timestamp() if info.saved_at else mtime
    return (-stamp, -mtime, info.slot)


def _mtime(path: Path) -> float:
    try:
        return path.stat().st_mtime
    except OSError:
        return 0.0


# -- atomic writes ----------------------------------------------------------------------------------
def write_atomic(path: Path, data: bytes, *, overwrite: bool = True) -> None:
    """Write ``data`` to ``path`` so that it holds the old content or the new, never a part.

    The bytes go to a new temporary file in the same folder, which is flushed and fsynced and then
    renamed over ``path`` (``os.replace``, atomic on POSIX and Windows); the folder is fsynced after, where
    the system allows it. Without ``overwrite`` the temporary file is hard-linked into place instead,
    which fails with :class:`FileExistsError` when ``path`` exists, also against a concurrent writer.
    The temporary file is made with mode 0666 less the umask (as any new file), and locked while it is
    written so :func:`clear_stale_temps` in another process never removes it.
    """
    fd, tmp = _new_temp(path)
    try:
        with os.fdopen(fd, "wb") as f:
            _lock(f.fileno())
            f.write(data)
            f.flush()
            os.fsync(f.fileno())
            if overwrite:
                os.replace(tmp, path)
            else:
                _link_into_place(tmp, path)
        _fsync_dir(path.parent)
    except BaseException:
        with suppress(OSError):
            os.unlink(tmp)
        raise


def _new_temp(path: Path) -> tuple[int, str]:
    """A new temporary file beside ``path``, ``.<name>.<random>.tmp``, opened for writing."""
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0) | getattr(os, "O_NOFOLLOW", 0)
    for _ in range(100):
        tmp = os.path.join(path.parent, f".{path.name}.{secrets.token_hex(6)}.tmp")
        try:
            return os.open(tmp, flags, 0o666), tmp
        except FileExistsError:
            continue
    raise FileExistsError(errno.EEXIST, "no free temporary file name", str(path.parent))


def _link_into_place(tmp: str, path: Path) -> None:
    try:
        os.link(tmp, path)
    except FileExistsError:
        raise
    except OSError:
        # A file system without hard links: check, then rename (not proof against a race).
        if path.exists():
            raise FileExistsError(path) from None
        os.replace(tmp, path)
    else:
        os.unlink(tmp)


def _lock(fd: int, *, wait: bool = True) -> bool:
    """Take an exclusive advisory lock on an open file; False when another process holds it. Where
    there are no such locks (Windows) it always succeeds: age alone then marks a stale file."""
    try:
        import fcntl
    except ImportError:
        return True
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | (0 if wait else fcntl.LOCK_NB))
    except OSError:
        return False
    return True


#: fsync on a folder is not supported by every file system; these mean "not here", not "failed".
_NO_DIR_FSYNC = {errno.EINVAL, errno.EBADF, errno.EACCES, errno.EPERM, getattr(errno, "ENOTSUP", -1)}
_NO_DIR_FSYNC.add(getattr(errno, "EOPNOTSUPP", -1))


def _fsync_dir(folder: Path) -> None:
    """Make a rename durable: fsync the folder (not possible on Windows, where it is skipped).

    A real failure (an I/O error, a full disk) is raised like any write error, since the save may then
    not survive a crash; a file system that cannot fsync folders at all is not an error.
    """
    if os.name == "nt":
        return
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError as err:
        if err.errno in _NO_DIR_FSYNC:
            return
        raise
    try:
        os.fsync(fd)
    except OSError as err:
        if err.errno not in _NO_DIR_FSYNC:
            raise
    finally:
        os.close(fd)


def clear_stale_temps(root: Path) -> None:
    """Remove temporary files that killed writers left behind, of any slot: only those older than
    :data:`STALE_TEMP` that no live writer holds locked (never a save itself)."""
    now = time.time()
    try:
        names = [n for n in os.listdir(root) if n.startswith(".") and n.endswith(".tmp") and SUFFIX in n]
    except OSError:
        return
    for name in names:
        tmp = os.path.join(root, name)
        with suppress(OSError):
            if now - os.lstat(tmp).st_mtime <= STALE_TEMP:
                continue
            fd = os.open(tmp, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0))
            try:
                if _lock(fd, wait=False):
                    os.unlink(tmp)
            finally:
                os.close(fd)
