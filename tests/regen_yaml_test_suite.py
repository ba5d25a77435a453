"""Regenerate tests/yaml_test_suite/ from a clone of the official YAML test suite.

The suite's ``data`` branch holds every case as a folder with its input as raw bytes
(``in.yaml``), its name (``===``) and, for YAML that a parser must refuse, an ``error`` file.
Run from the repository root:

    git clone --branch data https://github.com/yaml/yaml-test-suite /tmp/yts
    python -m tests.regen_yaml_test_suite /tmp/yts

(a bare clone or a clone of another branch works too: the ``data`` branch is read with git),
then review the diff (git diff --stat tests/yaml_test_suite) before committing it.
"""

from __future__ import annotations

import argparse
import re
import subprocess
from pathlib import Path

OUT = Path(__file__).resolve().parent / "yaml_test_suite"
CASES = OUT / "cases"
MANIFEST = OUT / "cases.tsv"
SOURCE = OUT / "SOURCE"
LICENSE = OUT / "LICENSE"
CASE_ID = re.compile(r"^[0-9A-Z]{4}(?:/[0-9]{2,3})?$")


def _git(repo: Path, *args: str) -> bytes:
    return subprocess.run(["git", "-C", str(repo), *args], check=True, capture_output=True).stdout


def _file_name(case_id: str) -> str:
    """``2G84/01`` -> ``2G84-01.yaml``: one flat folder, sorted as the suite sorts."""
    return case_id.replace("/", "-") + ".yaml"


def _resolve(repo: Path, ref: str) -> str:
    """The commit of ``ref``, or of ``origin/ref`` in a clone whose own branch is another."""
    for candidate in (ref, f"origin/{ref}"):
        found = subprocess.run(
            ["git", "-C", str(repo), "rev-parse", "--verify", "--quiet", f"{candidate}^{{commit}}"],
            capture_output=True,
            check=False,
        )
        if found.returncode == 0:
            return found.stdout.decode().strip()
    raise SystemExit(f"no {ref} or origin/{ref} in {repo}")


def regenerate(repo: Path, ref: str) -> int:
    commit = _resolve(repo, ref)
    subject = _git(repo, "log", "-1", "--format=%s", commit).decode().strip()
    listing = _git(repo, "ls-tree", "-r", "-z", "--format=%(objectname) %(path)", commit).decode()
    blobs = dict(reversed(entry.split(" ", 1)) for entry in listing.split("\0") if entry)
    case_ids = sorted(path.rsplit("/", 1)[0] for path in blobs if path.endswith("/in.yaml"))
    if not case_ids or any(not CASE_ID.match(case_id) for case_id in case_ids):
        raise SystemExit(f"{ref} at {commit} does not look like the suite's data branch")

    CASES.mkdir(parents=True, exist_ok=True)
    for old in CASES.glob("*.yaml"):
        old.unlink()
    rows = ["id\terror\tname"]
    for case_id in case_ids:
        data = _git(repo, "cat-file", "blob", blobs[f"{case_id}/in.yaml"])
        (CASES / _file_name(case_id)).write_bytes(data)
        name = _git(repo, "cat-file", "blob", blobs[f"{case_id}/==="]).decode("utf-8").strip()
        error = "yes" if f"{case_id}/error" in blobs else "no"
        rows.append(f"{case_id}\t{error}\t{name}")
    MANIFEST.write_text("\n".join(rows) + "\n", encoding="utf-8")
    # The licence lives on the suite's main branch, beside the sources the data is made from.
    LICENSE.write_bytes(_git(repo, "show", f"{_resolve(repo, 'main')}:License"))
    SOURCE.write_text(f"{commit} {subject}\n", encoding="utf-8")
    return len(case_ids)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("clone", type=Path, help="a clone of the YAML test suite (bare or not)")
    parser.add_argument("--ref", default="data", help="the branch or commit with the generated data (default: data)")
    arguments = parser.parse_args()
    count = regenerate(arguments.clone, arguments.ref)
    print(f"{count} cases written to {CASES}")


if __name__ == "__main__":
    main()
