"""Templates build valid, self-consistent maps with fresh ids; `cjm-desktop new` writes them."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from cjm_desktop.cli import main
from cjm_desktop.model import JourneyKind, reference_problems
from cjm_desktop.storage import dumps, load_project, loads
from cjm_desktop.templates import TEMPLATES, build_template, template_names, with_new_ids


@pytest.mark.parametrize("name", list(TEMPLATES))
def test_every_template_is_valid_and_round_trips(name: str) -> None:
    project = build_template(name)
    assert project.journeys and project.journeys[0].steps
    assert reference_problems(project) == []
    again = loads(dumps(project))
    assert again == project


def test_template_contents_follow_the_method() -> None:
    assert template_names() == ["blank", "workshop", "lifecycle", "onboarding", "rail"]
    assert len(build_template("workshop").journeys[0].steps) == 10
    lifecycle = build_template("lifecycle").journeys[0]
    assert [s.name for s in lifecycle.stages] == [
        "Prospecting", "Purchase", "Onboarding", "Use and upkeep", "Return or leave"]
    onboarding = build_template("onboarding")
    assert onboarding.journeys[0].kind == JourneyKind.EMPLOYEE
    assert [s.title for s in onboarding.journeys[0].steps][::2] == [
        "Offer accepted", "First day", "First week"]
    rail = build_template("Rail ")
    assert len(rail.journeys[0].cards) > 30 and rail.personas


def test_two_maps_from_one_template_share_no_ids(sample_file: Path) -> None:
    def ids(project) -> set[str]:
        found = {project.id} | {p.id for p in project.personas} | {s.id for s in project.stakeholders}
        for journey in project.journeys:
            found |= {journey.id} | {o.id for o in [*journey.steps, *journey.lanes, *journey.cards,
                                                     *journey.stages]}
        return found

    first, second = build_template("rail"), build_template("rail")
    assert not ids(first) & ids(second)
    assert not ids(first) & ids(load_project(sample_file))
    # References still point at the right things after the renumbering.
    original = load_project(sample_file)
    copy = with_new_ids(original)
    assert reference_problems(copy) == []
    assert copy.persona(copy.journeys[0].persona_id).name == original.personas[0].name
    linked = [c for c in original.journeys[0].cards if c.stakeholder_ids]
    for card, new in zip(original.journeys[0].cards, copy.journeys[0].cards, strict=True):
        assert new.text == card.text and len(new.stakeholder_ids) == len(card.stakeholder_ids)
    assert len(linked) == sum(1 for c in copy.journeys[0].cards if c.stakeholder_ids)


def test_unknown_template_names_the_choices() -> None:
    with pytest.raises(KeyError, match="workshop"):
        build_template("nope")


def test_cli_new_and_list(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["new", "--list-templates"]) == 0
    assert "onboarding" in capsys.readouterr().out
    target = tmp_path / "w ☔.cjm"
    assert main(["new", str(target), "--template", "workshop"]) == 0
    assert len(load_project(target).journeys[0].steps) == 10
    assert main(["new", str(target), "--template", "blank"]) == 1  # exists, kept
    assert len(load_project(target).journeys[0].steps) == 10
    assert "already exists" in capsys.readouterr().err
    assert main(["new", str(target), "--template", "blank", "--force"]) == 0
    assert main(["new", str(tmp_path / "x.cjm"), "--template", "nope"]) == 2
    assert main(["new", str(tmp_path / "x.txt")]) == 2
    assert main(["new"]) == 2
    assert main(["new", str(tmp_path / "missing" / "x.cjm")]) == 1
    err = capsys.readouterr().err
    assert "Traceback" not in err and "choose one of" in err


def test_new_and_import_csv_do_not_import_qt(tmp_path: Path) -> None:
    csv_file = tmp_path / "in.csv"
    csv_file.write_text("step,lane,text\nBuy,Actions,Pays\n", encoding="utf-8")
    code = (
        "import sys\nfrom cjm_desktop.cli import main\n"
        f"assert main(['new', {str(tmp_path / 'a.cjm')!r}, '--template', 'rail']) == 0\n"
        f"assert main(['import-csv', {str(csv_file)!r}, '-o', {str(tmp_path / 'b.cjm')!r}]) == 0\n"
        f"assert main(['export', {str(tmp_path / 'a.cjm')!r}, '-o', {str(tmp_path / 'a.csv')!r}]) == 0\n"
        "bad = [m for m in sys.modules if m.startswith('PySide6')]\n"
        "assert not bad, bad\n")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            timeout=60)
    assert result.returncode == 0, result.stderr
