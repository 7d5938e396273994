"""The HTTP API and dashboard: `create_app(db)` builds a read-only FastAPI app over the store."""

from parley.api.app import create_app

__all__ = ["create_app"]
