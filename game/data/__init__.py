"""Reading and writing files: content packs, saves and reports. Uses the engine; never the UI."""
