#!/usr/bin/env bash
# System programs the tests use beyond Python, installed when missing and we may:
#   Graphviz's `dot`      PNG output and the system-Graphviz path
#   Pango, DejaVu fonts   WeasyPrint's PDF
#   Chromium + npm libs   Mermaid's own parser and bpmn-js check our exports; axe-core
#                         checks the web app's pages (accessibility)
# Prints `export SOPENGINE_BROWSER_TESTS=1` when the browser checks can run, so
# that `make test` fails (rather than skips) them if they break:
#   eval "$(bash tests/sysdeps.sh)"
set -uo pipefail
cd "$(dirname "$0")/.."
MERMAID=11.17.2
BPMN_JS=17.11.1
AXE=4.14.1
missing=()
command -v dot >/dev/null 2>&1 || missing+=(graphviz)
ldconfig -p 2>/dev/null | grep libpango-1.0 >/dev/null || missing+=(libpango-1.0-0 libpangoft2-1.0-0)
fc-list 2>/dev/null | grep -i "DejaVu Sans" >/dev/null || missing+=(fonts-dejavu-core)
command -v chromium >/dev/null 2>&1 || missing+=(chromium)
if [ ${#missing[@]} -gt 0 ]; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    echo "installing ${missing[*]}..." >&2
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq >&2 && apt-get install -y -qq "${missing[@]}" >&2
  else
    echo "missing system packages: ${missing[*]} (install them for every test to run)" >&2
  fi
fi
js=.cache/js/node_modules
if [ ! -f "$js/mermaid/package.json" ] || [ ! -f "$js/bpmn-js/package.json" ] \
   || [ ! -f "$js/axe-core/axe.min.js" ]; then
  if command -v npm >/dev/null 2>&1; then
    echo "installing mermaid@$MERMAID, bpmn-js@$BPMN_JS, axe-core@$AXE into .cache/js..." >&2
    mkdir -p .cache/js
    npm install --prefix .cache/js --no-audit --no-fund --silent \
      "mermaid@$MERMAID" "bpmn-js@$BPMN_JS" "axe-core@$AXE" >&2 || echo "npm install failed" >&2
  else
    echo "npm not found: the Mermaid and bpmn-js checks will be skipped" >&2
  fi
fi
if command -v chromium >/dev/null 2>&1 && [ -f "$js/mermaid/dist/mermaid.min.js" ] \
   && [ -f "$js/bpmn-js/dist/bpmn-viewer.production.min.js" ] && [ -f "$js/axe-core/axe.min.js" ]; then
  echo "export SOPENGINE_BROWSER_TESTS=1"
fi
exit 0
