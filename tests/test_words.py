"""One way to word things: every catalogue registers into the one lookup (game.i18n.t), keys are unique
across catalogues, every key the code asks for exists in both languages with the same placeholders, the
module that asks for it imports its catalogue (game.i18n imports none), and a missing key shows itself
without stopping the game.

The code is read when a test asks for it, not at collection: every test worker collects every module, and
reading the game's code takes most of a second. A check over all keys or modules is one test that names
every offender, so one run shows them all."""

from __future__ import annotations

import ast
import functools
import importlib
import re
import string
from pathlib import Path

import pytest

from game.i18n import CATALOGUES, LANGUAGES, t
from tests.test_architecture import MODULES, _imports

GAME = Path(__file__).resolve().parent.parent / "game"
TEMPLATES = GAME / "reports" / "templates"
#: Jinja templates word things with say('key', ...), which pages() binds to t in the page's language.
TEMPLATE_KEY = re.compile(r"""say\(\s*'([\w.]+)'\s*[,)]""")
#: Each module's imports, read once: every test of a module's catalogues follows the imports of many files.
_imports_of = functools.cache(_imports)


@functools.cache
def _nodes(path: Path) -> list[ast.AST]:
    """Every node of a module's syntax tree (each module is scanned for several things)."""
    return list(ast.walk(ast.parse(path.read_text(encoding="utf-8"))))


def _registers(path: Path) -> bool:
    """Whether the module calls ``register(__name__, ...)``: it holds a catalogue."""
    return any(
        isinstance(node, ast.Call)
        and isinstance(node.func, ast.Name)
        and node.func.id == "register"
        and node.args
        and isinstance(node.args[0], ast.Name)
        and node.args[0].id == "__name__"
        for node in _nodes(path)
    )


@functools.cache
def holders() -> list[str]:
    """The modules that hold a catalogue, found by reading the code (no list of them is kept anywhere),
    imported so that their catalogues are registered."""
    found = sorted(module for module, path in MODULES.items() if _registers(path))
    for module in found:
        importlib.import_module(module)
    return found


def entries() -> dict[str, dict]:
    """Every catalogue entry, by key."""
    holders()
    return {key: entry for catalogue in CATALOGUES.values() for key, entry in catalogue.items()}


def owner() -> dict[str, str]:
    """The module whose catalogue holds each key."""
    holders()
    return {key: module for module, catalogue in CATALOGUES.items() for key in catalogue}


def _forms(entry) -> dict[str, list[str]]:
    """Each language's texts: one, or its plural forms (one and other)."""
    out = {}
    for lang in LANGUAGES:
        form = entry.get(lang)
        out[lang] = [form] if isinstance(form, str) else [form.get("one"), form.get("other")]
    return out


def _fields(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


def _t_keys(path: Path) -> dict[str, int]:
    """The string literals passed as the key to t(...) in one module (also the branches of
    ``t("a" if x else "b", ...)``); key -> line."""
    found: dict[str, int] = {}
    for node in _nodes(path):
        if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "t"):
            continue
        if not node.args:
            continue
        arg = node.args[0]
        options = [arg.body, arg.orelse] if isinstance(arg, ast.IfExp) else [arg]
        for option in options:
            if isinstance(option, ast.Constant) and isinstance(option.value, str):
                found.setdefault(option.value, node.lineno)
    return found


def _t_prefixes(path: Path) -> set[str]:
    """The fixed starts of keys made at run time, ``t(f"timer.{signal}", ...)`` -> ``"timer."``."""
    found: set[str] = set()
    for node in _nodes(path):
        if (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Name)
            and node.func.id == "t"
            and node.args
        ):
            arg = node.args[0]
            if isinstance(arg, ast.JoinedStr) and arg.values and isinstance(arg.values[0], ast.Constant):
                found.add(arg.values[0].value)
    return found


@functools.cache
def literal_keys() -> dict[str, str]:
    """Every key the game's code passes to t(...) as a literal, and the say('...') keys of the report
    templates; key -> where."""
    found: dict[str, str] = {}
    for path in sorted(GAME.rglob("*.py")):
        for key, line in _t_keys(path).items():
            found.setdefault(key, f"{path.relative_to(GAME.parent)}:{line}")
    for path in sorted(TEMPLATES.glob("*.*")):
        for key in TEMPLATE_KEY.findall(path.read_text(encoding="utf-8")):
            found.setdefault(key, str(path.relative_to(GAME.parent)))
    return found


def _imported(module: str) -> set[str]:
    """Every game module loaded when ``module`` is imported (a module's packages are loaded before it),
    following imports at any depth of each file, as tests/test_architecture.py reads them."""
    seen: set[str] = set()
    todo = [module]
    while todo:
        name = todo.pop()
        parts = name.split(".")
        for known in (".".join(parts[:n]) for n in range(1, len(parts) + 1)):
            if known in MODULES and known not in seen:
                seen.add(known)
                todo += _imports_of(MODULES[known], known)
    return seen


def test_every_catalogue_registers_under_its_own_module():
    assert set(holders()) == set(CATALOGUES)
    assert len(holders()) > 5 and "game.reports.strings" in holders()  # the scan itself finds them


def test_a_module_imports_the_catalogues_it_words_things_with():
    users = {module: keys for module, path in MODULES.items() if (keys := _t_keys(path))}
    assert len(users) > 20  # the scan itself finds them
    owners = owner()
    lacking = {}
    for module, keys in users.items():
        needs = {owners[key] for key in keys if key in owners}
        if missing := sorted(needs - _imported(module)):
            lacking[module] = missing
    assert lacking == {}, "modules using words of catalogues they do not import"


def test_keys_are_unique_across_catalogues():
    owners: dict[str, list[str]] = {}
    for owner, catalogue in CATALOGUES.items():
        for key in catalogue:
            owners.setdefault(key, []).append(owner)
    assert {key: where for key, where in owners.items() if len(where) > 1} == {}


def test_the_scan_finds_the_keys_the_code_uses():
    # guards the scan itself: keys from the UI, reports, CLI, lines and templates are all seen
    for key in ("app.title", "report.title", "validate.errors", "start.welcome", "report.meters"):
        assert key in literal_keys(), key
    assert len(literal_keys()) > 300


def test_every_key_the_code_uses_exists():
    known = entries()
    unknown = {key: where for key, where in literal_keys().items() if key not in known}
    assert unknown == {}, "keys the code uses without a catalogue entry (key: where)"


def _entry_problem(entry) -> str | None:
    """What is wrong with one catalogue entry: a language without text, or placeholders that differ."""
    forms = _forms(entry)
    for lang in LANGUAGES:
        if not all(isinstance(text, str) for text in forms[lang]):
            return f"no {lang} text"
    fields = {lang: set().union(*map(_fields, forms[lang])) for lang in LANGUAGES}
    if fields["nl"] != fields["en"]:
        return f"placeholders differ: nl {sorted(fields['nl'])}, en {sorted(fields['en'])}"
    return None


def test_every_entry_has_both_languages_with_the_same_placeholders():
    assert len(entries()) > 300
    problems = {key: problem for key, entry in entries().items() if (problem := _entry_problem(entry))}
    assert problems == {}


def test_the_entry_check_sees_a_missing_language_and_a_lost_placeholder():
    assert _entry_problem({"nl": "{n} fouten", "en": "{n} errors"}) is None
    assert _entry_problem({"nl": {"one": "1 fout", "other": "{n} fouten"}, "en": {"one": "1 error"}}) == (
        "no en text"
    )
    assert _entry_problem({"nl": "{n} fouten", "en": "errors"}) == "placeholders differ: nl ['n'], en []"


def test_plurals_pick_one_or_other_by_n():
    assert t("validate.errors", "en", n=1) == "1 error"
    assert t("validate.errors", "en", n=0) == "0 errors"
    assert t("validate.errors", "nl", n=3) == "3 fouten"
    assert t("saves.count", "en", n=2, path="x") == "2 saves in x"


@pytest.mark.missing_words_ok
def test_a_missing_key_shows_itself_and_does_not_raise():
    assert t("no.such.key", "nl") == "⟦no.such.key⟧"
    assert "⟦app.title⟧" not in t("app.title", "en")
    # a text missing one of its values still shows, marked
    assert t("host.class_file", "en", folder="x").startswith("⟦host.class_file⟧")


def test_the_cli_help_catalogue_keeps_every_placeholder_in_dutch():
    # argparse fills these in with %-formatting; a lost or renamed one would break a Dutch error message
    from game.cli.words import ARGPARSE, DUTCH

    placeholder = re.compile(r"%\(\w+\)[sdr]|%[sdr]|\{\w+\}")
    for english, dutch in {**ARGPARSE, **DUTCH}.items():
        assert sorted(placeholder.findall(english)) == sorted(placeholder.findall(dutch)), english


def test_a_module_imports_the_catalogues_of_the_keys_it_makes():
    """A key made at run time (``t(f"balance.{key}")``) is looked up in whichever catalogue holds keys that
    start so; the module must import one, or a command that loads nothing else shows the bare key. (One,
    not all: a start such as ``key.`` is shared by catalogues that register along with what they word.)"""
    makers = {module: found for module, path in MODULES.items() if (found := _t_prefixes(path))}
    assert len(makers) > 3  # the scan itself finds them
    owners = owner()
    problems = {}
    for module, prefixes in makers.items():
        needs = {owners[key] for key in owners for prefix in prefixes if key.startswith(prefix)}
        if not needs:
            problems[module] = f"no catalogue has keys starting with {sorted(prefixes)}"
        elif not needs & _imported(module):
            problems[module] = f"makes keys of {sorted(needs)} without importing any of them"
    assert problems == {}
