"""Parley's one exception tree: every error Parley raises on purpose is a ParleyError whose message says
what went wrong and what to do.

    ParleyError
    ├── SourceError      an input (file, line, URL, feed) cannot be read
    ├── KBError          a reference-data file (kb/ or PARLEY_KB) cannot be read
    ├── ModelError       the spaCy pipeline cannot be loaded
    ├── StoreError       the database cannot be opened or used (SchemaError: its schema is wrong)
    ├── EngineError      an extraction engine cannot run (RayMissing: --engine ray without Ray installed)
    ├── ServeError       the dashboard cannot be served (PortError: the address cannot be had)
    ├── NotFound         a record asked for by id does not exist
    ├── InvalidQuery     a parameter has a value Parley cannot use (DateError: a date that does not parse)
    ├── RenderError      a report (parley brief) cannot be written in the format asked for
    └── RulesError       a `parley watch` rules file that cannot be used (file, line and fix)

The CLI maps these to exit codes once (parley.cli.errors), the HTTP API to statuses once (parley.api.errors).
"""

from __future__ import annotations


class ParleyError(Exception):
    """Base of every error Parley raises on purpose; str(error) is the one-line message for the user."""


class SourceError(ParleyError):
    """An input that cannot be read. `origin` is where it was (path, path:line, URL), `message` what to do."""

    def __init__(self, origin: str, message: str):
        super().__init__(f"{origin}: {message}")
        self.origin = origin
        self.message = message


class KBError(ParleyError, ValueError):
    """A reference-data file that cannot be read."""


class ModelError(ParleyError, RuntimeError):
    """The spaCy pipeline cannot be loaded (not installed, or not a pipeline)."""


class StoreError(ParleyError, RuntimeError):
    """The database cannot be opened or used; the message says what to do."""


class SchemaError(StoreError):
    """The database's schema is not one this Parley can use or upgrade."""


class EngineError(ParleyError, RuntimeError):
    """An extraction engine cannot run; the message says what to install or change."""


class RayMissing(EngineError):
    """`--engine ray` without Ray installed; the message says how to install it."""


class ServeError(ParleyError, RuntimeError):
    """The dashboard and API cannot be served; the message says what to do."""


class PortError(ServeError):
    """The address to serve on cannot be had (in use, not this machine's, or a privileged port)."""


class NotFound(ParleyError, LookupError):
    """No record with the id asked for; the message says where the ids are listed."""


class InvalidQuery(ParleyError, ValueError):
    """A parameter has a value Parley cannot use. `param` names it (e.g. "actor", "offset") when known."""

    def __init__(self, message: str, param: str | None = None):
        super().__init__(message)
        self.param = param


class DateError(InvalidQuery):
    """A date that does not parse as YYYY-MM-DD."""


class RenderError(ParleyError, RuntimeError):
    """A brief that cannot be written in the format asked for: WeasyPrint or its Pango library is missing."""


class RulesError(ParleyError, ValueError):
    """A `parley watch` rules file that cannot be used: the message names the file, the line and the fix."""


__all__ = ["DateError", "EngineError", "InvalidQuery", "KBError", "ModelError", "NotFound", "ParleyError",
           "PortError", "RayMissing", "RenderError", "RulesError", "SchemaError", "ServeError", "SourceError",
           "StoreError"]
