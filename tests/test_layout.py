"""The package's shape: stages import one way down the pipeline, no cycles, small modules.

Every ``import`` in every module (at any depth, ``TYPE_CHECKING`` blocks included)
is an arrow; an arrow from a stage to a later one, or one that closes a cycle,
fails with the file and line that drew it.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "tarjama"
# the pipeline, in order: a module may import its own stage and the stages before it
STAGES = ["core", "segment", "catalog", "merge", "render", "publish"]
API, CLI, MAIN = len(STAGES), len(STAGES) + 1, len(STAGES) + 2
MAX_MODULE_LINES = 400
MAX_FUNCTION_LINES = 60


def module_name(path: Path) -> str:
    parts = list(path.relative_to(PACKAGE.parent).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


MODULES = {module_name(p): p for p in sorted(PACKAGE.rglob("*.py"))}


def rank(module: str) -> int:
    """The position of *module*'s stage in the pipeline."""
    parts = module.split(".")
    if parts == ["tarjama"]:
        return API
    if parts[1] == "cli":
        return CLI
    if parts[1] == "__main__":
        return MAIN
    return STAGES.index(parts[1])


def imports(module: str) -> Iterator[tuple[str, int]]:
    """(imported tarjama module, line) for every import in *module*."""
    path = MODULES[module]
    package = module if path.name == "__init__.py" else module.rpartition(".")[0]
    for node in ast.walk(ast.parse(path.read_text("utf-8"))):
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield alias.name, node.lineno
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                base = ".".join(package.split(".")[: len(package.split(".")) - node.level + 1])
                base = f"{base}.{node.module}" if node.module else base
            for alias in node.names:
                # "from tarjama.core import locales" imports the module tarjama.core.locales
                sub = f"{base}.{alias.name}"
                yield (sub if sub in MODULES else base), node.lineno


def arrows() -> Iterator[tuple[str, str, int]]:
    for module in MODULES:
        for target, line in imports(module):
            yield module, target, line


def test_every_module_belongs_to_a_stage() -> None:
    stray = [m for m in MODULES if m.count(".") == 1 and m.split(".")[1] not in ("cli", "__main__")]
    assert stray == [m for m in stray if m.split(".")[1] in STAGES]


def test_imports_point_down_the_pipeline() -> None:
    wrong = [
        f"{MODULES[source].relative_to(PACKAGE.parent)}:{line}: {source} imports {target}"
        for source, target, line in arrows()
        if target.split(".")[0] == "tarjama" and rank(target) > rank(source)
    ]
    assert wrong == []


def test_render_never_reads_a_catalog_and_only_the_entry_point_imports_the_cli() -> None:
    wrong = []
    for source, target, line in arrows():
        where = f"{MODULES[source].relative_to(PACKAGE.parent)}:{line}"
        if rank(source) == STAGES.index("render") and (
            target.startswith(("tarjama.catalog", "polib"))
        ):
            wrong.append(f"{where}: the renderer imports {target}")
        if target == "tarjama.cli" and source != "tarjama.__main__":
            wrong.append(f"{where}: {source} imports the CLI")
        if rank(source) < STAGES.index("publish") and target.startswith("tarjama.publish"):
            wrong.append(f"{where}: {source} imports the publish stage")
    assert wrong == []


# render/ in packages by job: the contract below all, the document and font layers (which
# do not import each other), Typst over the fonts, and the output formats on top, which
# never import each other
RENDER_LAYERS = {
    "contract": 0,
    "document": 1,
    "fonts": 1,
    "typst": 2,
    "html": 3,
    "epub": 3,
    "pdf": 3,
    "md": 3,
}


def render_package(module: str) -> str | None:
    """The package (or the contract) of a module of the render stage."""
    parts = module.split(".")
    return parts[2] if len(parts) > 2 and parts[1] == "render" else None


def test_render_is_in_packages_by_job() -> None:
    stray = [m for m in MODULES if render_package(m) not in (None, *RENDER_LAYERS)]
    assert stray == []
    assert not [
        p for p in (PACKAGE / "render").glob("*.py") if p.stem not in ("__init__", "contract")
    ]


def test_render_packages_import_down_and_formats_never_each_other() -> None:
    wrong = []
    for source, target, line in arrows():
        mine, theirs = render_package(source), render_package(target)
        if mine is None or theirs is None or mine == theirs:
            continue
        where = f"{MODULES[source].relative_to(PACKAGE.parent)}:{line}"
        if RENDER_LAYERS[theirs] >= RENDER_LAYERS[mine]:
            wrong.append(f"{where}: render/{mine} imports render/{theirs} ({target})")
    assert wrong == []


def test_no_import_cycle() -> None:
    graph: dict[str, set[str]] = {m: set() for m in MODULES}
    for source, target, _ in arrows():
        if target in MODULES and target != source:
            graph[source].add(target)
    cycles: list[list[str]] = []
    state: dict[str, int] = {}  # 1 on the path, 2 done

    def visit(node: str, path: list[str]) -> None:
        state[node] = 1
        for nxt in sorted(graph[node]):
            if state.get(nxt) == 1:
                cycles.append([*path[path.index(nxt) :], nxt])
            elif nxt not in state:
                visit(nxt, [*path, nxt])
        state[node] = 2

    for module in sorted(graph):
        if module not in state:
            visit(module, [module])
    # a package's __init__ may re-export its own submodules; anything else is a real cycle
    real = [c for c in cycles if not all(m.startswith(c[0].rsplit(".", 1)[0]) for m in c)]
    assert [" -> ".join(c) for c in real] == []


@pytest.mark.parametrize("module", sorted(MODULES))
def test_modules_and_functions_stay_small(module: str) -> None:
    path = MODULES[module]
    text = path.read_text("utf-8")
    assert len(text.splitlines()) <= MAX_MODULE_LINES, f"{path}: split it by responsibility"
    long = [
        f"{path.name}:{node.lineno}: {node.name} has {node.end_lineno - node.lineno + 1} lines"
        for node in ast.walk(ast.parse(text))
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef)
        and node.end_lineno is not None
        and node.end_lineno - node.lineno + 1 > MAX_FUNCTION_LINES
    ]
    assert long == []


def test_the_api_is_importable_from_the_package_root() -> None:
    import tarjama

    for name in ("extract", "update", "check", "stats", "build", "load_config", "preview"):
        assert callable(getattr(tarjama, name)), name
    with pytest.raises(AttributeError):
        _ = tarjama.no_such_function  # type: ignore[attr-defined]


def test_the_cli_calls_only_the_api() -> None:
    """The CLI imports the core (config, errors) and the package root, nothing of the stages."""
    stages = [
        f"cli.py:{line}: {target}"
        for target, line in imports("tarjama.cli")
        if target.startswith("tarjama.")
        and not target.startswith("tarjama.core")
        and rank(target) < API
        and target != "tarjama.catalog.stats"  # a type, for the stats table (TYPE_CHECKING)
    ]
    assert stages == []
