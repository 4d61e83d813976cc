"""Architecture rules, checked on the source: imports point down the layers, and no module grows past 400 lines.

Layers, lowest first: the base (settings, sql, db, safety, normalize, errors) < sources < warehouse < enrich <
analyse < render < orchestration (steps, run, airflow_*) < the CLI (cli, commands). A module may import its
own layer and any layer below it, never one above: render reads marts and writes files; it never calls analyse,
and analyse never writes files for render. synth is a standalone generator that sits on the base only.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[2] / "pipeline"

LAYER_RANK = {
    "base": 0,
    "synth": 1,
    "sources": 1,
    "warehouse": 2,
    "enrich": 3,
    "analyse": 4,
    "render": 5,
    "orchestration": 6,
    "cli": 7,
}
BASE_MODULES = {"settings", "sql", "db", "safety", "normalize", "errors", "__init__"}
ORCHESTRATION_MODULES = {"steps", "run", "airflow_local", "airflow_services", "airflow_celery"}
CLI_MODULES = {"cli", "commands"}
# render reads marts only: it may not import analyse or enrich even though they sit below it.
FORBIDDEN = {("render", "analyse"), ("render", "enrich"), ("synth", "sources"), ("sources", "synth")}
MAX_MODULE_LINES = 400


def layer_of(module: str) -> str:
    """Layer of a dotted module name inside the package (`pipeline.enrich.geo` -> enrich)."""
    parts = module.split(".")
    head = parts[1] if len(parts) > 1 else "__init__"
    if head in BASE_MODULES:
        return "base"
    if head in ORCHESTRATION_MODULES:
        return "orchestration"
    if head in CLI_MODULES:
        return "cli"
    if head not in LAYER_RANK:
        raise AssertionError(f"{module}: no layer assigned; add it to tests/unit/test_layers.py")
    return head


def module_name(path: Path) -> str:
    relative = path.relative_to(PACKAGE.parent).with_suffix("")
    return ".".join(relative.parts)


def imported_modules(path: Path) -> list[tuple[int, str]]:
    """(line, module) for every pipeline import in the file, including imports inside functions."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found += [(node.lineno, alias.name) for alias in node.names if alias.name.startswith("pipeline")]
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0 \
                and node.module.startswith("pipeline"):
            found.append((node.lineno, node.module))
    return found


def upward_imports(paths: list[Path]) -> list[str]:
    problems = []
    for path in paths:
        importer = module_name(path)
        importer_layer = layer_of(importer)
        for line, imported in imported_modules(path):
            if imported == "pipeline":
                continue
            imported_layer = layer_of(imported)
            upward = LAYER_RANK[imported_layer] > LAYER_RANK[importer_layer]
            sideways = LAYER_RANK[imported_layer] == LAYER_RANK[importer_layer] and imported_layer != importer_layer
            if upward or sideways or (importer_layer, imported_layer) in FORBIDDEN:
                problems.append(f"{path.relative_to(PACKAGE.parent)}:{line} imports {imported} "
                                f"({importer_layer} -> {imported_layer})")
    return problems


def package_files() -> list[Path]:
    return sorted(p for p in PACKAGE.rglob("*.py") if "__pycache__" not in p.parts)


def test_every_import_points_down_the_layers():
    assert upward_imports(package_files()) == []


def test_the_rule_catches_an_upward_import(tmp_path):
    # The same check on a fake analyse module that imports render must name the import.
    fake = PACKAGE / "analyse" / "_fake_upward_for_test.py"
    fake.write_text("def f():\n    from pipeline.render.charts import trend_chart\n", encoding="utf-8")
    try:
        problems = upward_imports([fake])
    finally:
        fake.unlink()
    assert problems == ["pipeline/analyse/_fake_upward_for_test.py:2 imports pipeline.render.charts "
                        "(analyse -> render)"]


@pytest.mark.parametrize("path", package_files(), ids=lambda p: str(p.relative_to(PACKAGE)))
def test_no_module_is_over_400_lines(path):
    lines = len(path.read_text(encoding="utf-8").splitlines())
    assert lines <= MAX_MODULE_LINES, f"{path.relative_to(PACKAGE.parent)} has {lines} lines"


def test_dag_files_only_wire():
    # DAG files import the step registry (stdlib only) and nothing else of the package at parse time.
    dags = PACKAGE.parent / "dags"
    for path in sorted(dags.glob("patentnav_*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        top_level = [node for node in tree.body if isinstance(node, ast.Import | ast.ImportFrom)]
        for node in top_level:
            module = node.module if isinstance(node, ast.ImportFrom) else node.names[0].name
            if module and module.startswith("pipeline"):
                assert module == "pipeline.steps", f"{path.name} imports {module} at the top"
