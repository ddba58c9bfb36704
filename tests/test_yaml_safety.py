"""The YAML reader: safe, bounded, and faithful to what the author wrote."""

from __future__ import annotations

from sopengine.definition import yamlsource
from sopengine.definition.loader import check_bytes, check_file
from tests.conftest import CASES, check, codes, sop_with_steps

STEP = """\
- actor: camat
  action: Menyusun surat
  time: 10
  outputs: [Surat]
"""


def test_bytes_that_are_not_utf8_are_located() -> None:
    raw = sop_with_steps(STEP).encode().replace(b"Menyusun", b"Meny\xffsun")
    loaded = check_bytes(raw, "x.yaml")
    [d] = loaded.diagnostics
    assert (d.code, d.line, d.column) == ("not-utf8", 9, 17)
    assert "0xff" in d.message


def test_utf8_bom_and_crlf_are_accepted() -> None:
    raw = b"\xef\xbb\xbf" + sop_with_steps(STEP).replace("\n", "\r\n").encode()
    assert check_bytes(raw).ok


def test_crlf_positions_are_still_right() -> None:
    text = sop_with_steps(STEP.replace("camat", "kamat")).replace("\n", "\r\n")
    [d] = check_bytes(text.encode()).errors
    assert (d.code, d.line, d.column) == ("unknown-actor", 8, 12)


def test_a_file_over_the_size_limit_is_refused_before_parsing() -> None:
    raw = b"# " + b"x" * yamlsource.MAX_BYTES + b"\n"
    [d] = check_bytes(raw).diagnostics
    assert (d.code, d.line) == ("file-too-large", 1)


def test_alias_bomb_is_cut_off() -> None:
    loaded = check_file(CASES / "invalid" / "document-too-large.yaml")
    assert codes(loaded) == ["document-too-large"]


def test_recursive_alias_is_cut_off() -> None:
    loaded = check_bytes(b"a: &a [*a, *a]\n")
    assert codes(loaded) in (["document-too-deep"], ["document-too-large"], ["yaml-syntax"])


def test_deep_nesting_is_refused() -> None:
    depth = yamlsource.MAX_DEPTH + 5
    loaded = check_bytes(("x: " + "[" * depth + "]" * depth + "\n").encode())
    assert codes(loaded) == ["document-too-deep"]


def test_extreme_nesting_does_not_crash_the_parser() -> None:
    loaded = check_bytes(("[" * 100_000 + "]" * 100_000).encode())
    assert codes(loaded) in (["document-too-deep"], ["yaml-syntax"])


def test_two_documents_are_a_syntax_error() -> None:
    loaded = check_bytes(b"sop: 1\n---\nsop: 1\n")
    assert codes(loaded) == ["yaml-syntax"]


def test_yes_and_no_stay_the_labels_the_author_wrote() -> None:
    loaded = check_file(CASES / "valid" / "yes-no-labels.yaml")
    assert loaded.sop is not None
    assert list(loaded.sop.steps[0].branches or {}) == ["yes", "no"]


def test_on_off_values_stay_text() -> None:
    data, _ = yamlsource.parse("a: on\nb: off\nc: true\nd: False\n")
    assert data == {"a": "on", "b": "off", "c": True, "d": False}


def test_sexagesimal_and_timestamps_stay_text() -> None:
    data, _ = yamlsource.parse("t: 1:30\nd: 2024-01-15\nn: 0x1F\n")
    assert data == {"t": "1:30", "d": "2024-01-15", "n": "0x1F"}  # YAML 1.2: no hex


def test_merge_keys_merge_without_overriding() -> None:
    data, _ = yamlsource.parse("base: &b {x: 1, y: 2}\nm:\n  <<: *b\n  y: 3\n")
    assert data["m"] == {"x": 1, "y": 3}


def test_duplicate_key_names_the_first_occurrence() -> None:
    loaded = check("a: 1\nb: 2\na: 3\n")
    [d] = loaded.diagnostics
    assert (d.code, d.line, d.column) == ("duplicate-key", 3, 1)
    assert "line 1" in d.message


def test_python_tags_are_refused_not_executed() -> None:
    loaded = check_file(CASES / "invalid" / "unsupported-tag.yaml")
    assert codes(loaded) == ["unsupported-tag"]


def test_a_list_key_is_reported() -> None:
    loaded = check("? [a, b]\n: 1\n")
    assert codes(loaded) == ["wrong-type"]


def test_positions_of_keys_and_values() -> None:
    _, source = yamlsource.parse("a:\n  b: [x, y]\n")
    assert source.value(("a", "b", 1)) == yamlsource.Pos(2, 10)
    assert source.key(("a", "b")) == yamlsource.Pos(2, 3)
    assert source.value(("a", "missing")) == yamlsource.Pos(2, 3)


def test_unicode_line_separators_count_as_yaml_counts_them() -> None:
    from sopengine.cli.report import format_diagnostic

    text = sop_with_steps(STEP).replace("title: Contoh", "title: 'a\u2028b'")
    text = text.replace("actor: camat", "actor: kamat")
    loaded = check_bytes(text.encode())
    [d] = loaded.errors
    assert (d.code, d.line) == ("unknown-actor", 9)  # one more than the \n count says
    assert "actor: kamat" in format_diagnostic(d, loaded.text)
