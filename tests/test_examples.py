"""The demo corpus (examples/voa) is VOA's public-domain text, credited, and holds no story of an evaluation set."""

import json
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
VOA = ROOT / "examples" / "voa"
# The shared evaluation folder beside the checkout (../shared/eval) or beside a worktree's parent.
EVAL = next((p for p in (ROOT.parent / "shared" / "eval", ROOT.parent.parent / "shared" / "eval") if p.is_dir()), None)


def _words(text: str) -> str:
    return " ".join(re.sub(r"[^\w\s]", " ", text.lower()).split())


def _sentences(text: str) -> set[str]:
    """Sentences of eight words or more, normalised (short ones such as "He said." are shared by any two texts)."""
    out = {_words(s) for s in re.split(r"(?<=[.!?])[\"'”’)]*\s+", text)}
    return {s for s in out if len(s.split()) >= 8}


def _stories() -> list[dict]:
    return [json.loads(line) for line in (VOA / "articles.jsonl").read_text(encoding="utf-8").splitlines()]


def test_every_demo_story_is_voa_s_own_with_its_url():
    stories = _stories()
    assert len(stories) == 33
    assert {s["source"] for s in stories} == {"VOA"}
    assert all(s["url"].startswith("https://www.voanews.com/") for s in stories)
    assert "voanews.com / Voice of America / VOA" in (VOA / "README.md").read_text(encoding="utf-8")


@pytest.mark.skipif(EVAL is None, reason="no evaluation folder (../shared/eval) beside this checkout")
def test_no_demo_story_is_in_any_evaluation_file():
    stories = _stories()
    ids = {s["id"] for s in stories}
    urls = {s["url"] for s in stories}
    ours = set().union(*(_sentences(f"{s['title']}. {s['text']}") for s in stories))
    clashes = []
    for path in sorted(EVAL.rglob("*.jsonl")):
        for line in path.read_text(encoding="utf-8").splitlines():
            try:
                row = json.loads(line)
            except json.JSONDecodeError:
                continue
            if not isinstance(row, dict):
                continue
            if row.get("id") in ids or row.get("url") in urls:
                clashes.append(f"{path.name}: {row.get('id')}")
            for field in ("title", "text"):
                if isinstance(row.get(field), str):
                    clashes += [f"{path.name}: {s[:60]}" for s in _sentences(row[field]) & ours]
    assert clashes == []
