from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class SourceError:
    """An input that could not be read: where it was and what to do about it."""

    origin: str
    message: str

    def __str__(self) -> str:
        return f"{self.origin}: {self.message}"
