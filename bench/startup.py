"""Start-up: `sopengine --help` against `python -c "import yaml"`, both as new processes.

Both commands run alternately in the same loop (so a busy machine slows both),
each a fresh interpreter of this virtual environment; the figure is the ratio
of the medians (target: at most 3x). Also shown: a bare interpreter, and which
of the heavy libraries each command loads.

    python bench/startup.py [--runs 41]
"""

from __future__ import annotations

import argparse
import platform
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SCRIPT = Path(sys.executable).with_name("sopengine")
COMMANDS = {
    "python -c pass": [sys.executable, "-c", "pass"],
    'python -c "import yaml"': [sys.executable, "-c", "import yaml"],
    "sopengine --help": [str(SCRIPT), "--help"],
    "sopengine validate sops/pengukuran.yaml": [str(SCRIPT), "validate",
                                                str(ROOT / "sops" / "pengukuran.yaml")],
}


def once(cmd: list[str]) -> float:
    start = time.perf_counter()
    subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True)
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=41)
    args = parser.parse_args()
    times: dict[str, list[float]] = {name: [] for name in COMMANDS}
    for cmd in COMMANDS.values():
        once(cmd)  # warm the file cache and the bytecode
    for _ in range(args.runs):
        for name, cmd in COMMANDS.items():
            times[name].append(once(cmd))
    floor = statistics.median(times['python -c "import yaml"'])
    print(f"machine: {platform.machine()}, {platform.python_implementation()} "
          f"{platform.python_version()}; {args.runs} runs each, interleaved")
    for name, xs in times.items():
        med = statistics.median(xs)
        print(f"{name:42s} median {med * 1000:6.1f} ms  range {min(xs) * 1000:6.1f}-"
              f"{max(xs) * 1000:6.1f} ms  {med / floor:5.2f}x import yaml")


if __name__ == "__main__":
    main()
