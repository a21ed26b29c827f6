import pytest

from timo_desktop.core.catalog import Project, closest, find
from timo_desktop.core.errors import NotFound

PROJECTS = [Project("prj_1", "Website"), Project("prj_2", "Webshop"), Project("prj_3", "Intranet")]


def test_find_by_id_or_name_case_insensitive() -> None:
    assert find("project", "prj_3", PROJECTS).name == "Intranet"
    assert find("project", "website", PROJECTS).id == "prj_1"


def test_unknown_name_suggests_the_closest() -> None:
    with pytest.raises(NotFound, match=r"^unknown project 'Websit' — did you mean 'Website'"):
        find("project", "Websit", PROJECTS)


def test_unknown_name_without_anything_close() -> None:
    with pytest.raises(NotFound, match=r"^unknown project 'zzz'$"):
        find("project", "zzz", PROJECTS)


def test_duplicate_names_ask_for_the_id() -> None:
    twins = [*PROJECTS, Project("prj_9", "Website")]
    with pytest.raises(NotFound, match="prj_1, prj_9"):
        find("project", "Website", twins)


def test_closest_keeps_original_spelling() -> None:
    assert closest("WEBSHOP", ["Webshop", "Intranet"]) == ["Webshop"]
