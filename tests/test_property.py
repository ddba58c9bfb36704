"""Property-based tests: whatever the input, the loader answers with a valid model
or with located diagnostics, and never raises."""

from __future__ import annotations

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sopengine.analysis.cpm import critical_path
from sopengine.cli.report import validation_json, validation_text
from sopengine.definition.loader import LoadedSop, check_bytes
from sopengine.definition.yamlsource import source_lines
from sopengine.diagnostics import CODES

# How many examples: the profile in conftest.py (HYPOTHESIS_PROFILE=deep for many more).
SETTINGS = settings(deadline=None, suppress_health_check=[HealthCheck.too_slow])


def assert_well_formed(loaded: LoadedSop, raw: bytes) -> None:
    text = raw.decode("utf-8", errors="replace")
    lines = len(source_lines(text)) + 1
    for d in loaded.diagnostics:
        assert d.code in CODES
        assert 1 <= d.line <= lines, d
        assert d.column >= 1, d
        assert d.message
    assert loaded.ok == (loaded.sop is not None and not loaded.errors)
    validation_text([loaded])  # the reporters cope with whatever was found
    validation_json([loaded])


@SETTINGS
@given(st.binary(max_size=400))
def test_arbitrary_bytes(raw: bytes) -> None:
    assert_well_formed(check_bytes(raw), raw)


@SETTINGS
@given(st.text(alphabet=st.sampled_from(list("abc:-[]{}&*!|>'\"#\n \t,?0123yn.")),
               max_size=200))
def test_yaml_punctuation_soup(text: str) -> None:
    raw = text.encode()
    assert_well_formed(check_bytes(raw), raw)


json_like = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=12),
    lambda inner: st.lists(inner, max_size=4)
    | st.dictionaries(st.text(max_size=8), inner, max_size=4),
    max_leaves=25)


@SETTINGS
@given(json_like)
def test_arbitrary_yaml_documents(doc: object) -> None:
    raw = yaml.safe_dump(doc, allow_unicode=True).encode()
    assert_well_formed(check_bytes(raw), raw)


KEYS = ["sop", "id", "title", "actors", "steps", "actor", "action", "time", "next",
        "branches", "outputs", "inputs", "ask", "chance", "to", "ouputs", "dates", "nip"]


@SETTINGS
@given(st.dictionaries(st.sampled_from(KEYS), json_like, max_size=8))
def test_sop_like_documents(doc: dict[str, object]) -> None:
    doc = {"sop": 1, **doc}
    raw = yaml.safe_dump(doc, allow_unicode=True).encode()
    assert_well_formed(check_bytes(raw), raw)


@st.composite
def flows(draw: st.DrawFn) -> dict[str, object]:
    """Random SOPs whose steps point at each other at random: splits, decisions, loops."""
    n = draw(st.integers(1, 9))
    ids = [f"s{i}" for i in range(n)]
    steps = []
    for i, sid in enumerate(ids):
        # mostly forward, sometimes back (rework), rarely a name that does not exist
        targets = st.sampled_from([*ids[i + 1:] * 4, "end", *ids[: i + 1], "nowhere"])
        step: dict[str, object] = {"id": sid, "actor": draw(st.sampled_from(["a", "b"])),
                                   "action": f"Mengerjakan {sid}", "outputs": [sid],
                                   "time": draw(st.integers(0, 120))}
        shape = draw(st.sampled_from(["plain", "next", "split", "decision"]))
        if shape == "next":
            step["next"] = draw(targets)
        elif shape == "split":
            step["next"] = draw(st.lists(targets, min_size=2, max_size=3, unique=True))
        elif shape == "decision":
            labels = draw(st.lists(st.sampled_from(["Ya", "Tidak", "yes", "Ulang"]),
                                   min_size=1, max_size=3, unique=True))
            step["branches"] = {label: {"to": draw(targets),
                                        "chance": draw(st.floats(0, 0.6))}
                                for label in labels}
        steps.append(step)
    return {"sop": 1, "id": "acak", "title": "Acak", "actors": {"a": "A", "b": "B"},
            "steps": steps}


@SETTINGS
@given(flows())
def test_random_flows_are_judged_and_valid_ones_have_a_consistent_schedule(
        doc: dict[str, object]) -> None:
    raw = yaml.safe_dump(doc, sort_keys=False).encode()
    loaded = check_bytes(raw)
    assert_well_formed(loaded, raw)
    if not loaded.ok:
        return
    assert loaded.sop is not None
    cp = critical_path(loaded.sop)
    assert cp.critical_path, "a valid SOP has a critical path"
    assert cp.steps[0].earliest_start == 0
    for t in cp.steps:
        assert t.slack >= -1e-9
        assert t.free_slack >= -1e-9
        assert t.earliest_finish <= cp.total_minutes + 1e-9
