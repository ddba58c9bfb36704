"""Every pydantic error becomes one of our codes, with the author's value quoted."""

from __future__ import annotations

from pydantic import BaseModel, Field, ValidationError

from sopengine.definition.pydantic_errors import translate
from tests.conftest import check, sop_with_steps


def test_unexpected_pydantic_error_types_fall_back_to_bad_value() -> None:
    class Limited(BaseModel):
        n: int = Field(gt=0)

    try:
        Limited.model_validate({"n": -3})
    except ValidationError as exc:
        [d] = translate(exc, {"n": -3})
    assert d.code == "bad-value"
    assert "-3" in d.message


def test_wrong_type_quotes_the_value_and_names_the_step() -> None:
    loaded = check(sop_with_steps("""\
        - id: susun
          actor: camat
          action: Menyusun surat
          time: 10
          outputs: {a: 1}
        """))
    [d] = loaded.errors
    assert d.code == "wrong-type"
    assert "step 'susun'" in d.message
    assert "{'a': 1}" in d.message


def test_missing_key_points_at_the_mapping_that_lacks_it() -> None:
    loaded = check(sop_with_steps("""\
        - actor: camat
          time: 10
          outputs: [x]
        """))
    [d] = loaded.errors
    assert (d.code, d.line, d.column) == ("missing-key", 8, 5)
    assert "'action'" in d.message


def test_unknown_top_level_key_suggests_the_intended_one() -> None:
    loaded = check(sop_with_steps("""\
        - {actor: camat, action: Menyusun surat, time: 10, outputs: [x]}
        """).replace("title:", "titel:"))
    assert {(d.code, d.hint) for d in loaded.errors} == {
        ("unknown-key", "did you mean 'title'?"), ("missing-key", "add `title:`")}


def test_actor_display_name_used_as_id_gets_a_pointed_hint() -> None:
    loaded = check(sop_with_steps("""\
        - {actor: Camat, action: Menyusun surat, time: 10, outputs: [x]}
        """))
    [d] = loaded.errors
    assert d.code == "unknown-actor"
    assert d.hint.startswith("use the actor id 'camat'")


def test_bad_actor_id_points_at_the_key() -> None:
    text = sop_with_steps("- {actor: camat, action: A, time: 1, outputs: [x]}\n")
    loaded = check(text.replace("  staf: Staf", "  staf umum: Staf"))
    assert [(d.code, d.line, d.column) for d in loaded.errors] == [("bad-id", 6, 3)]
