"""``wijkberaad role-cards``: one printable page per role, from whatever content is loaded."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from game.cli import main
from game.files.packs import load_game_content
from game.reports.role_cards import build_role_cards, render_role_cards


def _sections(html: str) -> list[str]:
    return re.findall(r'<section class="card".*?</section>', html, flags=re.S)


@pytest.mark.parametrize(
    ("lang", "heading", "knows"),
    [
        ("nl", "Wat alleen jij weet", "Wat je kunt inbrengen"),
        ("en", "What only you know", "What you can put in"),
    ],
)
def test_the_command_prints_a_page_per_role_in_the_chosen_language(tmp_path, capsys, lang, heading, knows):
    out = tmp_path / "kaarten.html"
    assert main(["role-cards", "-o", str(out), "--lang", lang]) == 0
    html = out.read_text(encoding="utf-8")
    pack = load_game_content([])
    scenario = pack.scenarios["kanaalzijde"]
    cards = _sections(html)
    assert len(cards) == len(scenario.roles)
    assert f'<html lang="{lang}">' in html
    assert "break-after: page" in html  # one role per printed page
    for role_id, card in zip(scenario.roles, cards, strict=True):
        role = pack.roles[role_id]
        assert role.name[lang] in card and heading in card and knows in card
        assert role.briefing[lang].split()[0] in card
        for option in role.inputs:
            assert option.label[lang] in card
    assert str(out) in capsys.readouterr().err


def test_a_role_sees_only_its_own_private_knowledge():
    pack = load_game_content([])
    cards = {c.id: c for c in build_role_cards(pack, "kanaalzijde", "nl").cards}
    events = pack.events_for(pack.scenarios["kanaalzijde"])
    for role_id, card in cards.items():
        mine = {e.private[role_id]["nl"] for e in events if role_id in e.private}
        assert {k.text for k in card.knowledge} == mine
    assert cards["resident"].knowledge and not cards["minister"].knowledge


def _modded(tmp_path: Path) -> Path:
    from game.authoring.scaffold import write_scaffold

    folder = write_scaffold(tmp_path, "mijnwijk")
    world = folder / "world.yaml"
    data = yaml.safe_load(world.read_text(encoding="utf-8"))
    data["roles"][0]["name"] = {"nl": "De <b>wethouder</b> & co", "en": "The <b>alderman</b> & co"}
    world.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    return folder


def test_a_modded_pack_prints_its_own_roles_escaped(tmp_path, capsys):
    folder = _modded(tmp_path)
    out = tmp_path / "kaarten.html"
    assert main(["role-cards", "--pack", str(folder), "-o", str(out)]) == 0
    html = out.read_text(encoding="utf-8")
    assert "De &lt;b&gt;wethouder&lt;/b&gt; &amp; co" in html and "<b>wethouder" not in html
    assert "wijkverpleegkundige" in html.lower()
    assert "De minister" not in html


def test_an_unknown_scenario_names_the_known_ones(capsys):
    assert main(["role-cards", "--scenario", "nergens", "--lang", "nl"]) == 2
    err = capsys.readouterr().err
    assert "nergens" in err and "kanaalzijde" in err


def test_render_is_deterministic():
    pack = load_game_content([])
    first = render_role_cards(build_role_cards(pack, "kanaalzijde", "en"))
    assert first == render_role_cards(build_role_cards(pack, "kanaalzijde", "en"))
