"""A cache of built content: the validated items of a load as plain JSON, so a game starts without YAML or
pydantic.

Reading, validating and building the shipped pack costs a start more than its own first frame (PyYAML,
pydantic and its schemas, the checks); the same files always give the same pack. So a load that built
cleanly is written to ``<user cache folder>/content/<key>.json`` (``$WIJKBERAAD_CACHE`` names another
folder), keyed by the digest of every pack's files (:func:`game.files.loader.content_digest`, the digest
saves record) and by the code that shapes the items. The next start finds the file, checks it and builds
the pack from it: the items straight into the content dataclasses, then :func:`~game.engine.pack.build_pack`
as for files, told the items were checked (they built without an error before they were cached): it makes
the pack's tables and runs no check again. The file also lists every expression the first build compiled
(those the endings' explanations evaluate among them); each is compiled when the game first uses it.

A file that is missing, unreadable, cut short, edited, from another version of the game or for other
content is ignored, and the pack is read from its files again (and the cache rewritten). Writing is
atomic (a temporary file renamed into place) and best effort: a cache folder that cannot be written only
means the next start reads the files again. JSON only: nothing read from the cache runs as code.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import os
import tempfile
from contextlib import suppress
from functools import cache
from pathlib import Path
from typing import Any

from game.engine import model
from game.engine.model import ITEM_MODELS, KINDS, Manifest, is_content
from game.engine.pack import Pack, build_pack
from game.files.loader import content_digest
from game.files.safefile import FileRefused, read_regular

#: ``$WIJKBERAAD_CACHE``: the folder for the cache instead of the user's cache folder (tests, kiosks).
ENV_VAR = "WIJKBERAAD_CACHE"
MAGIC = "wijkberaad-content-cache"
#: The layout of a cache file; a file of another layout is ignored.
FORMAT = 3
#: A cache file larger than this is not read (the shipped pack's is ~150 kB).
MAX_BYTES = 32_000_000
#: How many cache files a folder keeps (one per combination of packs a player has started with).
KEEP = 8
#: The source files (in the game package) that decide what a cached item holds: a change to any is another game.
_SHAPERS = ("engine/model.py", "files/loader.py", "files/packs.py", "files/cache.py")


def cache_dir() -> Path:
    """Where cache files go: ``$WIJKBERAAD_CACHE``, else the user's cache folder (platformdirs: on Linux
    ``~/.cache/wijkberaad/content``)."""
    env = os.environ.get(ENV_VAR, "").strip()
    if env:
        return Path(env).expanduser()
    import platformdirs

    return platformdirs.user_cache_path("wijkberaad", appauthor=False) / "content"


@cache
def code_stamp() -> str:
    """The game's version and a digest of the code that shapes cached items."""
    import game

    digest = hashlib.sha256(f"{MAGIC}:{FORMAT}:{game.__version__}".encode())
    package = Path(game.__file__).parent
    for name in _SHAPERS:
        try:
            digest.update((package / name).read_bytes())
        except OSError:  # no source file beside it: the version alone then says which game
            pass
    return digest.hexdigest()[:16]


def key_for(roots: list[Path]) -> str | None:
    """The cache key of a load of ``roots`` (in order), or None when a pack cannot be read whole (the full
    load then says why, and nothing is cached)."""
    digests = []
    for root in roots:
        found = content_digest(Path(root))
        if found is None:
            return None
        digests.append(found)
    return hashlib.sha256(f"{code_stamp()}:{','.join(digests)}".encode()).hexdigest()[:32]


# -- reading ------------------------------------------------------------------------------------------
def read(key: str, folder: Path | None = None) -> Pack | None:
    """The pack cached under ``key``, or None when there is no usable cache file for it."""
    path = (folder or cache_dir()) / f"{key}.json"
    try:
        raw = read_regular(path, MAX_BYTES)
    except FileRefused:
        return None
    head, _, body = raw.partition(b"\n")
    try:
        header = json.loads(head)
        if header != _header(key, hashlib.sha256(body).hexdigest()):
            return None
        data = json.loads(body, object_hook=_decode)
        manifest = data["manifest"]
        items = {kind: data["items"][kind] for kind, _ in KINDS}
        for kind, _ in KINDS:
            if not all(isinstance(i, ITEM_MODELS[kind]) for i in items[kind]):
                return None
        if not isinstance(manifest, Manifest):
            return None
        pack, problems = build_pack(manifest, items, checked=True)
        for source, kind in data["compiled"]:
            if not isinstance(source, str) or kind not in ("num", "bool"):
                return None
            pack.compiled[(source, kind)] = None  # compiled when first used (Pack.expr)
    except (ValueError, TypeError, KeyError, AttributeError, RecursionError):
        return None  # a file that checks out but does not read is treated like a corrupt one
    if any(p.severity == "error" for p in problems):
        return None
    pack.digest = data["digest"]
    return pack


def _header(key: str, check: str) -> dict[str, Any]:
    return {"cache": MAGIC, "format": FORMAT, "code": code_stamp(), "key": key, "sha256": check}


#: The key that marks a cached object as a content item, naming its class (see :func:`_encode`).
ITEM_KEY = "~item"


@cache
def _content_classes() -> dict[str, tuple[type, frozenset[str]]]:
    """Each content class by name, with the fields a cached item of it has (every field is written)."""
    return {
        name: (value, frozenset(f.name for f in dataclasses.fields(value)) | {ITEM_KEY})
        for name, value in vars(model).items()
        if isinstance(value, type) and is_content(value)
    }


def _decode(data: dict[str, Any]) -> Any:
    """A JSON object as read: a content item when it is marked as one and has exactly its class's fields,
    else the plain mapping (a mapping in the content that merely has the key stays one)."""
    name = data.get(ITEM_KEY)
    if name is None:  # most objects (texts, mappings): the quick way out, it runs ~3,000 times a start
        return data
    found = _content_classes().get(name)
    if found is None or found[1] != data.keys():
        return data
    del data[ITEM_KEY]  # the decoder's own fresh object
    return found[0](**data)


# -- writing ------------------------------------------------------------------------------------------
def write(key: str, pack: Pack, folder: Path | None = None) -> bool:
    """Cache ``pack`` under ``key``; False when the folder cannot be written (never raises for that)."""
    folder = folder or cache_dir()
    data = {
        "digest": pack.digest,
        "manifest": _encode(pack.manifest),
        "compiled": sorted(pack.compiled),
        "items": {kind: [_encode(i) for i in getattr(pack, kind).values()] for kind, _ in KINDS},
    }
    try:
        body = json.dumps(data, ensure_ascii=False, separators=(",", ":"), allow_nan=False).encode("utf-8")
    except (ValueError, TypeError):  # a text YAML let through that UTF-8 cannot hold (a lone surrogate)
        return False
    head = json.dumps(_header(key, hashlib.sha256(body).hexdigest())).encode("utf-8")
    try:
        folder.mkdir(parents=True, exist_ok=True)
        _replace(folder / f"{key}.json", head + b"\n" + body)
    except OSError:
        return False
    _prune(folder)
    return True


def _encode(value: Any) -> Any:
    """``value`` as JSON data, each content item an object of all its fields marked with its class's name
    (:data:`ITEM_KEY`), so reading it back needs no type hints (working them out cost a start ~3 ms)."""
    if is_content(value) and not isinstance(value, type):
        found = {ITEM_KEY: type(value).__name__}
        found.update((f.name, _encode(getattr(value, f.name))) for f in dataclasses.fields(value))
        return found
    if dataclasses.is_dataclass(value) and not isinstance(value, type):  # no content item: as asdict
        return {f.name: _encode(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, list | tuple):
        return [_encode(v) for v in value]
    if isinstance(value, dict):
        return {k: _encode(v) for k, v in value.items()}
    return value


def _replace(path: Path, data: bytes) -> None:
    """Put ``data`` at ``path`` whole or not at all: written to a temporary file beside it, then renamed
    over it (atomic on POSIX and Windows). Unlike a save (:func:`game.files.saves.write_atomic`) it is not
    fsynced: a cache file a crash cut short fails its checksum and is rebuilt, and a first start need not
    wait for the disk (10-30 ms here)."""
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
        os.replace(tmp, path)
    except BaseException:
        with suppress(OSError):
            os.unlink(tmp)
        raise


def _prune(folder: Path) -> None:
    """Keep the :data:`KEEP` most recently written cache files; an old one only takes room."""
    try:
        found = sorted(folder.glob("*.json"), key=lambda p: p.stat().st_mtime, reverse=True)
        for old in found[KEEP:]:
            old.unlink()
    except OSError:
        pass
