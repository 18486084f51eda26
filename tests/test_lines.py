"""``wijkberaad play --lines``: whole games typed through standard input, checked against transcripts.

A transcript (tests/fixtures/lines/*.txt) is everything the game wrote, with each typed answer shown as
``> answer`` where it was read. After a wording change, look at the difference and rewrite them with
``WIJKBERAAD_UPDATE_LINES=1 python -m pytest tests/test_lines.py``.
"""

from __future__ import annotations

import io
import os
import re
from pathlib import Path

import pytest

from game.engine import Game
from game.files.saves import SaveStore
from game.i18n import t
from game.lines.prompts import read_command
from game.lines.session import LineSession, Quit
from game.lines.start import run_lines

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "lines"
UPDATE = os.environ.get("WIJKBERAAD_UPDATE_LINES") == "1"

#: Escape sequences, control characters, box drawing, block elements, bars and trend lines, bullets, arrows,
#: ticks: what a screen reader reads as noise, or a braille display shows as clutter.
NOISE = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u2022\u2190-\u21ff\u2212\u2500-\u27bf]")


class Typed:
    """Standard input from a list of answers; each one is written into the transcript where it is read."""

    def __init__(self, answers: list[str], out: io.StringIO) -> None:
        self.answers = list(answers)
        self.out = out

    def readline(self) -> str:
        if not self.answers:
            return ""  # end of input, as a closed pipe gives
        answer = self.answers.pop(0)
        self.out.write(f"> {answer}".rstrip() + "\n")
        return answer + "\n"


def play(
    pack,  # noqa: ANN001 - a Pack
    tmp_path: Path,
    answers: list[str],
    *,
    lang: str = "nl",
    players: dict[str, str | None] | None = None,
    seed: int | None = 3,
    variant: str | None = "short",
) -> tuple[int, str]:
    """Play with ``answers`` typed; returns the exit status and the output (paths and times made steady)."""
    out = io.StringIO()
    status = run_lines(
        lang,
        pack=pack,
        load=lambda: pack,
        scenario="test" if players else None,
        seed=seed,
        variant=variant,
        players=players,
        saves_dir=tmp_path / "saves",
        inp=Typed(answers, out),
        out=out,
    )
    shown = out.getvalue().replace(str(tmp_path), "<tmp>")
    return status, re.sub(r"\d{8}-\d{6}", "<time>", shown)


def check_transcript(name: str, shown: str) -> None:
    path = FIXTURES / f"{name}.txt"
    if UPDATE or not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(shown, encoding="utf-8")
        if not UPDATE:
            pytest.fail(f"wrote the missing transcript {path.name}: look it over and run again")
    assert shown == path.read_text(encoding="utf-8"), f"differs from {path.name} (see the module's docstring)"


# The resident's side of a short game: read the intro, give input twice, read each consequence and the news.
RESIDENT = ["", "2", "", "", "", "1", "", ""]


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_a_whole_short_game_typed_through_stdin(mini_pack, tmp_path: Path, lang: str) -> None:
    status, shown = play(mini_pack, tmp_path, RESIDENT, lang=lang, players={"resident": "Speler"})
    assert status == 0
    check_transcript(f"short-game-{lang}", shown)
    assert not NOISE.findall(shown)
    ending = "Einde: " if lang == "nl" else "Ending: "
    assert any(line.startswith(ending) for line in shown.splitlines())
    # the report is written beside the saves, and the last line says where the game is kept
    assert list((tmp_path / "reports").glob("wijkberaad-*.html"))
    assert shown.splitlines()[-1].endswith(".json.")
    assert "<tmp>/saves/auto-test-3-" in shown.splitlines()[-1]


def test_the_line_game_is_the_engine_game_with_the_same_choices(mini_pack, tmp_path: Path) -> None:
    """Same content, seed and choices give the same game as the engine (and so as the app)."""
    play(mini_pack, tmp_path, RESIDENT, players={"resident": "Speler"})
    (info,) = SaveStore(tmp_path / "saves").list(mini_pack)
    played = SaveStore(tmp_path / "saves").load(info.slot, mini_pack).game
    game = Game.new(mini_pack, "test", seed=3, variant="short", players={"resident": "Speler"})
    game.play_computer()
    for choice in ("protest", "continue", "share"):
        game.choose(choice)
        game.play_computer()
    assert game.over and played.over
    assert played.state.meters == game.state.meters
    assert [r.decision for r in played.state.history] == [r.decision for r in game.state.history]


def test_view_lines_lose_their_marks_and_read_as_sentences() -> None:
    from game.lines.text import plain

    assert plain("• Besluit: Vertrouwen −4, Leefbaarheid +2") == "Besluit: Vertrouwen -4, Leefbaarheid +2."
    assert plain("  → Vertrouwen +1") == "Vertrouwen +1."
    assert plain("⚠ Gewaarschuwd door de bewoner") == "Gewaarschuwd door de bewoner."
    assert plain("✓ De minister: Leefbaar (gehaald)") == "De minister: Leefbaar (gehaald)."
    assert plain("‘Zo gaat het niet.’") == "‘Zo gaat het niet.’"
    assert plain("-2 voor de wijk") == "-2 voor de wijk."


def test_meters_are_numbers_with_their_change_in_words(mini_pack, tmp_path: Path) -> None:
    _, shown = play(mini_pack, tmp_path, ["", "2", "", "meters"], players={"resident": "Speler"})
    # After the protest was honoured: trust +2, liveability +3 then the year's trend -1.
    assert "Vertrouwen 47, gestegen met 2." in shown
    assert "Opkomst 35, gelijk gebleven." in shown
    _, shown = play(mini_pack, tmp_path, ["", "meters"], lang="en", players={"resident": "Player"})
    assert "Trust 45, unchanged." in shown
    assert "Energy: 6 of 6." in shown


def test_bad_input_gets_one_line_and_the_prompt_again(mini_pack, tmp_path: Path) -> None:
    _, shown = play(mini_pack, tmp_path, ["", "7", "banaan", "", "0"], players={"resident": "Speler"})
    prompt = "Kies een nummer van 1 tot 3, of typ hulp."
    lines = shown.splitlines()
    at = lines.index(prompt)
    for typed, said in (
        ("> 7", "7 is geen keuze. Kies een nummer van 1 tot 3."),
        ("> banaan", "Dat begrijp ik niet: banaan. Typ hulp voor de opdrachten."),
        (">", "Je hebt niets getypt."),
        ("> 0", "0 is geen keuze. Kies een nummer van 1 tot 3."),
    ):
        assert lines[at + 1 : at + 4] == [typed, said, prompt]
        at += 3
    # nothing was chosen: the game still waits for the resident's first input
    (info,) = SaveStore(tmp_path / "saves").list(mini_pack)
    assert info.round == 1 and not SaveStore(tmp_path / "saves").load(info.slot, mini_pack).game.state.history


def test_a_choice_that_cannot_be_taken_says_why(mini_pack, tmp_path: Path) -> None:
    """With 1 energy left, protesting (cost 2) is offered but refused with its reason."""
    game = Game.new(mini_pack, "test", seed=3, players={"resident": "Speler"})
    game.state.resources["energy"] = 1
    out = io.StringIO()
    session = LineSession(game, SaveStore(tmp_path), "nl", Typed(["2", "stop"], out), out)
    game.play_computer()
    with pytest.raises(Quit):
        session.turn()
    assert "2. Protesteren. Kosten: Energie -2; niet te kiezen: te duur." in out.getvalue()
    assert "Keuze 2 kan nu niet: te duur. Kies een andere." in out.getvalue()


def test_end_of_input_autosaves_and_exits_cleanly(mini_pack, tmp_path: Path) -> None:
    status, shown = play(mini_pack, tmp_path, ["", "2"], players={"resident": "Speler"})
    assert status == 0
    last = shown.splitlines()[-1]
    assert last.startswith(
        "Einde van de invoer. Het spel staat in de autosave auto-test-3-<time>, in <tmp>/saves/"
    )
    (info,) = SaveStore(tmp_path / "saves").list(mini_pack)
    game = SaveStore(tmp_path / "saves").load(info.slot, mini_pack).game
    assert [r.inputs for r in game.state.history][0] == {"resident": "protest"}


def test_quit_in_either_language_autosaves(mini_pack, tmp_path: Path) -> None:
    for word in ("stop", "quit"):
        status, shown = play(mini_pack, tmp_path / word, ["", word], players={"resident": "Speler"})
        assert status == 0
        assert shown.splitlines()[-1].startswith("Gestopt. Het spel staat in de autosave")


def test_commands_work_at_any_prompt_in_both_languages(mini_pack, tmp_path: Path) -> None:
    typed = ["hulp", "", "help", "rol", "role", "geschiedenis", "history", "?", "opnieuw"]
    _, shown = play(mini_pack, tmp_path, typed, players={"resident": "Speler"})
    assert shown.count("Opdrachten, bij elke vraag:") == 3
    # the role: briefing, goals none, private knowledge at its turn only
    assert shown.count("Jouw rol: de bewoner.") == 2
    assert (
        shown.count("Alleen voor jou: Het plein is een drugsplek.") == 3
    )  # twice by role, once at the event
    assert shown.count("Er is nog niets besloten.") == 2
    assert [read_command(w).kind for w in ("Opslaan x", "SAVE x", "stop", "Quit", "3", "")] == [
        "save",
        "save",
        "quit",
        "quit",
        "number",
        "enter",
    ]
    assert read_command("rol bewoner").kind == "text"


def test_saving_and_loading_from_the_menu(mini_pack, tmp_path: Path) -> None:
    _, shown = play(mini_pack, tmp_path, ["", "opslaan Groep 3", "stop"], players={"resident": "Speler"})
    assert "Opgeslagen als groep-3, in <tmp>/saves/groep-3.json." in shown
    _, again = play(mini_pack, tmp_path, ["", "save groep-3", "save groep-3"], players={"resident": "Speler"})
    assert "Er is al een save groep-3. Typ nog eens opslaan groep-3 om hem te overschrijven." in again
    assert again.count("Opgeslagen als groep-3") == 1
    # Without a game on the command line: the menu offers new, continue (the latest autosave), load, quit.
    saves = SaveStore(tmp_path / "saves").list(mini_pack)
    number = str(next(n for n, info in enumerate(saves, start=1) if info.slot == "groep-3"))
    _, menu = play(mini_pack, tmp_path, ["3", "9", number, "", "stop"], players=None)
    lines = menu.splitlines()
    assert lines[lines.index("Wat wil je doen?") + 1] == "1. Nieuw spel."
    auto = t("load.auto", "nl")  # the load screen's word for an autosave
    assert lines[lines.index("Wat wil je doen?") + 2].startswith(f"2. Verder spelen: {auto}, Test, jaar 1")
    assert lines[lines.index("Wat wil je doen?") + 3] == "3. Spel laden."
    pick = lines.index("Welk spel laden?")
    assert lines[pick + int(number)].startswith(f"{number}. groep-3, Test, jaar 1, Speler, ")
    assert "9 is geen keuze. Kies een nummer van 1 tot 3." in lines
    loaded = next(n for n, line in enumerate(lines) if line.startswith("Geladen: groep-3, Test, jaar 1"))
    assert lines[loaded + 1 : loaded + 3] == ["Test. Jaar 1 van 2.", "Aan zet: de bewoner."]


def test_a_new_game_from_the_menu(mini_pack, tmp_path: Path) -> None:
    _, shown = play(mini_pack, tmp_path, ["1", "2", "", "", "Sanne", "", "", "stop"], players=None)
    assert "Welke lengte?" in shown
    assert "Vul voor minstens één rol een naam in. Begin opnieuw bij de eerste rol." in shown
    assert "De minister (Sanne)." in shown and "De bewoner (computer)." in shown
    assert "Seed 3, 2 jaar." in shown


def test_hot_seat_hands_over_and_keeps_private_knowledge_to_its_role(mini_pack, tmp_path: Path) -> None:
    players = {"minister": "Ahmed", "resident": "Sanne"}
    typed = ["", "rol", "", "rol", "2", "", "rol", "1", "", "", "stop"]
    _, shown = play(mini_pack, tmp_path, typed, players=players)
    check_transcript("hot-seat-nl", shown)
    lines = shown.splitlines()
    first = lines.index("Wissel van speler. Geef het toetsenbord aan de bewoner: Sanne.")
    assert lines[first + 1] == (
        "Sanne, druk op Enter zodra alleen jij de schermlezer hoort of de brailleregel leest."
    )
    # the resident's private knowledge comes only after Sanne pressed Enter, and only on her turn
    secret = "Alleen voor jou: Het plein is een drugsplek."
    assert lines.index(secret) > first + 2
    handed = lines.index("Wissel van speler. Geef het toetsenbord aan de minister: Ahmed.")
    after = lines[handed:]
    assert secret not in after[: after.index("Jouw rol: de minister (Ahmed).")]
    assert "Gedeelde kennis van de bewoner" not in shown  # Sanne protested: she shared nothing
    # before the hand-over is done, role tells nothing
    assert "Je rol hoor je zodra je aan de beurt bent." in shown


def test_the_round_timer_signals_as_lines(mini_pack, tmp_path: Path) -> None:
    from game.classroom.timer import RoundTimer

    now = [0.0]
    game = Game.new(mini_pack, "test", seed=3, players={"resident": "Speler"})
    game.play_computer()
    out = io.StringIO()

    class Slow(Typed):
        def readline(self) -> str:
            now[0] += 100  # each answer takes 100 seconds
            return super().readline()

    session = LineSession(
        game,
        SaveStore(tmp_path),
        "en",
        Slow(["meters", "meters", "stop"], out),
        out,
        timer=RoundTimer(150, lambda: now[0]),
    )
    with pytest.raises(Quit):
        session.turn()
    lines = out.getvalue().splitlines()
    warning = lines.index("Almost time: wrap up the deliberation.")
    expired = lines.index("Time is up. Come to a decision: the timer does not decide for you.")
    # each signal is told before the next answer is read, after the question it came during
    assert lines[warning + 1] == "> meters" and lines[expired + 1] == "> stop"
    # while consequences are read, the next deliberation's countdown waits
    session.reading = True
    session.poll_timer()
    assert session.timer.state == "idle"
    session.reading = False
    session.poll_timer()
    assert session.timer.state == "running"


def test_every_line_mode_string_is_in_both_languages() -> None:
    from game.lines.words import LINES

    for key, entry in LINES.items():
        assert set(entry) == {"nl", "en"} and all(entry.values()), key
        assert set(re.findall(r"{(\w+)}", entry["nl"])) == set(re.findall(r"{(\w+)}", entry["en"])), key
