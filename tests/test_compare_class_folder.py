"""``compare DIR`` on a class folder of ``wijkberaad host``: the server's own files are no saves and are
passed over without a word."""

from __future__ import annotations

import pytest

from game.cli import main
from game.engine import Game
from game.files.saves import SaveStore
from game.host.classdir import write_class_file

SERVER_FILES = ("class.json", "class.db", "class.db-wal", "class.db-shm")


@pytest.fixture
def folder(tmp_path, monkeypatch, mini_pack):
    import game.cli.compare

    root = tmp_path / "klas"
    monkeypatch.setenv("WIJKBERAAD_SAVES", str(root))
    monkeypatch.setattr(game.cli.compare, "load_content", lambda args: mini_pack)
    store = SaveStore(root)
    for n, seed in enumerate((3, 4), 1):
        game = Game.new(mini_pack, seed=seed, players={"minister": "Ahmed"})
        game.play_computer(until_human=False)
        store.save(game, f"groep-{n}")
    write_class_file(root, "http://127.0.0.1:8765", "K7QM4X", "teacher-token")
    for name in SERVER_FILES[1:]:
        (root / name).write_bytes(b"SQLite format 3\x00")
    return root


def test_compare_on_a_class_folder_passes_over_the_server_files(folder, tmp_path, capsys):
    out = tmp_path / "klas.md"
    assert main(["compare", str(folder), "-o", str(out), "--lang", "en"]) == 0
    err = capsys.readouterr().err
    assert "class.json" not in err and "class.db" not in err, err
    text = out.read_text(encoding="utf-8")
    assert "groep-1" in text and "groep-2" in text and "Not read" not in text


def test_the_server_files_named_one_by_one_are_passed_over_too(folder, tmp_path, capsys):
    """As the shell expands ``compare klas/*``."""
    out = tmp_path / "klas.md"
    files = sorted(str(p) for p in folder.iterdir())
    assert main(["compare", *files, "-o", str(out), "--lang", "en"]) == 0
    err = capsys.readouterr().err
    assert not any(name in err for name in SERVER_FILES), err
    assert "Not read" not in out.read_text(encoding="utf-8")
