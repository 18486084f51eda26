"""Layering content packs (the shipped base, ``--pack`` and the ``mods/`` folder) into one playable pack.

A game has one *world*: a pack that extends nothing (the shipped ``base``, or a stand-alone pack of a
modder's own). Other packs build on it by naming it in their manifest's ``extends``; their items are
added after those of the packs they extend. A pack may replace an item of a pack it builds on by listing
it in ``replaces`` as ``kind:id`` (``event:youth_centre``). The same id in two packs without such a
``replaces`` is a conflict, reported with both files; replacing an item no pack below has is an error.

Which packs are in play (:func:`game_pack_dirs`): the shipped base, then packs in the ``mods/`` folder
next to the saves folder, then each ``--pack DIR`` in the order given. When one of the extra packs stands
alone (no ``extends``), it is the world and the base is left out, unless some pack extends the base — then
there would be two worlds, which is an error.
"""

from __future__ import annotations

import hashlib
import os
from dataclasses import dataclass, field, replace
from pathlib import Path

from game.engine.model import KINDS, Manifest
from game.engine.pack import Pack, build_pack
from game.files.loader import (
    MANIFEST,
    Budget,
    ContentError,
    ContentProblem,
    LoadResult,
    PackSource,
    _Source,
    read_pack,
)
from game.files.safefile import Skipped, kind_of, list_folder, resolved
from game.files.yamlfile import YamlError, read_yaml

_KIND_OF = {singular: plural for plural, singular in KINDS}
_SINGULAR = dict(KINDS)
MODS = "mods"


def pack_dirs(path: Path) -> list[Path]:
    """The packs a path names: itself when it holds a manifest, else the packs in its subfolders."""
    if kind_of(path) == "folder" and kind_of(path / MANIFEST) == "missing":
        found = packs_in(path)[0]
        if found:
            return found
    return [path]


def packs_in(folder: Path) -> tuple[list[Path], list[Skipped]]:
    """The pack folders (with a manifest) inside ``folder``, and the entries left out with why: a
    subfolder that cannot be opened, a symlink loop. Never raises."""
    entries, why = list_folder(folder)
    found: list[Path] = []
    skipped = [why] if why is not None and why.code != "missing" else []
    for entry in entries:
        if entry.name.startswith("."):
            continue
        kind = kind_of(entry)
        if kind in ("denied", "loop"):
            skipped.append(Skipped(entry, kind))
        elif kind == "folder":
            inside = kind_of(entry / MANIFEST)
            if inside in ("denied", "loop"):
                skipped.append(Skipped(entry, inside))
            elif inside != "missing":
                found.append(entry)
    return found, skipped


def same_folder(a: Path, b: Path) -> bool:
    """Whether two paths name the same folder (a path that cannot be resolved is only itself)."""
    return (resolved(a) or Path(a).absolute()) == (resolved(b) or Path(b).absolute())


def mods_dir(saves_dir: Path | None = None) -> Path | None:
    """The ``mods/`` folder next to the saves folder (None when saves are not available)."""
    if saves_dir is None:
        from game.files.paths import default_saves_dir  # not the saves module: the content thread's path

        try:
            saves_dir = default_saves_dir()
        except Exception:  # noqa: BLE001 - no saves folder means no mods folder, never a crash
            return None
    # Made absolute first, so '--saves-dir .' or 'klas/..' has a real folder next to it.
    return Path(os.path.abspath(Path(saves_dir).expanduser())).parent / MODS


def game_pack_dirs(
    extra: list[Path] | tuple[Path, ...] = (), *, mods: bool = True, saves_dir: Path | None = None
) -> list[Path]:
    """The pack folders a game loads, in order: the shipped base, the mods folder's packs, then ``extra``."""
    from game.files.paths import base_pack_dir

    found = [base_pack_dir()]
    if mods:
        folder = mods_dir(saves_dir)
        if folder is not None:
            found.extend(packs_in(folder)[0])
    for path in extra:
        found.extend(pack_dirs(Path(path)))
    return found


@dataclass
class Layer:
    """One pack in a stack: where it is and what was read from it."""

    root: Path
    source: PackSource

    @property
    def id(self) -> str:
        assert self.source.manifest is not None
        return self.source.manifest.id

    @property
    def manifest_file(self) -> str:
        return str(self.root / MANIFEST)


@dataclass
class Stack:
    """Packs layered into one: the merged source to build, and every problem found while layering."""

    layers: list[Layer] = field(default_factory=list)
    merged: PackSource | None = None
    problems: list[ContentProblem] = field(default_factory=list)


def load_layers(roots: list[Path], *, lint: bool = True) -> LoadResult:
    """Read, layer, build and (optionally) lint the packs in ``roots`` as one playable pack.

    ``roots[0]`` is the default world (the shipped base); see the module docstring for the rules.
    """
    stack = layer(roots)
    if stack.merged is None or stack.merged.manifest is None:
        return LoadResult(None, stack.problems)
    merged = stack.merged
    if merged.unreadable or any(p.severity == "error" for p in stack.problems):
        note = ContentProblem(
            str(merged.root), None, None, "references were not checked: fix the problems above first"
        )
        return LoadResult(None, [*stack.problems, note])
    pack, problems = build_pack(merged.manifest, merged.items)
    pack.digest = merged.digest
    located = sorted((merged.locate(p) for p in problems), key=lambda p: (p.file, p.line or 0))
    if any(p.severity == "error" for p in located):
        return LoadResult(None, stack.problems + located)
    if lint:
        from game.engine.lint import lint_pack  # for validate: a game's start does without

        warnings = sorted((merged.locate(p) for p in lint_pack(pack)), key=lambda p: (p.file, p.line or 0))
        located.extend(warnings)
    return LoadResult(pack, stack.problems + located)


def layer(roots: list[Path]) -> Stack:
    """Read the packs and merge their items (no building yet)."""
    stack = Stack()
    budget = Budget()
    read = [(Path(root), read_pack(Path(root), budget)) for root in roots]
    if not read:
        return stack
    # A stand-alone extra pack is the world instead of the default one (roots[0]); the default is then
    # not loaded at all, so its problems, even an unreadable manifest, do not count.
    default = read[0][1].manifest
    extras = [src.manifest for _, src in read[1:] if src.manifest is not None]
    wanted = {e for m in extras for e in m.extends}
    if any(not m.extends for m in extras) and (default is None or default.id not in wanted):
        read = read[1:]
    seen: dict[str, Layer] = {}
    for root, source in read:
        stack.problems.extend(source.problems)
        if source.manifest is None:
            return stack
        here = Layer(root, source)
        other = seen.get(here.id)
        if other is not None:
            if not same_folder(other.root, here.root):
                stack.problems.append(
                    ContentProblem(
                        here.manifest_file,
                        None,
                        None,
                        f"pack id '{here.id}' is also used by {other.manifest_file}",
                    )
                )
            continue
        seen[here.id] = here
        stack.layers.append(here)
    if not stack.layers or not _one_world(stack):
        return stack
    ordered = _order(stack.layers, stack)
    if ordered is None:
        return stack
    stack.layers = ordered
    stack.merged = _merge(ordered, stack)
    return stack


def _one_world(stack: Stack) -> bool:
    """A game plays one world: at most one of the packs may stand alone (extend nothing)."""
    worlds = [x for x in stack.layers if not x.source.manifest.extends]  # type: ignore[union-attr]
    if len(worlds) > 1:
        a, b = worlds[0], worlds[1]
        stack.problems.append(
            ContentProblem(
                b.manifest_file,
                None,
                None,
                f"packs '{a.id}' ({a.manifest_file}) and '{b.id}' ({b.manifest_file}) both stand alone "
                "(no extends): a game plays one world at a time; load one, or let one extend the other",
            )
        )
        return False
    return True


def _order(layers: list[Layer], stack: Stack) -> list[Layer] | None:
    """Packs after the packs they extend, otherwise in the order given."""
    by_id = {x.id: x for x in layers}
    ordered: list[Layer] = []
    done: set[str] = set()
    ok = True
    for x in layers:
        for parent in x.source.manifest.extends:  # type: ignore[union-attr]
            if parent not in by_id:
                stack.problems.append(
                    ContentProblem(
                        x.manifest_file,
                        _manifest_line(x, ("extends",)),
                        None,
                        f"extends pack '{parent}', which is not loaded (put it next to this pack, or give it "
                        "with --pack)",
                    )
                )
                ok = False
    if not ok:
        return None
    pending = list(layers)
    while pending:
        ready = [x for x in pending if all(p in done for p in x.source.manifest.extends)]  # type: ignore[union-attr]
        if not ready:
            names = ", ".join(x.id for x in pending)
            stack.problems.append(
                ContentProblem(
                    pending[0].manifest_file, None, None, f"packs extend each other in a circle: {names}"
                )
            )
            return None
        first = ready[0]
        ordered.append(first)
        done.add(first.id)
        pending.remove(first)
    return ordered


def _ancestors(x: Layer, by_id: dict[str, Layer]) -> set[str]:
    found: set[str] = set()
    todo = list(x.source.manifest.extends)  # type: ignore[union-attr]
    while todo:
        pid = todo.pop()
        if pid in found or pid not in by_id:
            continue
        found.add(pid)
        todo.extend(by_id[pid].source.manifest.extends)  # type: ignore[union-attr]
    return found


def _manifest_line(x: Layer, path: tuple) -> int | None:
    try:
        return read_yaml(x.root / MANIFEST).line_of(path)
    except YamlError:
        return None


def _where(source: _Source) -> str:
    line = source.doc.line_of(source.base)
    return f"{source.file}:{line}" if line else source.file


def _merge(layers: list[Layer], stack: Stack) -> PackSource:
    """The layers' items as one pack source: a later pack adds items, or replaces those of a pack it builds
    on that its manifest's ``replaces`` names; anything else defined twice is a conflict."""
    by_id = {x.id: x for x in layers}
    top = layers[-1]
    merged = PackSource(top.root)
    owner: dict[tuple[str, str], Layer] = {}
    digest = hashlib.sha256()
    for x in layers:
        digest.update(f"{x.id}:{x.source.digest};".encode())
        merged.unreadable.extend(x.source.unreadable)
        replaces = _replaces(x, stack)
        used = _add_items(x, replaces, _ancestors(x, by_id), merged, owner, stack)
        _unused_replaces(x, {k: n for k, n in replaces.items() if k not in used}, stack)
    merged.manifest = top.source.manifest if len(layers) == 1 else _merged_manifest(layers, stack)
    merged.digest = digest.hexdigest()[:16] if len(layers) > 1 else top.source.digest
    return merged


def _replaces(x: Layer, stack: Stack) -> dict[tuple[str, str], int]:
    """The items layer ``x``'s manifest says it replaces, by (kind, id), with their place in the list."""
    replaces: dict[tuple[str, str], int] = {}
    for n, spec in enumerate(x.source.manifest.replaces):  # type: ignore[union-attr]
        kind, sep, item_id = spec.partition(":")
        if not sep or kind not in _KIND_OF or not item_id:
            stack.problems.append(
                ContentProblem(
                    x.manifest_file,
                    _manifest_line(x, ("replaces", n)),
                    None,
                    f"replaces '{spec}': write kind:id, with kind one of {', '.join(_KIND_OF)} "
                    "(e.g. event:youth_centre)",
                )
            )
            continue
        replaces[(_KIND_OF[kind], item_id)] = n
    return replaces


def _add_items(
    x: Layer,
    replaces: dict[tuple[str, str], int],
    below: set[str],
    merged: PackSource,
    owner: dict[tuple[str, str], Layer],
    stack: Stack,
) -> set[tuple[str, str]]:
    """Layer ``x``'s items into ``merged``: new ones added, replaced ones swapped in place, conflicts told.
    Returns the replaces entries it used (a conflict on a replaced item is told here, not again later)."""
    src = x.source
    used: set[tuple[str, str]] = set()
    for kind, _ in KINDS:
        for item in src.items.get(kind, []):
            key = (kind, item.id)
            where = src.where[key]
            previous = owner.get(key)
            if previous is None:
                merged.items.setdefault(kind, []).append(item)
            elif key in replaces and previous.id in below:
                used.add(key)
                items = merged.items[kind]
                items[next(i for i, old in enumerate(items) if old.id == item.id)] = item
            else:
                if key in replaces:
                    used.add(key)
                _conflict(x, previous, key, where, key in replaces, stack)
                continue
            owner[key] = x
            merged.where[key] = where
    return used


def _conflict(
    x: Layer, previous: Layer, key: tuple[str, str], where: _Source, replacing: bool, stack: Stack
) -> None:
    kind, item_id = key
    first = _where(previous.source.where[key])
    if replacing:
        why = f"pack '{x.id}' does not extend pack '{previous.id}', so cannot replace its items"
    else:
        why = (
            f"add '{_SINGULAR[kind]}:{item_id}' to replaces in {x.manifest_file} to replace it, or rename it"
        )
    stack.problems.append(
        ContentProblem(
            where.file,
            where.doc.line_of(where.base),
            f"{_SINGULAR[kind]} '{item_id}'",
            f"conflict: also defined by pack '{previous.id}' at {first}; {why}",
        )
    )


def _unused_replaces(x: Layer, unused: dict[tuple[str, str], int], stack: Stack) -> None:
    """A replaces entry that replaced nothing: the pack lacks the item, or no pack below has it."""
    for (kind, item_id), n in unused.items():
        spec = f"{_SINGULAR[kind]}:{item_id}"
        if (kind, item_id) not in x.source.where:
            message = f"replaces {spec}, but this pack defines no {_SINGULAR[kind]} '{item_id}'"
        else:
            message = (
                f"replaces {spec}, but no pack it builds on has that item "
                "(nothing to replace; drop it from replaces)"
            )
        stack.problems.append(
            ContentProblem(x.manifest_file, _manifest_line(x, ("replaces", n)), None, message)
        )


def _merged_manifest(layers: list[Layer], stack: Stack) -> Manifest:
    """The manifest of several packs as one: named after every pack in it, so a save made with mods says so;
    complete only in the languages every pack is written in."""
    top = layers[-1].source.manifest
    assert top is not None
    ids = "+".join(x.id for x in layers)
    first = layers[0].source.manifest.languages  # type: ignore[union-attr]
    languages = [lang for lang in first if all(lang in x.source.manifest.languages for x in layers)]  # type: ignore[union-attr]
    if not languages:
        stack.problems.append(
            ContentProblem(
                layers[-1].manifest_file, None, None, "the packs share no language; add one to languages"
            )
        )
        languages = list(top.languages)
    return replace(top, id=ids, languages=languages)


def validation_dirs(root: Path, shipped: Path | None = None) -> list[Path]:
    """The packs to load to validate ``root``: the packs it extends (found among the shipped packs and the
    folders next to it, recursively), then ``root`` itself."""
    from game.files.paths import content_dir

    shipped = shipped if shipped is not None else content_dir()
    candidates: dict[str, Path] = {}
    for folder in (Path(root).parent, shipped):
        for path in packs_in(folder)[0]:
            pid = _peek_id(path)
            if pid is not None:
                candidates.setdefault(pid, path)
    chain: list[Path] = []
    seen: set[Path] = set()

    def visit(path: Path, depth: int) -> None:
        real = resolved(path) or Path(path).absolute()
        if real in seen or depth > 20:
            return
        seen.add(real)
        for parent in _peek_extends(path):
            if parent in candidates:
                visit(candidates[parent], depth + 1)
        chain.append(path)

    visit(Path(root), 0)
    return chain


def _peek(path: Path) -> dict:
    try:
        data = read_yaml(path / MANIFEST).data
    except YamlError:
        return {}
    return data if isinstance(data, dict) else {}


def _peek_id(path: Path) -> str | None:
    pid = _peek(path).get("id")
    return pid if isinstance(pid, str) else None


def _peek_extends(path: Path) -> list[str]:
    extends = _peek(path).get("extends") or []
    return [e for e in extends if isinstance(e, str)] if isinstance(extends, list) else []


def validate_pack(root: Path, shipped: Path | None = None) -> LoadResult:
    """Validate one pack as a modder means it: layered on the packs it extends, with lint warnings."""
    chain = validation_dirs(root, shipped)
    # The first pack in the chain is the world; a pack that extends nothing is validated on its own.
    return load_layers(chain)


def together_dirs(given: list[Path], shipped: Path | None = None) -> list[Path]:
    """For validating several packs at once: the stack that loads every given pack that builds on another
    (with what they extend), or [] when fewer than two such packs are given."""
    mods = [p for p in given if _peek_extends(p)]
    if len(mods) < 2:
        return []
    chain: list[Path] = []
    seen: set[Path] = set()
    for pack in mods:
        for path in validation_dirs(pack, shipped):
            real = resolved(path) or Path(path).absolute()
            if real not in seen:
                seen.add(real)
                chain.append(path)
    return chain


def load_game_content(
    extra: list[Path] | tuple[Path, ...] = (), *, mods: bool = True, saves_dir: Path | None = None
) -> Pack:
    """The pack a game is played with: the shipped base pack, plus any extra packs layered on it.

    This is the one entry point the UI and commands use; the content cache (:mod:`game.files.cache`) and
    the layering of mods live behind it
    (:mod:`game.files.packs`): the base, the packs in the ``mods/`` folder next to the saves folder
    (unless ``mods`` is false), then ``extra`` in order.

    Raises:
        ContentError: listing every error when the content cannot be played.
    """
    return load_roots(game_pack_dirs(extra, mods=mods, saves_dir=saves_dir))


def load_roots(roots: list[Path]) -> Pack:
    """The layered pack of ``roots`` (in order), from the content cache when it holds them (see
    :func:`load_game_content`; ``simulate`` loads the packs it is given this way too).

    Raises:
        ContentError: listing every error when the content cannot be played.
    """
    from game.files import cache

    key = cache.key_for(roots)
    pack = cache.read(key) if key is not None else None
    if pack is not None:
        return pack
    result = load_layers(roots, lint=False)
    if result.pack is None or result.errors:
        raise ContentError(result.problems)
    if key is not None:
        cache.write(key, result.pack)
    return result.pack
