"""What a plain install ships (the Dockerfile's ``pip install '.[postgres]'``, not editable): every module
and data file of the four packages. Before, pyproject listed the four alone: the image held 32 modules of
300 and died on « No module named 'models.tables' », while editable installs (CI, the README's set-up)
mapped whole folders and hid it."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PACKAGES = ("bot", "conversations", "models", "locales")
DATA = ("*.html", "*.js", "*.css", "*.json", "*.po", "*.pot")


def shipped_files(root: Path) -> set[str]:
    """The modules and data files under the four packages, relative to ``root``."""
    found = {path for package in PACKAGES for path in (root / package).rglob("*") if path.is_file()}
    wanted = {path for path in found if path.suffix == ".py" or any(path.match(glob) for glob in DATA)}
    return {str(path.relative_to(root)) for path in wanted if "__pycache__" not in path.parts}


def test_a_plain_install_ships_every_module_and_data_file(tmp_path):
    source, built = tmp_path / "source", tmp_path / "built"
    source.mkdir()
    for name in ("pyproject.toml", "README.md"):
        shutil.copy(ROOT / name, source)
    for package in PACKAGES:
        shutil.copytree(ROOT / package, source / package, ignore=shutil.ignore_patterns("__pycache__"))
    build = [
        sys.executable,
        "-c",
        "import setuptools; setuptools.setup()",
        "-q",
        "build_py",
        "-d",
        str(built),
    ]
    subprocess.run(build, cwd=source, check=True, capture_output=True, timeout=120)
    missing = sorted(shipped_files(source) - shipped_files(built))
    assert not missing, f"{len(missing)} files a plain install leaves out, e.g. {missing[:5]}"
    assert (built / "models" / "tables").is_dir() and (
        built / "bot" / "web" / "miniapp" / "templates"
    ).is_dir()
