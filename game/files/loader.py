"""Loading content packs from folders: every problem collected, each named by file, line and item.

A pack is a folder with a ``pack.yaml`` manifest and any number of other ``.yaml`` files, each a mapping
with any of the lists ``meters``, ``roles``, ``critiques``, ``events`` and ``scenarios``.
"""

from __future__ import annotations

import hashlib
import os
import types
import typing
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any, Literal, TypeVar

from game.engine.expr import did_you_mean
from game.engine.model import ITEM_MODELS, KINDS, Manifest, field_types, is_content
from game.engine.pack import Pack, Problem, build_pack
from game.files.safefile import FileRefused, kind_of, read_regular, shown_path, walk_files
from game.files.yamlfile import MAX_BYTES, YamlDoc, YamlError, parse_yaml_bytes

MANIFEST = "pack.yaml"
MAX_FILES = 500
#: All content files of one pack together (the shipped base is ~150 kB): a pack of hostile files is
#: refused after this much, instead of being parsed for minutes on every start.
MAX_PACK_BYTES = 8_000_000
#: All packs of one load together (base, mods/ and --pack).
MAX_LOAD_BYTES = 24_000_000
_SINGULAR = dict(KINDS)
T = TypeVar("T")


@dataclass(frozen=True)
class ContentProblem:
    """A problem in content, located for a person: ``file:line: item: message``."""

    file: str
    line: int | None
    item: str | None
    message: str
    severity: Literal["error", "warning"] = "error"

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}" if self.line else self.file
        warn = "warning: " if self.severity == "warning" else ""
        item = f"{self.item}: " if self.item else ""
        return f"{where}: {warn}{item}{self.message}"


@dataclass
class LoadResult:
    """A loaded pack (None when errors prevent building it) and every problem found."""

    pack: Pack | None
    problems: list[ContentProblem] = field(default_factory=list)

    @property
    def errors(self) -> list[ContentProblem]:
        return [p for p in self.problems if p.severity == "error"]

    @property
    def warnings(self) -> list[ContentProblem]:
        return [p for p in self.problems if p.severity == "warning"]

    @property
    def ok(self) -> bool:
        return self.pack is not None and not self.errors


class ContentError(Exception):
    """Content that cannot be played; ``problems`` says everything that is wrong."""

    def __init__(self, problems: list[ContentProblem]) -> None:
        self.problems = problems
        lines = [str(p) for p in problems if p.severity == "error"][:20]
        super().__init__("content has errors:\n" + "\n".join(lines))


@dataclass
class Budget:
    """How many more bytes of content a load may read (:data:`MAX_LOAD_BYTES` for a whole load)."""

    left: int = MAX_LOAD_BYTES


@dataclass
class _Source:
    file: str
    base: tuple[str | int, ...]
    doc: YamlDoc


@dataclass
class PackSource:
    """A pack read from disk but not yet built: its manifest, items by kind, and where each item came from."""

    root: Path
    manifest: Manifest | None = None
    items: dict[str, list[Any]] = field(default_factory=dict)
    where: dict[tuple[str, str], _Source] = field(default_factory=dict)
    problems: list[ContentProblem] = field(default_factory=list)
    digest: str = ""
    #: files that could not be parsed at all
    unreadable: list[str] = field(default_factory=list)
    #: bytes of content read so far
    size: int = 0

    def locate(self, problem: Problem) -> ContentProblem:
        """Turn an engine problem (item and field path) into one with file and line."""
        kind = problem.loc[0] if problem.loc else None
        item_id = problem.loc[1] if len(problem.loc) > 1 else None
        rest = problem.loc[2:]
        label = f"{_SINGULAR.get(str(kind), kind)} '{item_id}'" if item_id is not None else None
        source = self.where.get((str(kind), str(item_id)))
        if source is None:
            return ContentProblem(str(self.root / MANIFEST), None, label, problem.message, problem.severity)
        line = source.doc.line_of((*source.base, *rest))
        return ContentProblem(source.file, line, label, problem.message, problem.severity)


def load_pack(root: Path | str) -> LoadResult:
    """Read, validate and build one pack folder."""
    source = read_pack(Path(root))
    if source.manifest is None:
        return LoadResult(None, source.problems)
    if source.unreadable:
        # References into a file that could not be read would all look broken: report the cause only.
        note = ContentProblem(
            str(source.root), None, None, "references were not checked: fix the files above first"
        )
        return LoadResult(None, [*source.problems, note])
    pack, problems = build_pack(source.manifest, source.items)
    pack.digest = source.digest
    located = source.problems + sorted(
        (source.locate(p) for p in problems), key=lambda p: (p.file, p.line or 0)
    )
    if any(p.severity == "error" for p in located):
        return LoadResult(None, located)
    return LoadResult(pack, located)


def load_pack_or_raise(root: Path | str) -> Pack:
    """The built pack, or :class:`ContentError` listing every error."""
    result = load_pack(root)
    if result.pack is None:
        raise ContentError(result.problems)
    return result.pack


def read_pack(root: Path, budget: Budget | None = None) -> PackSource:
    """Read a pack folder's files and validate each item on its own (no cross-references yet).

    What it leaves out (a folder it may not list, a symlink loop, a link out of the pack) is reported as
    a warning naming the path and why; ``budget`` is shared by the packs of one load.
    """
    source = PackSource(root)
    manifest_path = root / MANIFEST
    kind = kind_of(root)
    if kind != "folder":
        source.problems.append(_not_a_pack(root, kind))
        return source
    if kind_of(manifest_path) == "missing":
        source.problems.append(
            ContentProblem(
                shown_path(manifest_path),
                None,
                None,
                f"a pack needs a {MANIFEST} manifest (id, title, version, languages)",
            )
        )
        return source
    digest = hashlib.sha256()
    files, skipped = walk_files(root, (".yaml", ".yml"), MAX_FILES)
    files = [p for p in files if p != manifest_path]
    for left_out in skipped:
        # A content file left out is an error (the pack is not what its author wrote); a folder, a warning.
        severity: Literal["error", "warning"] = (
            "error" if left_out.path.name.endswith((".yaml", ".yml")) else "warning"
        )
        what = shown_path(left_out.path)
        source.problems.append(ContentProblem(what, None, None, f"skipped: {left_out.text('en')}", severity))
    if len(files) > MAX_FILES:
        source.problems.append(
            ContentProblem(shown_path(root), None, None, f"more than {MAX_FILES} content files")
        )
        files = files[:MAX_FILES]
    budget = budget if budget is not None else Budget()
    source.manifest = _read_manifest(manifest_path, source, digest, budget)
    for path in files:
        _read_content_file(path, source, digest, budget)
    source.digest = digest.hexdigest()[:16]
    return source


def content_digest(root: Path) -> str | None:
    """The digest :func:`read_pack` gives ``root`` (its files' names and bytes), without parsing a file;
    None when a file is left out or cannot be read (then the full read says why).

    The content cache (:mod:`game.files.cache`) is keyed by it: the same bytes give the same pack.
    """
    manifest_path = root / MANIFEST
    if kind_of(root) != "folder" or kind_of(manifest_path) != "file":
        return None
    files, skipped = walk_files(root, (".yaml", ".yml"), MAX_FILES)
    if skipped or len(files) > MAX_FILES:
        return None
    digest = hashlib.sha256()
    for path in [manifest_path, *(p for p in files if p != manifest_path)]:
        try:
            raw = read_regular(path, MAX_BYTES)
        except FileRefused:
            return None
        _digest_file(digest, root, path, raw)
    return digest.hexdigest()[:16]


def _digest_file(digest: Any, root: Path, path: Path, raw: bytes) -> None:
    digest.update(os.fsencode(path.relative_to(root)))
    digest.update(raw)


def _not_a_pack(root: Path, kind: str) -> ContentProblem:
    message = {
        "missing": "pack folder not found",
        "file": "expected a pack folder, found a file",
        "other": "expected a pack folder, found a file",
        "denied": "no permission to open the pack folder; change its permissions",
        "loop": "the pack folder is a symbolic link that loops back on itself; remove the link",
    }.get(kind, "cannot open the pack folder")
    return ContentProblem(shown_path(root), None, None, message)


def _read_doc(path: Path, source: PackSource, digest: Any, budget: Budget) -> YamlDoc | None:
    file = shown_path(path)
    try:
        limit = min(MAX_BYTES, MAX_PACK_BYTES - source.size, budget.left)
        raw = read_regular(path, max(limit, 0))
        doc = parse_yaml_bytes(raw)
    except FileRefused as err:
        message = err.text("en")
        if err.code == "too_large" and limit < MAX_BYTES:
            message = (
                f"the pack's content files pass {MAX_PACK_BYTES} bytes together "
                f"(or a load passes {MAX_LOAD_BYTES}); make the pack smaller"
            )
        source.problems.append(ContentProblem(file, None, None, message))
        source.unreadable.append(file)
        return None
    except YamlError as err:
        source.problems.append(ContentProblem(file, err.line, None, str(err)))
        source.unreadable.append(file)
        return None
    source.size += len(raw)
    budget.left -= len(raw)
    _digest_file(digest, source.root, path, raw)
    for line, message in doc.problems:
        source.problems.append(ContentProblem(file, line, None, message))
    return doc


def _read_manifest(path: Path, source: PackSource, digest: Any, budget: Budget) -> Manifest | None:
    doc = _read_doc(path, source, digest, budget)
    if doc is None:
        return None
    if not isinstance(doc.data, dict):
        source.problems.append(
            ContentProblem(shown_path(path), 1, None, "the manifest must be a mapping (id: ..., title: ...)")
        )
        return None
    from pydantic import ValidationError

    try:
        return validate(Manifest, doc.data)
    except ValidationError as err:
        for problem in _pydantic_problems(err, Manifest, shown_path(path), doc, (), "manifest"):
            source.problems.append(problem)
        return None


def _read_content_file(path: Path, source: PackSource, digest: Any, budget: Budget) -> None:
    doc = _read_doc(path, source, digest, budget)
    if doc is None or doc.data is None:
        return
    file = shown_path(path)
    if not isinstance(doc.data, dict):
        source.problems.append(
            ContentProblem(
                file, 1, None, "a content file must be a mapping with lists such as events: or roles:"
            )
        )
        return
    for key, entries in doc.data.items():
        if key not in ITEM_MODELS:
            hint = did_you_mean(str(key), ITEM_MODELS)
            source.problems.append(
                ContentProblem(
                    file,
                    doc.line_of((key,)),
                    None,
                    f"unknown section '{key}'{hint} (use {', '.join(ITEM_MODELS)})",
                )
            )
        elif not isinstance(entries, list):
            source.problems.append(
                ContentProblem(
                    file, doc.line_of((key,)), None, f"'{key}' must be a list (each item starts with -)"
                )
            )
        else:
            for n, raw in enumerate(entries):
                _read_item(key, n, raw, file, doc, source)


def _read_item(key: str, n: int, raw: Any, file: str, doc: YamlDoc, source: PackSource) -> None:
    """The ``n``-th item of section ``key``: validated into its model and kept, or its problems told."""
    from pydantic import ValidationError

    raw_id = raw.get("id") if isinstance(raw, dict) else None
    label = f"{_SINGULAR[key]} '{raw_id}'" if isinstance(raw_id, str) else f"{_SINGULAR[key]} #{n + 1}"
    if not isinstance(raw, dict):
        source.problems.append(
            ContentProblem(file, doc.line_of((key, n)), label, "each item must be a mapping (id: ...)")
        )
        return
    model = ITEM_MODELS[key]
    try:
        item = validate(model, raw)
    except ValidationError as err:
        source.problems.extend(_pydantic_problems(err, model, file, doc, (key, n), label))
        return
    previous = source.where.get((key, item.id))
    if previous is not None:
        first = f"{previous.file}:{previous.doc.line_of(previous.base)}"
        source.problems.append(
            ContentProblem(
                file,
                doc.line_of((key, n)),
                label,
                f"duplicate {_SINGULAR[key]} id '{item.id}' (first defined at {first})",
            )
        )
        return
    source.where[(key, item.id)] = _Source(file, (key, n), doc)
    source.items.setdefault(key, []).append(item)


@cache
def _adapter(model: type) -> Any:
    from pydantic import TypeAdapter  # only where content is validated: a cached pack needs no pydantic

    return TypeAdapter(model)


def validate(model: type[T], data: Any) -> T:
    """``data`` (parsed YAML) as a content model, validated (a :class:`pydantic.ValidationError` if it is
    not one)."""
    return _adapter(model).validate_python(data)


_UNION_TAGS = {"float", "str", "int", "bool", "dict", "list", "none"}
#: pydantic's words for the content models (dataclasses) where they differ from those it had for them as
#: models, so that a modder's message reads as it did
_AS_BEFORE = {"dataclass_type": "Input should be a valid dictionary or instance of {class_name}"}


def _pydantic_problems(
    err: Any, model: type, file: str, doc: YamlDoc, base: tuple, label: str
) -> list[ContentProblem]:
    found: dict[tuple, ContentProblem] = {}
    for error in err.errors(include_url=False):
        loc = tuple(p for p in error["loc"] if not (isinstance(p, str) and (p in _UNION_TAGS or "[" in p)))
        if loc in found:
            continue
        line = doc.line_of((*base, *loc))
        found[loc] = ContentProblem(file, line, label, _message(error, model, loc))
    return list(found.values())


def _message(error: dict, model: type, loc: tuple) -> str:
    kind = error["type"]
    where = ".".join(str(p) for p in loc)
    if kind in ("extra_forbidden", "unexpected_keyword_argument"):
        # The raw location always ends in the key; the cleaned one drops keys that look like union tags.
        key = str(error["loc"][-1]) if error["loc"] else "?"
        parent = loc[:-1] if loc and str(loc[-1]) == key else loc
        fields = _fields_at(model, parent)
        return f"unknown key '{key}'{did_you_mean(key, fields)}" + (
            "" if did_you_mean(key, fields) else f" (allowed: {', '.join(sorted(fields))})"
        )
    if kind == "missing":
        return f"missing required key '{where}'"
    if kind == "dict_type":
        return f"{where}: expected a mapping, like {{nl: ..., en: ...}} for a text"
    if kind == "string_pattern_mismatch":
        pattern = str((error.get("ctx") or {}).get("pattern", ""))
        if pattern.startswith("^\\d"):  # the manifest's version, like 1.0 or 1.2.3
            return f'{where}: \'{error.get("input")}\' is not a version; write it like "1.0" or "1.2.3"'
        return f"{where}: '{error.get('input')}' is not a valid id (lower-case letters, digits and _, starting with a letter)"
    if (
        kind == "string_type"
        and isinstance(error.get("input"), int | float)
        and not isinstance(error.get("input"), bool)
    ):
        return f"{where}: expected text, got the number {error.get('input')}; put it in quotes"
    if kind == "value_error":
        # Our own validators' messages read well on their own; drop pydantic's "Value error, " prefix.
        message = str(error["msg"]).removeprefix("Value error, ")
        return f"{where}: {message}"
    if kind in ("float_parsing", "float_type"):
        return f"{where}: expected a number, or an expression in quotes"
    before = _AS_BEFORE.get(kind)
    return f"{where}: {before.format(**error.get('ctx', {})) if before else error['msg']}"


def _fields_at(model: type, loc: tuple) -> set[str]:
    """The field names of the sub-model at ``loc`` inside ``model`` (for "did you mean")."""
    current: Any = model
    for part in loc:
        current = _unwrap(current)
        if isinstance(part, int):
            continue
        if is_content(current) and part in field_types(current):
            current = field_types(current)[part]
        elif typing.get_origin(current) is dict:
            current = typing.get_args(current)[1]
        else:
            return set()
    current = _unwrap(current)
    if isinstance(current, type) and is_content(current):
        return set(field_types(current))
    return set()


def _unwrap(annotation: Any) -> Any:
    """Strip Annotated, Optional, list[...] and dict[..., X] until a model (or something else) is left."""
    for _ in range(6):
        origin = typing.get_origin(annotation)
        if origin is typing.Annotated:
            annotation = typing.get_args(annotation)[0]
        elif origin is list:
            annotation = typing.get_args(annotation)[0]
        elif isinstance(annotation, types.UnionType) or origin is typing.Union:
            models = [a for a in typing.get_args(annotation) if isinstance(a, type) and is_content(a)]
            if not models:
                return annotation
            annotation = models[0]
        else:
            return annotation
    return annotation
