"""The spaCy pipeline and Parley's components: text in, Doc extensions out (never leaves this package)."""
