"""The first use builds the gazetteer index and says so on stderr (it takes seconds, silently otherwise)."""

import re

import pytest

from parley.nlp.geo import gazetteer


@pytest.mark.slow  # a real build of the index, ~12 s
def test_the_first_build_announces_itself_on_stderr(tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("PARLEY_CACHE", str(tmp_path))
    gazetteer.connection.cache_clear()
    try:
        gazetteer.connection()
        err = capsys.readouterr().err
        assert err.splitlines()[0] == f"Building the place index (gazetteer) once, about 15 s: {gazetteer.cache_path()}"
        assert re.fullmatch(r"Built the place index in \d+ s\.", err.splitlines()[1])
        gazetteer.connection.cache_clear()
        gazetteer.connection()
        assert capsys.readouterr().err == ""  # built once: the next start is silent
    finally:
        gazetteer.connection.cache_clear()
