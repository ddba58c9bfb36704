"""The public API is what ``__all__`` says, and ``__all__`` cannot drift silently."""

from __future__ import annotations

import ast
from pathlib import Path
from types import ModuleType

import pytest

import sopengine

PACKAGE = Path(sopengine.__file__).parent


def test_all_is_exactly_the_public_names() -> None:
    eager = {n for n, v in vars(sopengine).items()
             if not n.startswith("_") and not isinstance(v, ModuleType)} - {
        "annotations", "version", "PackageNotFoundError"}
    lazy = set(sopengine._LAZY)
    assert sorted(eager | lazy | {"__version__"}) == sorted(sopengine.__all__)
    assert dir(sopengine) == sorted(sopengine.__all__)
    for name in sopengine.__all__:
        assert getattr(sopengine, name) is not None


def test_validation_does_not_load_the_runtime() -> None:
    import subprocess
    import sys

    code = ("import sys, sopengine; sopengine.check_text('sop: 1'); "
            "print('sqlalchemy' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True).stdout.strip()
    assert out == "False"


def test_errors_form_one_tree() -> None:
    for name in ("SopFileError", "SopInvalid", "EngineError", "NotFound", "AlreadyDone",
                 "BadChoice", "IllegalTransition", "StoreError"):
        assert issubclass(getattr(sopengine, name), sopengine.SopError)


def test_load_sop_raises_with_every_diagnostic(tmp_path: Path) -> None:
    bad = tmp_path / "x.yaml"
    bad.write_text("sop: 1\nid: x\ntitle: X\nactors: {a: A}\nsteps:\n"
                   "  - {actor: b, action: A, time: -1}\n")
    with pytest.raises(sopengine.SopInvalid) as info:
        sopengine.load_sop(bad)
    assert {d.code for d in info.value.diagnostics} >= {"unknown-actor", "bad-duration"}
    assert str(info.value).startswith(f"{bad}:6:")


def _imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text())
    found = {n.module for n in ast.walk(tree) if isinstance(n, ast.ImportFrom) and n.module}
    found |= {a.name for n in ast.walk(tree) if isinstance(n, ast.Import) for a in n.names}
    return {m for m in found if m.startswith("sopengine")}


@pytest.mark.parametrize(("layer", "forbidden"), [
    ("definition", ("sopengine.cli",)),
    ("analysis", ("sopengine.cli", "sopengine.render", "sopengine.runtime",
                  "sopengine.definition.rules", "sopengine.definition.loader")),
    ("runtime", ("sopengine.cli", "sopengine.analysis", "sopengine.render")),
    ("render", ("sopengine.cli",)),
])
def test_layers_do_not_import_upwards(layer: str, forbidden: tuple[str, ...]) -> None:
    for path in (PACKAGE / layer).rglob("*.py"):
        bad = [m for m in _imports(path) if m.startswith(forbidden)]
        assert bad == [], f"{path.relative_to(PACKAGE)} imports {bad}"


def test_web_uses_only_the_public_api() -> None:
    """The web app is an interface like the CLI, but on the public API alone: it
    imports ``sopengine`` itself and its own modules, never runtime, render or
    definition internals."""
    for path in (PACKAGE / "web").rglob("*.py"):
        bad = [m for m in _imports(path) if m != "sopengine" and not m.startswith("sopengine.web")]
        assert bad == [], f"{path.relative_to(PACKAGE)} imports {bad}"


def test_models_are_frozen() -> None:
    sop = sopengine.load_sop(PACKAGE.parent / "sops" / "pengukuran.yaml")
    with pytest.raises(Exception, match="frozen"):
        sop.title = "Lain"  # type: ignore[misc]
    with pytest.raises(TypeError):
        sop.actors["lurah"] = "Lurah"  # type: ignore[index]
    with pytest.raises(TypeError):
        sop.step("koreksi").branches["Mungkin"] = sop.step("koreksi").branches["Ya"]  # type: ignore[index]
    assert isinstance(sop.steps, tuple)
    assert isinstance(sop.steps[0].outputs, tuple)
