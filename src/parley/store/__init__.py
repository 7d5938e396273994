"""The corpus database: schema, migrations, the only writer, and read queries the CLI and API share."""

from parley.errors import StoreError
from parley.store.connect import DEFAULT_DB, make_engine, open_engine, open_existing, resolve_url

__all__ = ["DEFAULT_DB", "StoreError", "make_engine", "open_engine", "open_existing", "resolve_url"]
