"""Time and peak memory of every output format over many files, and text against JSON.

    python bench/formats.py              # 2,000 files: a few minutes
    python bench/formats.py -n 20000     # the size a large call reaches

For each ``check`` format and each ``report`` format, one fresh process checks the same
generated applications (``bench/run.py``'s generator, about one in six ineligible or
invalid) and writes to ``-o`` a file; the wall time and the peak resident memory of its
largest process are printed, each against the target, then the ratio text / JSON in time.
Targets (the hardening notes): every format under 300 MB at 20,000 files, text at most 3
times JSON. The exit status is 1 when a target is missed. The machine's load average is
printed with each row: on a shared machine, times are only comparable at a similar load.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from run import PYTHON, generate

CHECK_FORMATS = ("json", "text", "junit", "sarif", "github", "markdown")
REPORT_FORMATS = ("table", "json", "csv", "markdown", "html")
# The targets, at 20,000 files: the largest process of every format under this, and text
# at most this many times JSON in time.
MEMORY_LIMIT_MB = 300
TEXT_OVER_JSON = 3.0

# Runs the command, then prints its exit code and the peak resident memory of the largest
# process among it and its workers (they are all waited for when it ends).
_WRAPPER = (
    "import resource, subprocess, sys; "
    "done = subprocess.run(sys.argv[1:], capture_output=True); "
    "print(done.returncode, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)"
)


def measure(command: list[str], env: dict[str, str]) -> tuple[float, int]:
    """Wall time and peak memory (KiB) of a command that must end with 0 or 1 (some applications fail)."""
    started = time.perf_counter()
    done = subprocess.run([PYTHON, "-c", _WRAPPER, *command], capture_output=True, text=True, check=True, env=env)
    seconds = time.perf_counter() - started
    code, peak = (int(part) for part in done.stdout.split())
    if code not in (0, 1):
        raise SystemExit(f"{' '.join(command)} ended with {code}")
    return seconds, peak


def load() -> str:
    return " ".join(f"{value:.2f}" for value in os.getloadavg())


def verdict(passed: bool) -> str:
    return "pass" if passed else "FAIL"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("-n", "--files", type=int, default=2000)
    parser.add_argument("--formats", nargs="*", help="only these (check:json, report:html …)")
    args = parser.parse_args()
    env = {**os.environ, "NO_COLOR": "1"}
    env.pop("GITHUB_ACTIONS", None)
    failed = False
    print(f"{args.files} files, {os.cpu_count()} cores, load average {load()}", flush=True)
    with tempfile.TemporaryDirectory(prefix="sicheck-formats-") as tmp:
        folder = Path(tmp) / "apps"
        folder.mkdir()
        generate(folder, args.files)
        out = Path(tmp) / "out"
        rows: list[tuple[str, float, int]] = []
        wanted = set(args.formats or [])
        for command, formats in (("check", CHECK_FORMATS), ("report", REPORT_FORMATS)):
            for name in formats:
                key = f"{command}:{name}"
                if wanted and key not in wanted:
                    continue
                seconds, peak = measure(
                    [PYTHON, "-m", "sicheck", command, str(folder), "--format", name, "-o", str(out)], env
                )
                rows.append((key, seconds, peak))
                size = out.stat().st_size / 1e6
                passed = peak / 1024 < MEMORY_LIMIT_MB
                failed |= not passed
                print(
                    f"{key:18} {seconds:8.1f} s {peak / 1024:8.0f} MB  {verdict(passed)}"
                    f"   (output {size:.1f} MB, load {load()})",
                    flush=True,
                )
        times = {key: seconds for key, seconds, _ in rows}
        if "check:text" in times and "check:json" in times:
            ratio = times["check:text"] / times["check:json"]
            failed |= ratio > TEXT_OVER_JSON
            print(f"text / json: {ratio:.2f} (target <= {TEXT_OVER_JSON:g})  {verdict(ratio <= TEXT_OVER_JSON)}")
        worst = max(rows, key=lambda row: row[2]) if rows else None
        if worst is not None:
            print(f"largest: {worst[0]} {worst[2] / 1024:.0f} MB (target < {MEMORY_LIMIT_MB} MB at 20,000 files)")
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main())
