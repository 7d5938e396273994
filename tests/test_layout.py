"""How the package is put together: reading the store or serving the API never loads spaCy, and the store
depends on neither the CLI, the API nor the ingest job."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

SRC = Path(__file__).resolve().parent.parent / "src" / "parley"


def test_importing_parley_the_store_and_the_api_loads_no_spacy():
    code = ("import sys, parley, parley.store, parley.store.read, parley.store.export, parley.api, "
            "parley.api.server, parley.cli; print(sorted(m for m in sys.modules if m.split('.')[0] in "
            "('spacy', 'thinc')))")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "[]"


def test_the_store_imports_no_cli_api_ingest_job_engine_or_source_reader():
    found = []
    for path in sorted((SRC / "store").rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names = [node.module or ""] if isinstance(node, ast.ImportFrom) else \
                [a.name for a in node.names] if isinstance(node, ast.Import) else []
            found += [(path.name, n) for n in names
                      if n.startswith(("parley.cli", "parley.api", "parley.ingest", "parley.engines", "parley.sources"))]
    assert found == []


def test_the_headline_reader_does_not_import_the_store():
    assert {n for n in _imported(SRC / "headlines.py") if n.startswith("parley.store")} == set()


# --- nlp: one sub-package per pipeline stage, each importing only the stages before it -------------------------

NLP = SRC / "nlp"
#: What each stage of nlp may import besides itself (design.md, "Layout"). Every stage may also import the data and
#: the records it reads and makes (`parley.kb`, `parley.records`, `parley.errors`) and `parley.nlp.extensions`, which
#: registers the Doc extensions the components share, and `parley.nlp.lazy`, which makes the faces lazy.
MAY_IMPORT = {
    "text": {"kb"},
    "language": {"kb"},
    "geo": {"kb"},
    "setting": {"language", "geo"},
    "actors": {"language", "geo", "identity"},
    "events": {"language", "geo", "setting", "actors", "identity"},
    "positions": {"language", "actors", "events", "identity"},
}
EVERY_STAGE_MAY_IMPORT = {"kb", "records", "errors", "nlp.extensions", "nlp.lazy"}
#: Imports the rule above does not allow yet, each with its reason (phase 2 of the nlp layout removes them or
#: changes the rule). Keyed by (module under nlp/, stage or module it imports).
EXCEPTIONS = {
    # normalize re-cases ALL-CAPS words but keeps the closed-class ones of kb/roles.yaml lower, read through
    # language.wordlists; the architecture review's table lets text import language, design.md does not.
    ("text/normalize.py", "language"),
}


def _module_name(path: Path) -> str:
    parts = path.relative_to(SRC.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _imported(path: Path) -> set[str]:
    """The parley modules (or names inside them) that a file imports, anywhere in it, as absolute dotted names."""
    here = _module_name(path).split(".")
    if path.name != "__init__.py":
        here = here[:-1]  # the package a relative import starts from
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found |= {a.name for a in node.names}
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                base = ".".join(here[:len(here) - node.level + 1] + ([base] if base else []))
            found |= {f"{base}.{a.name}" for a in node.names}
    return {name for name in found if name.split(".")[0] == "parley"}


def _stage(name: str) -> str:
    """The nlp stage ("events"), the nlp module outside the stages ("nlp.extensions") or the top-level module
    ("kb") a dotted name belongs to."""
    parts = name.split(".")[1:]
    if parts[0] == "nlp" and len(parts) > 1:
        return parts[1] if (NLP / parts[1]).is_dir() else f"nlp.{parts[1]}"
    return parts[0]


def test_each_nlp_stage_imports_only_the_stages_before_it():
    broken = []
    for stage, allowed in MAY_IMPORT.items():
        for path in sorted((NLP / stage).rglob("*.py")):
            where = str(path.relative_to(NLP))
            for name in sorted(_imported(path)):
                target = _stage(name)
                if target in {stage} | allowed | EVERY_STAGE_MAY_IMPORT or (where, target) in EXCEPTIONS:
                    continue
                broken.append(f"nlp/{where} imports {name} (stage {target!r}; {stage} may import "
                              f"{sorted(allowed | EVERY_STAGE_MAY_IMPORT)})")
    assert broken == []


def test_every_nlp_module_sits_in_a_stage_or_is_one_of_the_three_at_the_top():
    top = sorted(p.name for p in NLP.glob("*.py"))
    assert top == ["__init__.py", "extensions.py", "lazy.py", "pipeline.py"]
    assert sorted(p.name for p in NLP.iterdir() if p.is_dir() and p.name != "__pycache__") == sorted(MAY_IMPORT)


def test_the_nlp_modules_import_each_other_without_a_cycle():
    modules = {_module_name(p): p for p in NLP.rglob("*.py")}

    def home(name: str) -> str | None:  # "parley.nlp.actors.mention.Mention" -> "parley.nlp.actors.mention"
        while name and name not in modules:
            name = name.rpartition(".")[0]
        return name or None

    edges = {m: {home(n) for n in _imported(p)} & set(modules) - {m} for m, p in modules.items()}
    # package faces are lazy (nlp/lazy.py): importing one runs none of its modules, so a face is no edge
    edges = {m: {t for t in ts if not modules[t].name == "__init__.py"} for m, ts in edges.items()}
    cycles, state = [], {}

    def visit(module: str, trail: list[str]) -> None:
        state[module] = "open"
        for target in sorted(edges[module]):
            if state.get(target) == "open":
                cycles.append(trail[trail.index(target):] + [module, target] if target in trail
                              else [module, target])
            elif target not in state:
                visit(target, trail + [module])
        state[module] = "done"

    for module in sorted(modules):
        if module not in state:
            visit(module, [])
    assert cycles == []


def test_the_nlp_faces_load_no_spacy_and_each_public_name_resolves():
    faces = ["parley.nlp"] + [f"parley.nlp.{stage}" for stage in MAY_IMPORT]
    code = (f"import importlib, sys; faces = {faces!r}; [importlib.import_module(f) for f in faces]; "
            "import parley.nlp.events.actions; "
            "print(sorted(m for m in sys.modules if m.split('.')[0] in ('spacy', 'thinc')))")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "[]"
    import importlib
    missing = [f"{face}.{name}" for face in faces for name in importlib.import_module(face).__all__
               if getattr(importlib.import_module(face), name, None) is None]
    assert missing == []


# --- identity: who is one side, one home for nlp, the store and the headline reader -----------------------------

def test_identity_imports_nothing_but_the_records():
    assert _imported(SRC / "identity.py") == {"parley.records.Actor"}


def test_nlp_the_store_and_the_headline_reader_take_who_is_one_side_from_identity():
    homes = {"STATE_SECTORS", "SYMMETRIC_TYPES", "party_key", "is_state_side"}
    defined, users = [], set()
    for path in sorted(SRC.rglob("*.py")):
        if path.name == "identity.py":
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.FunctionDef) and node.name in homes:
                defined.append(f"{path.relative_to(SRC)}: def {node.name}")
            elif isinstance(node, ast.Assign):
                defined += [f"{path.relative_to(SRC)}: {t.id} =" for t in node.targets
                            if isinstance(t, ast.Name) and t.id in homes]
        if any(name.startswith("parley.identity") for name in _imported(path)):
            users.add(path.relative_to(SRC).parts[0].removesuffix(".py"))
    assert defined == []
    assert {"nlp", "store", "headlines"} <= users


def _defined_names(path: Path) -> set[str]:
    """The public names a module defines at its top level (constants, functions, classes)."""
    names = set()
    for node in ast.parse(path.read_text(encoding="utf-8")).body:
        if isinstance(node, ast.Assign):
            names |= {t.id for t in node.targets if isinstance(t, ast.Name)}
        elif isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name):
            names.add(node.target.id)
        elif isinstance(node, (ast.FunctionDef, ast.ClassDef)):
            names.add(node.name)
    return {n for n in names if not n.startswith("_") and n not in {"__all__", "__getattr__"}}


#: `load`: each module that reads one thing names its reader so (`lexicon.load`, `pipeline.load`).
MODULE_VERBS = {"load"}


def test_no_two_nlp_modules_define_one_name():
    homes: dict[str, list[str]] = {}
    for path in sorted(NLP.rglob("*.py")) + [SRC / "identity.py"]:
        for name in _defined_names(path):
            homes.setdefault(name, []).append(str(path.relative_to(SRC)))
    assert {n: h for n, h in homes.items() if len(h) > 1 and n not in MODULE_VERBS} == {}


def test_every_doc_extension_is_registered_in_extensions_py_and_described_there():
    from parley.nlp.extensions import DOC_EXTENSIONS

    registering, used = [], set()
    for path in sorted(NLP.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.Attribute) and node.attr == "set_extension" and path.name != "extensions.py":
                registering.append(str(path.relative_to(NLP)))
            # doc._.name
            if isinstance(node, ast.Attribute) and isinstance(node.value, ast.Attribute) and node.value.attr == "_":
                used.add(node.attr)
    assert registering == []
    assert used - set(DOC_EXTENSIONS) - {"get", "set", "has"} == set()  # doc._.set(name, value) is spaCy's


# --- size: a module holds one idea, a function a few named steps -----------------------------------------------

MAX_MODULE_LINES = 400
MAX_FUNCTION_LINES = 80


def test_no_nlp_module_is_over_400_lines():
    long = {str(p.relative_to(SRC)): n for p in sorted(NLP.rglob("*.py"))
            if (n := len(p.read_text(encoding="utf-8").splitlines())) > MAX_MODULE_LINES}
    assert long == {}


def test_no_function_under_src_is_over_80_lines():
    long = {}
    for path in sorted(SRC.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
                lines = node.end_lineno - node.lineno + 1
                if lines > MAX_FUNCTION_LINES:
                    long[f"{path.relative_to(SRC)}:{node.lineno} {node.name}"] = lines
    assert long == {}


# --- composition: the readers are held, not inherited, and their private parts stay inside -------------------------

def test_the_nlp_classes_inherit_from_no_class_of_their_own():
    """EventExtractor holds a TriggerReader and a RoleReader; ActorResolver holds its PlaceOwners (no mixins)."""
    ours = set()
    bases = []
    for path in sorted(NLP.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ClassDef):
                ours.add(node.name)
                bases += [(f"{path.relative_to(NLP)}: {node.name}", ast.unparse(b)) for b in node.bases]
    assert [(c, b) for c, b in bases if b in ours] == []


def test_no_nlp_module_calls_a_private_method_of_another_object():
    """`x._name(...)` on anything but self or cls: a private method is its class's own."""
    calls = []
    for path in sorted(NLP.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr.startswith("_")
                    and not node.func.attr.startswith("__")
                    and not (isinstance(node.func.value, ast.Name) and node.func.value.id in ("self", "cls"))):
                calls.append(f"{path.relative_to(NLP)}:{node.lineno} {ast.unparse(node.func)}")
    assert calls == []


# --- English lives in kb/: the nlp code tests words against kb word lists, not against literals -------------------

#: Token attributes that hold a word's text.
TEXT_ATTRIBUTES = {"lower_", "lemma_", "text", "orth_", "norm_"}
MAX_LITERAL_WORD_LISTS = 10


def _is_token_text(node: ast.AST) -> bool:
    """`t.lower_`, `t.lemma_.lower()`, `t.text.strip()` and the like."""
    if isinstance(node, ast.Attribute):
        return node.attr in TEXT_ATTRIBUTES
    if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr in ("lower", "strip"):
        return _is_token_text(node.func.value)
    return False


def _literal_words(node: ast.AST) -> list[str]:
    """The words of a literal collection of strings (`("of", "in")`, `frozenset({"on"})`), [] for anything else; a
    collection of punctuation holds no English."""
    if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id in ("set", "frozenset") and node.args:
        node = node.args[0]
    if not isinstance(node, (ast.Set, ast.List, ast.Tuple)):
        return []
    found = [e.value for e in node.elts if isinstance(e, ast.Constant) and isinstance(e.value, str)]
    return found if any(c.isalpha() for w in found for c in w) else []


def literal_word_lists(root: Path) -> list[str]:
    """Each place in `root` where a token's text is tested against English written in the code: `t.lower_ == "to"`,
    `t.lemma_ in ("be", "remain")`, or `t.lower_ in NAME` where NAME is a module's literal collection of words."""
    found = []
    for path in sorted(root.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        constants = {t.id: node for node in tree.body if isinstance(node, ast.Assign) and _literal_words(node.value)
                     for t in node.targets if isinstance(t, ast.Name)}
        for node in ast.walk(tree):
            if not (isinstance(node, ast.Compare) and _is_token_text(node.left)):
                continue
            for op, right in zip(node.ops, node.comparators):
                sides = [right.left, right.right] if isinstance(right, ast.BinOp) else [right]
                for side in sides:
                    word = isinstance(op, (ast.Eq, ast.NotEq)) and isinstance(side, ast.Constant) \
                        and isinstance(side.value, str) and any(c.isalpha() for c in side.value)
                    listed = isinstance(op, (ast.In, ast.NotIn)) and (
                        _literal_words(side) or isinstance(side, ast.Name) and side.id in constants)
                    if word or listed:
                        found.append(f"{path.relative_to(root)}:{node.lineno}")
    return found


def test_at_most_ten_english_word_lists_are_written_in_the_nlp_code():
    """Closed-class words (prepositions, pronouns, modals, determiners) live in kb/wordlists.yaml, read through
    `words()`, where a user's PARLEY_KB file extends them; the code says which list a rule reads."""
    assert len(literal_word_lists(NLP)) <= MAX_LITERAL_WORD_LISTS, literal_word_lists(NLP)


def test_the_word_list_counter_finds_a_literal_list_a_comparison_and_a_named_constant(tmp_path):
    (tmp_path / "rule.py").write_text(
        'PREPS = {"of", "in"}\nHYPHENS = {"-"}\n'
        'def f(t):\n    return t.lower_ in ("to", "at") or t.lemma_.lower() == "be" or t.lower_ in PREPS\n'
        'def g(t):\n    return t.text in HYPHENS or t.dep_ in ("nsubj", "dobj") or t.lower_ in words().articles\n')
    assert literal_word_lists(tmp_path) == ["rule.py:4", "rule.py:4", "rule.py:4"]
