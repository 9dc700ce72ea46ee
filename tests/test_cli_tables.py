"""Tables on screen round floats; the machine formats keep every digit."""

import json

import pandas as pd

from detente.cli.common import OutputFormat, _cell, write_table


def test_cell_rounds_floats_to_four_significant_digits():
    assert _cell(0.43074324324324326) == "0.4307"
    assert _cell(64.1) == "64.1"
    assert _cell(7.62939453125e-06) == "7.629e-06"
    assert _cell(1234567.89) == "1,234,568"
    assert _cell(None) == ""
    assert _cell(3) == "3"
    assert _cell("032") == "032"


def test_table_rounds_but_jsonl_keeps_precision(tmp_path):
    df = pd.DataFrame({"cameo_code": ["032"], "probability": [0.43074324324324326]})
    table, lines = tmp_path / "t.txt", tmp_path / "t.jsonl"
    write_table(df, OutputFormat.table, table)
    write_table(df, OutputFormat.jsonl, lines)
    shown = table.read_text()
    assert "0.4307" in shown and "0.43074" not in shown
    assert json.loads(lines.read_text())["probability"] == 0.43074324324324326
