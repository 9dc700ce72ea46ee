import pytest

from detente.errors import UnknownCode
from detente.ontology import cameo, plover


def test_every_code_has_consistent_facts():
    table = cameo.table()
    assert len(table) >= 300
    for code, c in table.items():
        assert code.isdigit() and 2 <= len(code) <= 4
        assert c.root == code[:2]
        assert -10 <= c.goldstein <= 10
        assert c.quad_class in (1, 2, 3, 4)


@pytest.mark.parametrize(
    "code,name,goldstein,root,quad",
    [
        ("057", "Sign formal agreement", 8.0, "05", 1),
        ("0871", "Declare truce, ceasefire", 9.0, "08", 2),
        ("190", "Use conventional military force", -10.0, "19", 4),
        ("112", "Accuse", -2.0, "11", 3),
    ],
)
def test_known_codes(code, name, goldstein, root, quad):
    c = cameo.lookup(code)
    assert (c.name, c.goldstein, c.root, c.quad_class) == (name, goldstein, root, quad)


def test_leading_zeros_are_restored():
    assert cameo.normalise("57") == "057"
    assert cameo.normalise(43) == "043"
    assert cameo.normalise("1") == "01"
    assert cameo.normalise("abc") is None


def test_unknown_code_raises_typed_error():
    with pytest.raises(UnknownCode, match="not a CAMEO event code"):
        cameo.lookup("999")


@pytest.mark.parametrize(
    "code,gdelt,icews,phoenix",
    [("042", 1, 1, 1), ("010", 1, 1, 0), ("090", 2, 3, 3), ("061", 2, 2, 2), ("140", 3, 4, 4), ("150", 4, 4, 4)],
)
def test_producer_quad_conventions_kept_apart(code, gdelt, icews, phoenix):
    assert cameo.quad_class(code, "gdelt") == gdelt
    assert cameo.quad_class(code, "icews") == icews
    assert cameo.quad_class(code, "phoenix") == phoenix
    assert cameo.quad_class(code) == gdelt  # detente's normalised convention


def test_plover_crosswalk():
    assert cameo.lookup("0871").plover_type == "RETREAT"
    assert cameo.lookup("036").plover_type == "AGREE"
    assert cameo.lookup("193").plover_type == "ASSAULT"
    assert cameo.lookup("020").plover_type == "REQUEST"
    assert cameo.lookup("010").plover_type is None  # PLOVER does not code plain statements
    assert set(plover.types()) >= {"AGREE", "CONSULT", "ASSAULT", "SANCTION"}
    assert plover.normalise("CONCEDE", scheme="yield") == "YIELD"
    assert cameo.plover_to_cameo_default("CONSULT") == "04"
