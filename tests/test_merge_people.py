"""Which names are one person: keys and groups, on names alone (pipeline/merge/people.py)."""

from __future__ import annotations

import pytest

from pipeline.merge.people import display_name, group_names, name_key, plan
from pipeline.merge.text import fold


@pytest.mark.parametrize("name, key", [
    ("Claudia Sheinbaum Pardo", "claudia sheinbaum"),
    ("Claudia Sheinbaum", "claudia sheinbaum"),
    ("Juan Ramón de la Fuente Ramírez", "juan fuente"),  # a middle name is no surname
    ("Omar H. García Harfuch", "omar garcia"),  # nor is an initial
    ("Joaquín “El Chapo” Guzmán Loera", "joaquin guzman"),  # nor a nickname
    ("Sheinbaum", None),  # a lone surname
    ("Claudia", None),  # a lone first name
    ("José Luis", None),  # given names only
    ("María de la Luz", None),
])
def test_key_is_first_name_and_first_surname(name, key):
    assert name_key(name) == key


@pytest.mark.parametrize("names, groups", [
    (["Claudia Sheinbaum", "Claudia Sheinbaum Pardo"], [["Claudia Sheinbaum", "Claudia Sheinbaum Pardo"]]),
    (["Juan Ramón de la Fuente", "Juan Ramón de la Fuente Ramírez"],
     [["Juan Ramón de la Fuente", "Juan Ramón de la Fuente Ramírez"]]),
    # "Juan Pérez" could be either: a person of its own
    (["Juan Pérez", "Juan Pérez García", "Juan Pérez López"],
     [["Juan Pérez"], ["Juan Pérez García"], ["Juan Pérez López"]]),
    # a middle name dropped is not a surname dropped at the end
    (["Juan de la Fuente", "Juan Ramón de la Fuente"], [["Juan Ramón de la Fuente"], ["Juan de la Fuente"]]),
])
def test_names_group_when_one_ends_where_the_other_goes_on(names, groups):
    assert sorted(sorted(g) for g in group_names(names)) == sorted(groups)


@pytest.mark.parametrize("written, folded", [
    ("José  PÉREZ", "jose perez"),  # accents, case and spacing
    ("Joaquín “El Chapo” Guzmán.", "joaquin el chapo guzman"),  # quotes and trailing punctuation
])
def test_fold_keeps_only_what_tells_names_apart(written, folded):
    assert fold(written) == folded


def test_a_person_is_named_by_the_longest_form():
    assert display_name(["Claudia Sheinbaum", "Claudia Sheinbaum Pardo"]) == "Claudia Sheinbaum Pardo"


@pytest.mark.parametrize("decided, groups", [
    (set(), [["Benito Juárez", "Benito Juárez García"]]),
    ({"Benito Juárez García"}, [["Benito Juárez", "Benito Juárez García"]]),  # the decision names the group
    ({"Benito Juárez"}, [["Benito Juárez García"], ["Benito Juárez"]]),  # a decided shorter name stands alone
])
def test_a_name_a_reviewer_decided_about_leaves_a_group_it_does_not_name(decided, groups):
    assert plan(["Benito Juárez", "Benito Juárez García"], decided) == groups
