"""The CAMEO ontology table: complete, consistent, and looked up by code."""

from __future__ import annotations

import pytest

from detente.errors import QueryError
from detente.events.ontology import CameoCode, all_codes, lookup, penta_class

ROOTS = [f"{n:02d}" for n in range(1, 21)]


def test_the_table_holds_all_twenty_roots_and_their_codes():
    codes = all_codes()
    assert {c.root for c in codes} == set(ROOTS)
    assert {c.code for c in codes if c.is_root} == set(ROOTS)
    assert len(codes) == len({c.code for c in codes}) >= 300


def test_every_code_starts_with_its_root_and_has_a_goldstein_value_in_range():
    for entry in all_codes():
        assert entry.code.startswith(entry.root)
        assert 2 <= len(entry.code) <= 4
        assert -10.0 <= entry.goldstein <= 10.0
        assert entry.name


@pytest.mark.parametrize(
    ("roots", "quad_class"),
    [(ROOTS[0:5], 1), (ROOTS[5:9], 2), (ROOTS[9:14], 3), (ROOTS[14:20], 4)],
)
def test_quad_classes_follow_gdelt(roots, quad_class):
    assert {c.quad_class for c in all_codes() if c.root in roots} == {quad_class}


def test_every_code_from_root_02_on_has_a_plover_type_and_statements_have_none():
    for entry in all_codes():
        if entry.root == "01":
            assert entry.plover is None
        else:
            assert entry.plover, entry.code


@pytest.mark.parametrize(
    ("code", "name", "goldstein", "plover", "mode"),
    [
        ("040", "Consult", 1.0, "CONSULT", None),
        ("042", "Make a visit", 1.9, "CONSULT", "visit"),
        ("043", "Host a visit", 2.8, "CONSULT", "visit"),
        ("036", "Express intent to meet or negotiate", 4.0, "AGREE", None),
        ("057", "Sign formal agreement", 8.0, "SUPPORT", None),
        ("163", "Impose embargo, boycott, or sanctions", -8.0, "COERCE", "restrict"),
        ("0841", "Return, release person(s)", 7.0, "RETREAT", "release"),
        ("190", "Use conventional military force", -10.0, "ASSAULT", None),
    ],
)
def test_lookup_gives_the_codebook_facts(code, name, goldstein, plover, mode):
    entry = lookup(code)
    assert isinstance(entry, CameoCode)
    assert (entry.name, entry.goldstein, entry.plover, entry.plover_mode) == (
        name,
        goldstein,
        plover,
        mode,
    )


def test_an_unknown_code_is_a_clear_error_with_a_stable_code():
    with pytest.raises(QueryError) as caught:
        lookup("999")
    assert "[D050]" in str(caught.value) and "'999'" in str(caught.value)


@pytest.mark.parametrize(
    ("code", "penta"),
    [
        ("010", 0),
        ("0233", 0),
        ("036", 1),
        ("057", 1),
        ("061", 2),
        ("0841", 2),
        ("090", 3),
        ("112", 3),
        ("138", 3),
        ("141", 4),
        ("154", 4),
        ("163", 4),
        ("166", 4),
        ("173", 4),
        ("190", 4),
        ("2042", 4),
    ],
)
def test_penta_class_groups_roots_in_five(code, penta):
    assert penta_class(code) == penta
