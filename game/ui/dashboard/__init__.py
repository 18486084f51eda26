"""The teacher's dashboard in the terminal (``wijkberaad dashboard``): every table in one grid."""
