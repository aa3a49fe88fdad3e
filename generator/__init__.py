"""The OPCC election site generator: load → validate → render → build."""
