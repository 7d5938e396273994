"""When, where and how sure, asked by assemble for each event: status and claimant (status), the time expression
an event owns (dates), an expression and the publication date to a day (calendar), the place mentions of a
sentence (place_mentions), each resolved to a Location (locate), and the event's place among them (places).
May import: language, geo."""

from parley.nlp.lazy import face

__all__ = ["DateInfo", "StatusInfo", "article_countries", "dateline_place", "find_location", "resolve_date", "status_of"]

__getattr__ = face(__name__, {
    "status_of": "status", "StatusInfo": "status",
    "resolve_date": "dates", "DateInfo": "dates",
    "find_location": "places", "dateline_place": "locate", "article_countries": "locate",
})
