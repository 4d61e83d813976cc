#!/usr/bin/env bash
# PatentNav task runner. Every task installs what it needs first, so each works on a fresh machine that
# has only Python 3.11, pip and apt.
#   bash tasks.sh nightly   set up, then run the nightly Airflow DAG once over data/sample/ (the main job)
#   bash tasks.sh test      set up, then run the whole test suite
#   bash tasks.sh setup     only install (.venv from uv.lock)
#   bash tasks.sh lint      ruff + mypy
#   bash tasks.sh bench     the benchmarks in bench/ (long)
set -euo pipefail
cd "$(dirname "$0")"
UV_VERSION=0.13.9

bootstrap() {
  if [ ! -x .tools/bin/uv ]; then
    python3 -m venv .tools 2>/dev/null || { rm -rf .tools; python3 -m pip install -q --user virtualenv && python3 -m virtualenv -q .tools; }
    .tools/bin/python -m pip install -q "uv==${UV_VERSION}"
  fi
  .tools/bin/uv sync --frozen --all-extras --python "$(command -v python3)" -q
}

browser() {
  # Debian's Chromium for the browser tests and screenshots; never a browser downloaded by a tool.
  if ! command -v chromium >/dev/null 2>&1; then
    if [ "$(id -u)" = 0 ]; then
      apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium fonts-noto-cjk >/dev/null
    else
      sudo apt-get update -qq && sudo DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium fonts-noto-cjk >/dev/null
    fi
  fi
}

task="${1:-help}"
shift || true
case "$task" in
  setup)
    bootstrap
    ;;
  nightly)
    bootstrap
    exec .venv/bin/patentnav nightly "$@"
    ;;
  test)
    bootstrap
    browser
    exec .venv/bin/python -m pytest -n 2 --dist loadfile "$@"
    ;;
  lint)
    bootstrap
    .venv/bin/ruff check .
    .venv/bin/ruff format --check . || true
    .venv/bin/mypy
    ;;
  bench)
    bootstrap
    for script in bench/*.py; do echo "== $script"; .venv/bin/python "$script"; done
    ;;
  *)
    sed -n '2,9p' "$0"
    ;;
esac
