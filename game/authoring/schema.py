"""JSON Schema for content files, generated from the content models (field docstrings become descriptions).

Editors with a YAML language server (VS Code's YAML extension, for one) read the first line
``# yaml-language-server: $schema=...`` of a file and then complete and check it while it is typed.
The repository ships the generated files in ``docs/schema/``; a test keeps them equal to the models.
"""

from __future__ import annotations

import ast
import dataclasses
import inspect
import json
import textwrap
import typing
from functools import cache
from pathlib import Path
from typing import Any

from game.engine.model import ContentFile, Manifest, field_types, is_content

#: File name -> (model, title) of each schema written.
SCHEMAS: dict[str, tuple[type, str]] = {
    "pack.schema.json": (Manifest, "Wijkberaad pack manifest (pack.yaml)"),
    "content.schema.json": (ContentFile, "Wijkberaad content file"),
}
DRAFT = "https://json-schema.org/draft/2020-12/schema"


@cache
def field_docs(model: type) -> dict[str, str]:
    """The docstring under each field of ``model`` (and of the models it inherits from), by field name.

    Read from the source, so a model that inherits fields (Delayed from Effects) has their words too.
    """
    docs: dict[str, str] = {}
    for cls in reversed(model.__mro__):
        if not is_content(cls):
            continue
        try:
            tree = ast.parse(textwrap.dedent(inspect.getsource(cls)))
        except (OSError, TypeError, SyntaxError):
            continue
        body = tree.body[0].body if tree.body and isinstance(tree.body[0], ast.ClassDef) else []
        for stmt, nxt in zip(body, body[1:], strict=False):
            if (
                isinstance(stmt, ast.AnnAssign)
                and isinstance(stmt.target, ast.Name)
                and isinstance(nxt, ast.Expr)
                and isinstance(nxt.value, ast.Constant)
                and isinstance(nxt.value.value, str)
            ):
                docs[stmt.target.id] = inspect.cleandoc(nxt.value.value)
    return docs


def describe(model: type, name: str) -> str:
    """A field's description: its docstring, plus what its type requires when the type says so (ids)."""
    own = field_docs(model).get(name, "")
    typed = _type_description(field_types(model)[name])
    if own and typed and typed != own:
        return f"{own.rstrip('.')} ({typed[0].lower()}{typed[1:].rstrip('.')})."
    return own or typed


def _type_description(annotation: Any) -> str:
    """What a field's own type says it holds (an id says what an id may be), if it says so."""
    if typing.get_origin(annotation) is typing.Annotated:
        for meta in typing.get_args(annotation)[1:]:
            if getattr(meta, "description", None):
                return str(meta.description)
    return ""


def _models(root: type) -> dict[str, type]:
    """Every model reachable from ``root``'s fields, by class name (the names the schema's $defs use)."""
    found: dict[str, type] = {}
    todo: list[Any] = [root]
    while todo:
        item = todo.pop()
        if isinstance(item, type) and is_content(item):
            if item.__name__ in found:
                continue
            found[item.__name__] = item
            todo.extend(field_types(item).values())
        else:
            todo.extend(typing.get_args(item))
    return found


def _default(spec: dataclasses.Field) -> Any:
    """A field's default as JSON (pydantic leaves out defaults made by a factory: ``[]``, ``{}``)."""
    if spec.default_factory is not dataclasses.MISSING:
        return spec.default_factory()
    return spec.default


def schema_for(model: type, title: str) -> dict[str, Any]:
    """The JSON Schema of one model, with a title, the draft it follows and every field's own words."""
    from pydantic import TypeAdapter

    schema = TypeAdapter(model).json_schema(mode="validation")
    models = _models(model)
    for name, part in [(model.__name__, schema), *schema.get("$defs", {}).items()]:
        cls = models.get(name)
        if cls is None:
            continue
        specs = {f.name: f for f in dataclasses.fields(cls)}
        for field, prop in part.get("properties", {}).items():
            text = describe(cls, field)
            if text:
                prop["description"] = text
            if "default" not in prop and specs[field].default_factory is not dataclasses.MISSING:
                prop["default"] = _default(specs[field])
    return {"$schema": DRAFT, "title": title, **{k: v for k, v in schema.items() if k != "title"}}


def schema_texts() -> dict[str, str]:
    """Each schema file's name and its text, exactly as written to disk."""
    return {
        name: json.dumps(schema_for(model, title), indent=2, ensure_ascii=False, sort_keys=True) + "\n"
        for name, (model, title) in SCHEMAS.items()
    }


def write_schemas(folder: Path) -> list[Path]:
    """Write the schema files into ``folder`` (created if needed); returns the paths written."""
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for name, text in schema_texts().items():
        path = folder / name
        path.write_text(text, encoding="utf-8")
        written.append(path)
    return written


def shipped_schema_dir() -> Path | None:
    """``docs/schema`` in a checkout (None when installed as a package)."""
    from game.files.paths import checkout_root

    root = checkout_root()
    return root / "docs" / "schema" if root is not None else None
