#!/usr/bin/env bash
# System programs the tests use beyond Python: Graphviz's `dot` (PNG output and
# the system-Graphviz path) and Pango for WeasyPrint (PDF). Installs the Debian
# packages when they are missing and we may; otherwise says what is missing and
# the tests of the WebAssembly path still run.
set -uo pipefail
missing=()
command -v dot >/dev/null 2>&1 || missing+=(graphviz)
ldconfig -p 2>/dev/null | grep -q libpango-1.0 || missing+=(libpango-1.0-0 libpangoft2-1.0-0)
fc-list 2>/dev/null | grep -qi "DejaVu Sans" || missing+=(fonts-dejavu-core)
if [ ${#missing[@]} -gt 0 ]; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    echo "installing ${missing[*]}..." >&2
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq >&2 && apt-get install -y -qq "${missing[@]}" >&2
  else
    echo "missing system packages: ${missing[*]} (install them for every test to run)" >&2
  fi
fi
exit 0
