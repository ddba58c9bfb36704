"""Validating N SOP files, against the floor of only parsing them.

The floor reads each file and parses it with PyYAML's C loader
(``yaml.load(..., Loader=yaml.CSafeLoader)``): no positions, no model, no
rules. sopengine reads, parses with positions, validates the model, runs every
rule and locates every diagnostic. Three figures, each the ratio of medians
(target: at most 2x):

* one file at a time (``check_file`` per file, results dropped), in this process;
* the directory (``check_paths(dir)``: every result kept, ids and `related`
  checked across the book), in this process;
* the command as a whole: a new process running ``sopengine validate DIR``
  against a new process that imports yaml and parses the same files.

    python bench/validate.py [--files 1000] [--steps 20] [--runs 7]
"""

from __future__ import annotations

import argparse
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import yaml

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.generate import write_sops
from sopengine.definition.collection import check_paths
from sopengine.definition.loader import check_file

FLOOR_SCRIPT = ("import pathlib, sys, yaml\n"
                "for p in sorted(pathlib.Path(sys.argv[1]).glob('*.yaml')):\n"
                "    yaml.load(p.read_bytes(), Loader=yaml.CSafeLoader)\n")


def floor(paths: list[Path]) -> None:
    for p in paths:
        yaml.load(p.read_bytes(), Loader=yaml.CSafeLoader)


def sopengine_validate(paths: list[Path]) -> None:
    for p in paths:
        loaded = check_file(p)
        if not loaded.ok:
            raise SystemExit(f"generated file invalid: {p}: {loaded.errors[0]}")


def directory(paths: list[Path]) -> None:
    results = check_paths([paths[0].parent])
    if len(results) != len(paths) or not all(r.ok for r in results):
        raise SystemExit("generated directory invalid")


def floor_process(paths: list[Path]) -> None:
    subprocess.run([sys.executable, "-c", FLOOR_SCRIPT, str(paths[0].parent)], check=True)


def cli_process(paths: list[Path]) -> None:
    subprocess.run([str(Path(sys.executable).with_name("sopengine")), "validate", "-q",
                    str(paths[0].parent)], check=True, stdout=subprocess.DEVNULL)


def measure(pairs: dict[str, Callable[[list[Path]], None]], paths: list[Path],
            runs: int) -> dict[str, list[float]]:
    """Each function ``runs`` times, alternating, so a busy machine slows all alike."""
    times: dict[str, list[float]] = {name: [] for name in pairs}
    for _ in range(runs):
        for name, fn in pairs.items():
            start = time.perf_counter()
            fn(paths)
            times[name].append(time.perf_counter() - start)
    return times


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--files", type=int, default=1000)
    parser.add_argument("--steps", type=int, default=20)
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        paths = write_sops(Path(tmp), args.files, args.steps)
        size = sum(p.stat().st_size for p in paths) / len(paths)
        sopengine_validate(paths[:20])  # warm-up (imports, caches)
        floor(paths[:20])
        times = measure({"floor": floor, "check_file": sopengine_validate,
                         "check_paths": directory, "floor process": floor_process,
                         "sopengine validate": cli_process}, paths, args.runs)
    print(f"machine: {platform.machine()}, {platform.python_implementation()} "
          f"{platform.python_version()}, PyYAML {yaml.__version__} "
          f"(libyaml: {yaml.__with_libyaml__})")
    print(f"files: {args.files} of {args.steps} steps, {size / 1024:.1f} KiB each; "
          f"median (range) of {args.runs} runs, alternating")
    for name, peer in (("floor", "floor"), ("check_file", "floor"), ("check_paths", "floor"),
                       ("floor process", "floor process"),
                       ("sopengine validate", "floor process")):
        xs, base = times[name], statistics.median(times[peer])
        print(f"{name:20s} {statistics.median(xs) * 1000:8.1f} ms ({min(xs) * 1000:.0f}-"
              f"{max(xs) * 1000:.0f})  {statistics.median(xs) / base:5.2f}x {peer}")


if __name__ == "__main__":
    main()
