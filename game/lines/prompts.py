"""What a player types at a prompt, read as a command: the same words in Dutch and English at every prompt."""

from __future__ import annotations

from dataclasses import dataclass

#: Typed word -> command; both languages work whatever the game's language is.
WORDS: dict[str, str] = {
    "?": "help",
    "help": "help",
    "hulp": "help",
    "meters": "meters",
    "history": "history",
    "geschiedenis": "history",
    "role": "role",
    "rol": "role",
    "again": "again",
    "opnieuw": "again",
    "save": "save",
    "opslaan": "save",
    "quit": "quit",
    "stop": "quit",
    "stoppen": "quit",
}


@dataclass(frozen=True)
class Command:
    """One typed line: ``kind`` is "enter", "number", "text" or a command of :data:`WORDS`; ``arg`` holds the
    number, the save's name, or the line as typed."""

    kind: str
    arg: str = ""

    @property
    def number(self) -> int:
        return int(self.arg)


def read_command(line: str) -> Command:
    """The command a typed line stands for (``"opslaan groep 3"`` -> save "groep 3")."""
    typed = line.strip()
    if not typed:
        return Command("enter")
    if typed.isdigit():
        return Command("number", typed)
    word, _, rest = typed.partition(" ")
    kind = WORDS.get(word.lower().rstrip(".!"))
    if kind is None:
        return Command("text", typed)
    if kind != "save" and rest.strip():
        return Command("text", typed)
    return Command(kind, rest.strip())
