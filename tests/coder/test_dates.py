import datetime as dt

import pytest

from detente.coder.dates import parse_doc_date, resolve_expression

D = dt.date(2016, 12, 10)  # a Saturday


@pytest.mark.parametrize(
    "text,doc_date,expected",
    [
        ("December 4, 2016", None, ("2016-12-04", "day")),
        ("4 December 2016", None, ("2016-12-04", "day")),
        ("in 2014", None, ("2014-01-01", "year")),
        ("October 2016", None, ("2016-10-01", "month")),
        ("2016-12-04", None, ("2016-12-04", "day")),
        ("yesterday", D, ("2016-12-09", "day")),
        ("on Monday", D, ("2016-12-05", "day")),
        ("on Saturday", D, ("2016-12-10", "day")),  # the report's own day
        ("last Saturday", D, ("2016-12-03", "day")),
        ("last week", D, ("2016-12-01", "month")),
        ("recently", D, ("2016-12-01", "month")),
        ("last year", D, ("2015-01-01", "year")),
        ("two days ago", D, ("2016-12-08", "day")),
        ("in October", D, ("2016-10-01", "month")),
        ("December 20", D, ("2015-12-20", "day")),  # a day after the document: last year's
    ],
)
def test_resolve_expression(text, doc_date, expected):
    assert resolve_expression(text, doc_date) == expected


@pytest.mark.parametrize("text", ["yesterday", "last week", "recently", "on Monday", "in October"])
def test_relative_dates_without_document_date_are_unknown(text):
    assert resolve_expression(text, None) is None


def test_parse_doc_date():
    assert parse_doc_date("2016-12-10") == D
    assert parse_doc_date(None) is None
    with pytest.raises(ValueError):
        parse_doc_date("tomorrow-ish")


def test_event_dates_in_context(coder):
    (e,) = coder.code("Russia criticized Turkey on December 4, 2016.", "2016-12-10")
    assert (e.date, e.date_precision) == ("2016-12-04", "day")
    (e,) = coder.code("Russia criticized Turkey.", None)
    assert (e.date, e.date_precision) == (None, "unknown")  # never today's date
    (e,) = coder.code("Russia criticized Turkey last week.", None)
    assert (e.date, e.date_precision) == (None, "unknown")
    (e,) = coder.code("Russia criticized Turkey.", "2016-12-10")
    assert (e.date, e.date_precision) == ("2016-12-10", "day")


def test_a_date_inside_the_promised_or_demanded_act_does_not_date_the_promise(coder):
    # the date belongs to the complement clause (the delivery, the withdrawal), not to the act itself
    (e,) = [e for e in coder.code("Brazil promised to send two hospital ships to Angola next year.", "2019-05-10")
            if e.target_code == "AGO"]
    assert (e.date, e.date_precision) == ("2019-05-10", "day")
    (e,) = [e for e in coder.code("Chile demanded that Peru withdraw its patrol boats by March.", "2019-05-10")
            if e.target_code == "PER"]
    assert (e.date, e.date_precision) == ("2019-05-10", "day")
    # a date on the act's own clause still counts
    (e,) = coder.code("Brazil sent two hospital ships to Angola last year.", "2019-05-10")
    assert (e.date, e.date_precision) == ("2018-01-01", "year")


def test_a_date_of_a_thing_or_of_a_background_clause_does_not_date_the_act(coder):
    # "the 2014 award": the year names the thing rejected, not when it was rejected
    (e,) = coder.code("Beijing rejected the 2014 arbitration award.", "2021-03-02")
    assert (e.date, e.date_precision) == ("2021-03-02", "day")
    # a relative clause about something else keeps its date to itself
    evs = coder.code("Lisbon recognised Timor, which gained independence in 2002.", "2021-03-02")
    assert [(e.date, e.date_precision) for e in evs] == [("2021-03-02", "day")]
    # a date of the act itself still counts, wherever the parse hangs it
    (e,) = coder.code("Beijing rejected the award in 2016.", "2021-03-02")
    assert e.date == "2016-01-01"


@pytest.mark.parametrize("text", ["MAPUTO, June 9 (Southern Wire Service) - Portugal expelled two diplomats.",
                                  "LISBON (Harbour News Agency) - Portugal expelled two diplomats.",
                                  "LISBON (dpa) - Portugal expelled two diplomats.",
                                  "LISBON (Radio24) - Portugal expelled two diplomats."])
def test_datelines_with_agency_names_of_several_words_are_blanked(text):
    from detente.coder.inputs import blank_datelines

    out = blank_datelines(text)
    assert len(out) == len(text) and out.lstrip().startswith("Portugal expelled")


def test_a_parenthesis_after_an_ordinary_subject_is_no_dateline():
    from detente.coder.inputs import blank_datelines

    text = "Germany (and France) - both members - objected."
    assert blank_datelines(text) == text
