"""Rule evaluation as of a date: validity, in-principle prohibitions, duties, the
direct-transfer test, consent decisions as of a date, destination scopes."""

from __future__ import annotations

import datetime as dt

import pytest

from armsgraph.namespace import ARMS
from armsgraph.reason.policy import (
    DIRECT_EXPORT,
    DUTY,
    PERMISSION,
    PROHIBITION,
    REEXPORT,
    ConsentFact,
    Context,
    Interval,
    ItemFacts,
    PolicyVersion,
    Rule,
    evaluate_direct_export,
    evaluate_hop,
    reason_text,
)
from armsgraph.when import When


def W(text: str) -> When:
    """A date at the precision its form spells (``2023``, ``2023-12``, ``2023-12-20``)."""
    got = When.parse(text)
    assert got is not None
    return got


A, B, C, D, E = "st:A", "st:B", "st:C", "st:D", "st:E"  # A makes under B's licence
PATH = (A, B, C)  # A → B (licensor) → C
ITEM = ItemFacts(origin=A, licensor_states=frozenset({B}), origin_states=frozenset({B}),
                 systems=frozenset({"sys:sam", "sys:sam-family"}))
WAR_C = Interval("fact:war-c", C, None, W("2022-02-24"), None)
WAR_OVER_E = Interval("fact:war-e", E, None, W("1990-01-01"), W("1995-12-31"))


def rule(key: str, effect: str, kind: str, **kw: object) -> Rule:
    assigner = str(kw.pop("assigner", A))
    return Rule(id=f"r:{key}", label=key, effect=effect, version=f"v:{assigner}",
                policy=f"p:{assigner}", assigner=assigner,
                transfer_kinds=frozenset({kind}), **kw)  # type: ignore[arg-type]


def version(*rules: Rule, start: str = "2023-12-22", end: str | None = None,
            assigner: str = A) -> PolicyVersion:
    return PolicyVersion(f"v:{assigner}", f"version of {assigner}", f"p:{assigner}", assigner,
                         W(start), W(end) if end else None, tuple(rules))


def ctx(*versions: PolicyVersion, on: str = "2024-04-01", consents: tuple[ConsentFact, ...] = (),
        embargoes: tuple[Interval, ...] = (), assume: tuple[str, ...] = (),
        lift: tuple[str, ...] = ()) -> Context:
    return Context.build(on, versions, conflicts=[WAR_C, WAR_OVER_E], embargoes=embargoes,
                         consents=consents, assume_consent=assume, lift=lift)


AT_WAR_IN_PRINCIPLE = rule("no re-export to countries at war", PROHIBITION, REEXPORT,
                           destination_scopes=frozenset({str(ARMS.PartyToArmedConflict)}),
                           in_principle=True)
CONSENT_DUTY = rule("re-export needs A's consent", DUTY, REEXPORT,
                    destination_scopes=frozenset({str(ARMS.AnyThirdState)}),
                    consent_from=frozenset({A}))
FINISHED_TO_LICENSOR = rule("finished licence-built to licensor", PERMISSION, DIRECT_EXPORT,
                            product_scopes=frozenset({str(ARMS.FinishedProduct)}),
                            production_bases=frozenset({str(ARMS.LicenceBuilt)}),
                            destination_scopes=frozenset({str(ARMS.LicensorState)}))
PARTS_TO_LICENSOR = rule("parts to licensor", PERMISSION, DIRECT_EXPORT,
                         product_scopes=frozenset({str(ARMS.PartsAndComponents)}),
                         production_bases=frozenset({str(ARMS.LicenceBuilt)}),
                         destination_scopes=frozenset({str(ARMS.LicensorState)}))


class TestValidity:
    @pytest.mark.parametrize(("on", "expected"), [
        pytest.param("2014-03-31", False, id="day-before"),
        pytest.param("2014-04-01", True, id="first-day"),
        pytest.param("2023-12-21", True, id="last-day"),
        pytest.param("2023-12-22", False, id="day-after"),
    ])
    def test_in_force_inclusive_interval(self, on: str, expected: bool) -> None:
        assert version(start="2014-04-01", end="2023-12-21").in_force(
            dt.date.fromisoformat(on)) is expected

    def test_context_keeps_only_versions_in_force(self) -> None:
        old = version(PARTS_TO_LICENSOR, start="2014-04-01", end="2023-12-21")
        assert ctx(old, on="2023-06-01").versions == [old]
        assert ctx(old, on="2024-04-01").versions == []

    def test_lifted_policy_is_ignored(self) -> None:
        v = version(AT_WAR_IN_PRINCIPLE)
        assert ctx(v, lift=(v.policy,)).versions == []
        assert ctx(v, lift=(v.id,)).versions == []

    def test_conflict_holds_only_within_its_interval(self) -> None:
        war = ctx(on="2024-04-01").at_war
        assert C in war and E not in war
        assert E in ctx(on="1992-01-01").at_war


class TestReExportRules:
    def test_in_principle_prohibition_blocks_and_names_the_assigner(self) -> None:
        hv = evaluate_hop(ctx(version(AT_WAR_IN_PRINCIPLE)), PATH, 1, ITEM)
        assert hv.verdict == "blocked"
        assert [b["rule"] for b in hv.blocked_by] == ["r:no re-export to countries at war"]
        assert hv.needs_consent_from == [A]

    def test_in_principle_prohibition_lifted_by_granted_consent(self) -> None:
        granted = ConsentFact("fact:g", B, C, A, str(ARMS.ConsentGranted), W("2024-01-10"))
        hv = evaluate_hop(ctx(version(AT_WAR_IN_PRINCIPLE), consents=(granted,)), PATH, 1, ITEM)
        assert hv.verdict == "open"
        # the consent decides the hop: it is named, so the verdict is not "no known rule"
        assert hv.decided and hv.allowed_by == [{
            "rule": "r:no re-export to countries at war",
            "label": "no re-export to countries at war",
            "reason": "${holder} consented to re-export ${exporter} → ${destination}",
            "version": "v:st:A", "statement": "fact:g",
            "holder": A, "exporter": B, "destination": C}]
        assert reason_text(hv.allowed_by[0]) == "st:A consented to re-export st:B → st:C"
        named = {A: "Aland", B: "Borduria", C: "Carpania"}.get
        assert reason_text(hv.allowed_by[0], named) == \
            "Aland consented to re-export Borduria → Carpania"

    def test_in_principle_prohibition_lifted_by_assumed_consent(self) -> None:
        hv = evaluate_hop(ctx(version(AT_WAR_IN_PRINCIPLE), assume=(A,)), PATH, 1, ITEM)
        assert hv.verdict == "open"
        assert [reason_text(a) for a in hv.allowed_by] == [
            "st:A is assumed to consent to re-export st:B → st:C"]

    def test_no_rule_decides_nothing(self) -> None:
        hv = evaluate_hop(ctx(), PATH, 1, ITEM)
        assert (hv.verdict, hv.decided) == ("open", False)

    def test_hard_prohibition_not_lifted_by_consent(self) -> None:
        hard = rule("never to countries at war", PROHIBITION, REEXPORT,
                    destination_scopes=frozenset({str(ARMS.PartyToArmedConflict)}))
        hv = evaluate_hop(ctx(version(hard), assume=(A,)), PATH, 1, ITEM)
        assert hv.verdict == "blocked"

    def test_prohibition_ignores_destination_not_at_war(self) -> None:
        hv = evaluate_hop(ctx(version(AT_WAR_IN_PRINCIPLE)), (A, B, D), 1, ITEM)
        assert hv.verdict == "open"

    def test_duty_needs_consent_until_granted(self) -> None:
        assert evaluate_hop(ctx(version(CONSENT_DUTY)), (A, B, D), 1, ITEM).needs_consent_from \
            == [A]
        granted = ConsentFact("fact:g", B, D, A, str(ARMS.ConsentGranted), W("2024-01-10"))
        hv = evaluate_hop(ctx(version(CONSENT_DUTY), consents=(granted,)), (A, B, D), 1, ITEM)
        assert hv.verdict == "open"

    def test_duty_does_not_apply_to_the_first_recipient(self) -> None:
        # AnyThirdState excludes the assigner and the first recipient.
        hv = evaluate_hop(ctx(version(CONSENT_DUTY)), (A, B, C, B), 2, ITEM)
        assert hv.needs_consent_from == []

    def test_technology_origin_holds_consent_over_the_first_hop(self) -> None:
        # D bought B-designed items and passes them to E: the first recipient of B's
        # items is D, so E is a third state for B's duty.
        duty = rule("re-export needs B's consent", DUTY, REEXPORT, assigner=B,
                    destination_scopes=frozenset({str(ARMS.AnyThirdState)}),
                    consent_from=frozenset({B}))
        bought = ItemFacts(origin=D, origin_states=frozenset({B}))
        hv = evaluate_hop(ctx(version(duty, assigner=B)), (D, E), 0, bought)
        assert hv.needs_consent_from == [B]

    def test_rule_outside_validity_does_not_apply(self) -> None:
        hv = evaluate_hop(ctx(version(AT_WAR_IN_PRINCIPLE), on="2023-06-01"), PATH, 1, ITEM)
        assert hv.verdict == "open"

    def test_consent_holders_accumulate_along_the_path(self) -> None:
        # Hop C → D of A → B → C → D: A (original exporter) and B (licensor, earlier
        # supplier, technology origin) both hold consent rights; C does not (it re-exports).
        assert ITEM.consent_holders((A, B, C, D), 2) == [A, B]
        assert ITEM.consent_holders((A, B, C), 1) == [A]


class TestDirectTransferTest:
    US_RULE = rule("consent only where B would export itself", DUTY, REEXPORT, assigner=B,
                   consent_from=frozenset({B}), direct_transfer_test=True)
    EMBARGO_B_D = Interval("fact:emb", B, D, W("2020-01-01"), None)

    def test_blocked_when_holder_embargoes_destination(self) -> None:
        c = ctx(version(self.US_RULE, assigner=B), embargoes=(self.EMBARGO_B_D,))
        hv = evaluate_hop(c, (A, D), 0, ITEM)
        assert hv.verdict == "blocked"
        assert hv.blocked_by[0]["rule"] == self.US_RULE.id
        assert "embargo" in hv.blocked_by[0]["reason"]

    def test_conditional_when_holder_would_export_directly(self) -> None:
        hv = evaluate_hop(ctx(version(self.US_RULE, assigner=B)), (A, E), 0, ITEM)
        assert (hv.verdict, hv.needs_consent_from) == ("conditional", [B])

    def test_blocked_when_holders_own_rules_forbid_direct_export(self) -> None:
        own = rule("B exports nothing to countries at war", PROHIBITION, DIRECT_EXPORT,
                   assigner=B, destination_scopes=frozenset({str(ARMS.PartyToArmedConflict)}))
        hv = evaluate_hop(ctx(version(self.US_RULE, own, assigner=B)), (A, C), 0, ITEM)
        assert hv.verdict == "blocked"

    def test_embargo_outside_its_interval_does_not_count(self) -> None:
        old = Interval("fact:emb", B, D, W("1990-01-01"), W("1999-12-31"))
        c = ctx(version(self.US_RULE, assigner=B), embargoes=(old,))
        assert evaluate_hop(c, (A, D), 0, ITEM).verdict == "conditional"


class TestConsentAsOfDate:
    REQUESTED = ConsentFact("fact:req", B, C, A, str(ARMS.ConsentRequested), W("2023-01-24"))
    GRANTED = ConsentFact("fact:ok", B, C, A, str(ARMS.ConsentGranted), W("2023-01-25"))
    REFUSED = ConsentFact("fact:no", B, C, A, str(ARMS.ConsentRefused), W("2022-11-03"))

    @pytest.mark.parametrize(("on", "verdict"), [
        pytest.param("2023-01-24", "conditional", id="requested"),
        pytest.param("2023-01-25", "open", id="granted-that-day"),
        pytest.param("2024-01-01", "open", id="granted-later"),
    ])
    def test_latest_status_on_or_before_the_date(self, on: str, verdict: str) -> None:
        c = ctx(on=on, consents=(self.GRANTED, self.REQUESTED))
        assert evaluate_hop(c, PATH, 1, ITEM).verdict == verdict

    def test_refusal_blocks_and_names_the_statement(self) -> None:
        hv = evaluate_hop(ctx(on="2023-01-01", consents=(self.REFUSED,)), PATH, 1, ITEM)
        assert hv.verdict == "blocked"
        assert hv.blocked_by[0]["statement"] == "fact:no"

    def test_later_grant_overrides_earlier_refusal(self) -> None:
        c = ctx(on="2023-02-01", consents=(self.REFUSED, self.GRANTED))
        assert evaluate_hop(c, PATH, 1, ITEM).verdict == "open"

    def test_assumed_consent_overrides_refusal(self) -> None:
        c = ctx(on="2023-01-01", consents=(self.REFUSED,), assume=(A,))
        assert evaluate_hop(c, PATH, 1, ITEM).verdict == "open"


class TestDirectExport:
    def test_permission_for_finished_licence_built_products_to_licensor(self) -> None:
        hv = evaluate_direct_export(ctx(version(FINISHED_TO_LICENSOR)), A, B, ITEM)
        assert hv.verdict == "open"
        assert [a["rule"] for a in hv.allowed_by] == [FINISHED_TO_LICENSOR.id]

    def test_parts_only_version_blocks_finished_products(self) -> None:
        hv = evaluate_direct_export(ctx(version(PARTS_TO_LICENSOR)), A, B, ITEM)
        assert hv.verdict == "blocked"
        assert hv.blocked_by[0]["rule"] == f"v:{A}"

    def test_permission_does_not_cover_a_third_state(self) -> None:
        hv = evaluate_direct_export(ctx(version(FINISHED_TO_LICENSOR)), A, D, ITEM)
        assert hv.verdict == "blocked"

    def test_no_rules_means_no_restriction(self) -> None:
        assert evaluate_direct_export(ctx(), A, D, ITEM).verdict == "open"

    def test_production_basis_own_design_does_not_match_licence_rule(self) -> None:
        own = ItemFacts(origin=A, origin_states=frozenset({A}))
        ban = rule("no licence-built exports", PROHIBITION, DIRECT_EXPORT,
                   production_bases=frozenset({str(ARMS.LicenceBuilt)}))
        assert evaluate_direct_export(ctx(version(ban)), A, D, own).verdict == "open"
        assert evaluate_direct_export(ctx(version(ban)), A, D, ITEM).verdict == "blocked"

    def test_named_destination_state(self) -> None:
        ban = rule("never to D", PROHIBITION, DIRECT_EXPORT, destination_states=frozenset({D}))
        assert evaluate_direct_export(ctx(version(ban)), A, D, ITEM).verdict == "blocked"
        assert evaluate_direct_export(ctx(version(ban)), A, E, ITEM).verdict == "open"

    def test_applies_to_narrows_a_rule_to_one_system(self) -> None:
        ban = rule("no tanks", PROHIBITION, DIRECT_EXPORT, applies_to=frozenset({"sys:tank"}))
        assert evaluate_direct_export(ctx(version(ban)), A, D, ITEM).verdict == "open"

    def test_embargoed_state_scope(self) -> None:
        ban = rule("not to embargoed", PROHIBITION, DIRECT_EXPORT,
                   destination_scopes=frozenset({str(ARMS.EmbargoedState)}))
        emb = Interval("fact:emb", A, D, W("2020-01-01"), None)
        hv = evaluate_direct_export(ctx(version(ban), embargoes=(emb,)), A, D, ITEM)
        assert {b.get("rule") or b.get("statement") for b in hv.blocked_by} == {
            ban.id, "fact:emb"}


class TestPrecision:
    """Validity, wars and consents dated to a period that contains the date are uncertain:
    the verdict rests on what surely held, ``uncertain`` names what else may apply."""

    def test_a_version_from_a_year_is_uncertain_inside_it(self) -> None:
        v = version(AT_WAR_IN_PRINCIPLE, start="2023")
        c = ctx(v, on="2023-06-01")
        assert c.versions == [] and c.maybe is not None and c.maybe.versions == [v]
        hv = evaluate_hop(c, PATH, 1, ITEM)
        assert hv.verdict == "open"
        assert [reason_text(u) for u in hv.uncertain] == [
            "if in force by 2023-06-01: prohibited in principle: st:C is party to an armed "
            "conflict", "may need consent from st:A on 2023-06-01"]
        # after the year it surely holds; before it, surely not: nothing uncertain
        after = evaluate_hop(ctx(v, on="2024-01-01"), PATH, 1, ITEM)
        assert (after.verdict, after.uncertain) == ("blocked", [])
        assert ctx(v, on="2022-12-31").maybe is None

    def test_a_version_ending_in_a_year_may_have_ended(self) -> None:
        v = version(AT_WAR_IN_PRINCIPLE, start="2020-01-01", end="2023")
        assert v.in_force(dt.date(2023, 6, 1)) is None
        assert v.in_force(dt.date(2022, 12, 31)) is True
        assert v.in_force(dt.date(2024, 1, 1)) is False
        hv = evaluate_hop(ctx(v, on="2023-06-01"), PATH, 1, ITEM)
        assert hv.verdict == "open"
        assert hv.uncertain[0]["reason"].startswith("if in force by 2023-06-01: prohibited")

    def test_a_refusal_dated_to_its_year_is_uncertain_inside_it(self) -> None:
        refused = ConsentFact("fact:no", B, C, A, str(ARMS.ConsentRefused), W("2022"))
        hv = evaluate_hop(ctx(on="2022-11-10", consents=(refused,)), PATH, 1, ITEM)
        assert (hv.verdict, [u["statement"] for u in hv.uncertain]) == ("open", ["fact:no"])
        hv = evaluate_hop(ctx(on="2023-01-01", consents=(refused,)), PATH, 1, ITEM)
        assert (hv.verdict, hv.uncertain) == ("blocked", [])

    def test_a_day_precise_world_has_nothing_uncertain(self) -> None:
        c = ctx(version(AT_WAR_IN_PRINCIPLE), on="2023-12-22")
        assert c.maybe is None and evaluate_hop(c, PATH, 1, ITEM).uncertain == []
