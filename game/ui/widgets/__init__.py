"""Widgets of the game's screens: the meter panel, the deliberation board and the choice list."""
