from detente.ingest.base import Importer


class Icews(Importer):
    name = "icews"
    label = "Icews"
    dataset = "icews"

    @classmethod
    def sniff(cls, lines):
        return 0.0
