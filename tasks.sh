#!/usr/bin/env bash
# PatentNav task runner. Every task installs what it needs first, so each works on a fresh machine that
# has only Python 3.11, pip and apt.
#   bash tasks.sh nightly   set up, then run the nightly Airflow DAG once over data/sample/ (the main job)
#   bash tasks.sh test      set up, then run the whole test suite
#   bash tasks.sh setup     only install (.venv from uv.lock)
#   bash tasks.sh lint      ruff + mypy
#   bash tasks.sh bench     the benchmarks in bench/ (long)
#   bash tasks.sh test-celery   the CeleryExecutor integration test (installs and starts PostgreSQL + Redis)
#   bash tasks.sh celery [--workers N] [--sample]   the nightly DAG once on a local CeleryExecutor stack
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
  # Debian's Chromium for the browser tests, screenshots and the PDF report (fonts-noto-cjk embedded in it);
  # poppler-utils for the PDF tests (pdftotext, pdffonts). Never a browser downloaded by a tool.
  if ! command -v chromium >/dev/null 2>&1 || ! command -v pdffonts >/dev/null 2>&1; then
    if [ "$(id -u)" = 0 ]; then
      apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium fonts-noto-cjk poppler-utils >/dev/null
    else
      sudo apt-get update -qq && sudo DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium fonts-noto-cjk poppler-utils >/dev/null
    fi
  fi
}

services() {
  # Debian's PostgreSQL and Redis for the CeleryExecutor stack; pipeline/airflow_celery.py starts them in a
  # scratch folder on free ports, so the packaged system services are never used (or started).
  if ! ls /usr/lib/postgresql/*/bin/pg_ctl >/dev/null 2>&1 || ! command -v redis-server >/dev/null 2>&1; then
    if [ "$(id -u)" = 0 ]; then
      apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql redis-server >/dev/null
    else
      sudo apt-get update -qq && sudo DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql redis-server >/dev/null
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
    browser  # the nightly render prints one PDF report per 片区 with Debian's Chromium
    exec .venv/bin/patentnav nightly "$@"
    ;;
  test)
    bootstrap
    browser
    exec .venv/bin/python -m pytest -n 2 --dist loadfile "$@"
    ;;
  test-celery)
    bootstrap
    services
    exec .venv/bin/python -m pytest -m celery tests/celery "$@"
    ;;
  celery)
    bootstrap
    services
    exec .venv/bin/python -m pipeline.airflow_celery "$@"
    ;;
  lint)
    bootstrap
    .venv/bin/ruff check .
    .venv/bin/ruff format --check . || true
    .venv/bin/mypy
    ;;
  bench)
    bootstrap
    services
    for script in bench/*.py; do echo "== $script"; .venv/bin/python "$script"; done
    ;;
  *)
    sed -n '2,10p' "$0"
    ;;
esac
