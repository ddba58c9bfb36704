"""Positions and actors: org.yaml, its schema, validate's warning and workload's sums."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import jsonschema
import pytest
from hypothesis import given
from hypothesis import strategies as st

import sopengine
from sopengine.definition.collection import check_paths
from sopengine.definition.org import Org, load_org, name_key
from sopengine.definition.schema import org_json_schema
from sopengine.definition.yamlsource import parse
from tests.cli_driver import invoke
from tests.conftest import ROOT, SOPS

ORG = """\
org: 1
positions: [Camat, Sekretaris Kecamatan]
aliases:
  Sekretaris: Sekretaris Kecamatan
"""


@pytest.fixture
def book(tmp_path: Path) -> Path:
    """A copy of the seed book to change."""
    shutil.copytree(SOPS, tmp_path / "sops")
    return tmp_path / "sops"


def test_every_actor_of_the_seed_matches_a_position() -> None:
    org = sopengine.load_org(SOPS)
    assert org.configured
    results = check_paths([SOPS])
    assert results
    assert all(r.ok for r in results)
    assert org.unmatched(results) == []
    for r in results:
        assert r.sop is not None
        assert None not in org.actor_positions(r.sop).values(), r.path


def test_aliases_and_spelling_variants_name_one_position() -> None:
    org = load_org(SOPS / "org.yaml")
    assert org.position_of("Sekretaris") == "Sekretaris Kecamatan"
    assert org.position_of("  sekretaris   KECAMATAN ") == "Sekretaris Kecamatan"
    assert org.position_of("Camat") == "Camat"
    assert org.position_of("Lurah") is None


def test_without_an_org_file_each_name_is_its_own_position(tmp_path: Path) -> None:
    org = load_org(tmp_path)
    assert org == Org()
    assert not org.configured
    assert org.position_of("Sekretaris  Kecamatan") == "Sekretaris Kecamatan"
    assert org.unmatched([sopengine.load_sop(SOPS / "pengukuran.yaml")]) == []


def test_committed_schema_is_current_and_the_seed_org_passes_it() -> None:
    committed = json.loads((ROOT / "schemas" / "org.schema.json").read_text())
    assert committed == org_json_schema(), (
        "schemas/org.schema.json is stale: run `sopengine schema --org -o "
        "schemas/org.schema.json`")
    data, _ = parse((SOPS / "org.yaml").read_text())
    jsonschema.validate(data, committed)
    for bad in ({**data, "position": []}, {**data, "positions": []},
                {**data, "aliases": {"X": ""}}):
        with pytest.raises(jsonschema.ValidationError):
            jsonschema.validate(bad, committed)


def test_an_actor_of_no_position_is_a_located_warning(book: Path, capsys, monkeypatch) -> None:
    text = (book / "org.yaml").read_text().replace("  - Tim Pengawasan Internal\n", "")
    (book / "org.yaml").write_text(text)
    r = invoke(capsys, monkeypatch, "validate", book, "--lang", "en")
    assert r.code == 0, r.out
    assert f"{book}/pengawasan-internal.yaml:53:8: warning[unmatched-actor] actor 'tim' " \
        "(Tim Pengawasan Internal) of SOP 'pengawasan-internal' matches no position" in r.out
    # the seed's own wording draws its writing warnings too (sops/pengukuran.yaml): one more
    assert r.out.count("warning[unmatched-actor]") == 1
    before = invoke(capsys, monkeypatch, "validate", SOPS, "--lang", "en").out
    shown = int(before.rsplit("valid, ", 1)[1].split(" warning")[0])
    assert f"ok: 4 files valid, {shown + 1} warnings" in r.out
    r = invoke(capsys, monkeypatch, "validate", book / "pengawasan-internal.yaml", "--json")
    [w] = json.loads(r.out)["files"][0]["warnings"]
    assert (w["code"], w["line"], w["column"], w["path"]) == \
        ("unmatched-actor", 53, 8, "actors.tim")


def test_unmatched_names_the_sop_and_actor_without_a_file() -> None:
    org = Org(("Camat",), path="org.yaml")
    [d] = org.unmatched([sopengine.load_sop(SOPS / "pengukuran.yaml")])[:1]
    assert d.code == "unmatched-actor"
    assert d.loc == ("actors", "sekretaris")
    assert "'pengukuran-kinerja'" in d.message


@pytest.mark.parametrize(("text", "code", "line", "column"), [
    (ORG.replace("Sekretaris: Sekretaris Kecamatan", "Sekretaris: Sekretaris Kecamatn"),
     "unknown-position", 4, 15),
    (ORG.replace("[Camat, ", "[Camat, camat, "), "duplicate-position", 2, 20),
    (ORG.replace("Sekretaris:", "CAMAT:"), "duplicate-position", 4, 3),
    (ORG + "posisi: []\n", "unknown-key", 5, 1),
    (ORG.replace("[Camat, Sekretaris Kecamatan]", "[Camat, 3]"), "bad-value", 2, 20),
    (ORG.replace("positions: [Camat, Sekretaris Kecamatan]\n", ""), "missing-key", 1, 1),
    ("- Camat\n", "not-a-mapping", 1, 1),
    (b"org: 1\npositions: [Camat \x96 X]\n", "not-utf8", 2, 19),
    ("org: 1\npositions: " + "[" * 100 + "]" * 100 + "\n", "document-too-deep", 2, 75),
    ("a: &a [x, x, x, x, x, x, x, x, x, x]\n" + "".join(
        f"{c}: &{c} [*{p}, *{p}, *{p}, *{p}, *{p}, *{p}, *{p}, *{p}, *{p}, *{p}]\n"
        for p, c in zip("abcdefgh", "bcdefghi", strict=True)), "document-too-large", 0, 0),
])
def test_a_bad_org_file_is_reported_at_its_place(book: Path, capsys, monkeypatch,
                                                  text: str | bytes, code: str, line: int,
                                                  column: int) -> None:
    org = book / "org.yaml"
    org.write_bytes(text if isinstance(text, bytes) else text.encode())
    r = invoke(capsys, monkeypatch, "validate", book, "--json")
    assert r.code == 1
    files = json.loads(r.out)["files"]
    [bad] = [f for f in files if f["path"] == str(org)]
    first = bad["errors"][0]
    assert first["code"] == code
    if line:
        assert (first["line"], first["column"]) == (line, column)
    with pytest.raises(sopengine.SopInvalid) as info:
        load_org(book)
    assert str(info.value).startswith(f"{org}:")
    r = invoke(capsys, monkeypatch, "workload", book)
    assert r.code == 1
    assert "Traceback" not in r.err
    assert str(org) in r.err


def test_workload_sums_one_position_across_its_names(capsys, monkeypatch) -> None:
    data = json.loads(invoke(capsys, monkeypatch, "workload", SOPS, "--json").out)
    rows = {a["position"]: a for a in data["actors"]}
    assert "Sekretaris" not in rows  # pengukuran's name for the same position
    secretary = rows["Sekretaris Kecamatan"]
    assert set(secretary["by_sop"]) == {"pengukuran-kinerja", "pengumpulan-data-kinerja",
                                        "pengawasan-internal"}
    assert secretary["minutes_per_year"] == pytest.approx(sum(secretary["by_sop"].values()),
                                                          abs=0.2)


# Latin letters as Indonesian position names are written ('ı' upper-cases to 'I', which
# case-folds to 'i': no case-blind matching can join those, nor need it here)
_NAME = st.text(st.sampled_from("abcdeiklmnoprstuyKSTPU0123456789 ,.-()/"), min_size=1,
                max_size=30).filter(lambda s: s.strip())


@given(st.lists(_NAME, min_size=1, max_size=8, unique_by=name_key), st.data())
def test_a_name_matches_whatever_its_case_and_spacing(names: list[str], data) -> None:
    org = Org(tuple(names), path="org.yaml")
    name = data.draw(st.sampled_from(names))
    variant = "  ".join(w.swapcase() if data.draw(st.booleans()) else w for w in name.split())
    assert org.position_of(variant) == org.position_of(name) == name
