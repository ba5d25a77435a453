"""Time and peak memory of every output format over many files, and text against JSON.

    python bench/formats.py              # 2,000 files: a few minutes
    python bench/formats.py -n 20000     # the size a large call reaches

For each ``check`` format and each ``report`` format, one fresh process checks the same
generated applications (``bench/run.py``'s generator, about one in six ineligible or
invalid) and writes to ``-o`` a file; the wall time and the peak resident memory of its
largest process are printed, then the ratio text / JSON in time. Targets (the hardening
notes): every format under 300 MB at 20,000 files, text at most 3 times JSON.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from run import PYTHON, generate, peak_memory_kib

CHECK_FORMATS = ("json", "text", "junit", "sarif", "github", "markdown")
REPORT_FORMATS = ("table", "json", "csv", "markdown", "html")


def measure(command: list[str], env: dict[str, str]) -> tuple[float, int]:
    started = time.perf_counter()
    peak = peak_memory_kib(command, env)
    return time.perf_counter() - started, peak


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("-n", "--files", type=int, default=2000)
    parser.add_argument("--formats", nargs="*", help="only these (check:json, report:html …)")
    args = parser.parse_args()
    env = {**os.environ, "NO_COLOR": "1"}
    env.pop("GITHUB_ACTIONS", None)
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
                print(f"{key:18} {seconds:8.1f} s {peak / 1024:8.0f} MB", flush=True)
        times = {key: seconds for key, seconds, _ in rows}
        if "check:text" in times and "check:json" in times:
            print(f"text / json: {times['check:text'] / times['check:json']:.2f} (target <= 3)")
        worst = max(rows, key=lambda row: row[2]) if rows else None
        if worst is not None:
            print(f"largest: {worst[0]} {worst[2] / 1024:.0f} MB (target < 300 MB at 20,000 files)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
