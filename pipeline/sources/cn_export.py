"""Placeholder until the cn_export adapter lands: claims no file."""

from pipeline.sources.base import IngestUnit, RecordSink


class _NotYet:
    format = "cn_export"
    source = "cn_export"

    def sniff(self, unit: IngestUnit) -> bool:
        return False

    def read(self, unit: IngestUnit, sink: RecordSink) -> None:
        raise NotImplementedError


ADAPTER = _NotYet()
