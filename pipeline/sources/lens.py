"""Placeholder until the lens adapter lands: claims no file."""

from pipeline.sources.base import IngestUnit, RecordSink


class _NotYet:
    format = "lens"
    source = "lens"

    def sniff(self, unit: IngestUnit) -> bool:
        return False

    def read(self, unit: IngestUnit, sink: RecordSink) -> None:
        raise NotImplementedError


ADAPTER = _NotYet()
