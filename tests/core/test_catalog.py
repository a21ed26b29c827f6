import pytest

from timo_desktop.core.catalog import Project, closest, find
from timo_desktop.core.errors import NotFound

PROJECTS = [Project("prj_1", "Website"), Project("prj_2", "Webshop"), Project("prj_3", "Intranet")]


def test_find_by_id_or_name_case_insensitive() -> None:
    assert find("project", "prj_3", PROJECTS).name == "Intranet"
    assert find("project", "website", PROJECTS).id == "prj_1"


def test_unknown_name_suggests_the_closest() -> None:
    with pytest.raises(NotFound, match=r"^unknown project 'Wbesite' — did you mean 'Website'"):
        find("project", "Wbesite", PROJECTS)


def test_unknown_name_without_anything_close() -> None:
    with pytest.raises(NotFound, match=r"^unknown project 'zzz'$"):
        find("project", "zzz", PROJECTS)


def test_duplicate_names_ask_for_the_id() -> None:
    twins = [*PROJECTS, Project("prj_9", "Website")]
    with pytest.raises(NotFound, match="prj_1, prj_9"):
        find("project", "Website", twins)


def test_closest_keeps_original_spelling() -> None:
    assert closest("WEBSHOP", ["Webshop", "Intranet"]) == ["Webshop"]


def test_part_of_one_name_is_enough_and_part_of_several_lists_them() -> None:
    assert find("project", "tran", PROJECTS).id == "prj_3"
    with pytest.raises(
        NotFound, match=r"^'web' is part of 2 project names \('Website', 'Webshop'\); give more"
    ):
        find("project", "web", PROJECTS)
    many = [Project(f"prj_{n}", f"Client {n}") for n in range(8)]
    with pytest.raises(NotFound, match=r"'Client 4' and 3 more\); give more of one$"):
        find("project", "client", many)
