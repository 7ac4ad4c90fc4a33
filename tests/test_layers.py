"""The layer order written in the README's "Map of the code", checked by walking the imports.

Code may import only from its own layer or the layers below it, at module level and inside
functions alike; `scrutiny/common/` imports only Django and third-party code; no module
looks another app's model up by name (`apps.get_model`) or through a relation
(`_meta.get_field(...).related_model`): it imports it, which the layer order allows or not.
Modules, the tests' too, stay under ~500 lines (demo data and migrations apart) and views
under ~40.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
APPS = ("scrutiny", "recommendations", "partnerships")

# Lowest first. A module's layer is the first whose pattern matches its dotted name.
LAYERS: list[tuple[str, str]] = [
    ("common", r"scrutiny\.common(\..+)?"),
    ("organisations and users", r"partnerships\.models"),
    ("visibility rules", r"scrutiny\.visibility"),
    ("scrutiny's models", r"scrutiny\.models(\..+)?"),
    ("recommendations' models", r"recommendations\.models(\..+)?"),
    (
        "reads: permissions, selectors, history, template tags",
        r"\w+\.(permissions|selectors(\..+)?|history|templatetags\..+)",
    ),
    ("services", r"\w+\.services(\..+)?"),
    ("forms and filters", r"\w+\.(forms(\..+)?|filters)"),
    ("exports", r"\w+\.exports(\..+)?"),
    ("views", r"\w+\.(views(\..+)?|errors)"),
    # urls, admin, apps, signals, settings, management commands, demo data and the old
    # import paths kept for migrations: they wire the rest together and nothing imports them.
    ("wiring", r".*"),
]
LONG_MODULES_ALLOWED = {"scrutiny.demo_data"}
MAX_MODULE_LINES = 500
MAX_VIEW_LINES = 40
LOOKUP_BY_NAME = re.compile(r"apps\.get_model\(|get_field\([^)]*\)\s*\.related_model")


def layer_of(module: str) -> int:
    """The index in LAYERS of the first layer whose pattern matches the whole name."""
    for index, (_name, pattern) in enumerate(LAYERS):
        if re.fullmatch(pattern, module):
            return index
    raise AssertionError(module)  # pragma: no cover - the last pattern matches anything


def _module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def _our_modules() -> dict[str, Path]:
    modules = {}
    for app in APPS:
        for path in (ROOT / app).rglob("*.py"):
            if "migrations" in path.parts:
                continue
            modules[_module_name(path)] = path
    return modules


MODULES = _our_modules()


def imports_of(module: str, source: str, known: set[str]) -> list[tuple[int, str]]:
    """(line, module) for every import of our code anywhere in the source, functions included."""
    package = module if module in known and (ROOT / module.replace(".", "/")).is_dir() else None
    found = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            found += [(node.lineno, alias.name) for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = (package or module).split(".")
                anchor = anchor[: len(anchor) - node.level + (1 if package else 0)]
                base = ".".join([*anchor, base] if base else anchor)
            for alias in node.names:
                candidate = f"{base}.{alias.name}"
                found.append((node.lineno, candidate if candidate in known else base))
    return [(line, name) for line, name in found if name.split(".")[0] in APPS]


def upward_imports(module: str, source: str, known: set[str]) -> list[str]:
    """Imports that reach above the module's own layer, as readable lines."""
    own = layer_of(module)
    problems = []
    for line, target in imports_of(module, source, known):
        if target in APPS:  # the package itself: nothing in it
            continue
        if layer_of(target) > own:
            problems.append(
                f"{module}:{line} imports {target} "
                f"({LAYERS[layer_of(target)][0]} is above {LAYERS[own][0]})"
            )
        if module.startswith("scrutiny.common") and not target.startswith("scrutiny.common"):
            problems.append(f"{module}:{line} imports {target}: common imports only Django")
    return problems


def test_no_module_imports_from_a_higher_layer():
    known = set(MODULES)
    problems = []
    for module, path in sorted(MODULES.items()):
        problems += upward_imports(module, path.read_text(), known)
    assert problems == []


def test_the_check_sees_an_upward_import_even_inside_a_function():
    known = set(MODULES)
    source = "def f():\n    from scrutiny.views import meetings\n"
    assert upward_imports("scrutiny.models", source, known) != []
    assert upward_imports("scrutiny.common.forms", "import recommendations.models\n", known)
    downward = "from scrutiny.models import Review\n"
    assert upward_imports("scrutiny.views.home", downward, known) == []


def test_no_model_is_looked_up_by_name_or_through_a_relation():
    offenders = [
        f"{module}: {match.group(0)}"
        for module, path in sorted(MODULES.items())
        if not module.startswith("scrutiny.common")
        for match in LOOKUP_BY_NAME.finditer(path.read_text())
    ]
    assert offenders == []


def test_modules_stay_small():
    tests = {
        _module_name(path): path
        for path in (ROOT / "tests").rglob("*.py")
        if "node_modules" not in path.parts
    }
    too_long = {
        module: lines
        for module, path in {**MODULES, **tests}.items()
        if module not in LONG_MODULES_ALLOWED
        and (lines := len(path.read_text().splitlines())) > MAX_MODULE_LINES
    }
    assert too_long == {}


def _views() -> list[tuple[str, ast.FunctionDef]]:
    views = []
    for module, path in MODULES.items():
        if layer_of(module) != [name for name, _ in LAYERS].index("views"):
            continue
        for node in ast.parse(path.read_text()).body:
            is_function = isinstance(node, ast.FunctionDef) and node.args.args[:1]
            if is_function and node.args.args[0].arg == "request":
                views.append((module, node))
    return views


def test_views_are_short():
    views = _views()
    assert len(views) > 40  # the walk found the views
    too_long = {
        f"{module}.{node.name}": lines
        for module, node in views
        if (lines := node.end_lineno - node.lineno + 1) > MAX_VIEW_LINES
    }
    assert too_long == {}


@pytest.mark.parametrize(
    ("module", "layer"),
    [
        ("scrutiny.common.locking", "common"),
        ("scrutiny.models", "scrutiny's models"),
        ("recommendations.selectors", "reads: permissions, selectors, history, template tags"),
        ("scrutiny.views.meetings", "views"),
        ("scrutiny.urls", "wiring"),
    ],
)
def test_layers_are_named_as_the_readme_says(module, layer):
    assert LAYERS[layer_of(module)][0] == layer
