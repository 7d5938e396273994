"""Lazy public faces for nlp and its sub-packages (PEP 562): a name is imported from its home module on first use.

Why lazy: the CLI imports `parley.nlp.events.actions`, and importing `parley`, `parley.store` or `parley.api` must
load no spaCy (tests/test_layout.py); an eager face would import every module of its package, and spaCy with them.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable


def face(package: str, homes: dict[str, str | None]) -> Callable[[str], object]:
    """A module-level `__getattr__` for `package` that imports each public name from its home module.

    homes maps a public name to the module (relative to `package`, e.g. "text.normalize") that defines an
    attribute of that name, or to None when the name is a submodule of `package` itself. Any other name raises
    AttributeError, as a module does; so `from package import submodule` still imports the submodule."""

    def __getattr__(name: str) -> object:
        if name not in homes:
            raise AttributeError(f"module {package!r} has no attribute {name!r}")
        home = homes[name]
        if home is None:
            return importlib.import_module(f"{package}.{name}")
        return getattr(importlib.import_module(f"{package}.{home}"), name)

    return __getattr__
