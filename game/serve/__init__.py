"""Serving the game to web browsers: one game process per tab, on an offline page of our own."""
