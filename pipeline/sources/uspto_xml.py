"""Placeholder until the uspto_xml adapter lands: claims no file."""

from pipeline.sources.base import IngestUnit, RecordSink


class _NotYet:
    format = "uspto_xml"
    source = "uspto_xml"

    def sniff(self, unit: IngestUnit) -> bool:
        return False

    def read(self, unit: IngestUnit, sink: RecordSink) -> None:
        raise NotImplementedError


ADAPTER = _NotYet()
