"""Reading and writing files: content packs, saves and settings. Uses the engine; never the UI."""
