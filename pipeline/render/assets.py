"""Static assets written once per site: the Vega/Vega-Lite/vega-embed bundle (from vl-convert, no CDN), the
page script (language toggle, chart embedding, table sorting) and the stylesheet."""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path

ASSET_DIR = "assets"
BUNDLE_NAME = "vega-bundle.js"
STATIC_FILES = ("site.js", "site.css")


@cache
def vega_bundle() -> str:
    """Vega + Vega-Lite + vega-embed as one script assigning window.vega/vegaLite/vegaEmbed (built offline)."""
    import vl_convert

    return str(vl_convert.javascript_bundle())  # type: ignore[call-arg]  # stub omits the default


def library_versions() -> dict[str, str]:
    import altair
    import vl_convert

    vegalite = vl_convert.get_vegalite_versions()
    return {
        "vega": str(vl_convert.get_vega_version()),
        "vega-lite": str(vegalite[-1] if vegalite else ""),
        "vega-embed": str(vl_convert.get_vega_embed_version()),
        "vl-convert-python": str(getattr(vl_convert, "__version__", "")),
        "altair": str(altair.__version__),
    }


def write_assets(site_dir: Path) -> dict[str, int]:
    """Write site/assets/*; return file name -> bytes."""
    target = site_dir / ASSET_DIR
    target.mkdir(parents=True, exist_ok=True)
    sizes = {}
    bundle = vega_bundle().encode("utf-8")
    (target / BUNDLE_NAME).write_bytes(bundle)
    sizes[BUNDLE_NAME] = len(bundle)
    static = Path(__file__).with_name("templates")
    for name in STATIC_FILES:
        data = (static / name).read_bytes()
        (target / name).write_bytes(data)
        sizes[name] = len(data)
    versions = json.dumps(library_versions(), indent=2).encode("utf-8")
    (target / "VERSIONS.json").write_bytes(versions)
    return sizes
