"""`sopengine diff`: two files, and two git revisions of one file."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

from click.testing import CliRunner

from sopengine import load_sop
from sopengine.analysis.diff import diff_sops
from sopengine.cli.main import cli

SOPS = Path(__file__).resolve().parents[2] / "sops"


def _changed(tmp_path: Path) -> Path:
    text = (SOPS / "pengukuran.yaml").read_text()
    text = text.replace("title: Pengukuran Kinerja", "title: Pengukuran Kinerja Kecamatan")
    text = text.replace("action: Camat memerintahkan penyusunan pengukuran kinerja kecamatan",
                        "action: Camat memerintahkan penyusunan pengukuran kinerja")
    assert "    time: 60\n" in text
    text = text.replace("    time: 60\n", "    time: 120\n", 1)
    path = tmp_path / "pengukuran.yaml"
    path.write_text(text)
    return path


def test_diff_names_every_change_and_the_total(tmp_path: Path) -> None:
    old = load_sop(SOPS / "pengukuran.yaml")
    new = load_sop(_changed(tmp_path))
    d = diff_sops(old, new)
    assert [(c.field, c.new) for c in d.identity] == [("title", "Pengukuran Kinerja Kecamatan")]
    assert [(c.step, c.old, c.new) for c in d.retimed] == [("format", 60.0, 120.0)]
    assert [c.step for c in d.reworded] == ["perintah"]
    assert d.total == (765.0, 825.0)
    assert not (d.added)
    assert not (d.removed)
    assert not (d.moved)
    assert not (d.reassigned)


def test_diff_steps_added_removed_moved_reassigned() -> None:
    old = load_sop(SOPS / "pengawasan-internal.yaml")
    data = old.model_dump(mode="json", exclude_none=True)
    steps = data["steps"]
    steps[1]["actor"] = ["camat"]
    steps[5], steps[6] = steps[6], steps[5]
    removed = steps.pop(-1)["id"]
    from sopengine.definition.model import Sop
    new = Sop.model_validate({**data, "steps": steps})
    d = diff_sops(old, new, )
    assert d.removed == [removed]
    assert len(d.moved) == 1
    assert [c.step for c in d.reassigned] == [steps[1]["id"]]


def test_cli_text_and_json(tmp_path: Path) -> None:
    new = _changed(tmp_path)
    runner = CliRunner()
    text = runner.invoke(cli, ["diff", str(SOPS / "pengukuran.yaml"), str(new), "--lang", "en"])
    assert text.exit_code == 0, text.output
    assert "format time: 60 -> 120" in text.output
    assert "Critical-path total: 765 -> 825" in text.output
    out = runner.invoke(cli, ["diff", str(SOPS / "pengukuran.yaml"), str(new), "--json"])
    data = json.loads(out.output)
    assert data["total"] == {"old": 765.0, "new": 825.0}


def test_cli_git_revisions(tmp_path: Path) -> None:
    def git(*args: str) -> None:
        subprocess.run(["git", "-C", str(tmp_path), *args], check=True, capture_output=True)
    git("init", "-q")
    path = tmp_path / "pengukuran.yaml"
    path.write_text((SOPS / "pengukuran.yaml").read_text())
    git("add", ".")
    git("-c", "user.name=t", "-c", "user.email=t@t", "commit", "-qm", "one")
    _changed(tmp_path)
    result = CliRunner().invoke(cli, ["diff", f"{path}@HEAD", str(path)])
    assert result.exit_code == 0, result.output
    assert "Waktu berubah" in result.output
    assert "765 -> 825" in result.output


def test_cli_bad_revision_is_a_message(tmp_path: Path) -> None:
    result = CliRunner().invoke(cli, ["diff", f"{SOPS / 'pengukuran.yaml'}@nosuchrev",
                                      str(SOPS / "pengukuran.yaml")], standalone_mode=False)
    assert "nosuchrev" in str(result.exception)
