"""Validating N SOP files, against the floor of only parsing them.

The floor reads each file and parses it with PyYAML's C loader
(``yaml.load(..., Loader=yaml.CSafeLoader)``): no positions, no model, no
rules. sopengine reads, parses with positions, validates the model, runs every
rule and locates every diagnostic. Both run in this process on the same files;
the figure is the ratio of the medians (target: at most 2x).

    python bench/validate.py [--files 1000] [--steps 20] [--runs 7]
"""

from __future__ import annotations

import argparse
import platform
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import yaml

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.generate import write_sops
from sopengine.definition.loader import check_file


def floor(paths: list[Path]) -> None:
    for p in paths:
        yaml.load(p.read_bytes(), Loader=yaml.CSafeLoader)


def sopengine_validate(paths: list[Path]) -> None:
    for p in paths:
        loaded = check_file(p)
        if not loaded.ok:
            raise SystemExit(f"generated file invalid: {p}: {loaded.errors[0]}")


def median_seconds(fn: Callable[[list[Path]], None], paths: list[Path], runs: int) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        fn(paths)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


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
        base = median_seconds(floor, paths, args.runs)
        ours = median_seconds(sopengine_validate, paths, args.runs)
    print(f"machine: {platform.machine()}, {platform.python_implementation()} "
          f"{platform.python_version()}, PyYAML {yaml.__version__} "
          f"(libyaml: {yaml.__with_libyaml__})")
    print(f"files: {args.files} of {args.steps} steps, {size / 1024:.1f} KiB each; "
          f"median of {args.runs} runs")
    print(f"floor (CSafeLoader parse only): {base * 1000:8.1f} ms  "
          f"{base / args.files * 1e6:7.0f} us/file")
    print(f"sopengine validate:             {ours * 1000:8.1f} ms  "
          f"{ours / args.files * 1e6:7.0f} us/file")
    print(f"ratio: {ours / base:.2f}x the floor (target <= 2x)")


if __name__ == "__main__":
    main()
