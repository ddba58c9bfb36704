"""Generated SOP files for benchmarks: realistic size and shape.

Each SOP has ``steps`` steps in the style of the seed: identity page, four
actors, inputs and outputs chained, a rework decision every seventh step and a
three-branch parallel block in the middle.
"""

from __future__ import annotations

import random
from pathlib import Path

import yaml


def sop_document(index: int, steps: int = 20, seed: int = 0) -> dict[str, object]:
    rng = random.Random(seed * 100_003 + index)
    actors = {"camat": "Camat", "sekretaris": "Sekretaris", "kasi": "Kasi", "staf": "Staf"}
    out: list[dict[str, object]] = []
    split_at = steps // 2 - 2
    for i in range(steps):
        sid = f"s{i + 1}"
        step: dict[str, object] = {
            "id": sid, "actor": rng.choice(list(actors)),
            "action": f"Mengerjakan kegiatan nomor {i + 1} dengan cermat",
            "inputs": [f"Dokumen {i}"] if i else ["Lembar disposisi"],
            "time": rng.choice([10, 15, 30, 60, "1.5h", "2h", {"min": 30, "likely": 60,
                                                                "max": 120}]),
            "outputs": [f"Dokumen {i + 1}"],
        }
        if i == split_at:
            step["next"] = [f"s{i + 2}", f"s{i + 3}", f"s{i + 4}"]
        elif split_at < i <= split_at + 3:
            step["next"] = f"s{split_at + 5}"
            step["outputs"] = [f"Dokumen {split_at + 4}"]
            step["inputs"] = [f"Dokumen {split_at + 1}"]
        elif i % 7 == 6 and i > split_at + 4:
            step["ask"] = "Sudah benar?"
            step["branches"] = {"Ya": f"s{i + 2}" if i + 1 < steps else "end",
                                "Tidak": {"to": f"s{i}", "chance": 0.2}}
        out.append(step)
    return {
        "sop": 1, "id": f"sop-{index}", "title": f"SOP Nomor {index}",
        "number": f"800/SOP-{index:03d}/2024", "unit": "Kecamatan Contoh",
        "dates": {"created": "2024-01-15", "effective": "2024-02-01"},
        "approved_by": {"position": "Camat", "name": "Nama Camat",
                        "nip": "19671020 199303 1 009"},
        "legal_basis": ["Peraturan Pemerintah Nomor 60 Tahun 2008"] * 3,
        "qualifications": ["Memahami peraturan"], "related": [],
        "equipment": ["Lembar disposisi", "Komputer"], "warnings": ["Hati-hati"],
        "records": ["Arsip"], "actors": actors, "steps": out,
    }


def write_sops(directory: Path, count: int, steps: int = 20) -> list[Path]:
    directory.mkdir(parents=True, exist_ok=True)
    paths = []
    for i in range(count):
        path = directory / f"sop-{i:04d}.yaml"
        path.write_text(yaml.safe_dump(sop_document(i, steps), sort_keys=False,
                                       allow_unicode=True), encoding="utf-8")
        paths.append(path)
    return paths


def large_sop_text(steps: int, rework_every: int = 7, parallel_every: int = 50) -> str:
    """A long but legal SOP, written compactly (one flow mapping per step, about
    90 bytes): 11,110 steps fit the loader's 1 MiB, without a warning. A rework decision (back to
    the step before, chance 0.2) every ``rework_every`` steps (0: none) and a three-branch
    parallel block every ``parallel_every`` steps (0: none), never overlapping."""
    lines = ["sop: 1", "id: besar", "title: SOP besar", "actors: {a: Staf, b: Kasi, c: Camat}",
             "steps:"]
    i = 1
    while i <= steps:
        if parallel_every and i % parallel_every == 1 and i + 4 < steps:
            lines.append(f"  - {{id: s{i}, actor: a, action: Bagi {i}, time: 5, outputs: [T], "
                         f"next: [s{i + 1}, s{i + 2}, s{i + 3}]}}")
            lines += [f"  - {{id: s{k}, actor: {'abc'[k % 3]}, action: Cabang {k}, time: "
                      f"{10 * (k - i)}, outputs: [H], next: s{i + 4}}}"
                      for k in range(i + 1, i + 4)]
            lines.append(f"  - {{id: s{i + 4}, actor: a, action: Gabung {i + 4}, time: 5, "
                         "outputs: [G]}")
            i += 5
        elif rework_every and i % rework_every == 0 and 1 < i < steps:
            lines.append(f"  - {{id: s{i}, actor: c, action: Periksa {i}, time: 5, "
                         "outputs: [P], branches: "
                         f"{{Ya: s{i + 1}, Tidak: {{to: s{i - 1}, chance: 0.2}}}}}}")
            i += 1
        else:
            time = "{min: 5, likely: 10, max: 30}" if i % 3 == 0 else str(5 + i % 4 * 5)
            lines.append(f"  - {{id: s{i}, actor: {'ab'[i % 2]}, action: Kerja {i}, "
                         f"time: {time}, outputs: [D]}}")
            i += 1
    return "\n".join(lines) + "\n"
