"""The engine has one door (issue 13 item 1): web, reports, api, performance and pdp import
`kinerja.indicators.engine` itself, never one of the modules behind it."""

import ast
from pathlib import Path

import kinerja

APPS = ("web", "reports", "api", "performance", "pdp", "evaluasi")
DOOR = "kinerja.indicators.engine"


def _engine_imports(path: Path) -> list[str]:
    """Every module under the engine that `path` imports, other than the door itself."""
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module:
            names = [node.module] + [f"{node.module}.{a.name}" for a in node.names]
            if node.module == DOOR:
                names = []  # `from kinerja.indicators.engine import x`: the door
        elif isinstance(node, ast.Import):
            names = [a.name for a in node.names]
        else:
            continue
        found += [n for n in names if n.startswith(DOOR + ".")]
    return found


def test_other_apps_import_only_the_engine_door():
    root = Path(kinerja.__file__).parent
    offenders = {
        str(path.relative_to(root)): bad
        for app in APPS
        for path in (root / app).rglob("*.py")
        if (bad := _engine_imports(path))
    }
    assert offenders == {}


def test_the_check_sees_a_deep_import(tmp_path):
    bad = tmp_path / "bad.py"
    bad.write_text(
        "from kinerja.indicators.engine.units import unit_query\n"
        "import kinerja.indicators.engine.cache\n"
        "from kinerja.indicators.engine import compute_figures\n"
    )
    assert _engine_imports(bad) == [
        "kinerja.indicators.engine.units",
        "kinerja.indicators.engine.units.unit_query",
        "kinerja.indicators.engine.cache",
    ]
