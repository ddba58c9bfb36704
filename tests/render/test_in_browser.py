"""Our Mermaid parses with Mermaid's own parser, and our BPMN imports into
bpmn-js, the bpmn.io viewer: both run in headless Chromium."""

from __future__ import annotations

import json
import re
from pathlib import Path

from sopengine.render.bpmn import bpmn
from sopengine.render.mermaid import mermaid
from tests.render.browser import dump_dom, need, screenshot
from tests.render.conftest import SEEDS, seed
from tests.render.test_escaping import sop as nasty_sop

MERMAID_PAGE = """<!DOCTYPE html><html><body><pre id="result">pending</pre>
<div id="out"></div>
<script src="{lib}"></script>
<script>
const texts = {texts};
mermaid.initialize({{startOnLoad: false, securityLevel: "strict"}});
(async () => {{
  const results = {{}};
  for (const [name, text] of Object.entries(texts)) {{
    try {{
      await mermaid.parse(text);
      const {{svg}} = await mermaid.render("g" + Object.keys(results).length, text);
      document.getElementById("out").insertAdjacentHTML("beforeend", svg);
      results[name] = "ok";
    }} catch (e) {{ results[name] = "error: " + e.message; }}
  }}
  document.getElementById("result").textContent = JSON.stringify(results);
}})();
</script></body></html>"""

BPMN_PAGE = """<!DOCTYPE html><html><head>
<link rel="stylesheet" href="{css1}"><link rel="stylesheet" href="{css2}">
</head><body style="margin:0"><pre id="result">pending</pre>
<div id="canvas" style="width:1400px;height:800px"></div>
<script src="{lib}"></script>
<script>
const viewer = new BpmnJS({{container: "#canvas"}});
viewer.importXML({xml}).then(({{warnings}}) => {{
  viewer.get("canvas").zoom("fit-viewport");
  const shapes = viewer.get("elementRegistry").getAll().length;
  document.getElementById("result").textContent =
    JSON.stringify({{warnings: warnings.map(w => w.message), shapes}});
}}).catch(e => {{ document.getElementById("result").textContent =
  JSON.stringify({{error: e.message}}); }});
</script></body></html>"""


def _result(dom: str) -> dict[str, object]:
    found = re.search(r'<pre id="result">(.*?)</pre>', dom, re.DOTALL)
    assert found, dom[:500]
    text = found.group(1).replace("&quot;", '"').replace("&amp;", "&")
    assert text != "pending", "the page's script did not finish"
    return json.loads(text)


def test_mermaid_parses_with_mermaids_own_parser(tmp_path: Path) -> None:
    program, (lib,) = need("mermaid/dist/mermaid.min.js")
    texts = {name: mermaid(seed(name)) for name in SEEDS}
    texts["nasty"] = mermaid(nasty_sop())
    texts["broken"] = "flowchart TD\n  a[\"x\"] --> \n"  # the check can fail
    page = tmp_path / "mermaid.html"
    page.write_text(MERMAID_PAGE.format(lib=lib.as_uri(), texts=json.dumps(texts)))
    result = _result(dump_dom(program, page, tmp_path))
    assert str(result.pop("broken")).startswith("error")
    assert result == {name: "ok" for name in texts if name != "broken"}


def test_bpmn_imports_into_bpmn_js_without_warnings(tmp_path: Path) -> None:
    program, (lib, css1, css2) = need("bpmn-js/dist/bpmn-viewer.production.min.js",
                                      "bpmn-js/dist/assets/diagram-js.css",
                                      "bpmn-js/dist/assets/bpmn-js.css")
    for name in SEEDS:
        page = tmp_path / f"{name}.html"
        page.write_text(BPMN_PAGE.format(lib=lib.as_uri(), css1=css1.as_uri(),
                                         css2=css2.as_uri(), xml=json.dumps(bpmn(seed(name)))))
        result = _result(dump_dom(program, page, tmp_path))
        assert result.get("warnings") == [], (name, result)
        assert int(str(result["shapes"])) > len(seed(name).steps)
        if name == "pengukuran":  # kept for looking at (docs/img/bpmn-pengukuran.png)
            screenshot(program, page, tmp_path / "bpmn.png", tmp_path, "1400,820")
