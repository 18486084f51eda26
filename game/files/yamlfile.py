"""Reading YAML safely, keeping the line of every value so problems can point at it.

Only PyYAML's safe loader is used (no tags that build objects). Duplicate keys, which YAML would silently
let the last one win, are reported; aliases are followed within a budget so a file cannot blow up.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from game.files.safefile import FileRefused, read_regular

MAX_BYTES = 2_000_000
#: libyaml's safe loader when PyYAML was built with it: ten times faster with the same data and lines
#: (bench/: loading content was nearly all YAML parsing). A small file it refuses is parsed again by the
#: pure-Python loader, whose messages read better; a larger one is not (seconds per hostile file): then
#: libyaml's own message and line are reported.
_FAST_LOADER: Any = None
#: PyYAML, imported by the first parse (:func:`_load_yaml`): a pack read from the content cache starts
#: without it (~10 ms).
yaml: Any = None
#: Up to this many characters a refused file is parsed again for the pure-Python loader's message.
MAX_SECOND_PARSE = 64_000
MAX_NODES = 200_000

Path_ = tuple[str | int, ...]


@dataclass
class YamlDoc:
    """A parsed YAML document with the 1-based line of each value, by its path in the document."""

    data: Any = None
    lines: dict[Path_, int] = field(default_factory=dict)
    #: (line, message) problems found while reading, such as duplicate keys
    problems: list[tuple[int, str]] = field(default_factory=list)

    def line_of(self, path: Path_) -> int | None:
        """The line of the value at ``path``, or of its nearest parent that has one."""
        for n in range(len(path), -1, -1):
            line = self.lines.get(tuple(path[:n]))
            if line is not None:
                return line
        return None


class YamlError(ValueError):
    """A file that cannot be read as YAML: ``line`` is where, when known."""

    def __init__(self, message: str, line: int | None = None) -> None:
        super().__init__(message)
        self.line = line


def read_yaml(path: Path) -> YamlDoc:
    """Read one YAML file.

    Raises:
        YamlError: the file is missing, unreadable, too large, not UTF-8 or not valid YAML.
    """
    try:
        raw = read_regular(path, MAX_BYTES)
    except FileRefused as err:
        raise YamlError(err.text("en")) from None
    return parse_yaml_bytes(raw)


def parse_yaml_bytes(raw: bytes) -> YamlDoc:
    """Parse a file's bytes (UTF-8, with or without a byte-order mark) into a :class:`YamlDoc`."""
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        line = raw[: err.start].count(b"\n") + 1
        raise YamlError("file is not UTF-8 text; save it as UTF-8", line) from None
    return parse_yaml(text)


def parse_yaml(text: str) -> YamlDoc:
    """Parse YAML text into a :class:`YamlDoc`."""
    _load_yaml()
    if _FAST_LOADER is None:
        return _parse(text, yaml.SafeLoader)
    try:
        return _parse(text, _FAST_LOADER)
    except YamlError:
        if len(text) > MAX_SECOND_PARSE:
            raise
    return _parse(text, yaml.SafeLoader)


def _load_yaml() -> None:
    global yaml, _FAST_LOADER
    if yaml is None:
        import yaml as module

        _FAST_LOADER = getattr(module, "CSafeLoader", None)
        yaml = module


def _parse(text: str, loader_class: Any) -> YamlDoc:
    try:
        # The reader checks for unprintable characters already in the constructor.
        loader = loader_class(text)
    except yaml.YAMLError as err:
        raise YamlError(f"not valid YAML: {err}") from None
    try:
        node = loader.get_single_node()
        if node is None:
            return YamlDoc()
        doc = YamlDoc()
        _walk(node, (), doc, [0])
        data = loader.construct_document(node)
    except yaml.MarkedYAMLError as err:
        mark = err.problem_mark or err.context_mark
        line = mark.line + 1 if mark is not None else None
        message = err.problem or str(err)
        if err.context:
            message = f"{err.context}: {message}" if "while" not in err.context else message
        raise YamlError(f"not valid YAML: {message}", line) from None
    except yaml.YAMLError as err:
        raise YamlError(f"not valid YAML: {err}") from None
    except RecursionError:
        raise YamlError("not valid YAML: nested too deeply") from None
    except YamlError:
        raise
    except (ValueError, OverflowError) as err:
        # PyYAML's constructors raise these for values Python refuses, like a 5000-digit number.
        raise YamlError(f"not valid YAML: a value cannot be read ({str(err).split(';')[0]})") from None
    finally:
        loader.dispose()
    doc.data = data
    return doc


def _walk(node: yaml.Node, path: Path_, doc: YamlDoc, budget: list[int]) -> None:
    budget[0] += 1
    if budget[0] > MAX_NODES:
        raise YamlError("file is too large or repeats aliases too often", node.start_mark.line + 1)
    doc.lines.setdefault(path, node.start_mark.line + 1)
    if isinstance(node, yaml.ScalarNode) and node.tag == _FLOAT_TAG and not _finite(node.value):
        doc.problems.append(
            (
                node.start_mark.line + 1,
                f"'{node.value[:40]}' is not a finite number; write an ordinary number such as 0 or 100",
            )
        )
    if isinstance(node, yaml.MappingNode):
        seen: dict[Any, int] = {}
        for key_node, value_node in node.value:
            key = key_node.value if isinstance(key_node, yaml.ScalarNode) else None
            line = key_node.start_mark.line + 1
            if key is not None:
                if key in seen and key != "<<":
                    doc.problems.append((line, f"key '{key}' appears twice (first on line {seen[key]})"))
                seen.setdefault(key, line)
                doc.lines.setdefault((*path, key), line)
            _walk(value_node, (*path, key) if key is not None else path, doc, budget)
    elif isinstance(node, yaml.SequenceNode):
        for n, item in enumerate(node.value):
            _walk(item, (*path, n), doc, budget)


_FLOAT_TAG = "tag:yaml.org,2002:float"


def _finite(value: str) -> bool:
    """Whether a YAML float is finite: ``.nan``, ``.inf`` and ``1e999`` are not (sexagesimal ones are)."""
    plain = value.strip().lower().replace("_", "")
    if plain.lstrip("+-") in (".nan", ".inf"):
        return False
    try:
        return math.isfinite(float(plain))
    except ValueError:
        return True
