"""sicheck's benchmark: speed and memory as ratios against baselines measured in the same run.

    python bench/run.py              # N=1,000 (and 10,000 for memory)
    python bench/run.py -n 200 --quick

It generates N realistic applications (varied copies of the sample applications) in a
temporary folder and measures, in one run:

1. the floor of any checker on this stack: one process that loads each file with
   CSafeLoader and validates it with a cached jsonschema validator (Draft 2020-12, format
   checker, sicheck's exported schema; dates are kept as text, as JSON Schema wants them);
2. ``sicheck check --format json`` over the files, end to end (a fresh process);
3. check-jsonschema with sicheck's exported schema over the same files (the nearest peer);
4. one application, whole process: ``sicheck check FILE`` against check-jsonschema on it;
5. ``sicheck --version`` against ``python -c "import typer"`` (start-up);
6. peak memory of ``sicheck check`` at N and 10×N files.

Targets (DESIGN.md section 6, on the project's 2-core machine):

- one application: sicheck / check-jsonschema <= 0.6;
- N files: check-jsonschema / sicheck >= 8;
- N files: sicheck / floor <= 1.0;
- peak memory at 10×N / at N: flat (close to 1);
- ``--version`` / ``import typer`` <= 1.25.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import re
import resource
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


def floor(paths: list[Path], schema_file: Path) -> tuple[float, float]:
    """One process: CSafeLoader and a validator built once, over every file (the loop alone).

    Returns the wall time and the CPU time."""
    import yaml
    from jsonschema import Draft202012Validator

    class TextDates(yaml.CSafeLoader):  # type: ignore[misc,name-defined]
        """CSafeLoader with dates left as text: JSON Schema's ``format: date`` wants a string."""

    TextDates.yaml_implicit_resolvers = {
        first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
        for first, resolvers in yaml.CSafeLoader.yaml_implicit_resolvers.items()
    }
    schema = json.loads(schema_file.read_text(encoding="utf-8"))
    validator = Draft202012Validator(schema, format_checker=Draft202012Validator.FORMAT_CHECKER)
    start = time.perf_counter()
    start_cpu = time.process_time()
    invalid = 0
    for path in paths:
        with path.open("rb") as handle:
            document = yaml.load(handle, Loader=TextDates)
        invalid += bool(list(validator.iter_errors(document)))
    elapsed = time.perf_counter() - start
    cpu = time.process_time() - start_cpu
    assert invalid == 0, f"{invalid} generated files are invalid: the floor would not be comparable"
    return elapsed, cpu


# Commands run in the folder of the generated files, as a user would run them: no
# configuration file of the repository around it is found and read.
WORKDIR: Path | None = None


def timed(command: list[str], *, env: dict[str, str] | None = None) -> tuple[float, subprocess.CompletedProcess[bytes]]:
    elapsed, _, done = timed_cpu(command, env=env)
    return elapsed, done


def timed_cpu(
    command: list[str], *, env: dict[str, str] | None = None
) -> tuple[float, float, subprocess.CompletedProcess[bytes]]:
    """Wall time, CPU time (user and system, the command's worker processes included) and the result."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    done = subprocess.run(command, capture_output=True, env=env, check=False, cwd=WORKDIR)
    elapsed = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return elapsed, cpu, done


def peak_memory_kib(command: list[str], env: dict[str, str]) -> int:
    """Peak resident memory of a command (its largest process), read in a wrapper so each run counts alone."""
    wrapper = (
        "import resource, subprocess, sys; "
        "subprocess.run(sys.argv[1:], capture_output=True); "
        "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)"
    )
    done = subprocess.run(
        [PYTHON, "-c", wrapper, *command], capture_output=True, text=True, check=True, env=env, cwd=WORKDIR
    )
    return int(done.stdout.strip())


def median_times(commands: list[list[str]], runs: int, env: dict[str, str]) -> list[float]:
    """The median time of each command, run in turn so that a busy moment hits all of them."""
    times: list[list[float]] = [[] for _ in commands]
    for _ in range(runs):
        for index, command in enumerate(commands):
            times[index].append(timed(command, env=env)[0])
    return [statistics.median(t) for t in times]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("-n", type=int, default=1000, help="number of applications (default 1000)")
    parser.add_argument("--quick", action="store_true", help="skip the 10×N memory run and use fewer start-up runs")
    parser.add_argument("--runs", type=int, default=3, help="repeats of each timed step over N files; the best is kept")
    parser.add_argument("--json", type=Path, help="also write the figures as JSON to this file")
    args = parser.parse_args()

    sicheck = [str(BIN / "sicheck")] if (BIN / "sicheck").exists() else [PYTHON, "-m", "sicheck"]
    check_jsonschema = shutil.which("check-jsonschema", path=str(BIN)) or shutil.which("check-jsonschema")
    if check_jsonschema is None:
        print("check-jsonschema is not installed: pip install check-jsonschema", file=sys.stderr)
        return 2
    env = {**os.environ, "NO_COLOR": "1"}
    figures: dict[str, float | int | str | None] = {"n": args.n, "cpus": os.cpu_count() or 1}

    global WORKDIR
    with tempfile.TemporaryDirectory(prefix="sicheck-bench-") as temp:
        WORKDIR = Path(temp)
        # Measured as installed: an installed package has its bytecode, a checkout may not
        # (PYTHONDONTWRITEBYTECODE), and compiling every module on every run is not sicheck's cost.
        where = subprocess.run(
            [PYTHON, "-c", "import os, sicheck; print(os.path.dirname(sicheck.__file__))"],
            capture_output=True,
            text=True,
            check=True,
            env=env,
            cwd=WORKDIR,
        ).stdout.strip()
        subprocess.run([PYTHON, "-m", "compileall", "-q", where], check=True, env=env)
        figures["package"] = where
        folder = Path(temp) / "apps"
        folder.mkdir()
        paths = generate(folder, args.n)
        output = Path(temp) / "out.json"
        schema = Path(temp) / "schema.json"
        # The schema as published, for the floor and for check-jsonschema alike.
        subprocess.run([*sicheck, "schema", "--lang", "en", "-o", str(schema)], check=True, env=env, cwd=WORKDIR)

        check_command = [*sicheck, "check", str(folder), "--format", "json", "-o", str(output)]
        peer_command = [check_jsonschema, "--schemafile", str(schema), *map(str, paths)]
        floor_s = floor_cpu = check_s = check_cpu = serial_s = float("inf")
        for _ in range(args.runs):
            # In turn, so that a busy moment on a shared machine hits every step.
            wall, cpu = floor(paths, schema)
            floor_s, floor_cpu = min(floor_s, wall), min(floor_cpu, cpu)
            wall, cpu, _ = timed_cpu(check_command, env=env)
            check_s, check_cpu = min(check_s, wall), min(check_cpu, cpu)
            serial_s = min(serial_s, timed([*check_command, "-j", "1"], env=env)[0])
        report = json.loads(output.read_text(encoding="utf-8"))
        assert report["summary"]["applications"] == args.n, "sicheck did not check every file"
        assert report["summary"].get("invalid", 0) == 0, "sicheck found invalid files: not comparable"
        peer_s, done = timed(peer_command, env=env)
        assert done.returncode == 0, "check-jsonschema refused a generated file: not comparable"
        figures.update(
            floor_s=floor_s,
            check_s=check_s,
            check_per_floor=check_s / floor_s,
            check_one_process_s=serial_s,
            check_one_process_per_floor=serial_s / floor_s,
            check_jsonschema_s=peer_s,
            check_jsonschema_per_check=peer_s / check_s,
            floor_cpu_s=floor_cpu,
            check_cpu_s=check_cpu,
            check_cpu_per_floor_cpu=check_cpu / floor_cpu,
        )

        runs = 7 if args.quick else 15
        one = str(paths[0])
        one_file_s, peer_one_s = median_times(
            [[*sicheck, "check", one, "--format", "json"], [check_jsonschema, "--schemafile", str(schema), one]],
            runs,
            env,
        )
        version_s, typer_s = median_times([[*sicheck, "--version"], [PYTHON, "-c", "import typer"]], runs, env)
        figures.update(
            check_one_file_s=one_file_s,
            check_jsonschema_one_file_s=peer_one_s,
            one_file_per_check_jsonschema=one_file_s / peer_one_s,
            version_s=version_s,
            import_typer_s=typer_s,
            version_per_import_typer=version_s / typer_s,
        )

        memory_n = peak_memory_kib(check_command, env)
        figures["peak_kib_n"] = memory_n
        if not args.quick:
            big = Path(temp) / "big"
            big.mkdir()
            generate(big, args.n * 10, seed=2)
            memory_10n = peak_memory_kib([*sicheck, "check", str(big), "--format", "json", "-o", str(output)], env)
            figures["peak_kib_10n"] = memory_10n
            figures["memory_10n_per_n"] = memory_10n / memory_n

    n = args.n
    print(f"sicheck benchmark, N={n}, {figures['cpus']} CPUs, Python {sys.version.split()[0]}")
    print(f"  floor: CSafeLoader + cached jsonschema  {figures['floor_s']:.3f} s")
    print(f"  sicheck check --format json             {figures['check_s']:.3f} s")
    print(f"  sicheck check, one process (-j 1)       {figures['check_one_process_s']:.3f} s")
    print(
        f"  CPU time: floor {figures['floor_cpu_s']:.3f} s, sicheck {figures['check_cpu_s']:.3f} s "
        "(all its processes; on a busy machine the wall ratio rests on a free second core)"
    )
    print(f"  check-jsonschema, same files            {figures['check_jsonschema_s']:.3f} s")
    print(f"  sicheck check, one file                 {figures['check_one_file_s'] * 1000:.0f} ms")
    print(f"  check-jsonschema, one file              {figures['check_jsonschema_one_file_s'] * 1000:.0f} ms")
    print(f"  sicheck --version                       {figures['version_s'] * 1000:.0f} ms")
    print(f"  python -c 'import typer'                {figures['import_typer_s'] * 1000:.0f} ms")
    print(f"  peak memory at N                        {figures['peak_kib_n'] / 1024:.1f} MiB")
    if "peak_kib_10n" in figures:
        print(f"  peak memory at 10×N                     {figures['peak_kib_10n'] / 1024:.1f} MiB")
    print("ratios (this run)                          value   target")
    rows = [
        ("one file: sicheck / check-jsonschema", "one_file_per_check_jsonschema", "<= 0.6", lambda r: r <= 0.6),
        (f"N={n}: check-jsonschema / sicheck", "check_jsonschema_per_check", ">= 8", lambda r: r >= 8),
        (f"N={n}: sicheck / floor", "check_per_floor", "<= 1.0", lambda r: r <= 1.0),
        (f"N={n}: sicheck -j 1 / floor", "check_one_process_per_floor", "-", None),
        (f"N={n}: CPU time, sicheck / floor", "check_cpu_per_floor_cpu", "-", None),
        ("memory: 10×N / N", "memory_10n_per_n", "flat", lambda r: r <= 1.5),
        ("--version / import typer", "version_per_import_typer", "<= 1.25", lambda r: r <= 1.25),
    ]
    for label, key, target, met in rows:
        if key not in figures:
            continue
        ratio = float(figures[key])  # type: ignore[arg-type]
        verdict = "" if met is None else ("met" if met(ratio) else "MISSED")
        print(f"  {label:<40} {ratio:6.2f}   {target:<7} {verdict}")
    if args.json:
        args.json.write_text(json.dumps(figures, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
