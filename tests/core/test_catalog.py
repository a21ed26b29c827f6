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


SIDE = {"ws_1": "Northwind Agency", "ws_2": "Side Studio"}
ADMINS = [
    *PROJECTS,
    Project("prj_7", "Admin", workspace_id="ws_1"),
    Project("prj_8", "Admissions", workspace_id="ws_1"),
    Project("prj_9", "Admin", workspace_id="ws_2"),
]


def _workspace(project: Project) -> str | None:
    return SIDE.get(project.workspace_id or "")


def test_one_name_in_two_workspaces_names_each_ones_workspace() -> None:
    both = r"\(prj_7 in Northwind Agency, prj_9 in Side Studio\); give the id of the one you mean$"
    with pytest.raises(NotFound, match=rf"^project name 'Admin' is used more than once {both}"):
        find("project", "admin", ADMINS, _workspace)
    alone = [p for p in ADMINS if p.id != "prj_8"]  # "adm" is then part of that one name
    with pytest.raises(NotFound, match=rf"^project name 'Admin' is used more than once {both}"):
        find("project", "adm", alone, _workspace)
    with pytest.raises(
        NotFound,
        match=r"^'adm' is part of 3 project names \('Admin' \(prj_7 in Northwind Agency\),"
        r" 'Admissions', 'Admin' \(prj_9 in Side Studio\)\); give more of one, or the id of"
        r" the one you mean$",
    ):
        find("project", "adm", sorted(ADMINS, key=lambda p: p.id), _workspace)
    assert find("project", "prj_9", ADMINS, _workspace).workspace_id == "ws_2"
