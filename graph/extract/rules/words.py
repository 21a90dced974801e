"""Word lists the fact rules share: clause boundaries, negation, modality and cue words."""

from __future__ import annotations

_LEFT_BOUNDARY = frozenset({
    "that", "which", "who", "whom", "if", "unless", "because", "while", "although", "though",
    "whereas", "but", ";", ":", "when", "after", "before", "since", "until", "once", "“", "”",
    '"', "why", "whether", "where", "however",
})
_RIGHT_BOUNDARY = frozenset({
    ";", "which", "who", "because", "while", "although", "though", "whereas", "but", "if",
    "unless", "when", "after", "before", "since", "until", "hoping", "so", "“", "”", '"',
    "whether", "where", "amid", "despite", "according",
})
_IF = frozenset({"if", "unless", "whether"})
_NEG = frozenset({"not", "n't", "never", "no", "nor", "neither", "without"})
_REFRAIN = frozenset({"reluctant", "hesitant", "unwilling", "reluctance", "hesitated",
                      "refrain", "refrained", "refrains", "refraining", "avoid", "avoided",
                      "avoids", "avoiding", "stop", "stopped", "halt", "halted", "prevent",
                      "prevented", "ban", "banned", "banning", "forbid", "forbidden",
                      "prohibited", "prohibit"})
_REFUSE = frozenset({"objected", "objects", "object", "objecting",
                     "refuse", "refused", "refuses", "refusing", "decline", "declined",
                     "declines", "reject", "rejected", "rejects", "rejecting", "veto",
                     "vetoed", "vetoes", "block", "blocked", "blocks", "blocking", "deny",
                     "denied", "denies", "denying"})
_HYPO_MODALS = frozenset({"would", "could", "might", "may", "can", "should", "'d", "’d"})
_FUTURE = frozenset({"will", "'ll", "’ll", "shall"})
_PLAN = frozenset({
    "plan", "plans", "planned", "planning", "agreed", "agree", "agrees", "decided", "decide",
    "decides", "chosen", "chose", "choose", "intends", "intend", "intended", "set", "going",
    "expected", "prepared", "ready", "approved", "approve", "approves", "aims", "aim",
    "signed", "contract", "contracted", "order", "ordered", "deal", "preparing", "moving",
    "decision", "agreement", "scheduled", "due", "authorised", "authorized", "cleared",
})
_PROMISE = frozenset({"promised", "promise", "promises", "pledged", "pledge", "pledges",
                      "vowed", "vow", "vows", "committed", "commits", "offered", "offers",
                      "offer"})
_REQUEST_GOV = frozenset({"asked", "ask", "asks", "urged", "urge", "urges", "requested",
                          "request", "requests", "called", "calls", "appealed", "pressed",
                          "pressing", "urging", "asking", "begged", "wants", "want",
                          "wanted", "seeking", "seeks", "seek", "sought", "hopes",
                          "hoping", "lobbying"})
_HEDGE = frozenset({"reportedly", "allegedly", "purportedly", "supposedly", "apparently",
                    "reports", "reported", "rumoured", "rumored", "indicated", "signalled",
                    "signaled", "hinted", "suggested", "unconfirmed", "claimed", "claims",
                    "likely", "probably", "presumably", "appears", "appeared", "seems",
                    "seemed", "estimated"})
_POTENTIAL = frozenset({"potential", "possible", "any", "prospective", "eventual", "future",
                        "hypothetical", "likely"})
_CONSENT_NOUNS = frozenset({"approval", "consent", "permission", "nod", "authorisation",
                            "authorization", "permit", "go-ahead", "clearance", "blessing",
                            "agreement", "ahead", "light"})
_NEED = frozenset({"need", "needs", "needed", "needing", "require", "requires", "required",
                   "requiring", "seek", "seeks", "sought", "obtain", "get", "must", "subject"})
_GRANT = frozenset({"approved", "approves", "approve", "allowed", "allows", "allow",
                    "authorised", "authorized", "authorises", "authorizes", "permitted",
                    "permits", "cleared", "granted", "grants", "consented", "greenlit"})
_REEXPORT_WORDS = frozenset({"re-export", "reexport", "re-exports", "re-exported",
                             "re-exporting", "retransfer", "re-transfer", "pass", "passing",
                             "transfer", "send", "sending", "supply", "deliver", "give",
                             "export", "exports", "deliveries", "shipment", "sale", "sell"})
_THREAT_VERBS = frozenset({"threaten", "threatens", "threatened", "threatening"})
_CONSEQUENCE = frozenset({"consequences", "consequence", "retaliation", "retaliatory",
                          "retaliate", "retaliated", "punitive", "countermeasures",
                          "reprisals", "reprisal", "repercussions", "response", "targets",
                          "destroyed"})
_RESPOND = frozenset({"respond", "retaliate", "react", "hit", "strike", "punish"})
_VOW = frozenset({"vowed", "vows", "vow", "threatened", "threatens", "threaten", "pledged",
                  "promised"})
_POLICY_VERBS = frozenset({
    "relax", "relaxed", "relaxes", "relaxing", "relaxation", "ease", "eased", "eases",
    "easing", "lift", "lifted", "lifts", "lifting", "loosen", "loosened", "loosening",
    "revise", "revised", "revises", "revising", "revision", "amend", "amended", "amending",
    "amendment", "tighten", "tightened", "tightening", "overhaul", "overhauled", "scrap",
    "scrapped", "change", "changed", "changes", "reform", "reformed", "liberalise",
    "liberalised", "liberalize", "liberalized", "relaxations", "revisions", "restrict",
    "restricted", "restricts", "restricting", "banned", "suspended", "suspends", "halted",
    "forbids", "forbid", "forbade", "prohibits", "prohibited", "imposed", "imposes",
    "abandon", "abandoned", "abandoning", "abandons", "reversed", "reversing", "ended",
    "ending", "dropped", "dropping",
})
_POLICY_OBJECTS = frozenset({
    "regulations", "regulation", "rules", "rule", "restrictions", "restriction",
    "limitations", "limits", "controls", "control", "ban", "bans", "guidelines",
    "principles", "policy", "policies", "law", "laws", "curbs", "embargo", "regime",
    "framework", "exports", "export", "sales", "transfers",
})
#: Subjects that are a state's rules ("Swiss law forbids …", "American rules require …").
_RULE_SUBJECTS = frozenset({"law", "laws", "rules", "regulations", "legislation",
                            "constitution", "policy", "guidelines"})
_REQUEST_NOUNS = frozenset({"pitch", "call", "calls", "appeal", "appeals", "plea", "pleas",
                            "request", "requests", "demand", "demands", "bid"})
_ASSURE = frozenset({"assured", "assure", "assures", "assuring", "guaranteed", "guarantee",
                     "guarantees", "reassured", "promised", "pledged", "vowed", "committed",
                     "undertook", "insisted"})
_THIRD = frozenset({"third", "other", "another", "anyone"})
_LET = frozenset({"let", "lets", "allow", "allowed", "allows", "allowing", "permit",
                  "permitted", "permission", "approve", "approval", "authorise", "authorize",
                  "authorised", "authorized", "consent", "request", "requests", "attempt",
                  "attempts", "bid"})
_GIFT_VERBS = frozenset({"give", "donate", "gift", "pledge", "promise", "provide"})
_ANNOUNCE = frozenset({"said", "says", "say", "announced", "announces", "told", "stated",
                       "declared", "confirmed", "pledged"})


_INTENT_NOUNS = frozenset({"decision", "refusal", "plan", "plans", "offer", "promise",
                           "pledge", "commitment", "move", "bid", "attempt", "reluctance",
                           "willingness", "readiness", "agreement", "intention"})
_BUILT_FOR = frozenset({"built", "made", "designed", "intended", "destined", "meant",
                        "produced", "manufactured", "ordered", "developed"})
_GOV_WORDS = frozenset({"government", "cabinet", "ministry", "parliament", "army",
                        "military", "authorities", "administration"})
_COORD_GAP = frozenset({",", "and", "or", "as", "well", "plus", "&", "more", "additional",
                        "up", "to", "about", "around", "some", "nearly",
                        "further", "new", "other", "several", "two", "three", "four",
                        "five", "six", "dozens", "of", "its", "their", "the", "a"})
_REEXPORT_MARKERS = frozenset({
    "re", "re-export", "reexport", "retransfer", "pass", "passing", "passed", "request",
    "requests", "permission", "third", "way", "re-exports", "onward", "attempt", "attempts",
})
#: Verbs that restrict exports when their object is exports, sales or licences.
_RESTRICT_VERBS = frozenset({
    "limit", "limits", "limited", "limiting", "restrict", "restricts", "restricted",
    "restricting", "suspend", "suspends", "suspended", "suspending", "suspension", "halt",
    "halts", "halted", "halting", "freeze", "freezes", "froze", "frozen", "prohibits",
    "prohibit", "prohibited", "prohibiting", "forbids", "forbid", "forbidden", "bars",
    "bans", "banned", "dictates", "stop", "stops", "stopped", "cancelled", "canceled",
    "revoked", "rescinded",
})


#: Withdrawing permits already given: the exports they covered are refused, not granted.
_CANCEL_VERBS = frozenset({"cancel", "cancels", "cancelled", "canceled", "cancelling",
                           "canceling", "revoke", "revokes", "revoked", "revoking",
                           "rescind", "rescinds", "rescinded", "withdrew", "withdrawn"})
