"""Fuzzing save files: whatever a file holds, loading gives a game or a SaveError, never a crash."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from game.files.loader import load_pack_or_raise
from game.files.saves import Loaded, SaveError, SaveStore, parse

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "saves"
GOLDEN_TEXT = (FIXTURES / "golden" / "format-3.json").read_text(encoding="utf-8")
GOLDEN = json.loads(GOLDEN_TEXT)

json_values = st.recursive(
    st.none()
    | st.booleans()
    | st.integers(-(2**70), 2**70)
    | st.floats(allow_nan=False)
    | st.text(max_size=12),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4),
    max_leaves=12,
)


def paths(value, prefix=()):
    """Every path to a node of a JSON value."""
    yield prefix
    if isinstance(value, dict):
        for key, item in value.items():
            yield from paths(item, (*prefix, key))
    elif isinstance(value, list):
        for n, item in enumerate(value):
            yield from paths(item, (*prefix, n))


ALL_PATHS = [p for p in paths(GOLDEN) if p]
#: Paths outside the long random-generator state, so the header and the game's fields get most tries.
FIELD_PATHS = [p for p in ALL_PATHS if "rng" not in p]


def replaced(data, path, value):
    data = json.loads(json.dumps(data))
    node = data
    for key in path[:-1]:
        node = node[key]
    node[path[-1]] = value
    return data


@pytest.fixture(scope="module")
def pack():
    return load_pack_or_raise(FIXTURES / "pack")


def load_or_error(tmp_path: Path, pack, raw: bytes) -> Loaded | SaveError:
    store = SaveStore(tmp_path)
    tmp_path.mkdir(parents=True, exist_ok=True)
    (tmp_path / "fuzz.json").write_bytes(raw)
    try:
        loaded = store.load("fuzz", pack)
    except SaveError as err:
        assert err.message and "Traceback" not in err.message
        return err
    listed = {i.slot: i for i in store.list(pack)}
    assert listed["fuzz"].readable
    return loaded


@settings(suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(path=st.sampled_from(FIELD_PATHS) | st.sampled_from(ALL_PATHS), value=json_values)
def test_any_value_anywhere_loads_or_is_refused_clearly(tmp_path, pack, path, value):
    raw = json.dumps(replaced(GOLDEN, path, value)).encode()
    load_or_error(tmp_path, pack, raw)


@settings(suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(path=st.sampled_from(FIELD_PATHS))
def test_any_field_removed_loads_or_is_refused_clearly(tmp_path, pack, path):
    data = json.loads(GOLDEN_TEXT)
    node = data
    for key in path[:-1]:
        node = node[key]
    del node[path[-1]]
    load_or_error(tmp_path, pack, json.dumps(data).encode())


@given(cut=st.integers(0, len(GOLDEN_TEXT) - 2), junk=st.binary(max_size=8))
def test_cut_or_garbled_bytes_never_crash(cut, junk):
    raw = GOLDEN_TEXT.encode()[:cut] + junk
    try:
        parse(raw)
    except SaveError as err:
        assert err.message
