"""The README's Playing table leads to the pages of the line mode and the class server, every link in it
goes to a page that exists, and the Quick start keeps its two commands."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
README = (ROOT / "README.md").read_text(encoding="utf-8")


def playing_table() -> str:
    section = README.split("## Playing", 1)[1].split("\n#", 1)[0]
    return "\n".join(line for line in section.splitlines() if line.startswith("|"))


def test_the_playing_table_names_the_line_mode_and_the_class_server_with_their_pages() -> None:
    rows = playing_table().splitlines()
    assert any("`wijkberaad play --lines`" in r and "(docs/accessibility.md)" in r for r in rows)
    assert any("`wijkberaad host`" in r and "(docs/host.md)" in r for r in rows)


def test_every_link_of_the_readme_to_a_file_goes_to_one_that_exists() -> None:
    links = [t for t in re.findall(r"\]\(([^)#]+)\)", README) if "://" not in t]
    assert links
    assert [t for t in links if not (ROOT / t).exists()] == []


def test_the_quick_start_keeps_its_two_commands() -> None:
    quick = README.split("## Quick start", 1)[1].split("\n## ", 1)[0]
    blocks = re.findall(r"```\n(.*?)\n```", quick, re.S)
    assert blocks == [
        "python -m pip install . && python -m game",
        'python -m pip install -e ".[test]" && python -m pytest',
    ]
