"""Modules imported on first use: `mljobs --help` and `--version` must not pay for pandas, duckdb and the
extractor, and each command pays only for what it touches."""

import importlib.util
import sys
from types import ModuleType


def lazy(name: str) -> ModuleType:
    """The module `name`, executed when one of its attributes is first read (importlib's LazyLoader).

    Its parent packages are imported now (they are empty namespaces here); an already imported module is
    returned as it is."""
    if name in sys.modules:
        return sys.modules[name]
    spec = importlib.util.find_spec(name)
    if spec is None or spec.loader is None:
        raise ModuleNotFoundError(f"no module named {name!r}", name=name)
    loader = importlib.util.LazyLoader(spec.loader)
    spec.loader = loader
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    loader.exec_module(module)
    return module
