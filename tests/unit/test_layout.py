"""The package's shape, as issue 10 set it and the README describes it: stages in packages, streamlit only in ui/."""

from __future__ import annotations

import re

from tests.conftest import ROOT

PACKAGE = ROOT / "dashboard"


def _layout_section() -> str:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    return readme[readme.index("## How the code is laid out") :].split("\n## ", 1)[0]


def test_the_readme_names_every_package_and_top_level_module():
    section = _layout_section()
    packages = sorted(p.name for p in PACKAGE.iterdir() if (p / "__init__.py").is_file())
    modules = sorted(p.name for p in PACKAGE.glob("*.py") if p.name != "__init__.py")
    for name in [f"{p}/" for p in packages] + modules:
        assert re.search(rf"^  {re.escape(name)}\s", section, flags=re.MULTILINE), (
            f"{name} is not in the README's layout"
        )
    assert len(modules) + 1 <= 8, f"{len(modules) + 1} modules directly in dashboard/: move some into a stage package"


def test_streamlit_is_imported_only_by_the_ui():
    for path in PACKAGE.rglob("*.py"):
        if "ui" in path.relative_to(PACKAGE).parts:
            continue
        text = path.read_text(encoding="utf-8")
        assert not re.search(r"^\s*(import streamlit|from streamlit)", text, flags=re.MULTILINE), path


def test_every_module_says_what_it_does():
    for path in PACKAGE.rglob("*.py"):
        if path.name == "__init__.py" and path.stat().st_size == 0:
            continue
        text = path.read_text(encoding="utf-8").lstrip()
        assert text.startswith('"""'), f"{path.relative_to(ROOT)} has no module docstring"
