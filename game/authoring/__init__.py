"""Tools for modders: balance reports, the JSON Schema, the modding reference and the new-pack scaffold."""
