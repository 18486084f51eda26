"""JSON Schema for content files, generated from the content models (field docstrings become descriptions).

Editors with a YAML language server (VS Code's YAML extension, for one) read the first line
``# yaml-language-server: $schema=...`` of a file and then complete and check it while it is typed.
The repository ships the generated files in ``docs/schema/``; a test keeps them equal to the models.
"""

from __future__ import annotations

import ast
import inspect
import json
import textwrap
from functools import cache
from pathlib import Path
from typing import Any

from pydantic import BaseModel

from game.engine.model import ContentFile, Manifest

#: File name -> (model, title) of each schema written.
SCHEMAS: dict[str, tuple[type, str]] = {
    "pack.schema.json": (Manifest, "Wijkberaad pack manifest (pack.yaml)"),
    "content.schema.json": (ContentFile, "Wijkberaad content file"),
}
DRAFT = "https://json-schema.org/draft/2020-12/schema"


@cache
def field_docs(model: type[BaseModel]) -> dict[str, str]:
    """The docstring under each field of ``model`` (and of the models it inherits from), by field name.

    Pydantic folds these into field descriptions, except where the field's type carries its own (ids);
    reading them from the source keeps every field's own words.
    """
    docs: dict[str, str] = {}
    for cls in reversed(model.__mro__):
        if not (isinstance(cls, type) and issubclass(cls, BaseModel)) or cls is BaseModel:
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


def describe(model: type[BaseModel], name: str) -> str:
    """A field's description: its docstring, plus what its type requires when the type says so (ids)."""
    own = field_docs(model).get(name, "")
    typed = model.model_fields[name].description or ""
    if own and typed and typed != own:
        return f"{own.rstrip('.')} ({typed[0].lower()}{typed[1:].rstrip('.')})."
    return own or typed


def _models(root: type[BaseModel]) -> dict[str, type[BaseModel]]:
    """Every model reachable from ``root``'s fields, by class name (the names the schema's $defs use)."""
    found: dict[str, type[BaseModel]] = {}
    todo: list[Any] = [root]
    while todo:
        item = todo.pop()
        if isinstance(item, type) and issubclass(item, BaseModel):
            if item.__name__ in found:
                continue
            found[item.__name__] = item
            todo.extend(f.annotation for f in item.model_fields.values())
        else:
            todo.extend(getattr(item, "__args__", ()) or ())
    return found


def schema_for(model: type[BaseModel], title: str) -> dict[str, Any]:
    """The JSON Schema of one model, with a title, the draft it follows and every field's own words."""
    schema = model.model_json_schema(mode="validation")
    models = _models(model)
    for name, part in [(model.__name__, schema), *schema.get("$defs", {}).items()]:
        cls = models.get(name)
        if cls is None:
            continue
        for field, prop in part.get("properties", {}).items():
            text = describe(cls, field)
            if text:
                prop["description"] = text
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
