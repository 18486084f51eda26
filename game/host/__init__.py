"""The class server behind ``wijkberaad host``: tables as append-only logs, seats, the protocol, a client.

Layers inside: :mod:`.protocol` (message shapes and coded refusals), :mod:`.store` (sqlite), :mod:`.log`
(the table log's small interface over the store), :mod:`.tables` (each table's game and seats),
:mod:`.server` (the aiohttp app) and :mod:`.client` (a small asyncio client for the join screen, bots and
tests). docs/host.md describes the protocol.
"""
