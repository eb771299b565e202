"""The keys of the UI: every key's code one hop from ``workbench.tui.keys``, an App without
mixins, and user keymaps (a TOML file in the config folder rebinding keys by id)."""

from __future__ import annotations

import re

from textual.app import App

from workbench.tui import keys
from workbench.tui.app import WorkbenchApp
from workbench.tui.general.help import HelpScreen
from workbench.tui.keymap import keymap_path
from workbench.tui.review.flags_panel import FlagsPanel
from workbench.tui.terms.glossary_panel import GlossaryPanel

from tui_helpers import drive_now as drive  # straight after the first paint, at 100x30
from tui_helpers import make_app, notes, rows, small_doc

#: an id's area is the folder under workbench/tui/ that holds its code
AREAS = {"rows", "navigation", "terms", "review", "files", "general"}


# ---------------------------------------------------------------- one hop

def test_every_key_names_its_code_in_the_table():
    app = make_app()
    for binding in keys.BINDINGS:
        area, _, verb = binding.id.partition(".")
        assert area in AREAS and re.fullmatch(r"[a-z_]+", verb), binding.id
        assert binding.action == f"app.act('{binding.id}')"
        handler = keys.HANDLERS[binding.id]
        assert callable(handler) and handler is keys.KEYS[binding.id].handler
        assert handler.__module__.startswith(f"workbench.tui.{area}."), binding.id
        assert isinstance(app.areas[keys.owner(handler)], keys.owner(handler))


def test_every_panel_key_is_one_hop_too():
    panels = {"terms": GlossaryPanel, "review": FlagsPanel}
    for (_title, bindings), panel in zip(keys.PANEL_SECTIONS, panels.values()):
        assert bindings is panel.BINDINGS
        for binding in bindings:
            area = binding.id.split(".")[0]
            assert panels.get(area) is panel, binding.id
            if binding.action.startswith("app.act("):  # acts on the document: the area's code
                assert binding.action == f"app.act('{binding.id}')"
                handler = keys.PANEL_HANDLERS[binding.id]
                assert handler.__module__.startswith(f"workbench.tui.{area}.")
            else:  # the panel's own moves: a method of the panel
                name = binding.action.split("(")[0]
                assert callable(getattr(panel, f"action_{name}")), binding.id


def test_the_app_is_an_app_without_mixins():
    assert WorkbenchApp.__bases__ == (App,)


# ---------------------------------------------------------------- user keymaps

def _keymap(tmp_path, monkeypatch, text: str):
    monkeypatch.setenv("WORKBENCH_CONFIG", str(tmp_path / "config"))
    path = keymap_path()
    path.parent.mkdir(parents=True)
    path.write_text(text, encoding="utf-8")
    return path


def test_a_user_keymap_rebinds_a_key(tmp_path, monkeypatch):
    _keymap(tmp_path, monkeypatch, '"navigation.down" = ["down", "ctrl+n"]\n\n'
                                   '[rows]\nmerge = "M"\n')
    app = make_app()

    async def script(pilot):
        await pilot.press("m")  # no longer the merge key
        assert rows(app.doc) == rows(small_doc())
        await pilot.press("M")
        assert rows(app.doc)[0] == ((0, 1), (0, 1, 2))
        await pilot.press("ctrl+n")
        assert app.view.row == 1
        await pilot.press("question_mark")  # the help shows the keys in effect
        assert isinstance(app.screen, HelpScreen)
        merge = next(b for b in keys.BINDINGS if b.id == "rows.merge")
        assert app.key_labels(merge) == ["M"]
        described = {cell.plain if hasattr(cell, "plain") else str(cell)
                     for col in app.screen._table().columns for cell in col._cells}
        assert "M" in described
    drive(app, script)


def test_a_bad_keymap_is_a_notice_naming_file_and_line(tmp_path, monkeypatch):
    path = _keymap(tmp_path, monkeypatch, '[rows]\nmerge = "M"\nmrege = "x"\nsplit = 3\n')
    app = make_app()

    async def script(pilot):
        said = notes(app)
        assert any(f"{path}, line 3" in n and "rows.mrege" in n and "rows.merge" in n
                   for n in said)
        assert any(f"{path}, line 4" in n and "rows.split" in n for n in said)
        await pilot.press("M")  # what was right still applies
        assert rows(app.doc)[0] == ((0, 1), (0, 1, 2))
    drive(app, script)

    path.write_text('[rows]\nmerge = M\n', encoding="utf-8")  # not TOML
    app = make_app()

    async def default_keys(pilot):
        assert any(str(path) in n and "line 2" in n and "not valid TOML" in n
                   for n in notes(app))
        await pilot.press("m")  # the default keys
        assert rows(app.doc)[0] == ((0, 1), (0, 1, 2))
    drive(app, default_keys)


def test_the_keymap_is_in_the_user_config_folder(monkeypatch, tmp_path):
    monkeypatch.delenv("WORKBENCH_CONFIG")
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path))
    assert keymap_path() == tmp_path / "workbench" / "keymap.toml"


def test_the_readme_lists_every_id_with_its_default_keys():
    from pathlib import Path

    readme = (Path(__file__).resolve().parent.parent / "README.md").read_text(encoding="utf-8")
    part = readme[readme.index("### Your own keys"):readme.index("### Nothing lost")]
    rows = {line.split("|")[1].strip(" `"): line for line in part.splitlines()
            if line.startswith("| `")}
    bindings = keys.BINDINGS + [b for _, group in keys.PANEL_SECTIONS for b in group]
    for binding in bindings:
        area, verb = binding.id.split(".")
        assert f"{verb} `{binding.key}`" in rows[area], binding.id
