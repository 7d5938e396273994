"""A folder's documentation (README.md beside articles.jsonl, as in examples/voa) is not an article: ingest and
extract name it and read only the articles; given by its own path, a README is read like any text file."""

from __future__ import annotations

import json

from click.testing import CliRunner

from parley.cli import main
from parley.ingest import ingest
from parley.sources import NotAnArticle, SourceFailure
from parley.sources.files import iter_path

NOT_READ = ("is a documentation file (README, LICENSE, CHANGELOG, ...), not an article, so it was not read. "
            "Give it by its own path to read it as one.")


def _folder(tmp_path):
    folder = tmp_path / "news"
    folder.mkdir()
    (folder / "README.md").write_text("# News\n\nThese stories come from Voice of America.\n")
    (folder / "LICENSE.txt").write_text("Public domain.\n")
    (folder / "articles.jsonl").write_text(json.dumps({"id": "a", "published": "2025-04-22", "text": "Qatar hosted talks in Doha."}) + "\n")
    return folder


def test_ingest_of_a_folder_stores_its_articles_and_names_its_documentation(tmp_path, db_url):
    folder = _folder(tmp_path)
    report = ingest([str(folder)], db_url)
    assert (report.new, report.failed, report.errors) == (1, 0, [])
    assert report.not_articles == [str(folder / "LICENSE.txt"), str(folder / "README.md")]
    assert report.summary() == (f"1 new, 0 already stored, 0 failed; 2 documentation file(s) not read as articles "
                                f"({folder / 'LICENSE.txt'}, {folder / 'README.md'})")


def test_extract_of_a_folder_prints_its_articles_and_says_which_files_it_left(tmp_path):
    folder = _folder(tmp_path)
    result = CliRunner().invoke(main, ["extract", str(folder), "--published", "2025-04-22"])
    assert result.exit_code == 0
    assert [json.loads(row)["id"] for row in result.stdout.splitlines()] == ["a"]
    assert result.stderr.splitlines() == [f"parley: {folder / 'LICENSE.txt'}: {NOT_READ}",
                                          f"parley: {folder / 'README.md'}: {NOT_READ}"]


def test_a_readme_given_by_its_own_path_is_read_as_an_article(tmp_path):
    folder = _folder(tmp_path)
    [article] = list(iter_path(folder / "README.md", None))
    assert article.text.startswith("# News")


def test_a_folder_of_documentation_only_is_reported_as_having_no_articles(tmp_path):
    folder = tmp_path / "docs"
    folder.mkdir()
    (folder / "readme.txt").write_text("About this folder.")
    assert list(iter_path(folder, None)) == [
        SourceFailure(str(folder), "has no .txt, .html, .json or .jsonl files besides its documentation."),
        NotAnArticle(str(folder / "readme.txt"))]
