"""Remote mode: the app at one seat of a table on the class server (``wijkberaad join``).

The screens are the ones of a local game; what changes is who decides when a choice takes effect. A
:class:`~game.ui.remote.table.RemoteTable` sends the player's choice to the server and the client's copy of
the game moves only when the server's broadcast of it comes back (docs/host.md).
"""
