"""Deterministic generator of synthetic Chinese patent records in the incoPat-style 61-column export layout.

Why: no public export with Chongqing applicant addresses exists, yet the product's whole point is 片区-level
analysis. The generator gives realistic *shape* (real FTZ streets and parks, old and post-2026 address forms,
industry mixes per 片区, invention/utility/design mix, growth, co-applicants, a time-ordered citation graph
with a heavy-tailed in-degree) with fictional applicants.

Everything it writes is marked synthetic three ways: the file name must contain "synthetic" (the CLI enforces
it; ingest sets core.patent.is_synthetic from it), the 审查员 column reads "合成数据 SYNTHETIC", and the
publication numbers live in a range no real CNIPA document uses (CN9 + 8 digits; real ones are CN1/CN2/CN3…).
"""

from pipeline.synth.generator import generate_records, write_incopat_csv
from pipeline.synth.vocabulary import INCOPAT_COLUMNS, SYNTHETIC_MARK

__all__ = ["INCOPAT_COLUMNS", "SYNTHETIC_MARK", "generate_records", "write_incopat_csv"]
