"""sicheck's benchmark: speed and memory as ratios against baselines measured in the same run.

    python bench/run.py              # N=1,000 (and 10,000 for memory)
    python bench/run.py -n 200 --quick

It generates N realistic applications (varied copies of the sample applications) in a
temporary folder and times, in one run:

1. the floor: a bare ``yaml.load(..., CSafeLoader)`` loop over the same files;
2. ``sicheck check --format json`` over them, end to end (a fresh process);
3. check-jsonschema with sicheck's exported schema over the same files (the nearest peer);
4. ``sicheck --version`` against ``python -c "import typer"`` (start-up);
5. peak memory of ``sicheck check`` at N and 10×N files.

Targets (DESIGN.md section 6, on the project's 2-core machine): check/floor <= 1.5,
check-jsonschema/check >= 8, version/import-typer <= 1.25, memory flat in N.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "sample_applications"
PYTHON = sys.executable
BIN = Path(PYTHON).parent

WORDS = [
    "elever",
    "skola",
    "familjer",
    "stöd",
    "samverkan",
    "region",
    "kommun",
    "insats",
    "mätning",
    "uppföljning",
    "behov",
    "metod",
    "effekt",
    "närvaro",
    "hälsa",
    "trygghet",
    "arbete",
    "ungdomar",
    "föräldrar",
    "personal",
    "utveckling",
]


def generate(folder: Path, count: int, seed: int = 1) -> list[Path]:
    """Write ``count`` varied applications: sample texts reshuffled, numbers and dates moved."""
    rng = random.Random(seed)
    sources = sorted(SAMPLES.glob("*.yaml"))
    texts = [p.read_text(encoding="utf-8") for p in sources]
    paths: list[Path] = []
    for index in range(count):
        text = texts[index % len(texts)]

        def vary_number(match: re.Match[str]) -> str:
            return f"{match.group(1)}{int(match.group(2)) + rng.randint(0, 50)}"

        text = re.sub(r"(hours: |size: |total_sek: |requested_sek: )(\d+)", vary_number, text)
        text = text.replace("title: ", f"title: {rng.choice(WORDS).capitalize()} {index} – ", 1)
        lines = text.splitlines()
        # Sprinkle a few extra words into summaries and descriptions.
        for i, line in enumerate(lines):
            if line.lstrip().startswith(("summary:", "description:")) and line.rstrip().endswith(
                ("a", "e", "n", "r", ".")
            ):
                lines[i] = line + " " + " ".join(rng.choice(WORDS) for _ in range(rng.randint(1, 8)))
        path = folder / f"ansokan-{index:05d}.yaml"
        path.write_text("\n".join(lines) + "\n", encoding="utf-8")
        paths.append(path)
    return paths


def floor(paths: list[Path]) -> float:
    import yaml

    start = time.perf_counter()
    for path in paths:
        with path.open("rb") as handle:
            yaml.load(handle, Loader=yaml.CSafeLoader)
    return time.perf_counter() - start


def timed(command: list[str], *, env: dict[str, str] | None = None) -> tuple[float, subprocess.CompletedProcess[bytes]]:
    start = time.perf_counter()
    done = subprocess.run(command, capture_output=True, env=env, check=False)
    return time.perf_counter() - start, done


def peak_memory_kib(command: list[str]) -> int:
    """Peak resident memory of a command, read in a wrapper so that each run counts alone."""
    wrapper = (
        "import resource, subprocess, sys; "
        "subprocess.run(sys.argv[1:], capture_output=True); "
        "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)"
    )
    done = subprocess.run([PYTHON, "-c", wrapper, *command], capture_output=True, text=True, check=True)
    return int(done.stdout.strip())


def median_time(command: list[str], runs: int) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(command, capture_output=True, check=False)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def exported_schema(target: Path) -> Path:
    from sicheck.application import schema_document

    def strip(node: object) -> object:
        if isinstance(node, dict):
            return {k: strip(v) for k, v in node.items() if k != "x-en"}
        if isinstance(node, list):
            return [strip(v) for v in node]
        return node

    target.write_text(json.dumps(strip(schema_document()), ensure_ascii=False), encoding="utf-8")
    return target


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("-n", type=int, default=1000, help="number of applications (default 1000)")
    parser.add_argument("--quick", action="store_true", help="skip the 10×N memory run and use fewer start-up runs")
    parser.add_argument("--runs", type=int, default=3, help="repeats of each timed step; the best is kept")
    parser.add_argument("--json", type=Path, help="also write the figures as JSON to this file")
    args = parser.parse_args()

    sicheck = [str(BIN / "sicheck")] if (BIN / "sicheck").exists() else [PYTHON, "-m", "sicheck"]
    check_jsonschema = shutil.which("check-jsonschema", path=str(BIN)) or shutil.which("check-jsonschema")
    env = {**os.environ, "NO_COLOR": "1"}
    figures: dict[str, float | int | str | None] = {"n": args.n, "cpus": os.cpu_count() or 1}

    with tempfile.TemporaryDirectory(prefix="sicheck-bench-") as temp:
        folder = Path(temp) / "apps"
        folder.mkdir()
        paths = generate(folder, args.n)
        output = Path(temp) / "out.json"

        floor_s = min(floor(paths) for _ in range(args.runs))
        check_s = min(
            timed([*sicheck, "check", str(folder), "--format", "json", "-o", str(output)], env=env)[0]
            for _ in range(args.runs)
        )
        serial_s = min(
            timed([*sicheck, "check", str(folder), "--format", "json", "-o", str(output), "-j", "1"], env=env)[0]
            for _ in range(args.runs)
        )
        figures.update(check_one_process_s=serial_s, check_one_process_per_floor=serial_s / floor_s)
        report = json.loads(output.read_text(encoding="utf-8"))
        assert report["summary"]["applications"] == args.n, "sicheck did not check every file"
        figures.update(floor_s=floor_s, check_s=check_s, check_per_floor=check_s / floor_s)

        if check_jsonschema:
            schema = exported_schema(Path(temp) / "schema.json")
            peer_s, done = timed([check_jsonschema, "--schemafile", str(schema), *map(str, paths)])
            figures.update(check_jsonschema_s=peer_s, check_jsonschema_per_check=peer_s / check_s)
            figures["check_jsonschema_exit"] = done.returncode
        else:
            figures.update(check_jsonschema_s=None, check_jsonschema_per_check=None)

        runs = 7 if args.quick else 25
        version_s = median_time([*sicheck, "--version"], runs)
        typer_s = median_time([PYTHON, "-c", "import typer"], runs)
        one_file_s = median_time([*sicheck, "check", str(paths[0]), "--format", "json"], runs)
        figures.update(
            version_s=version_s,
            import_typer_s=typer_s,
            version_per_import_typer=version_s / typer_s,
            check_one_file_s=one_file_s,
        )

        memory_n = peak_memory_kib([*sicheck, "check", str(folder), "--format", "json", "-o", str(output)])
        figures["peak_kib_n"] = memory_n
        if not args.quick:
            big = Path(temp) / "big"
            big.mkdir()
            generate(big, args.n * 10, seed=2)
            memory_10n = peak_memory_kib([*sicheck, "check", str(big), "--format", "json", "-o", str(output)])
            figures["peak_kib_10n"] = memory_10n
            figures["memory_10n_per_n"] = memory_10n / memory_n

    print(f"sicheck benchmark, N={args.n}, {figures['cpus']} CPUs, Python {sys.version.split()[0]}")
    print(f"  floor (yaml CSafeLoader loop)      {figures['floor_s']:.3f} s")
    print(
        f"  sicheck check --format json        {figures['check_s']:.3f} s   "
        f"ratio {figures['check_per_floor']:.2f}  (target <= 1.5)"
    )
    print(
        f"  sicheck check, one process (-j 1)  {figures['check_one_process_s']:.3f} s   "
        f"ratio {figures['check_one_process_per_floor']:.2f}"
    )
    if figures["check_jsonschema_s"] is not None:
        print(
            f"  check-jsonschema, same files       {figures['check_jsonschema_s']:.3f} s   "
            f"ratio {figures['check_jsonschema_per_check']:.1f}× slower (target >= 8)"
        )
    else:
        print("  check-jsonschema                   not installed (pip install check-jsonschema)")
    print(
        f"  sicheck --version                  {figures['version_s'] * 1000:.0f} ms vs import typer "
        f"{figures['import_typer_s'] * 1000:.0f} ms   ratio {figures['version_per_import_typer']:.2f}  (target <= 1.25)"
    )
    print(f"  sicheck check, one file            {figures['check_one_file_s'] * 1000:.0f} ms")
    print(f"  peak memory at N                   {figures['peak_kib_n'] / 1024:.1f} MiB")
    if "peak_kib_10n" in figures:
        print(
            f"  peak memory at 10×N                {figures['peak_kib_10n'] / 1024:.1f} MiB   "
            f"ratio {figures['memory_10n_per_n']:.2f}  (flat: close to 1)"
        )
    if args.json:
        args.json.write_text(json.dumps(figures, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
