"""Label placement for the landscape, network and main-path views: greedy, largest first, never overlapping."""

from __future__ import annotations

import polars as pl

from pipeline.render.chart_views import PixelScale, centred_box, landscape_chart, peak_labels, place_labels


def test_place_labels_keeps_first_and_skips_collisions() -> None:
    boxes = [[(0.0, 0.0, 50.0, 10.0)], [(40.0, 5.0, 90.0, 15.0)], [(100.0, 0.0, 150.0, 10.0)],
             [(40.0, 5.0, 90.0, 15.0), (40.0, 30.0, 90.0, 40.0)]]
    assert place_labels(boxes) == [0, None, 0, 1]
    assert place_labels(boxes, limit=1) == [0, None, None, None]


def test_peak_labels_in_each_language_do_not_overlap() -> None:
    peaks = pl.DataFrame({"x": [0.1 * k for k in range(20)], "y": [0.05 * (k % 3) for k in range(20)],
                          "label_zh": [f"锂离子电池热管理{k}" for k in range(20)],
                          "label_en": [f"Battery thermal management {k}" for k in range(20)],
                          "size": list(range(20, 0, -1))})
    scale = PixelScale(peaks["x"].to_list(), [-1.0, 1.0], 640, 460)
    for language in ("zh", "en"):
        labels = peak_labels(peaks, scale, language)
        assert 0 < labels.height < peaks.height
        assert labels["text"][0] == peaks[f"label_{language}"][0]  # the largest peak always gets its label
        boxes = [centred_box(*scale.px(x, y), text, 12, bold=True) for x, y, text in labels.iter_rows()]
        assert all(not (a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3])
                   for i, a in enumerate(boxes) for b in boxes[i + 1:])


def test_landscape_spec_has_one_label_layer_per_language() -> None:
    points = pl.DataFrame({"patent_id": ["CN1", "CN2"], "x": [0.0, 1.0], "y": [0.0, 1.0], "topic": ["1", "2"],
                           "topic_zh": ["甲", "乙"], "topic_en": ["A", "B"], "title": ["t", "u"],
                           "applicant": ["a", "b"], "year": ["2020", "2021"], "date": ["", ""],
                           "in_scope": [True, False], "link": ["", ""]})
    peaks = pl.DataFrame({"x": [0.0], "y": [0.0], "label_zh": ["电池"], "label_en": ["Battery"], "size": [3]})
    contours = pl.DataFrame(schema={"polygon_id": pl.Utf8, "order": pl.Int64, "x": pl.Float64, "y": pl.Float64,
                                    "density": pl.Float64})
    spec = landscape_chart(contours, peaks, points, highlight=True)
    names = [layer.get("name") for layer in spec["layer"]]
    assert {"peaklabel_zh", "peaklabel_en", "context_points", "points", "peaks"} <= set(names)
