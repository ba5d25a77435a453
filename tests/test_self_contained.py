"""The suite, the benchmark and the package need nothing outside the repository, and the
Python version is told the same way everywhere."""

from __future__ import annotations

import re
import tomllib

import yaml

from .conftest import ROOT

# The folder the project was planned in sits beside the repository; a user's clone, an
# sdist and a fork have no such folder, so no code may reach for it or above the root.
OUTSIDE = re.compile(r"""ROOT\.parent|__file__.*parent\.parent\.parent|["']shared["']|shared/(?:schemas|seeds)""")


def _sources() -> list[str]:
    files = [*ROOT.joinpath("sicheck").rglob("*.py"), *ROOT.joinpath("tests").rglob("*.py")]
    files += [*ROOT.joinpath("bench").rglob("*.py"), ROOT / ".ci" / "run", ROOT / ".ci" / "lowest-constraints"]
    return [
        f"{path.relative_to(ROOT)}:{n}: {line.strip()}"
        for path in files
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
    ]


def test_nothing_reads_outside_the_repository() -> None:
    ours = "tests/test_self_contained.py"
    found = [line for line in _sources() if OUTSIDE.search(line) and not line.startswith(ours)]
    assert found == []


def test_the_output_schemas_the_tests_use_are_in_the_repository() -> None:
    schemas = ROOT / "tests" / "schemas"
    assert (schemas / "sarif-schema-2.1.0.json").is_file()
    assert (schemas / "junit-10.xsd").is_file()
    readme = (schemas / "README.md").read_text(encoding="utf-8")
    assert "licence" in readme and "OASIS" in readme and "MIT" in readme


def test_one_python_story() -> None:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    assert project["requires-python"] == ">=3.11"
    versions = {c.rsplit(" :: ", 1)[1] for c in project["classifiers"] if re.fullmatch(r".*Python :: 3\.\d+", c)}
    assert min(versions, key=lambda v: tuple(map(int, v.split(".")))) == "3.11"
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "Python 3.11 or newer" in readme
    assert not re.search(r"Python 3\.(?:[0-9]|10)\b(?! or newer)", readme.replace("Python 3.11 or newer", ""))
    action = yaml.safe_load((ROOT / "action.yml").read_text(encoding="utf-8"))
    install = action["runs"]["steps"][0]["run"]
    assert "sys.version_info < (3, 11)" in install and "Python 3.11 or newer" in install


def test_every_dependency_has_a_lower_bound() -> None:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    for requirement in [*project["dependencies"], *project["optional-dependencies"]["test"]]:
        assert ">=" in requirement, requirement
