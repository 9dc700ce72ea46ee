from detente.ingest.base import Importer


class Phoenix(Importer):
    name = "phoenix"
    label = "Phoenix"
    dataset = "phoenix"

    @classmethod
    def sniff(cls, lines):
        return 0.0
