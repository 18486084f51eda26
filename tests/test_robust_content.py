"""Robustness of content loading: mutated packs, random YAML and hostile expressions never crash the loader.

Whatever a modder (or a corrupted file) puts in a pack folder, :func:`load_pack` returns a result with
problems that carry messages, and :func:`load_pack_or_raise` raises only :class:`ContentError`.
"""

from __future__ import annotations

import copy
import shutil
import tempfile
from functools import cache
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from game.engine.expr import ExprError, Names, compile_expr
from game.files.loader import ContentError, load_pack, load_pack_or_raise

TESTS = Path(__file__).resolve().parent
MINI = TESTS / "packs" / "mini"
BASE = TESTS.parent / "content" / "base"


#: The packs to mutate: the mini pack (fast, many examples) and the shipped pack. Their files are read when
#: a test first needs them, not at collection (every xdist worker collects every module).
SOURCES = [MINI, BASE]


@cache
def _files(src: Path) -> list[Path]:
    return sorted(p.relative_to(src) for p in src.rglob("*.yaml"))


@cache
def _data(src: Path) -> dict[Path, Any]:
    return {rel: yaml.safe_load((src / rel).read_text(encoding="utf-8")) for rel in _files(src)}


@cache
def _text(src: Path) -> dict[Path, str]:
    return {rel: (src / rel).read_text(encoding="utf-8") for rel in _files(src)}


#: examples per run: the shipped pack takes ~20x longer to load than the mini pack
EXAMPLES = {MINI: settings.default.max_examples, BASE: 4}

FAST = settings(
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.filter_too_much],
)
LONG = settings(FAST, max_examples=1500)


# -- mutations of the parsed data ---------------------------------------------------------------
def _paths(data: Any, path: tuple = ()) -> list[tuple]:
    """Every path to a value inside nested dicts and lists (the root is the empty path)."""
    found = [path]
    if isinstance(data, dict):
        for key, value in data.items():
            found.extend(_paths(value, (*path, key)))
    elif isinstance(data, list):
        for n, value in enumerate(data):
            found.extend(_paths(value, (*path, n)))
    return found


def _get(data: Any, path: tuple) -> Any:
    for part in path:
        data = data[part]
    return data


GARBAGE = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(10**30), max_value=10**30),
    st.floats(allow_nan=True, allow_infinity=True),
    st.text(max_size=40),
    st.lists(st.integers(), max_size=4),
    st.dictionaries(st.text(max_size=8), st.integers(), max_size=3),
    st.sampled_from(["", "id", "__class__", "9**9**9", "trust <", "{nl: x}", "-1e999", "\x00", "…ü€"]),
)

MUTATIONS = ["drop", "retype", "rename", "garbage", "duplicate_list_item", "wrap", "empty_container"]


@st.composite
def mutated_pack(draw: st.DrawFn, source: Path) -> dict[Path, Any]:
    """The source pack's parsed files with 1-4 random structural mutations."""
    files = copy.deepcopy(_data(source))
    for _ in range(draw(st.integers(min_value=1, max_value=4))):
        rel = draw(st.sampled_from(_files(source)))
        paths = _paths(files[rel])
        path = draw(st.sampled_from(paths))
        kind = draw(st.sampled_from(MUTATIONS))
        if not path:
            files[rel] = draw(GARBAGE) if kind in ("retype", "garbage") else files[rel]
            continue
        parent = _get(files[rel], path[:-1])
        key = path[-1]
        if kind == "drop":
            del parent[key]
        elif kind == "retype":
            value = parent[key]
            parent[key] = [value] if not isinstance(value, list) else {"x": value}
        elif kind == "rename" and isinstance(parent, dict):
            new = draw(st.sampled_from([f"{key}x", str(key).upper(), "idd", "optoins", "", "<<", "1"]))
            parent[new] = parent.pop(key)
        elif kind == "garbage":
            parent[key] = draw(GARBAGE)
        elif kind == "duplicate_list_item" and isinstance(parent, list):
            parent.append(copy.deepcopy(parent[key]))
        elif kind == "wrap":
            parent[key] = {"nested": {"deeper": parent[key]}}
        elif kind == "empty_container":
            parent[key] = draw(st.sampled_from([[], {}, "", None]))
    return files


def _write(root: Path, files: dict[Path, Any]) -> None:
    for rel, data in files.items():
        target = root / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(data, str | bytes):
            target.write_bytes(data.encode("utf-8", "surrogatepass") if isinstance(data, str) else data)
        else:
            try:
                target.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
            except yaml.YAMLError:
                target.write_text(repr(data), encoding="utf-8")


def _check_loads_without_crashing(root: Path, raising: bool = True) -> None:
    result = load_pack(root)  # must not raise
    for problem in result.problems:
        assert str(problem).strip(), "every problem has a message"
        assert problem.message.strip()
    if result.pack is None:
        assert result.errors, "a pack that was not built says why"
    if not raising:
        return
    if result.pack is None:
        with pytest.raises(ContentError) as info:
            load_pack_or_raise(root)
        assert str(info.value).strip()
    else:
        load_pack_or_raise(root)


@pytest.mark.parametrize("source", SOURCES, ids=lambda p: p.name)
def test_the_source_pack_loads_cleanly(source):
    assert load_pack(source).ok


def _fuzz_pack(source: Path, strategy, examples: int) -> None:
    @settings(FAST, max_examples=examples)
    @given(files=strategy(source))
    def run(files):
        with tempfile.TemporaryDirectory() as tmp:
            _write(Path(tmp), files)
            _check_loads_without_crashing(Path(tmp), raising=False)

    run()


@pytest.mark.parametrize("source", SOURCES, ids=lambda p: p.name)
def test_structural_mutations_never_crash_the_loader(source):
    _fuzz_pack(source, mutated_pack, EXAMPLES[source])


@pytest.mark.slow
@pytest.mark.parametrize("source", SOURCES, ids=lambda p: p.name)
def test_structural_mutations_never_crash_the_loader_long(source):
    _fuzz_pack(source, mutated_pack, 1000 if source == MINI else 200)


# -- mutations of the text ----------------------------------------------------------------------
@st.composite
def mutated_text(draw: st.DrawFn, source: Path) -> dict[Path, Any]:
    """The source pack's files as text, one of them truncated, spliced with garbage or replaced."""
    files: dict[Path, Any] = dict(_text(source))
    rel = draw(st.sampled_from(_files(source)))
    text = files[rel]
    kind = draw(st.sampled_from(["truncate", "insert", "replace_doc", "bytes", "multi_doc", "tabs"]))
    if kind == "truncate":
        files[rel] = text[: draw(st.integers(min_value=0, max_value=len(text)))]
    elif kind == "insert":
        at = draw(st.integers(min_value=0, max_value=len(text)))
        junk = draw(
            st.one_of(
                st.text(max_size=30),
                st.sampled_from(
                    [
                        "\n- ",
                        ": :",
                        "&a [*a, *a]",
                        "!!python/object:os.system ls",
                        "{{{",
                        "]]]",
                        "\t",
                        "\n  - id:",
                        "*x",
                    ]
                ),
            )
        )
        files[rel] = text[:at] + junk + text[at:]
    elif kind == "replace_doc":
        files[rel] = draw(st.text(max_size=200))
    elif kind == "bytes":
        files[rel] = draw(st.binary(max_size=200))
    elif kind == "multi_doc":
        files[rel] = text + "\n---\n" + text
    else:
        files[rel] = text.replace("  ", "\t", draw(st.integers(min_value=1, max_value=5)))
    return files


@pytest.mark.parametrize("source", SOURCES, ids=lambda p: p.name)
def test_text_mutations_never_crash_the_loader(source):
    _fuzz_pack(source, mutated_text, EXAMPLES[source])


@pytest.mark.slow
@pytest.mark.parametrize("source", SOURCES, ids=lambda p: p.name)
def test_text_mutations_never_crash_the_loader_long(source):
    _fuzz_pack(source, mutated_text, 1000 if source == MINI else 200)


# -- random YAML documents ----------------------------------------------------------------------
YAML_SCALARS = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.floats(),
    st.text(max_size=20),
    st.sampled_from(["meters", "roles", "events", "scenarios", "critiques", "id", "trust"]),
)
YAML_DOCS = st.recursive(
    YAML_SCALARS,
    lambda inner: st.one_of(
        st.lists(inner, max_size=5),
        st.dictionaries(
            st.one_of(
                st.sampled_from(["id", "events", "meters", "roles", "options", "title", "nl"]),
                st.text(max_size=8),
            ),
            inner,
            max_size=5,
        ),
    ),
    max_leaves=30,
)


@FAST
@given(manifest=st.one_of(YAML_DOCS, st.just(_data(MINI)[Path("pack.yaml")])), content=YAML_DOCS)
def test_random_yaml_documents_never_crash_the_loader(manifest, content):
    with tempfile.TemporaryDirectory() as tmp:
        _write(Path(tmp), {Path("pack.yaml"): manifest, Path("content.yaml"): content})
        _check_loads_without_crashing(Path(tmp))


HOSTILE_YAML = {
    "billion_laughs": "a: &a [x, x, x, x, x, x, x, x, x]\n"
    + "".join(
        f"{chr(98 + n)}: &{chr(98 + n)} [*{chr(97 + n)}, *{chr(97 + n)}, *{chr(97 + n)}, *{chr(97 + n)},"
        f" *{chr(97 + n)}, *{chr(97 + n)}, *{chr(97 + n)}, *{chr(97 + n)}, *{chr(97 + n)}]\n"
        for n in range(8)
    ),
    "deep_lists": "events: " + "[" * 1000 + "]" * 1000 + "\n",
    "deep_maps": "events:\n" + "".join("  " * n + f"k{n}:\n" for n in range(300)) + "  " * 300 + "x: 1\n",
    "deep_flow_maps": "events: " + "{a: " * 3000 + "1" + "}" * 3000 + "\n",
    "python_tag": "events: !!python/object/apply:os.system ['echo hi']\n",
    "unknown_tag": "events: !custom {a: 1}\n",
    "merge_key_garbage": "events:\n  - <<: [1, 2]\n    id: x\n",
    "recursive_alias": "events: &e\n  - *e\n",
    "self_merge": "a: &a\n  <<: *a\n",
    "huge_int": "meters:\n  - {id: trust, name: {nl: a, en: a}, description: {nl: a, en: a}, start: "
    + "9" * 5000
    + "}\n",
    "nul_bytes": "events:\n  - id: \x00\n",
    "bom_and_crlf": "\ufeffevents:\r\n  - id: x\r\n",
    "only_comment": "# nothing here\n",
    "many_docs": "---\na: 1\n---\nb: 2\n",
    "tab_indent": "events:\n\t- id: x\n",
    "long_line": "events: [" + "x, " * 10000 + "]\n",
}


@pytest.mark.parametrize("name", sorted(HOSTILE_YAML))
def test_hostile_yaml_is_a_problem_not_a_crash(tmp_path, name):
    shutil.copy(MINI / "pack.yaml", tmp_path / "pack.yaml")
    (tmp_path / "bad.yaml").write_text(HOSTILE_YAML[name], encoding="utf-8")
    _check_loads_without_crashing(tmp_path)


@pytest.mark.parametrize("name", sorted(set(HOSTILE_YAML) - {"deep_lists", "long_line"}))
def test_hostile_yaml_as_the_manifest(tmp_path, name):
    (tmp_path / "pack.yaml").write_text(HOSTILE_YAML[name], encoding="utf-8")
    _check_loads_without_crashing(tmp_path)


def test_binary_and_non_utf8_files(tmp_path):
    shutil.copytree(MINI, tmp_path / "p")
    (tmp_path / "p" / "latin1.yaml").write_bytes("events: [{id: caf\xe9}]".encode("latin-1"))
    (tmp_path / "p" / "zeros.yaml").write_bytes(b"\x00" * 1000)
    (tmp_path / "p" / "image.yml").write_bytes(bytes(range(256)) * 4)
    _check_loads_without_crashing(tmp_path / "p")


def test_a_folder_named_like_a_yaml_file(tmp_path):
    shutil.copytree(MINI, tmp_path / "p")
    (tmp_path / "p" / "folder.yaml").mkdir()
    _check_loads_without_crashing(tmp_path / "p")


def test_a_symlink_loop_and_a_dangling_link(tmp_path):
    shutil.copytree(MINI, tmp_path / "p")
    (tmp_path / "p" / "loop").symlink_to(tmp_path / "p")
    (tmp_path / "p" / "dangling.yaml").symlink_to(tmp_path / "nowhere.yaml")
    _check_loads_without_crashing(tmp_path / "p")


def test_an_oversized_file(tmp_path):
    shutil.copytree(MINI, tmp_path / "p")
    (tmp_path / "p" / "big.yaml").write_text("# " + "x" * 3_000_000 + "\n", encoding="utf-8")
    _check_loads_without_crashing(tmp_path / "p")


# -- hostile expressions ------------------------------------------------------------------------
HOSTILE_EXPRESSIONS = {
    "dunder_name": "__import__",
    "dunder_call": '__import__("os")',
    "import_call": '__import__("os").system("echo hi")',
    "class_attr": "().__class__",
    "mro_walk": "().__class__.__bases__[0].__subclasses__()",
    "attribute": "trust.real",
    "lambda": "(lambda: 1)()",
    "lambda_bare": "lambda x: x",
    "huge_power": "9**9**9",
    "power": "trust ** 2",
    "huge_number": "10000000000000000000000000",
    "huge_float": "1e308 * 1e308",
    "deep_calls": "abs(" * 60 + "1" + ")" * 60,
    "deep_sums": "(" * 40 + "1" + " + 1)" * 40,
    "deep_unary": "-" * 300 + "1",
    "deep_not": "not " * 60 + "true",
    "very_long": " + ".join(["trust"] * 200),
    "long_string": '"' + "x" * 300 + '"',
    "list_comp": "[x for x in range(10**9)]",
    "generator": "sum(x for x in range(10))",
    "set_comp": "{x for x in (1, 2)}",
    "dict_comp": "{x: x for x in (1,)}",
    "open": 'open("/etc/passwd")',
    "eval": 'eval("1")',
    "exec": 'exec("x = 1")',
    "getattr": 'getattr(trust, "real")',
    "globals": "globals()",
    "subscript": '"abc"[0]',
    "walrus": "(x := 1)",
    "fstring": 'f"{trust}"',
    "starred": "max(*[1, 2])",
    "keyword_call": "min(trust, b=1)",
    "bitwise": "1 << 1000000",
    "string_mult": '"a" * 1000000',
    "matmul": "trust @ trust",
    "multiline_statement": "1\nimport os",
    "statement": "import os",
    "semicolon": "1; 2",
    "empty": "   ",
    "yield": "(yield 1)",
    "await": "await trust",
}


def _names() -> Names:
    return Names(
        numbers={"trust", "livability", "turnout", "budget", "energy", "round", "rounds"},
        ids={"flag": {"riots"}, "event": {"evening"}, "role": {"minister", "resident"}},
        inputs={"minister": {"note"}, "resident": {"share"}},
        options={"evening": {"listen"}},
    )


@pytest.mark.parametrize("name", sorted(HOSTILE_EXPRESSIONS))
def test_hostile_expressions_are_refused_by_the_compiler(name):
    with pytest.raises(ExprError) as info:
        compile_expr(HOSTILE_EXPRESSIONS[name], _names(), "num")
    assert str(info.value).strip()


def _mini_with_expression(root: Path, expression: str) -> None:
    shutil.copytree(MINI, root)
    path = root / "world.yaml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    data["meters"][1]["drift"] = expression
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")


@pytest.mark.parametrize("name", sorted(HOSTILE_EXPRESSIONS))
def test_hostile_expressions_are_rejected_at_load_with_a_message(tmp_path, name):
    _mini_with_expression(tmp_path / "p", HOSTILE_EXPRESSIONS[name])
    result = load_pack(tmp_path / "p")
    assert result.pack is None
    assert result.errors
    messages = " ".join(str(p) for p in result.errors)
    assert "world.yaml" in messages, "the problem points at the file"
    assert "drift" in messages or "livability" in messages, "and at the item"


EXPR_ALPHABET = st.sampled_from(
    [
        "trust",
        "round",
        "1",
        "0",
        "9",
        "+",
        "-",
        "*",
        "/",
        "//",
        "%",
        "**",
        "(",
        ")",
        " and ",
        " or ",
        " not ",
        "<",
        "==",
        "!=",
        ">=",
        ",",
        "has(",
        '"riots"',
        "input.resident",
        ".",
        "_",
        "__",
        "[",
        "]",
        "lambda",
        ":",
        " if ",
        " else ",
        "min(",
        "max(",
        "clamp(",
        "abs(",
        "true",
        " for x in ",
        "'",
        "\\",
        "{",
        "}",
        "e9",
    ]
)


@FAST
@given(parts=st.lists(EXPR_ALPHABET, max_size=40))
def test_random_expressions_compile_or_fail_with_expr_error(parts):
    source = "".join(parts)
    for kind in ("num", "bool"):
        try:
            compiled = compile_expr(source, _names(), kind)
        except ExprError as err:
            assert str(err).strip()
        else:
            assert compiled.type == kind


@pytest.mark.slow
@settings(FAST, max_examples=5000)
@given(parts=st.lists(EXPR_ALPHABET, max_size=80))
def test_random_expressions_compile_or_fail_with_expr_error_long(parts):
    test_random_expressions_compile_or_fail_with_expr_error.hypothesis.inner_test(parts)
