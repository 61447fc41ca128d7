"""The house rules, read from the source: import direction, no telegram below the UI, sizes."""

from __future__ import annotations

import ast
import json
import subprocess
import sys
from dataclasses import dataclass
from functools import cache
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PRODUCT = ("bot", "conversations", "models", "locales")
# Imports only go down this list (a layer may use any layer below it, and itself).
LAYERS = ("models/locales", "conversations.render", "conversations.ui", "journeys", "bot")
JOURNEYS = (
    "dossier",
    "follow_up",
    "committee",
    "federation",
    "onboarding",
    "preferences",
    "consultation",
    "personal_data",
    "team",
)
NO_TELEGRAM = ("conversations.render", "models")
MAX_MODULES_PER_FOLDER = 12
MAX_FILE_LINES = 300
MAX_FUNCTION_LINES = 60


@dataclass(frozen=True)
class Module:
    """One Python file of the product, by its dotted name."""

    name: str
    path: Path
    is_package: bool

    @property
    def where(self) -> str:
        """The path as failure messages show it, relative to the repository."""
        return self.path.relative_to(ROOT).as_posix()


@dataclass(frozen=True)
class Import:
    """One first-party or third-party module a module imports, and where."""

    target: str
    line: int


@cache
def modules() -> tuple[Module, ...]:
    """Every module of the product folders."""
    found = []
    for folder in PRODUCT:
        for path in sorted((ROOT / folder).rglob("*.py")):
            parts = path.relative_to(ROOT).with_suffix("").parts
            is_package = parts[-1] == "__init__"
            found.append(Module(".".join(parts[:-1] if is_package else parts), path, is_package))
    return tuple(found)


@cache
def syntax_tree(path: Path) -> ast.Module:
    """A file's AST, parsed once for every check."""
    return ast.parse(path.read_text(encoding="utf-8"), filename=str(path))


def _is_module(name: str) -> bool:
    """Whether a dotted name is a first-party module or package (not a name defined inside one)."""
    path = ROOT.joinpath(*name.split("."))
    return path.with_suffix(".py").is_file() or (path / "__init__.py").is_file()


def _absolute(module: Module, node: ast.ImportFrom) -> str:
    """The package a `from … import` reads from, relative imports resolved."""
    if not node.level:
        return node.module or ""
    package = module.name.split(".") if module.is_package else module.name.split(".")[:-1]
    base = package[: len(package) - node.level + 1]
    return ".".join([*base, node.module] if node.module else base)


def imports(module: Module) -> list[Import]:
    """Every module imported anywhere in a file, at the top, in functions or under TYPE_CHECKING."""
    found: dict[Import, None] = {}  # ordered, and one entry for `from x import a, b`
    for node in ast.walk(syntax_tree(module.path)):
        if isinstance(node, ast.Import):
            found.update(dict.fromkeys(Import(alias.name, node.lineno) for alias in node.names))
        elif isinstance(node, ast.ImportFrom):
            source = _absolute(module, node)
            # `from conversations import ui` imports the submodule conversations.ui
            for alias in node.names:
                submodule = f"{source}.{alias.name}"
                found[Import(submodule if _is_module(submodule) else source, node.lineno)] = None
    return list(found)


def _within(name: str, package: str) -> bool:
    """Whether a dotted name is the package itself or a module inside it."""
    return name == package or name.startswith(package + ".")


def layer(name: str) -> int | None:
    """The rank of a product module in LAYERS (higher imports lower), None for third-party code."""
    if _within(name, "bot"):
        return LAYERS.index("bot")
    if _within(name, "conversations.ui") or _within(name, "conversations.render"):
        return LAYERS.index(".".join(name.split(".")[:2]))
    if _within(name, "conversations"):
        return LAYERS.index("journeys")
    if _within(name, "models") or _within(name, "locales"):
        return LAYERS.index("models/locales")
    return None


def journey(name: str) -> str | None:
    """The user journey a module belongs to, if it is part of one."""
    parts = name.split(".")
    if len(parts) >= 2 and parts[0] == "conversations" and parts[1] in JOURNEYS:
        return parts[1]
    return None


def violation_message(found: list[str], rule: str) -> str:
    """A failure message listing every violation of a rule, one per line."""
    return f"{len(found)} violation(s) of: {rule}\n" + "\n".join(found)


def test_imports_only_go_down() -> None:
    found = [
        f"{module.where}:{imported.line}: {module.name} ({LAYERS[layer(module.name)]}) imports "
        f"{imported.target} ({LAYERS[target]})"
        for module in modules()
        for imported in imports(module)
        if (target := layer(imported.target)) is not None and target > layer(module.name)
    ]
    assert not found, violation_message(found, "imports only go down " + " → ".join(reversed(LAYERS)))


def test_no_telegram_import_below_the_ui() -> None:
    found = [
        f"{module.where}:{imported.line}: imports {imported.target}"
        for module in modules()
        if any(_within(module.name, package) for package in NO_TELEGRAM)
        for imported in imports(module)
        if _within(imported.target, "telegram")
    ]
    assert not found, violation_message(found, f"{' and '.join(NO_TELEGRAM)} import no telegram")


def test_importing_the_renderers_and_the_domain_loads_no_telegram() -> None:
    # the AST check misses what third-party or dynamic imports bring in: ask the interpreter
    names = [m.name for m in modules() if any(_within(m.name, package) for package in NO_TELEGRAM)]
    script = (
        "import importlib, json, sys\n"
        "for name in json.loads(sys.argv[1]):\n"
        "    importlib.import_module(name)\n"
        "    loaded = sorted(m for m in sys.modules if m == 'telegram' or m.startswith('telegram.'))\n"
        "    if loaded:\n"
        "        sys.exit(f'importing {name} loaded {loaded[:3]}')\n"
    )
    run = subprocess.run(
        [sys.executable, "-c", script, json.dumps(names)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert run.returncode == 0, run.stderr


def test_journeys_do_not_import_each_other() -> None:
    found = [
        f"{module.where}:{imported.line}: {own} imports {imported.target} ({other})"
        for module in modules()
        if (own := journey(module.name))
        for imported in imports(module)
        if (other := journey(imported.target)) and other != own
    ]
    rule = "a journey does not import another journey (shared pieces go to ui/ or render/)"
    assert not found, violation_message(found, rule)


def test_no_folder_holds_more_than_12_modules() -> None:
    folders: dict[Path, list[Module]] = {}
    for module in modules():
        if not module.is_package:
            folders.setdefault(module.path.parent, []).append(module)
    found = [
        f"{folder.relative_to(ROOT).as_posix()}/: {len(held)} modules"
        for folder, held in sorted(folders.items())
        if len(held) > MAX_MODULES_PER_FOLDER
    ]
    rule = f"at most {MAX_MODULES_PER_FOLDER} modules per folder, __init__.py aside"
    assert not found, violation_message(found, rule)


def test_no_file_is_over_300_lines() -> None:
    found = [
        f"{module.where}:{MAX_FILE_LINES + 1}: {lines} lines"
        for module in modules()
        if (lines := len(module.path.read_text(encoding="utf-8").splitlines())) > MAX_FILE_LINES
    ]
    assert not found, violation_message(found, f"at most {MAX_FILE_LINES} lines per file")


def test_no_function_is_over_60_lines() -> None:
    found = [
        f"{module.where}:{node.lineno}: {node.name}() has {length} lines"
        for module in modules()
        for node in ast.walk(syntax_tree(module.path))
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef)
        # from `def` to the last line of the body: decorators aside, docstring included
        if (length := node.end_lineno - node.lineno + 1) > MAX_FUNCTION_LINES
    ]
    assert not found, violation_message(found, f"at most {MAX_FUNCTION_LINES} lines per function")


def test_the_checks_see_the_whole_product() -> None:
    names = {module.name for module in modules()}
    assert {"bot.cli", "conversations.ui.router", "conversations.render.ics", "locales"} <= names
    assert {"models.parsing.due_dates", "conversations.dossier.editor.questions"} <= names
    sample = Module("conversations.committee.decisions", ROOT / "x.py", is_package=False)
    relative = ast.parse("from ..follow_up import calendar\nfrom . import export\n").body
    resolved = [_absolute(sample, node) for node in relative]
    assert resolved == ["conversations.follow_up", "conversations.committee"]
    assert journey("conversations.dossier.editor.questions") == "dossier"
    assert layer("conversations.ui.router") < layer("conversations.onboarding") < layer("bot.jobs")
    assert layer("telegram.ext") is None
