"""`patentnav report --pdf` on the session's tiny warehouse, printed by Debian's Chromium, read back with poppler:
the page count, every part, section and figure title in `pdftotext`, the synthetic warning, every font embedded
(`pdffonts`), and no figure or table cut across a page (its caption and its source line, both carrying its number,
on one page)."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest
from typer.testing import CliRunner

pytestmark = pytest.mark.browser


def poppler(tool: str) -> str:
    path = shutil.which(tool)
    if path is None:
        pytest.fail(f"{tool} missing: apt-get install -y poppler-utils (bash tasks.sh test installs it)")
    return path


@pytest.fixture(scope="module")
def report(built_site: tuple[Path, Path], tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict]:
    from pipeline.cli import app

    _, warehouse = built_site
    output = tmp_path_factory.mktemp("report") / "两江.pdf"
    result = CliRunner().invoke(app, ["report", "--pdf", "--scope", "CQFTZ-LJ", "--output", str(output)],
                                env={"PATENTNAV_WAREHOUSE": str(warehouse), "COLUMNS": "120"})
    assert result.exit_code == 0, f"{result.output}\n{result.exception!r}"
    assert output.exists() and output.read_bytes().startswith(b"%PDF")
    return output, {"stdout": result.stdout}


def test_report_pdf_has_its_sections_fonts_and_whole_figures(built_site: tuple[Path, Path],
                                                             report: tuple[Path, dict]) -> None:
    import duckdb

    from pipeline.render.context import load_industries, load_provenance, load_zones, site_tables
    from pipeline.render.report_pdf import report_outline, scope_page
    from pipeline.render.site import build_page
    from pipeline.settings import Settings

    pdf, _ = report
    info = subprocess.run([poppler("pdfinfo"), str(pdf)], capture_output=True, text=True, check=True).stdout
    pages = int(re.search(r"Pages:\s+(\d+)", info).group(1))  # type: ignore[union-attr]
    text = subprocess.run([poppler("pdftotext"), "-layout", str(pdf), "-"], capture_output=True, text=True,
                          check=True).stdout
    by_page = text.split("\f")
    flat = re.sub(r"\s+", "", text)

    # What the report should hold: the same outline, rebuilt from the warehouse.
    _, warehouse = built_site
    con = duckdb.connect(str(warehouse), read_only=True)
    from pipeline.render.context import SiteContext

    tables = site_tables(con)
    settings = Settings(warehouse=warehouse, inbox=warehouse.parent, output=warehouse.parent)
    ctx = SiteContext(settings, tables, load_zones(con, tables), load_industries(con, tables), "—",
                      load_provenance(con, tables), "", warehouse.parent)
    outline = report_outline(build_page(con, ctx, scope_page(ctx, "CQFTZ-LJ"), "detail"))
    con.close()

    expected_pages = 2 + len(outline["parts"]) + (1 if outline["provenance"] else 0)  # cover, contents, parts, appendix
    assert expected_pages <= pages <= expected_pages + 12, (pages, expected_pages)
    titles = ["两江片区专利导航报告", "目录", "数据截止日期", "合成数据", "附录数据来源与说明"]
    for part in outline["parts"]:
        titles.append(f"{part['number']}{part['zh']}")
        titles += [f"{e['number']}{e['section']['title_zh']}" for e in part["entries"]]
    missing = [t for t in titles if re.sub(r"\s+", "", t) not in flat]
    assert not missing, f"not in pdftotext output: {missing}"
    assert outline["figures"] >= 3 and outline["tables"] >= 1
    # Every figure and table whole on one page: its caption and its source line are on the same page.
    for kind, count in (("图", outline["figures"]), ("表", outline["tables"])):
        for n in range(1, count + 1):
            caption = [i for i, p in enumerate(by_page) if re.search(rf"^\s*{kind} {n}\s", p, re.MULTILINE)]
            assert caption, f"{kind} {n}: caption not found"
            source_page = by_page[caption[0]]
            assert len(re.findall(rf"^\s*{kind} {n}\b", source_page, re.MULTILINE)) >= 2, (
                f"{kind} {n} cut across a page: caption on page {caption[0] + 1}, its source line is not")
    # Fonts: every font embedded, Chinese text extractable (mapped to Unicode).
    fonts = subprocess.run([poppler("pdffonts"), str(pdf)], capture_output=True, text=True, check=True).stdout
    rows = [line.split() for line in fonts.splitlines()[2:] if line.strip()]
    assert rows, fonts
    assert all(row[-5] == "yes" for row in rows), f"fonts not embedded:\n{fonts}"
    assert all(row[-3] == "yes" for row in rows), f"fonts without a Unicode map:\n{fonts}"
    assert "专利" in text


def test_report_rejects_an_unknown_scope(built_site: tuple[Path, Path], tmp_path: Path) -> None:
    from pipeline.cli import app

    _, warehouse = built_site
    result = CliRunner().invoke(app, ["report", "--pdf", "--scope", "CQFTZ-NOPE", "--output",
                                      str(tmp_path / "x.pdf")], env={"PATENTNAV_WAREHOUSE": str(warehouse)})
    assert result.exit_code != 0 and "CQFTZ-LJ" in str(result.exception)
    assert not (tmp_path / "x.pdf").exists()
