"""What a source yields besides Articles, so a batch can warn, skip and go on instead of stopping."""

from __future__ import annotations

from dataclasses import dataclass

from parley.errors import SourceError


@dataclass(frozen=True)
class SourceFailure:
    """An input that could not be read: where it was (path, path:line, URL) and what to do about it."""

    origin: str
    message: str

    def __str__(self) -> str:
        return f"{self.origin}: {self.message}"

    def error(self) -> SourceError:
        """The same failure as an exception, for callers that read one source and must stop."""
        return SourceError(self.origin, self.message)


@dataclass(frozen=True)
class AlreadyStored:
    """A URL whose page is stored already, so it was not fetched again."""

    origin: str


@dataclass(frozen=True)
class NotAnArticle:
    """A file in a folder that is not read as an article (a README, a licence): counted and named, not a failure."""

    origin: str
    message: str = ("is a documentation file (README, LICENSE, CHANGELOG, ...), not an article, so it was not read. "
                    "Give it by its own path to read it as one.")

    def __str__(self) -> str:
        return f"{self.origin}: {self.message}"
