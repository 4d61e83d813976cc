"""CNIPA XML documents, one module per format generation; the adapter is pipeline/sources/cnipa_xml.py."""
