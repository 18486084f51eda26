"""Build hook: copy the shipped content/ into the package as game/_content, so a wheel carries it."""

import shutil
from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py


class BuildWithContent(build_py):
    def run(self) -> None:
        super().run()
        source = Path(__file__).resolve().parent / "content"
        if source.is_dir() and not self.editable_mode:
            target = Path(self.build_lib) / "game" / "_content"
            shutil.rmtree(target, ignore_errors=True)
            shutil.copytree(source, target, ignore=shutil.ignore_patterns("__pycache__", "*.pyc"))


setup(cmdclass={"build_py": BuildWithContent})
