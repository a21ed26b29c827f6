"""A pydantic plugin installed beside Timo is never loaded: it could change validation,
and finding plugins reads the metadata of every installed package."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.support.cli import run_timo


@pytest.fixture
def installed_plugin(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A package on the path that declares a pydantic plugin; importing it leaves a mark."""
    site = tmp_path / "site"
    mark = tmp_path / "plugin-was-loaded"
    (site / "spyplugin-1.0.dist-info").mkdir(parents=True)
    (site / "spyplugin-1.0.dist-info" / "METADATA").write_text(
        "Metadata-Version: 2.1\nName: spyplugin\nVersion: 1.0\n"
    )
    (site / "spyplugin-1.0.dist-info" / "entry_points.txt").write_text(
        "[pydantic]\nspy = spyplugin:plugin\n"
    )
    (site / "spyplugin.py").write_text(
        f"from pathlib import Path\nPath({str(mark)!r}).touch()\n"
        "class Plugin:\n"
        "    def new_schema_validator(self, *args, **kwargs):\n"
        "        return None, None, None\n"
        "plugin = Plugin()\n"
    )
    path = os.environ.get("PYTHONPATH")
    monkeypatch.setenv("PYTHONPATH", os.pathsep.join(filter(None, [str(site), path])))
    monkeypatch.delenv("PYDANTIC_DISABLE_PLUGINS", raising=False)
    return mark


def test_pydantic_would_load_it(installed_plugin: Path) -> None:
    """The plugin is real: a plain Python building a model loads it."""
    probe = "import pydantic\nclass M(pydantic.BaseModel):\n    x: int\nM(x=1)\n"
    subprocess.run([sys.executable, "-c", probe], check=True, env=os.environ.copy())
    assert installed_plugin.exists()


def test_timo_does_not_load_it(installed_plugin: Path, timo_home: Path) -> None:
    # Settings are a pydantic model: reading one builds it.
    done = run_timo(timo_home, "config", "get", "schedule.start")
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "09:00"
    assert not installed_plugin.exists()
