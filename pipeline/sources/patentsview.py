"""Placeholder until the patentsview adapter lands: claims no file."""

from pipeline.sources.base import IngestUnit, RecordSink


class _NotYet:
    format = "patentsview"
    source = "patentsview"

    def sniff(self, unit: IngestUnit) -> bool:
        return False

    def read(self, unit: IngestUnit, sink: RecordSink) -> None:
        raise NotImplementedError


ADAPTER = _NotYet()
