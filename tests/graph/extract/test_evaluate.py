"""The scorer of graph/extract/evaluate.py on small hand-made fact lists (no extractor involved)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from armsgraph.cli import app
from armsgraph.errors import InputError, ParseError
from armsgraph.extract.evaluate import (
    Counts,
    Scores,
    evaluate_dir,
    facts_match,
    facts_of,
    labels_match,
    load_extractor,
    load_gold,
    normalize_label,
    score,
)

ID = "https://w3id.org/armsgraph/id/"


def state(code: str) -> dict[str, Any]:
    return {"id": f"{ID}state/{code}", "label": code}


def system(slug: str) -> dict[str, Any]:
    return {"id": f"{ID}system/{slug}", "label": slug}


def unlinked(label: str) -> dict[str, Any]:
    return {"id": None, "label": label}


def fact(kind: str, sentence: str = "S.", status: str = "planned", date: Any = None,
         **roles: dict[str, Any]) -> dict[str, Any]:
    return {"type": kind, "status": status, "roles": dict(roles), "sentence": sentence,
            "date": date}


JPN, USA, UKR, RUS = state("JPN"), state("USA"), state("UKR"), state("RUS")
PATRIOT = system("patriot")


class TestCounts:
    def test_ratios(self) -> None:
        c = Counts(tp=2, fp=2, fn=6)
        assert (c.precision, c.recall) == (0.5, 0.25)
        assert c.f1 == pytest.approx(2 * 0.5 * 0.25 / 0.75)
        assert (c.gold, c.predicted) == (8, 4)

    def test_zero_denominators(self) -> None:
        assert Counts().f1 == 1.0  # nothing to find, nothing found
        assert Counts(fn=3).f1 == 0.0  # found nothing of three
        assert Counts(fp=3).f1 == 0.0  # found three that are not there

    def test_add(self) -> None:
        assert Counts(1, 2, 3) + Counts(10, 20, 30) == Counts(11, 22, 33)


class TestMatch:
    def test_same_type_and_roles(self) -> None:
        g = fact("Transfer", supplier=JPN, recipient=USA, item=PATRIOT)
        assert facts_match(fact("Transfer", supplier=JPN, recipient=USA, item=PATRIOT), g)

    def test_type_must_agree(self) -> None:
        g = fact("Transfer", supplier=JPN, recipient=USA, item=PATRIOT)
        assert not facts_match(fact("Request", supplier=JPN, recipient=USA, item=PATRIOT), g)

    def test_swapped_roles_do_not_match(self) -> None:
        g = fact("Transfer", supplier=JPN, recipient=USA, item=PATRIOT)
        assert not facts_match(fact("Transfer", supplier=USA, recipient=JPN, item=PATRIOT), g)

    def test_missing_gold_role_fails(self) -> None:
        g = fact("Transfer", supplier=JPN, recipient=USA, item=PATRIOT)
        assert not facts_match(fact("Transfer", supplier=JPN, item=PATRIOT), g)

    def test_wrong_item_fails(self) -> None:
        g = fact("Transfer", supplier=JPN, recipient=USA, item=PATRIOT)
        p = fact("Transfer", supplier=JPN, recipient=USA, item=system("patriot-pac-3"))
        assert not facts_match(p, g)

    def test_extra_predicted_roles_are_not_penalized(self) -> None:
        g = fact("Transfer", recipient=UKR, item=PATRIOT)
        assert facts_match(fact("Transfer", supplier=USA, recipient=UKR, item=PATRIOT), g)

    def test_gold_id_decides_not_label(self) -> None:
        g = fact("Threat", actor=RUS, target=JPN)
        relabelled = {"id": RUS["id"], "label": "Moscow"}
        assert facts_match(fact("Threat", actor=relabelled, target=JPN), g)
        wrong_id = {"id": f"{ID}state/SUN", "label": "RUS"}
        assert not facts_match(fact("Threat", actor=wrong_id, target=JPN), g)

    def test_null_gold_id_matches_normalized_label(self) -> None:
        g = fact("Transfer", supplier=USA, recipient=UKR, item=unlinked("air defense systems"))
        p = fact("Transfer", supplier=USA, recipient=UKR,
                 item={"id": f"{ID}system/x", "label": "Air-Defence System"})
        assert facts_match(p, g)
        other = fact("Transfer", supplier=USA, recipient=UKR, item=unlinked("artillery"))
        assert not facts_match(other, g)

    def test_malformed_role_raises_naming_it(self) -> None:
        g = fact("Transfer", item=PATRIOT)
        with pytest.raises(InputError, match="42"):
            facts_match({"type": "Transfer", "roles": {"item": 42}}, g)
        with pytest.raises(InputError, match="roles"):
            facts_match({"type": "Transfer", "roles": "item"}, g)


class TestNormalizeLabel:
    @pytest.mark.parametrize(
        ("a", "b"),
        [
            ("Air defence systems", "air defense system"),
            ("military vehicles", "Military Vehicle"),
            ("body armour", "body armor"),
            ("the helmets", "helmet"),
            ("12.7 mm machine-gun ammunition", "12.7 mm machine gun ammunition"),
        ],
    )
    def test_equal(self, a: str, b: str) -> None:
        assert normalize_label(a) == normalize_label(b)

    @pytest.mark.parametrize(
        ("a", "b", "same"),
        [
            ("D-30", "D-30 howitzers", True),
            ("anti-tank weapons", "anti-tank missiles", True),
            ("fighter jets", "fighter", True),
            ("howitzers", "D-30 howitzers", False),  # a generic head alone names nothing
            ("artillery ammunition", "ammunition", False),
            ("military vehicles", "military equipment", False),
            ("Leopard tanks", "Leopard", False),
        ],
    )
    def test_generic_heads(self, a: str, b: str, same: bool) -> None:
        assert labels_match(a, b) is same
        assert labels_match(b, a) is same

    def test_keeps_words_that_only_look_plural(self) -> None:
        assert normalize_label("hazardous materials") == "hazardous material"
        assert normalize_label("Leopard 2A4 tanks") == "leopard 2a4 tank"


class TestScore:
    def test_perfect(self) -> None:
        gold = [fact("Transfer", "A.", supplier=JPN, recipient=USA, item=PATRIOT),
                fact("Threat", "B.", "threatened", actor=RUS, target=JPN)]
        s = score(gold, gold)
        assert s.micro == Counts(2, 0, 0)
        assert s.status_accuracy == 1.0

    def test_per_type_and_micro(self) -> None:
        gold = [fact("Transfer", "A.", supplier=JPN, recipient=USA, item=PATRIOT),
                fact("Transfer", "B.", supplier=USA, recipient=UKR, item=PATRIOT),
                fact("Threat", "C.", actor=RUS, target=JPN)]
        pred = [fact("Transfer", "A.", supplier=JPN, recipient=USA, item=PATRIOT),
                fact("Policy", "D.", actor=JPN)]
        s = score(pred, gold)
        assert s.by_type["Transfer"] == Counts(1, 0, 1)
        assert s.by_type["Threat"] == Counts(0, 0, 1)
        assert s.by_type["Policy"] == Counts(0, 1, 0)
        assert s.micro == Counts(1, 1, 2)
        assert s.micro.f1 == pytest.approx(2 * 0.5 * (1 / 3) / (0.5 + 1 / 3))

    def test_one_to_one(self) -> None:
        gold = [fact("Transfer", supplier=JPN, recipient=USA, item=PATRIOT)]
        twice = gold + gold
        assert score(twice, gold).micro == Counts(1, 1, 0)
        assert score(gold, twice).micro == Counts(1, 0, 1)

    def test_same_sentence_is_preferred(self) -> None:
        gold = [fact("Transfer", "First.", recipient=UKR, item=PATRIOT),
                fact("Transfer", "Second.", recipient=UKR, item=PATRIOT)]
        pred = [fact("Transfer", "Second.", supplier=USA, recipient=UKR, item=PATRIOT)]
        assert score(pred, gold).pairs == ((0, 1),)

    def test_sentence_match_ignores_whitespace_and_containment(self) -> None:
        gold = [fact("Transfer", "First.", recipient=UKR, item=PATRIOT),
                fact("Transfer", "Tokyo\u00a0sends  Patriots.", recipient=UKR, item=PATRIOT)]
        pred = [fact("Transfer", "He said: Tokyo sends Patriots.", recipient=UKR, item=PATRIOT)]
        assert score(pred, gold).pairs == ((0, 1),)

    def test_largest_matching_not_first_come(self) -> None:
        # p0 fits both gold facts, p1 only the first: both gold facts must be matched
        gold = [fact("Transfer", "A.", recipient=UKR, item=PATRIOT),
                fact("Transfer", "B.", supplier=USA, recipient=UKR, item=PATRIOT)]
        pred = [fact("Transfer", "A.", supplier=USA, recipient=UKR, item=PATRIOT),
                fact("Transfer", "C.", supplier=JPN, recipient=UKR, item=PATRIOT)]
        s = score(pred, gold)
        assert s.micro == Counts(2, 0, 0)
        assert set(s.pairs) == {(0, 1), (1, 0)}

    def test_status_is_not_part_of_the_match(self) -> None:
        gold = [fact("Transfer", status="hypothetical", recipient=UKR, item=PATRIOT)]
        pred = [fact("Transfer", status="delivered", recipient=UKR, item=PATRIOT)]
        s = score(pred, gold)
        assert s.micro == Counts(1, 0, 0)
        assert s.status_accuracy == 0.0

    @pytest.mark.parametrize(
        ("gold_date", "pred_date", "right"),
        [
            ({"value": "2023-12-20", "precision": "day"}, {"value": "2023-12-20"}, True),
            ({"value": "2023-12-20", "precision": "day"}, {"value": "2023-12-21"}, False),
            ({"value": "2023-12", "precision": "month"}, {"value": "2023-12-22"}, True),
            ({"value": "2023-12", "precision": "month"}, {"value": "2023"}, False),
            ({"value": "2023", "precision": "approximate"}, {"value": "2023-11"}, True),
            ({"value": "2023", "precision": "year"}, None, False),
        ],
    )
    def test_date_accuracy(self, gold_date: Any, pred_date: Any, right: bool) -> None:
        gold = [fact("Policy", date=gold_date, actor=JPN)]
        pred = [fact("Policy", date=pred_date, actor=JPN)]
        s = score(pred, gold)
        assert (s.dated, s.date_correct) == (1, int(right))

    def test_undated_gold_is_not_counted(self) -> None:
        gold = [fact("Policy", actor=JPN)]
        pred = [fact("Policy", date={"value": "2023"}, actor=JPN)]
        s = score(pred, gold)
        assert (s.dated, s.date_accuracy) == (0, None)

    def test_empty(self) -> None:
        assert score([], []).micro == Counts()
        assert score([], []).status_accuracy is None
        assert score([], [fact("Policy", actor=JPN)]).micro.f1 == 0.0

    def test_fact_without_type_raises(self) -> None:
        with pytest.raises(InputError, match="type"):
            score([{"roles": {}}], [fact("Policy", actor=JPN)])
        with pytest.raises(InputError, match="'nope'"):
            score(["nope"], [])  # type: ignore[list-item]

    def test_combine(self) -> None:
        a = score([fact("Policy", actor=JPN)], [fact("Policy", actor=JPN)])
        b = score([fact("Policy", actor=USA)], [fact("Threat", actor=RUS)])
        c = Scores.combine([a, b])
        assert c.by_type["Policy"] == Counts(1, 1, 0)
        assert c.by_type["Threat"] == Counts(0, 0, 1)
        assert c.micro == Counts(1, 1, 1)
        assert c.status_correct == 1


def test_facts_of_accepts_objects_with_to_json() -> None:
    class FakeFact:
        def to_json(self) -> dict[str, Any]:
            return fact("Policy", actor=JPN)

    class FakeExtraction:
        def to_json(self) -> dict[str, Any]:
            return {"source": {}, "facts": [fact("Policy", actor=USA)]}

    assert facts_of([FakeFact()])[0]["roles"]["actor"] == JPN
    assert facts_of(FakeExtraction())[0]["roles"]["actor"] == USA
    with pytest.raises(InputError, match="no list of facts"):
        facts_of(42)
    with pytest.raises(InputError, match="not an object"):
        facts_of([1])


# ----------------------------------------------------------------- gold files and folders

TEXT = "Tokyo sends Patriots to Washington.\n\nMoscow threatens Tokyo."
META = {"title": "t", "outlet": "o", "url": "https://example.org/x", "language": "en",
        "published": "2024-01-02"}
GOLD = [
    fact("Transfer", "Tokyo sends Patriots to Washington.", supplier=JPN, recipient=USA,
         item=PATRIOT),
    fact("Threat", "Moscow threatens Tokyo.", "threatened", actor=RUS, target=JPN),
]


def write_gold(folder: Path, name: str = "a", facts: Any = None, **extra: Any) -> Path:
    (folder / f"{name}.txt").write_text(TEXT, encoding="utf-8")
    (folder / f"{name}.meta.json").write_text(json.dumps(META), encoding="utf-8")
    data = {"article": f"{name}.txt", "facts": GOLD if facts is None else facts} | extra
    path = folder / f"{name}.gold.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    return path


class TestLoadGold:
    def test_reads_text_meta_and_facts(self, tmp_path: Path) -> None:
        g = load_gold(write_gold(tmp_path))
        assert g.name == "a"
        assert g.text == TEXT
        assert g.meta["published"] == "2024-01-02"
        assert len(g.facts) == 2

    def test_bad_json_is_a_parse_error_with_line(self, tmp_path: Path) -> None:
        path = tmp_path / "x.gold.json"
        path.write_text('{"article": "x.txt",\n "facts": [}', encoding="utf-8")
        with pytest.raises(ParseError, match="line 2"):
            load_gold(path)

    def test_missing_article(self, tmp_path: Path) -> None:
        path = write_gold(tmp_path)
        path.write_text(json.dumps({"article": "gone.txt", "facts": []}), encoding="utf-8")
        with pytest.raises(InputError, match="gone.txt"):
            load_gold(path)

    @pytest.mark.parametrize(
        ("bad", "message"),
        [
            (fact("Transfer", "Not in the text.", item=PATRIOT), "Not in the text"),
            (fact("Shipment", "Moscow threatens Tokyo.", item=PATRIOT), "Shipment"),
            (fact("Threat", "Moscow threatens Tokyo.", actor=RUS, item=PATRIOT), "'item'"),
            (fact("Threat", "Moscow threatens Tokyo.", "sent", actor=RUS), "'sent'"),
            (fact("ReExportConsent", "Moscow threatens Tokyo.", "planned", item=PATRIOT),
             "'planned'"),
            (fact("Threat", "Moscow threatens Tokyo.", actor={"id": None, "label": ""}),
             "label"),
            (fact("Threat", "Moscow threatens Tokyo.", actor={"id": "RUS", "label": "R"}),
             "'RUS'"),
            (fact("Threat", "Moscow threatens Tokyo.", "threatened"), "at least one role"),
            (fact("Threat", "Moscow threatens Tokyo.", date={"value": "20 Dec"}, actor=RUS),
             "20 Dec"),
            (fact("Threat", "Moscow threatens Tokyo.",
                  date={"value": "2023", "precision": "roughly"}, actor=RUS), "roughly"),
        ],
    )
    def test_rejects(self, tmp_path: Path, bad: dict[str, Any], message: str) -> None:
        path = write_gold(tmp_path, facts=[bad])
        with pytest.raises(InputError, match=message):
            load_gold(path)


class TestEvaluateDir:
    def test_gold_as_prediction_scores_one(self, tmp_path: Path) -> None:
        write_gold(tmp_path, "a")
        write_gold(tmp_path, "b")
        seen: list[dict[str, Any]] = []

        def perfect(text: str, meta: Any) -> dict[str, Any]:
            seen.append(dict(meta))
            return {"facts": GOLD}

        report = evaluate_dir(tmp_path, perfect)
        assert [a.name for a in report.articles] == ["a", "b"]
        assert seen[0]["published"] == "2024-01-02"
        assert report.total.micro == Counts(4, 0, 0)
        assert report.pooled(["b"]).micro == Counts(2, 0, 0)
        assert report["a"].scores.micro.f1 == 1.0

    def test_nothing_extracted_scores_zero(self, tmp_path: Path) -> None:
        write_gold(tmp_path)
        report = evaluate_dir(tmp_path, lambda text, meta: [])
        assert report.total.micro == Counts(0, 0, 2)
        with pytest.raises(InputError, match="nope"):
            report.pooled(["nope"])

    def test_missing_or_empty_folder(self, tmp_path: Path) -> None:
        with pytest.raises(InputError, match="does not exist"):
            evaluate_dir(tmp_path / "nowhere", lambda text, meta: [])
        with pytest.raises(InputError, match="no \\*.gold.json"):
            evaluate_dir(tmp_path, lambda text, meta: [])


class TestLoadExtractor:
    def test_resolves(self) -> None:
        assert load_extractor("armsgraph.extract.evaluate:score") is score

    @pytest.mark.parametrize("spec", ["armsgraph.extract.evaluate", "no_such_module_x:f",
                                      "armsgraph.extract.evaluate:nothing",
                                      "armsgraph.extract.evaluate:FACT_ROLES"])
    def test_rejects(self, spec: str) -> None:
        with pytest.raises(InputError, match="extractor"):
            load_extractor(spec)


def fake_extractor(text: str, meta: Any) -> dict[str, Any]:
    """A stand-in extractor for the CLI test: finds only the Threat of the test article."""
    return {"facts": GOLD[1:]}


def wrong_extractor(text: str, meta: Any) -> dict[str, Any]:
    """Finds the Threat, misses the Transfer and invents a Policy."""
    return {"facts": [*GOLD[1:], fact("Policy", "Tokyo sends Patriots to Washington.",
                                      "approved", actor=JPN)]}


class TestCli:
    def test_eval_prints_scores(self, tmp_path: Path) -> None:
        write_gold(tmp_path)
        result = CliRunner().invoke(
            app, ["eval", str(tmp_path), "--extractor", f"{__name__}:fake_extractor"]
        )
        assert result.exit_code == 0, result.output
        assert "Threat" in result.output and "Transfer" in result.output
        assert "0.67" in result.output  # micro F1: P 1.0, R 0.5

    def test_eval_errors_lists_missed_and_spurious(self, tmp_path: Path) -> None:
        write_gold(tmp_path)
        result = CliRunner().invoke(
            app, ["eval", str(tmp_path), "--extractor", f"{__name__}:wrong_extractor", "--errors"]
        )
        assert result.exit_code == 0, result.output
        assert "missed   Transfer/planned supplier=JPN recipient=USA item=patriot" in result.output
        assert "spurious Policy/approved actor=JPN" in result.output

    def test_eval_json(self, tmp_path: Path) -> None:
        write_gold(tmp_path)
        result = CliRunner().invoke(
            app, ["eval", str(tmp_path), "--extractor", f"{__name__}:fake_extractor", "--json"]
        )
        assert result.exit_code == 0, result.output
        data = json.loads(result.output)
        assert data["articles"]["a"]["by_type"]["Transfer"]["tp"] == 0
        assert data["total"]["micro"] == {"gold": 2, "predicted": 1, "tp": 1, "precision": 1.0,
                                          "recall": 0.5, "f1": 0.6667}

    def test_eval_missing_folder_fails_cleanly(self, tmp_path: Path) -> None:
        result = CliRunner().invoke(app, ["eval", str(tmp_path / "nowhere")])
        assert result.exit_code != 0
        assert "nowhere" in result.output
        assert "Traceback" not in result.output
