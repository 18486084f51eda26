"""Wijkberaad's benchmarks: how fast the game is where players, teachers and modders feel it.

Run them all with ``python -m bench`` (see ``bench/run.py`` for options). Figures never come from the
test suite; the tests assert behaviour only.
"""
