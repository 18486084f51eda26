"""Wijkberaad: a terminal deliberation game about the approach to vulnerable Dutch neighbourhoods."""

__version__ = "0.1.0"
