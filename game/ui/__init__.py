"""The Textual app: screens and widgets over the pure engine (imported only when the game is played)."""
