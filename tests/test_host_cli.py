"""``wijkberaad host`` on the command line: its options, its mistakes, its class file; and the bench entry."""

from __future__ import annotations

import asyncio
import stat

import pytest

from bench.host import run as bench_run
from game.cli import main
from tests.host_support import HostProcess, class_file


def test_host_is_a_command_with_the_classs_options(capsys):
    with pytest.raises(SystemExit):
        main(["host", "--help"])
    out = capsys.readouterr().out
    for option in (
        "--host",
        "--port",
        "--class-dir",
        "--scenario",
        "--short",
        "--seed",
        "--code",
        "--lang",
        "--pack",
    ):
        assert option in out


@pytest.mark.parametrize(
    ("argv", "said"),
    [
        (["--scenario", "nergens"], "nergens"),
        (["--code", "ZZZZ"], "--code ZZZZ"),
    ],
)
def test_a_mistake_is_one_line_and_starts_nothing(tmp_path, capsys, argv, said):
    folder = tmp_path / "klas"
    assert main(["host", "--class-dir", str(folder), "--lang", "en", *argv]) == 2
    err = capsys.readouterr().err
    assert said in err and "Traceback" not in err
    assert not folder.exists()


async def test_the_class_file_is_the_owners_only_and_a_restart_keeps_code_and_token(tmp_path):
    folder = tmp_path / "klas"
    server = await HostProcess.start(folder)
    try:
        first = class_file(folder)
        assert set(first) == {"url", "code", "teacher_token"} and first["url"] == server.url
        assert first["url"].startswith("http://127.0.0.1:")
        assert stat.S_IMODE((folder / "class.json").stat().st_mode) == 0o600
    finally:
        await server.kill()
    server = await HostProcess.start(folder)
    try:
        again = class_file(folder)
        assert (again["code"], again["teacher_token"]) == (first["code"], first["teacher_token"])
    finally:
        await server.kill()


def test_the_bench_entry_gives_its_figures():
    figures = asyncio.run(bench_run(tables=1, moves=4))
    assert figures["tables"] == 1 and figures["seats"] == 3 and figures["choices"] >= 3
    assert figures["p95_ms"] >= figures["p50_ms"] > 0
