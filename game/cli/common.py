"""Options and helpers several commands share: packs, saves folder, language, content, saves, messages.

Messages for players and teachers are in :data:`MESSAGES` (Dutch and English, looked up with
:func:`game.i18n.t`) and follow the command's
``--lang`` (else ``$WIJKBERAAD_LANG``, else Dutch). A helper that finds a mistake raises :class:`CliError`
with the message already worded; :func:`game.cli.main` prints it as one line and exits non-zero.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from game.i18n import Entry, default_language, register, save_error_detail, save_error_text, t

if TYPE_CHECKING:  # annotations only: the commands import the engine when they run
    from game.engine import Game, Pack
    from game.files.loader import ContentError
    from game.files.saves import SaveError

#: The commands' own messages for people, in both languages.
MESSAGES: dict[str, Entry] = {
    "pack_missing": {
        "nl": "--pack: map niet gevonden: {path}",
        "en": "--pack: folder not found: {path}",
    },
    "pack_not_dir": {
        "nl": "--pack: {path} is een bestand; geef de map van het pakket",
        "en": "--pack: {path} is a file; give the pack's folder",
    },
    "saves_not_dir": {
        "nl": "--saves-dir: {path} is een bestand; geef een map (die mag nog niet bestaan)",
        "en": "--saves-dir: {path} is a file; give a folder (it may not exist yet)",
    },
    "content_errors": {
        "nl": "de inhoud heeft fouten (hierboven); herstel ze en probeer het opnieuw "
        "('wijkberaad validate' somt ze op)",
        "en": "the content has errors (above); fix them and try again ('wijkberaad validate' lists them)",
    },
    "save_missing": {
        "nl": "bestand niet gevonden (een naam zonder pad wordt ook gezocht in {folder}; "
        "'wijkberaad saves --saves-dir {folder}' toont wat daar staat)",
        "en": "file not found (a name without a path is also looked for in {folder}; "
        "'wijkberaad saves --saves-dir {folder}' lists what is there)",
    },
    "save_cannot_read": {
        "nl": "kon het bestand niet lezen: {detail}",
        "en": "cannot read the file: {detail}",
    },
    "wrong_pack_hint": {
        "nl": "geef de map van die inhoud mee met --pack MAP",
        "en": "give that content's folder with --pack DIR",
    },
    "skipped": {"nl": "{path}: {reason}; overgeslagen", "en": "{path}: {reason}; skipped"},
    "note": {"nl": "{path}: let op: {note}", "en": "{path}: note: {note}"},
    "no_saves_in": {
        "nl": "{path}: geen saves (*.json) in deze map",
        "en": "{path}: no save files (*.json) in this folder",
    },
    "none_read": {
        "nl": "geen van de saves kon worden gelezen",
        "en": "none of the saves could be read",
    },
    # -- play -------------------------------------------------------------------------------------------
    "players_form": {"nl": "'{part}' moet de vorm ROL=NAAM hebben", "en": "'{part}' should be ROLE=NAME"},
    "players_twice": {"nl": "rol '{role}' staat er twee keer in", "en": "role '{role}' is given twice"},
    "players_none": {"nl": "geef minstens één ROL=NAAM", "en": "give at least one ROLE=NAME"},
    "no_short": {
        "nl": "scenario '{id}' heeft geen korte variant; laat --short weg",
        "en": "scenario '{id}' has no short variant; leave out --short",
    },
    "code_scenario": {
        "nl": "--code {code} hoort bij scenario '{scenario}', niet bij '{given}'; laat --scenario weg",
        "en": "--code {code} is for scenario '{scenario}', not '{given}'; leave out --scenario",
    },
    "code_full": {
        "nl": "--code {code} is voor het volledige scenario; laat --short weg",
        "en": "--code {code} is for the full scenario; leave out --short",
    },
    "code_seed": {
        "nl": "--code {code} heeft seed {seed}; laat --seed {given} weg",
        "en": "--code {code} has seed {seed}; leave out --seed {given}",
    },
    # -- output -------------------------------------------------------------------------------------------
    "wrote": {"nl": "{path} geschreven", "en": "wrote {path}"},
    "cannot_write": {
        "nl": "kon {path} niet schrijven: {reason}",
        "en": "could not write {path}: {reason}",
    },
    # -- saves ------------------------------------------------------------------------------------------
    # The English texts of saves, validate, simulate, new-pack and schema are those the commands printed
    # before they spoke Dutch (scripts and docs may quote them), except that "(s)" became real plurals.
    "saves.headers": {
        "nl": "naam|scenario|ronde|spelers|opgeslagen|status",
        "en": "slot|scenario|round|players|saved|status",
    },
    "saves.ended": {"nl": "{round} (afgelopen)", "en": "{round} (ended)"},
    "saves.computer_only": {"nl": "alleen de computer", "en": "computer only"},
    "saves.ok": {"nl": "ok", "en": "ok"},
    "saves.ok_but": {"nl": "ok, maar {mismatch}", "en": "ok, but {mismatch}"},
    "saves.unreadable": {"nl": "onleesbaar: {reason}", "en": "unreadable: {reason}"},
    "saves.none": {"nl": "geen opgeslagen spellen in {path}", "en": "no saves in {path}"},
    "saves.count": {
        "nl": {"one": "1 opgeslagen spel in {path}", "other": "{n} opgeslagen spellen in {path}"},
        "en": {"one": "1 save in {path}", "other": "{n} saves in {path}"},
    },
    "saves.count_bad": {"nl": ", waarvan {bad} onleesbaar", "en": ", {bad} unreadable"},
    "saves.folder_unreadable": {
        "nl": "kon de map met opgeslagen spellen {path} niet lezen: {reason}",
        "en": "could not read the saves folder {path}: {reason}",
    },
    "saves.no_content": {
        "nl": "kon de inhoud niet laden, dus het opnieuw afspelen is niet gecontroleerd: {reason}",
        "en": "could not load the content, so replays are not checked: {reason}",
    },
    # -- validate ---------------------------------------------------------------------------------------
    "validate.packs": {
        "nl": {"one": "1 pakket", "other": "{n} pakketten"},
        "en": {"one": "1 pack", "other": "{n} packs"},
    },
    "validate.errors": {
        "nl": {"one": "1 fout", "other": "{n} fouten"},
        "en": {"one": "1 error", "other": "{n} errors"},
    },
    "validate.warnings": {
        "nl": {"one": "1 waarschuwing", "other": "{n} waarschuwingen"},
        "en": {"one": "1 warning", "other": "{n} warnings"},
    },
    "validate.clean": {
        "nl": "{packs} gecontroleerd: geen fouten gevonden",
        "en": "{packs}: 0 errors, 0 warnings: ok",
    },
    "validate.summary": {
        "nl": "{packs} gecontroleerd: {errors}, {warnings}: {verdict}",
        "en": "{packs}: {errors}, {warnings}: {verdict}",
    },
    "validate.ok": {"nl": "in orde", "en": "ok"},
    "validate.problems": {"nl": "problemen gevonden", "en": "problems found"},
    # -- simulate ---------------------------------------------------------------------------------------
    "simulate.pack_missing": {
        "nl": "map van het pakket niet gevonden: {path}",
        "en": "pack folder not found: {path}",
    },
    "simulate.pack_not_dir": {
        "nl": "{path} is een bestand; geef de map van het pakket (die met pack.yaml)",
        "en": "{path} is a file; give the pack's folder (the one with pack.yaml)",
    },
    "simulate.runs": {"nl": "--runs moet minstens 1 zijn", "en": "--runs must be at least 1"},
    "simulate.progress": {"nl": "{done}/{total} spellen", "en": "{done}/{total} games"},
    # -- new-pack ---------------------------------------------------------------------------------------
    "new_pack.dir_is_file": {
        "nl": "--dir {dir}: {path} is een bestand; geef de map waarin het pakket moet komen",
        "en": "--dir {dir}: {path} is a file; give the folder to make the pack in",
    },
    "new_pack.bad_name": {
        "nl": "'{name}' kan geen naam van een pakket zijn: gebruik letters, cijfers, - en _, begin met een "
        "letter, hoogstens 48 tekens (bijvoorbeeld mijn-wijk)",
        "en": "'{name}' is not a safe pack name: use letters, digits, - and _, start with a letter, "
        "at most 48 characters (e.g. mijn-wijk)",
    },
    "new_pack.reserved": {
        "nl": "'{name}' is een naam die Windows voor zichzelf houdt; kies een andere",
        "en": "'{name}' is a reserved name on Windows; choose another",
    },
    "new_pack.exists": {
        "nl": "{path} bestaat al; kies een andere naam of haal het eerst weg",
        "en": "{path} already exists; choose another name or remove it first",
    },
    "new_pack.cannot_write": {
        "nl": "kon het pakket niet schrijven: {reason}",
        "en": "cannot write the pack: {reason}",
    },
    "new_pack.next": {
        "nl": "Het nieuwe pakket staat in {path}. Zo ga je verder:",
        "en": "A new pack is in {path}. Next:",
    },
    # -- schema -----------------------------------------------------------------------------------------
    "schema.output_is_file": {
        "nl": "-o {output}: {path} is een bestand; geef een map om de schemabestanden in te schrijven",
        "en": "-o {output}: {path} is a file; give a folder to write the schema files in",
    },
    "schema.cannot_write": {
        "nl": "kon niet schrijven in {output}: {reason}",
        "en": "cannot write to {output}: {reason}",
    },
    "schema.written": {
        "nl": {"one": "1 schemabestand geschreven", "other": "{n} schemabestanden geschreven"},
        "en": {"one": "1 schema file written", "other": "{n} schema files written"},
    },
}
register(__name__, MESSAGES)


class CliError(Exception):
    """A mistake in what a command was given, worded for a person; exits with ``code``."""

    def __init__(self, message: str, code: int = 2) -> None:
        super().__init__(message)
        self.code = code


def lang_of(args: argparse.Namespace) -> str:
    """The language a command was asked for: ``--lang``, else ``$WIJKBERAAD_LANG``, else Dutch."""
    return getattr(args, "lang", None) or default_language()


def add_pack_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--pack",
        dest="packs",
        action="append",
        default=[],
        metavar="DIR",
        help="also load the pack in DIR (repeatable)",
    )


def add_lang_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--lang",
        choices=["nl", "en"],
        default=None,
        help="language: nl (Dutch) or en (English) (default: $WIJKBERAAD_LANG, else nl)",
    )


def add_theme_option(parser: argparse.ArgumentParser) -> None:
    """``--theme`` of the commands that open the app."""
    parser.add_argument(
        "--theme",
        choices=["dark", "light", "contrast"],
        default=None,
        help="colour theme (contrast: high contrast; default: the one chosen in the settings, else dark)",
    )


def add_saves_option(
    parser: argparse.ArgumentParser,
    what: str = "the saves folder",
    mods: str = "the packs in the mods/ folder next to it are loaded too",
) -> None:
    """``--saves-dir DIR``: the ``mods/`` folder next to it moves with it (:func:`game.files.packs.mods_dir`),
    so a class's folder with ``saves/`` and ``mods/`` side by side works the same for every command. The help
    names the default folder itself, so every command that reads or writes saves says where on request."""
    from game.files.paths import user_saves_dir

    parser.add_argument(
        "--saves-dir",
        dest="saves_dir",
        type=Path,
        default=None,
        metavar="DIR",
        help=f"{what}; {mods} (default: $WIJKBERAAD_SAVES, else {user_saves_dir()})",
    )


def fail(message: str, code: int = 2) -> int:
    """Print a one-line error for a person (no traceback) and return the exit status."""
    print(f"wijkberaad: {message}", file=sys.stderr)
    return code


def file_in_the_way(folder: Path) -> Path | None:
    """The file that stops ``folder`` from being made (``folder`` itself or a folder above it), if any."""
    for path in (folder, *folder.parents):
        if path.exists():
            return None if path.is_dir() else path
    return None


def pack_folders(args: argparse.Namespace, lang: str) -> list[Path]:
    """The folders given with ``--pack``, checked; :class:`CliError` names one that is not a folder."""
    folders = []
    for given in getattr(args, "packs", []):
        path = Path(given).expanduser()
        if not path.exists():
            raise CliError(t("pack_missing", lang, path=given))
        if not path.is_dir():
            raise CliError(t("pack_not_dir", lang, path=given))
        folders.append(path)
    return folders


def saves_folder(args: argparse.Namespace, lang: str) -> Path | None:
    """The folder given with ``--saves-dir`` (None: the default); a file there is a :class:`CliError`."""
    given = getattr(args, "saves_dir", None)
    if given is None:
        return None
    path = Path(given).expanduser()
    if path.exists() and not path.is_dir():
        raise CliError(t("saves_not_dir", lang, path=given))
    return path


def content_failed(err: ContentError, lang: str) -> CliError:
    """Print a :class:`~game.files.loader.ContentError`'s problems (``file:line: message``) to stderr and
    return the error that ends the command."""
    for problem in err.problems:
        print(problem, file=sys.stderr)
    return CliError(t("content_errors", lang))


def load_content(args: argparse.Namespace) -> Pack:
    """The content a command's saves were played with: the shipped base, the ``mods/`` folder next to the
    saves folder, then each ``--pack``. Raises :class:`CliError` when it cannot be loaded."""
    # pydantic: only for commands that load
    from game.files.loader import ContentError
    from game.files.packs import load_game_content

    lang = lang_of(args)
    packs = pack_folders(args, lang)
    try:
        return load_game_content(packs, saves_dir=saves_folder(args, lang))
    except ContentError as err:
        raise content_failed(err, lang) from None


def save_reason(err: SaveError, lang: str, folder: Path | None = None) -> str:
    """Why a save file could not be read, in ``lang``, with what to do about it where there is something."""
    code = err.code
    if code == "missing":
        from game.files.saves import default_saves_dir  # loaded already: the error came from there

        return t("save_missing", lang, folder=folder or default_saves_dir())
    if code == "io":  # reading, here: the catalogue's io text is about saving
        return t("save_cannot_read", lang, detail=save_error_detail(err, lang))
    reason = save_error_text(err, lang)
    if code == "wrong_pack":
        reason = f"{reason.rstrip('.')}; {t('wrong_pack_hint', lang)}"
    return reason


def read_save(path: Path, pack: Pack, lang: str) -> tuple[Game, list[str]]:
    """The game in a save file and the notes on it (each also printed to stderr, in ``lang``).

    Raises:
        SaveError: the file cannot be read as a game of ``pack`` (word it with :func:`save_reason`).
    """
    from game.reports.report import load_save_file  # reports: only for the commands that read saves

    game, notes = load_save_file(path, pack, lang)
    for note in notes:
        print(f"wijkberaad: {t('note', lang, path=_shown(path), note=note)}", file=sys.stderr)
    return game, notes


def _shown(path: Path) -> str:
    from game.files.safefile import shown  # a file name may hold control characters or odd bytes

    return shown(path, 4096)


def write_output(text: str, fmt: str, output: Path | None, lang: str) -> int:
    """Print ``text``, or write it to ``output`` (CSV with a byte-order mark, so spreadsheets read UTF-8)."""
    if output is None:
        sys.stdout.write(text)
        return 0
    try:
        output.parent.mkdir(parents=True, exist_ok=True)
        output.write_text(text, encoding="utf-8-sig" if fmt == "csv" else "utf-8", newline="")
    except OSError as err:
        return fail(t("cannot_write", lang, path=output, reason=err.strerror or err))
    print(t("wrote", lang, path=output), file=sys.stderr)
    return 0
