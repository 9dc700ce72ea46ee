from detente.ingest.base import Importer


class Polecat(Importer):
    name = "polecat"
    label = "Polecat"
    dataset = "polecat"

    @classmethod
    def sniff(cls, lines):
        return 0.0
