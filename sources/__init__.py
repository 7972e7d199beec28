"""Sources: loading articles, their metadata and their boilerplate regions."""

from sources.boilerplate import find_boilerplate
from sources.load import expand_paths, load_source
from sources.meta import read_manifest

__all__ = ["expand_paths", "find_boilerplate", "load_source", "read_manifest"]
