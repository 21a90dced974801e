"""The extractor's vocabulary: every word list of the rules, the mentions and the dates, in one
place, grouped by what the words mean, so it can be read, checked and extended.

Every list is a ``frozenset`` of lower-case words (tokens are compared lower-cased) except
the section "Cased words", compared with the token as written, ``WEEKDAYS`` (a tuple: the
index is the weekday) and the maps of words to numbers or forms. No other module of
``graph/extract`` defines a word list of its own (``tests/graph/extract/test_lexicon.py``).

Verb cues are listed with their inflected forms because the blank pipeline has no
lemmatizer: each form maps to its lemma and a tense tag (``base``, ``3sg``, ``past``,
``pp`` for a past participle, ``ger`` for a gerund; ``past/pp`` when both).
"""

from __future__ import annotations

__all__ = [
    "forms", "GIVE_VERBS", "PLEDGE_VERBS", "GET_VERBS", "REEXPORT_VERBS", "TRANSFER_NOUNS",
    "OPERATE_VERBS", "OPERATOR_LIST_CASES", "SUPPLIED_PARTICIPLES", "PAY_VERBS", "INHERIT_VERBS",
    "BREAK_UP_WORDS", "RECIPIENT_CASES", "OWN_SALE_VERBS", "SALE_NOUNS", "APPROVE_PASSIVE",
    "CONSIDERED_WORDS", "TELL_VERBS", "DEPART_VERBS", "NOT_GOODS", "OWNING_VERBS", "DONE_VERBS",
    "DEAL_NOUNS", "ONWARD_NOUNS", "MONEY_SUBJECTS", "BUY_FOR_VERBS", "ING_MODIFIERS",
    "PART_NOUNS", "COVERAGE_VERBS", "APPROACH_VERBS",
    "GIFT_VERBS", "BUILT_FOR", "WEAPON_HEADS", "WEAPON_HEADS_NEED_MODIFIER",
    "GENERIC_MODIFIERS", "NOT_ITEMS", "STOP_MODIFIERS", "ITEM_WORD_SYNONYMS", "ITEM_FRAME_FOLD",
    "NAMING_WORDS", "ITEM_COMPOUND_NOUNS", "ORIGIN_WORDS", "ED_ADJECTIVES", "NOT_ITEM_MODIFIERS",
    "CALIBRE_WORDS", "AMMUNITION_HEADS", "PLATFORM_HEADS", "CALIBRE_UNITS", "NOT_PLATFORM_WORDS",
    "WEAPON_KINDS", "QUESTION_AUXILIARIES", "CONDITION_WORDS", "NEGATION", "REFRAIN_WORDS",
    "REFUSE_WORDS", "HYPOTHETICAL_MODALS", "FUTURE_MODALS", "PLAN_WORDS", "PROMISE_WORDS",
    "REQUEST_GOVERNORS", "HEDGES", "POTENTIAL_WORDS", "INTENT_NOUNS", "BE_FORMS", "CLAUSE_VERBS",
    "opens_clause", "PREPOSITIONS", "TOWARD_CASES", "POSSESSIVE_MARKS", "BACK_DETERMINERS",
    "TIME_CONJUNCTIONS", "CLAUSE_COORDINATORS", "CLAUSE_OPENERS", "LEFT_BOUNDARY", "RIGHT_BOUNDARY",
    "COORDINATION_GAP", "ENGLISH_FUNCTION_WORDS", "SPEECH_VERBS", "DATE_SPEECH_VERBS",
    "PASSIVE_HEARSAY", "SOURCE_NOUNS", "SOURCE_VERBS", "OPINION_HOLDERS", "BELIEVE_VERBS",
    "ANNOUNCE_VERBS", "HEADLINE_ASKING", "PERMIT_VERBS", "BLOCK_VERBS", "ASK_VERBS",
    "PERMISSION_NOUNS", "REQUEST_NOUNS", "CONSENT_ASK_VERBS", "CONSENT_GOT_WORDS", "GRANT_VERBS",
    "EXPORT_APPROVE_VERBS", "CLEAR_OR_BLOCK_VERBS", "RECEIVE_VERBS", "SUBMIT_VERBS",
    "CONSENT_EXPORT_NOUNS", "ANSWER_VERBS", "ASKING_NOUNS", "ON_REQUEST_WORDS", "WANT_VERBS",
    "GRANTING_VERBS", "TRANSFER_NOUN_GOVERNORS", "CONSENT_NOUNS", "NEED_WORDS", "GRANT_WORDS",
    "REEXPORT_WORDS", "REQUEST_CUE_NOUNS", "LET_WORDS", "REEXPORT_MARKERS", "CATCH_ALL_GOODS",
    "ORDER_WORDS", "RULE_NOUNS", "EXPORT_WORDS", "STANCE_VERBS", "GENERIC_ARMS", "DECIDING_BODIES",
    "PERMIT_NOUNS", "SUSPEND_VERBS", "DENIAL_CUES", "FORBID_WORDS", "ALLOW_WORDS", "UNDO_WORDS",
    "RULE_CONSENT_WORDS", "MUST_WORDS", "WAR_WORDS", "PARTS_WORDS", "DESTINATION_PREPOSITIONS",
    "MAYBE_WORDS", "BUYER_WORDS", "FORBID_NOUNS", "SCOPE_STOP", "POLICY_VERBS", "POLICY_OBJECTS",
    "RULE_SUBJECTS", "RESTRICT_VERBS", "CANCEL_VERBS", "ASSURANCE_NOUNS", "HARM_AFTER_WILL",
    "GRAVE_WORDS", "SANCTION_VERBS", "THREAT_VERBS", "CONSEQUENCE_WORDS", "RESPOND_VERBS",
    "VOW_VERBS", "ASSURE_VERBS", "THIRD_PARTY_WORDS", "PRODUCE_VERBS", "HELP_NOUNS",
    "LOCAL_PRODUCTION_WORDS", "PRODUCTION_NOUNS", "SUPPORT_VERBS", "TITLES", "ACTOR_NOUNS",
    "ARMED_SERVICES", "GROUP_NOUNS", "SKIP_BEFORE_ACTOR", "GOVERNMENT_NOUNS", "COMPANY_NOUNS",
    "GOVERNMENT_WORDS", "COMMON_LAST_WORDS", "CAPITALISED_ADJECTIVES", "NOT_DESIGNATIONS",
    "NOT_NAMES", "MONTH_NAMES", "BODY_WORDS", "UNDATED_MARKERS", "MONTHS", "WEEKDAYS",
    "DATE_NUMBER_WORDS", "QUANTITY_WORDS", "NUMBER_WORDS",
]


def forms(base: str, s3: str, past: str, pp: str, ger: str) -> dict[str, tuple[str, str]]:
    """Inflected forms of a verb mapped to (lemma, tense)."""
    out: dict[str, tuple[str, str]] = {base: (base, "base"), s3: (base, "3sg"), ger: (base, "ger")}
    if past == pp:
        out[past] = (base, "past/pp")
    else:
        out[past] = (base, "past")
        out[pp] = (base, "pp")
    return out


def _regular(base: str) -> dict[str, tuple[str, str]]:
    if base.endswith("e"):
        return forms(base, base + "s", base + "d", base + "d", base[:-1] + "ing")
    if base.endswith("y"):
        return forms(base, base[:-1] + "ies", base[:-1] + "ied", base[:-1] + "ied", base + "ing")
    return forms(base, base + "s", base + "ed", base + "ed", base + "ing")


# ── Transfers: verbs, nouns and frames of giving and getting ──────────────────────────────────────
# Cues of a Transfer (``rules/transfer.py``) and the words around them.
#: Verbs of giving ("sent", "supplied", "sold"): the subject is the supplier.
GIVE_VERBS: dict[str, tuple[str, str]] = {}
for _v in ("deliver", "export", "provide", "donate", "supply", "hand", "dispatch", "redirect",
           "divert", "gift", "pass", "furnish", "lend", "contribute", "lease", "rearm"):
    GIVE_VERBS.update(_regular(_v))
GIVE_VERBS.update(forms("send", "sends", "sent", "sent", "sending"))
GIVE_VERBS.update(forms("sell", "sells", "sold", "sold", "selling"))
GIVE_VERBS.update(forms("ship", "ships", "shipped", "shipped", "shipping"))
GIVE_VERBS.update(forms("equip", "equips", "equipped", "equipped", "equipping"))
GIVE_VERBS.update(forms("transfer", "transfers", "transferred", "transferred", "transferring"))
GIVE_VERBS.update(forms("give", "gives", "gave", "given", "giving"))
GIVE_VERBS.update(forms("lend", "lends", "lent", "lent", "lending"))
GIVE_VERBS.update(forms("end", "ends", "ended", "ended", "ending"))  # only in "end up in"
for _v in ("pledge", "promise"):
    GIVE_VERBS.update(_regular(_v))
GIVE_VERBS.update(forms("offer", "offers", "offered", "offered", "offering"))
GIVE_VERBS.pop("passes", None)

#: Give-verbs that carry their own modality: "pledged F-16s to Kyiv" is a promise.
PLEDGE_VERBS: dict[str, str] = {"pledge": "promised", "promise": "promised",
                                "offer": "conditional"}

#: Verbs of getting ("received", "bought", "ordered"): the subject is the recipient.
GET_VERBS: dict[str, tuple[str, str]] = {}
for _v in ("receive", "purchase", "order", "procure", "acquire", "import", "obtain",
           "inherit", "secure"):
    GET_VERBS.update(_regular(_v))
GET_VERBS.update(forms("buy", "buys", "bought", "bought", "buying"))
GET_VERBS.update(forms("get", "gets", "got", "got", "getting"))
GET_VERBS.update(forms("sign", "signs", "signed", "signed", "signing"))  # only "sign for"
GET_VERBS.update(forms("select", "selects", "selected", "selected", "selecting"))
GET_VERBS.update(forms("ink", "inks", "inked", "inked", "inking"))  # "inks a contract"
GET_VERBS.update(forms("choose", "chooses", "chose", "chosen", "choosing"))

#: Give-verbs that pass on items received earlier: their missing supplier is the previous
#: transfer's recipient ("… to the US, which will then be redirected to Ukraine").
REEXPORT_VERBS = frozenset({"redirect", "divert", "re-export", "retransfer", "pass"})

#: Nouns naming a transfer: "the shipment of Patriots to Ukraine".
TRANSFER_NOUNS: frozenset[str] = frozenset({
    "shipment", "shipments", "delivery", "deliveries", "transfer", "transfers", "sale",
    "sales", "export", "exports", "donation", "donations", "supply", "re-export",
})

#: Verbs of operating a system ("the fourth country operating S").
OPERATE_VERBS: frozenset[str] = frozenset({
    "operate", "operates", "operated", "operating", "fields", "fielded", "fielding",
})

#: Case markers of a list of other operators ("after B and C", "like B").
OPERATOR_LIST_CASES: frozenset[str] = frozenset({
    "after", "like", "including", "besides", "alongside", "joining", "with",
})

#: Participles of "US-supplied", "German-donated".
SUPPLIED_PARTICIPLES: frozenset[str] = frozenset({
    "supplied", "provided", "donated", "delivered", "gifted", "sent", "given",
})

#: Verbs of paying for items ("X will fund S for Z").
PAY_VERBS: frozenset[str] = frozenset({
    "paid", "pays", "pay", "paying", "funded", "funds", "fund", "funding", "financed", "finances",
    "finance", "financing", "bankrolled",
})

#: Verbs of inheriting a predecessor state's stock.
INHERIT_VERBS: frozenset[str] = frozenset({
    "inherited", "inherit", "inherits", "inheriting",
})

#: Words of a state's break-up ("after the break-up of X").
BREAK_UP_WORDS: frozenset[str] = frozenset({
    "break-up", "breakup", "break", "dissolution", "split", "collapse", "partition", "division",
    "from",
})

#: Case markers of a recipient in the parse.
RECIPIENT_CASES: frozenset[str] = frozenset({
    "to", "for", "into",
})

#: Verbs by which a supplier announces its own sale ("X approved the sale of S to Z").
OWN_SALE_VERBS: frozenset[str] = frozenset({
    "approved", "approves", "confirmed", "confirms", "completed", "completes", "finalised",
    "finalized", "announced", "announces", "began", "begins", "started", "starts", "made", "makes",
})

#: Nouns of a sale approved in the passive ("approved for sale to Z").
SALE_NOUNS: frozenset[str] = frozenset({
    "sale", "sales", "export", "exports", "transfer", "delivery",
})

#: Participles of an approved sale ("had been approved for sale").
APPROVE_PASSIVE: frozenset[str] = frozenset({
    "approved", "cleared", "authorised", "authorized", "licensed", "licenced",
})

#: Words that keep a negated transfer open ("ensure … not", "refrain"): no refusal of its own.
CONSIDERED_WORDS: frozenset[str] = frozenset({
    "if", "unless", "ensure", "sure", "watch", "refrain", "refrained", "reluctant", "hesitant",
    "unwilling", "avoid", "threatened", "warned", "whether", "consequences",
})

#: Verbs of telling or urging someone (not) to send.
TELL_VERBS: frozenset[str] = frozenset({
    "told", "tell", "tells", "urged", "urge", "urges", "asked", "ask", "asks", "warned", "warn",
    "warns", "called", "pressed", "pressured", "advised", "demanded", "requested", "telling",
    "urging", "asking", "warning",
})

#: Verbs of items leaving for a destination ("expected to depart for").
DEPART_VERBS: frozenset[str] = frozenset({
    "depart", "departs", "departed", "departing", "leave", "leaves", "left", "head", "heads",
    "headed", "bound",
})

#: What a receiving verb may take that is no item: "received a request / an offer to …".
NOT_GOODS: frozenset[str] = frozenset({
    "request", "requests", "offer", "offers", "proposal", "proposals", "application",
    "applications", "letter", "letters", "call", "calls", "invitation", "assurance", "assurances",
    "guarantee", "guarantees", "promise", "promises", "bid", "bids", "message", "answer", "reply",
})

#: Verbs whose subject owns a deal ("negotiated", "concluded").
OWNING_VERBS: frozenset[str] = frozenset({
    "negotiating", "negotiated", "negotiate", "negotiates", "completed", "completes", "concluded",
    "finalised", "finalized", "announced", "approved", "approves", "cleared", "clears", "clear",
    "agreed", "signed", "authorised", "authorized", "made", "making", "halted", "suspended",
    "delayed", "resumed", "began", "started", "planned", "plans", "proposed", "pledged", "promised",
    "offered", "speed", "accelerate", "expedite", "prepared", "hold", "blocked", "stopped", "froze",
    "considering", "discussing", "discussed",
})

#: Verbs of a completed delivery noun ("completed the delivery").
DONE_VERBS: frozenset[str] = frozenset({
    "completed", "finished", "concluded", "carried", "made", "executed", "finalised", "finalized",
    "began", "begun", "started",
})

#: Nouns of a deal or contract.
DEAL_NOUNS: frozenset[str] = frozenset({
    "deal", "deals", "contract", "contracts", "agreement", "agreements",
})

#: Money and plans that can be the subject of a transfer ("a $400 million package will send
#: …", "the plan would see €500 million used to buy …"): the giver is their owner.
MONEY_SUBJECTS: frozenset[str] = frozenset({
    "package", "packages", "plan", "money", "funds", "funding", "million", "billion",
    "tranche", "€", "$", "£", "facility",
})

#: Verbs of buying for someone else after money ("used to help buy X for Z").
BUY_FOR_VERBS: frozenset[str] = frozenset({
    "buy", "purchase", "procure", "acquire", "finance", "fund",
})

#: Verbs of turning to a seller: "Ukraine approached Israel to buy S" (the subject buys, the
#: one approached would sell).
APPROACH_VERBS: frozenset[str] = frozenset({
    "approached", "approach", "approaches", "approaching", "contacted", "contact", "contacts",
    "lobbied", "courted", "courting",
})

#: Nouns of an onward transfer after a first one's recipient: "sold shells to the US *for
#: transfer to* Ukraine" (the first recipient passes the items on).
ONWARD_NOUNS: frozenset[str] = frozenset({
    "transfer", "delivery", "shipment", "re-export", "donation", "onward",
})

#: Verbs of giving without sale.
GIFT_VERBS: frozenset[str] = frozenset({
    "give", "donate", "gift", "pledge", "promise", "provide",
})

#: Participles before *for* that name the destination ("built for Ukraine").
BUILT_FOR: frozenset[str] = frozenset({
    "built", "made", "designed", "intended", "destined", "meant", "produced", "manufactured",
    "ordered", "developed",
})


# ── Items: what is, and what is never, a weapons system ───────────────────────────────────────────
# Head nouns and modifiers of item phrases (``mentions.py``), and the common nouns that never
# become a system in the store.
#: Head nouns that make a phrase a weapons item ("air defense systems", "howitzers").
WEAPON_HEADS: frozenset[str] = frozenset({
    "missile", "missiles", "interceptor", "interceptors", "tank", "tanks", "howitzer",
    "howitzers", "jet", "jets", "fighter", "fighters", "aircraft", "helicopter",
    "helicopters", "drone", "drones", "rocket", "rockets", "launcher", "launchers",
    "munition", "munitions", "ammunition", "ammo", "shell", "shells", "round", "rounds",
    "vehicle", "vehicles", "warship", "warships", "frigate", "frigates", "submarine",
    "submarines", "corvette", "corvettes", "rifle", "rifles", "gun", "guns", "cannon",
    "cannons", "grenade", "grenades", "mortar", "mortars", "radar", "radars", "helmet",
    "helmets", "system", "systems", "battery", "batteries", "bomb", "bombs", "torpedo",
    "torpedoes", "artillery", "carrier", "carriers", "materials", "vests", "bombers",
    "bomber", "complexes", "complex", "mines", "warheads", "warhead", "ships", "boats",
    "weapons", "equipment", "armour", "armor", "cartridges", "mbts", "mbt", "sphs",
    "sph", "ifvs", "ifv", "apcs", "apc", "sams", "manpads", "atgms", "mlrs", "engines",
    "uavs", "uav", "planes", "airplanes", "transporters", "weaponry", "technologies",
    "optics", "sensors", "pods", "pod",
})

#: Heads too vague on their own: an item only with a modifier ("air defense systems").
WEAPON_HEADS_NEED_MODIFIER: frozenset[str] = frozenset({
    "system", "systems", "vehicle", "vehicles", "round", "rounds", "complex", "complexes",
    "carrier", "carriers", "battery", "batteries", "materials", "ships", "boats", "shell",
    "shells", "guns", "gun", "mines", "planes",
    "weapons", "equipment", "armour", "armor", "ammunition", "ammo", "munitions", "munition",
    "engines", "engine", "weaponry", "technologies", "optics", "sensors", "pods", "pod",
})

#: Words in *-ing* that name what an item is for, not a verb before it ("targeting equipment",
#: "training aircraft", "demining vehicles", "jamming pods").
ING_MODIFIERS: frozenset[str] = frozenset({
    "targeting", "targetting", "training", "landing", "demining", "mine-clearing", "firing",
    "tracking", "jamming", "engineering", "bridging", "refuelling", "refueling", "towing",
    "mapping", "listening", "warning",
})

#: Parts named by what they are for: "components for fighter aircraft", "parts for unmanned
#: aerial vehicles" are items of their own (labelled so), where "parts" alone is none.
PART_NOUNS: frozenset[str] = frozenset({
    "parts", "components", "spares", "subsystems", "kits", "upgrades",
})

#: Verbs that put items under a denial: "X, Y and Z were subjected to the suspension", "the
#: ban covers X and Y".
COVERAGE_VERBS: frozenset[str] = frozenset({
    "subjected", "subject", "covered", "covers", "cover", "affected", "affects", "included",
    "includes", "include", "fall", "falls",
})

#: Modifiers too general to make "weapons" or "equipment" an item ("military equipment").
GENERIC_MODIFIERS: frozenset[str] = frozenset({
    "military", "lethal", "non-lethal", "heavy", "modern", "advanced", "sophisticated",
    "defensive", "offensive", "conventional", "western", "other", "new", "more", "such",
    "nonlethal", "protective", "medical", "defense", "defence", "our", "your", "their", "non",
})

#: Words that never make an item by themselves (too general to be a weapons system).
NOT_ITEMS: frozenset[str] = frozenset({
    "arms", "weapon", "hardware", "support", "aid", "assistance",
    "parts", "components", "technology", "materiel", "supplies", "help", "goods", "items",
})

#: Words that cannot modify an item's head noun (determiners, quantifiers, pronouns …).
STOP_MODIFIERS: frozenset[str] = frozenset({
    "the", "a", "an", "these", "those", "this", "that", "its", "their", "his", "her", "our",
    "your", "my", "more", "most", "some", "any", "all", "no", "other", "such", "several",
    "many", "few", "much", "each", "every", "both", "either", "neither", "own", "same",
    "of", "and", "or", "to", "for", "with", "in", "on", "by", "from", "than", "as", "at",
    "about", "into", "not", "also", "only", "just", "even", "enough", "new", "further",
    "additional", "extra", "what", "which", "who", "whose", "how", "when", "where", "why",
    "is", "are", "was", "were", "be", "been", "being", "has", "have", "had", "will",
    "would", "could", "can", "may", "might", "must", "should", "shall", "do", "does", "did",
    "it", "they", "we", "he", "she", "them", "us", "if", "but", "so", "then", "there",
    "here", "very", "up", "out", "over", "under", "between", "among", "s", "one", "two",
    "million", "billion", "thousand", "hundred", "dozens", "hundreds", "thousands",
    "includes", "include", "including", "included", "contains", "comprises", "like",
    "worth", "via", "per", "said", "says", "told", "against", "without", "before", "after",
    "because", "since", "while", "until", "unless", "once", "although", "whether", "former",
    "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve",
    "twenty", "thirty", "forty", "fifty", "dozen", "first", "last", "next", "certain",
    "various", "relevant", "unspecified",
})

#: Item words folded to one form when comparing item phrases with catalog categories.
ITEM_WORD_SYNONYMS: dict[str, str] = {
    "shell": "ammo", "round": "ammo", "ammunition": "ammo", "munition": "ammo",
    "defence": "defense",
}

#: Spelling and number variants folded when the item frame compares phrases.
ITEM_FRAME_FOLD: dict[str, str] = {
    "defense": "defence", "armored": "armoured", "missiles": "missile",
}

#: Words between an item and a name that give the name ("known as", "dubbed").
NAMING_WORDS: frozenset[str] = frozenset({
    "known", "called", "dubbed", "named",
})

#: Nouns after a weapon noun that make it a modifier, not the head ("aircraft acquisition").
ITEM_COMPOUND_NOUNS: frozenset[str] = frozenset({
    "acquisition", "acquisitions", "programme", "program", "deal", "deals", "contract", "contracts",
    "purchase", "purchases", "production", "industry", "maker", "makers", "manufacturer",
    "manufacturers", "exports", "export", "sales", "sale", "family", "fleet", "crews", "pilots",
    "training", "budget", "market", "factory", "plant", "coalition", "stocks", "stockpiles",
    "supplies", "deliveries", "delivery", "shipments", "plans", "project", "capability",
    "capabilities", "base", "bases", "order", "orders", "strikes", "attacks", "attack", "strike",
    "unit", "units", "battalion", "brigade", "operators",
})

#: Words after an origin ("German-made", "US-supplied", "second-hand") that are no part of the
#: item's name.
ORIGIN_WORDS: frozenset[str] = frozenset({
    "-", "made", "built", "designed", "produced", "supplied", "used", "second", "hand", "remaining",
    "older", "licensed", "licence", "license", "manufactured", "origin",
})

#: Words in *-ed* that modify an item ("armoured", "guided"); other *-ed* words end the phrase.
ED_ADJECTIVES: frozenset[str] = frozenset({
    "armoured", "armored", "guided", "unmanned", "crewed", "tracked", "wheeled", "advanced",
    "improved", "upgraded", "modernised", "modernized", "refurbished", "armed", "integrated",
    "propelled", "based", "launched", "mounted", "towed", "enhanced", "extended", "red",
})

#: Verbs that look like modifiers before a weapon noun and end the phrase ("kept tanks").
NOT_ITEM_MODIFIERS: frozenset[str] = frozenset({
    "kept", "put", "set", "got", "let", "made", "held", "left", "keep", "keeps", "hit", "shot",
    "fired", "flies", "fly",
})

#: Calibre words of an item phrase ("155 mm", "155-millimetre").
CALIBRE_WORDS: frozenset[str] = frozenset({
    "mm", "cm", "millimetre", "millimeter", "calibre", "caliber", "-",
})

#: Heads of ammunition phrases ("rounds", "shells").
AMMUNITION_HEADS: frozenset[str] = frozenset({
    "rounds", "round", "ammunition", "ammo", "shells", "munitions", "cartridges",
})

#: Heads of platforms whose variants the catalog may lack ("fighter jets", "tanks").
PLATFORM_HEADS: frozenset[str] = frozenset({
    "fighter", "fighters", "jet", "jets", "aircraft", "helicopter", "helicopters", "tank", "tanks",
    "bomber", "bombers",
})

#: Units of a calibre designation ("122 mm", "5.56 in").
CALIBRE_UNITS: frozenset[str] = frozenset({
    "mm", "cm", "millimetre", "millimeter", "inch", "in",
})

#: Items that are no platform (ammunition, parts, engines): the frame does not make them one.
NOT_PLATFORM_WORDS: frozenset[str] = frozenset({
    "ammunition", "ammo", "munitions", "munition", "shells", "shell", "rounds", "round",
    "cartridges", "parts", "components", "spares", "engines", "engine", "technologies",
})

#: Kinds of weapon by head noun (land, air, artillery, missile): a frame compares items of one kind.
WEAPON_KINDS: dict[str, frozenset[str]] = {
    "land": frozenset({
        "tank", "tanks", "vehicle", "vehicles", "carrier", "carriers", "apc", "apcs", "ifv", "ifvs",
        "mbt", "mbts",
    }),
    "air": frozenset({
        "jet", "jets", "fighter", "fighters", "aircraft", "plane", "planes",
    }),
    "artillery": frozenset({
        "howitzer", "howitzers", "artillery",
    }),
    "missile": frozenset({
        "missile", "missiles", "rocket", "rockets",
    }),
}


# ── Modality: negation, refusal, hedges, plans and promises ───────────────────────────────────────
# Read by ``rules/base.py::modality`` and the rules that set a fact's status.
#: Auxiliaries that open a question ("Will X send …?").
QUESTION_AUXILIARIES: frozenset[str] = frozenset({
    "will", "would", "could", "should", "can", "may", "might", "shall", "is", "are", "does", "do",
    "has", "have",
})

#: Conjunctions of a condition: a fact under them is hypothetical.
CONDITION_WORDS: frozenset[str] = frozenset({
    "if", "unless", "whether",
})

#: Negation words.
NEGATION: frozenset[str] = frozenset({
    "not", "n't", "never", "no", "nor", "neither", "without",
})

#: Holding back or stopping ("refrain from", "reluctant to"): never delivered or planned.
REFRAIN_WORDS: frozenset[str] = frozenset({
    "reluctant", "hesitant", "unwilling", "reluctance", "hesitated", "refrain", "refrained",
    "refrains", "refraining", "avoid", "avoided", "avoids", "avoiding", "stop", "stopped", "halt",
    "halted", "prevent", "prevented", "ban", "banned", "banning", "forbid", "forbidden",
    "prohibited", "prohibit",
})

#: Refusing and blocking: a refused status.
REFUSE_WORDS: frozenset[str] = frozenset({
    "objected", "objects", "object", "objecting", "refuse", "refused", "refuses", "refusing",
    "decline", "declined", "declines", "reject", "rejected", "rejects", "rejecting", "veto",
    "vetoed", "vetoes", "block", "blocked", "blocks", "blocking", "deny", "denied", "denies",
    "denying",
})

#: Modals of possibility: hypothetical.
HYPOTHETICAL_MODALS: frozenset[str] = frozenset({
    "would", "could", "might", "may", "can", "should", "'d", "’d",
})

#: Modals of the future: planned (promised after a speech verb).
FUTURE_MODALS: frozenset[str] = frozenset({
    "will", "'ll", "’ll", "shall",
})

#: Words of a plan, decision or contract: planned.
PLAN_WORDS: frozenset[str] = frozenset({
    "plan", "plans", "planned", "planning", "agreed", "agree", "agrees", "decided", "decide",
    "decides", "chosen", "chose", "choose", "intends", "intend", "intended", "set", "going",
    "expected", "prepared", "ready", "approved", "approve", "approves", "aims", "aim", "signed",
    "contract", "contracted", "order", "ordered", "deal", "preparing", "moving", "decision",
    "agreement", "scheduled", "due", "authorised", "authorized", "cleared",
})

#: Words of a promise: promised.
PROMISE_WORDS: frozenset[str] = frozenset({
    "promised", "promise", "promises", "pledged", "pledge", "pledges", "vowed", "vow", "vows",
    "committed", "commits", "offered", "offers", "offer",
})

#: Verbs of asking or wanting that govern a transfer: requested.
REQUEST_GOVERNORS: frozenset[str] = frozenset({
    "asked", "ask", "asks", "urged", "urge", "urges", "requested", "request", "requests", "called",
    "calls", "appealed", "pressed", "pressing", "urging", "asking", "begged", "wants", "want",
    "wanted", "seeking", "seeks", "seek", "sought", "hopes", "hoping", "lobbying",
})

#: Hedges: reported.
HEDGES: frozenset[str] = frozenset({
    "reportedly", "allegedly", "purportedly", "supposedly", "apparently", "reports", "reported",
    "rumoured", "rumored", "indicated", "signalled", "signaled", "hinted", "suggested",
    "unconfirmed", "claimed", "claims", "likely", "probably", "presumably", "appears", "appeared",
    "seems", "seemed", "estimated",
})

#: Adjectives before a transfer noun that make it hypothetical ("a possible sale").
POTENTIAL_WORDS: frozenset[str] = frozenset({
    "potential", "possible", "any", "prospective", "eventual", "future", "hypothetical", "likely",
})

#: Nouns of an intention after a possessive ("Germany's decision to send").
INTENT_NOUNS: frozenset[str] = frozenset({
    "decision", "refusal", "plan", "plans", "offer", "promise", "pledge", "commitment", "move",
    "bid", "attempt", "reluctance", "willingness", "readiness", "agreement", "intention",
})


# ── Clauses: boundaries, coordination and function words ──────────────────────────────────────────
# Where a clause's windows end (``rules/base.py``), and the small words the rules step over.
#: Forms of *be* (passives, copulas).
BE_FORMS: frozenset[str] = frozenset({
    "is", "are", "was", "were", "be", "been", "being", "'s", "’s", "'re", "’re",
})

#: Words that follow the subject of a clause of its own ("…, and Yerevan *has* …").
CLAUSE_VERBS: frozenset[str] = frozenset({
    "has", "have", "had", "will", "would", "also", "then", "later", "is", "was", "did",
    "could", "may", "might", "agreed", "signed", "took", "plans", "planned",
})

def opens_clause(word: str) -> bool:
    """Whether ``word``, right after an actor, makes the actor a clause's subject."""
    return word in GIVE_VERBS or word in GET_VERBS or word in BE_FORMS or word in CLAUSE_VERBS

#: Prepositions: the role an actor after them takes ("to Z", "from X").
PREPOSITIONS: frozenset[str] = frozenset({
    "to", "in", "from", "for", "with", "of", "by", "into", "at", "on", "via", "against",
    "toward", "towards", "through", "under", "over", "between", "among", "within", "about",
    "than", "like", "across", "near", "onto", "upon", "after", "before", "during", "without",
    "including", "unlike", "beyond", "around", "amid", "despite",
})

#: Case markers of a destination in the parse ("to", "into", "towards").
TOWARD_CASES: frozenset[str] = frozenset({
    "to", "into", "towards", "toward",
})

#: Possessive endings as tokens.
POSSESSIVE_MARKS: frozenset[str] = frozenset({
    "'s", "’s", "'", "’",
})

#: Determiners of a reference back ("these missiles", "the tanks").
BACK_DETERMINERS: frozenset[str] = frozenset({
    "the", "these", "those", "this", "that", "such",
})

#: Prepositions that are conjunctions of time here: no role preposition ("after Poland sent").
TIME_CONJUNCTIONS: frozenset[str] = frozenset({
    "after", "before", "since", "until", "once",
})

#: Coordinators that may open a clause of its own ("…, and Yerevan has …").
CLAUSE_COORDINATORS: frozenset[str] = frozenset({
    "and", "but", "while", "whereas", "yet", "meanwhile",
})

#: Words that end a cue's left window: a subordinate or relative clause starts there.
LEFT_BOUNDARY: frozenset[str] = frozenset({
    "that", "which", "who", "whom", "if", "unless", "because", "while", "although", "though",
    "whereas", "but", ";", ":", "when", "after", "before", "since", "until", "once", "“", "”", '"',
    "why", "whether", "where", "however",
})

#: Words that end a cue's right window.
RIGHT_BOUNDARY: frozenset[str] = frozenset({
    ";", "which", "who", "because", "while", "although", "though", "whereas", "but", "if", "unless",
    "when", "after", "before", "since", "until", "hoping", "so", "“", "”", '"', "whether", "where",
    "amid", "despite", "according",
})

#: Words allowed between coordinated items ("A, B as well as some C").
COORDINATION_GAP: frozenset[str] = frozenset({
    ",", "and", "or", "as", "well", "plus", "&", "more", "additional", "up", "to", "about",
    "around", "some", "nearly", "further", "new", "other", "several", "two", "three", "four",
    "five", "six", "dozens", "of", "its", "their", "the", "a",
})

#: Common English function words: under 8 % of them, a text is not English (``text.py``).
ENGLISH_FUNCTION_WORDS: frozenset[str] = frozenset({
    "the", "of", "and", "to", "in", "a", "is", "that", "for", "on", "with", "as", "was", "by", "at",
    "it", "from", "be", "are", "has", "have", "this", "which", "an", "or", "were", "not", "but",
    "its", "their", "would", "will", "said", "he", "she", "they", "been", "had", "after", "also",
    "who", "more", "than", "can", "could", "we", "our", "about", "into", "over", "new", "us", "his",
    "her", "them", "there", "if", "when", "while",
})

#: The coordinators and the punctuation before a clause of its own.
CLAUSE_OPENERS: frozenset[str] = CLAUSE_COORDINATORS | frozenset({",", ";"})


# ── Speech and attribution ────────────────────────────────────────────────────────────────────────
# Verbs and nouns of saying, reporting and believing.
#: Verbs of saying: their subject is a statement's speaker.
SPEECH_VERBS: frozenset[str] = frozenset({
    "said", "says", "say", "told", "tells", "stated", "states", "warned", "warns", "added",
    "announced", "announces", "declared", "noted", "stressed", "insisted", "claimed",
    "explained", "confirmed", "mentioned", "argued", "wrote", "tweeted", "remarked",
    "indicated", "suggested", "signalled", "signaled", "hinted", "asserted", "emphasized",
    "emphasised", "reiterated", "revealed", "disclosed", "reported", "quoted", "cited",
})

#: Speech verbs that make a following *that/which/who* the reported clause, not a new date segment.
DATE_SPEECH_VERBS: frozenset[str] = frozenset({
    "said", "announced", "stated", "reported", "told", "says", "confirmed", "declared", "revealed",
    "indicated", "added", "noted", "warned",
})

#: Participles of hearsay after *is/are/was*: "is said / understood / believed to".
PASSIVE_HEARSAY: frozenset[str] = frozenset({
    "said", "understood", "believed", "thought", "reported", "rumoured", "rumored", "alleged",
    "claimed", "suspected", "known",
})

#: Unnamed sources ("sources suggest", "reports say").
SOURCE_NOUNS: frozenset[str] = frozenset({
    "sources", "source", "insiders", "officials", "reports", "media",
})

#: Verbs of unnamed sources: with :data:`SOURCE_NOUNS` the fact is reported.
SOURCE_VERBS: frozenset[str] = frozenset({
    "suggest", "suggests", "suggested", "say", "said", "says", "indicate", "indicated", "indicates",
    "claim", "claimed", "claims", "told", "report", "reported", "reports",
})

#: Who holds an opinion that hedges a fact ("analysts believe").
OPINION_HOLDERS: frozenset[str] = frozenset({
    "analysts", "experts", "observers", "officials", "diplomats", "sources", "insiders", "some",
    "many",
})

#: Verbs of belief that, after :data:`OPINION_HOLDERS`, make a fact reported.
BELIEVE_VERBS: frozenset[str] = frozenset({
    "believe", "believed", "believes", "think", "thought", "suspect", "suspected", "estimate",
    "estimated", "assume", "assumed",
})

#: Verbs of announcing: *will/would* after them is a promise.
ANNOUNCE_VERBS: frozenset[str] = frozenset({
    "said", "says", "say", "announced", "announces", "told", "stated", "declared", "confirmed",
    "pledged",
})


# ── Permission, consent and requests ──────────────────────────────────────────────────────────────
# Cues of ReExportConsent (``rules/consent.py``), Request (``rules/request.py``) and the parse
# rules of ``deps.py``.
#: Words that make a headline a request or a veto: its parties are not the story's supplier and
#: recipient.
HEADLINE_ASKING: frozenset[str] = frozenset({
    "request", "requests", "veto", "vetoes", "vetoed", "permission", "approval", "consent", "asks",
    "asked", "wants",
})

#: Verbs whose object is the party allowed to act: "allowed Finland to send".
PERMIT_VERBS: frozenset[str] = frozenset({
    "allow", "allows", "allowed", "allowing", "permit", "permits", "permitted", "permitting", "let",
    "lets", "letting", "authorise", "authorises", "authorised", "authorising", "authorize",
    "authorizes", "authorized", "authorizing", "enable", "enables", "enabled", "clear", "clears",
    "cleared", "approve", "approves", "approved",
})

#: Verbs whose object is the party kept from acting: "block Poland from sending".
BLOCK_VERBS: frozenset[str] = frozenset({
    "block", "blocks", "blocked", "blocking", "prevent", "prevents", "prevented", "preventing",
    "stop", "stops", "stopped", "stopping", "bar", "bars", "barred", "barring", "forbid", "forbids",
    "forbade", "forbidden", "prohibit", "prohibits", "prohibited",
})

#: Verbs whose object is asked to act: "asked Switzerland to permit".
ASK_VERBS: frozenset[str] = frozenset({
    "ask", "asks", "asked", "asking", "urge", "urges", "urged", "urging", "request", "requests",
    "requested", "requesting", "press", "pressed", "pressing", "call", "called", "calls",
    "petition", "petitioned", "appeal", "appealed", "appeals",
})

#: Nouns of permission given to someone: "the go-ahead to Norway to send".
PERMISSION_NOUNS: frozenset[str] = frozenset({
    "go-ahead", "ahead", "permission", "approval", "consent", "nod", "clearance", "light",
    "authorisation", "authorization", "licence", "license", "waiver",
})

#: Nouns of asking whose owner wants to act: "Norway's request to send".
REQUEST_NOUNS: frozenset[str] = frozenset({
    "request", "requests", "bid", "bids", "application", "applications", "plea", "pleas", "appeal",
    "appeals", "attempt", "attempts", "call", "calls", "demand", "demands", "offer", "offers",
    "plan", "plans", "proposal", "proposals", "desire", "wish", "decision", "intention",
    "willingness", "readiness", "move", "effort", "efforts",
})

#: Verbs of asking for consent ("sought approval").
CONSENT_ASK_VERBS: frozenset[str] = frozenset({
    "asked", "requested", "sought", "ask", "seek", "applied", "request", "requests", "asking",
    "seeking",
})

#: Words before a consent noun that make it granted ("obtained permission", "with the approval").
CONSENT_GOT_WORDS: frozenset[str] = frozenset({
    "after", "with", "obtained", "received", "secured", "won", "got", "gained", "given", "gave",
    "give", "gives", "granted", "grants", "giving",
})

#: Verbs of approving an export.
EXPORT_APPROVE_VERBS: frozenset[str] = frozenset({
    "approved", "approves", "approve", "authorised", "authorized", "authorises", "authorizes",
})

#: Verbs of a consent holder deciding either way ("clear", "block", "veto").
CLEAR_OR_BLOCK_VERBS: frozenset[str] = frozenset({
    "clear", "clears", "cleared", "block", "blocks", "blocked", "veto", "vetoes", "vetoed",
    "objected", "objects", "object",
})

#: Verbs of receiving a request.
RECEIVE_VERBS: frozenset[str] = frozenset({
    "receive", "received", "receives", "receiving", "get", "got", "gets", "obtained",
})

#: Verbs of sending a request ("submitted", "filed", "lodged").
SUBMIT_VERBS: frozenset[str] = frozenset({
    "sent", "send", "sends", "submitted", "submit", "submits", "filed", "made", "makes",
    "addressed", "lodged",
})

#: Nouns of the export a consent is asked for.
CONSENT_EXPORT_NOUNS: frozenset[str] = frozenset({
    "export", "exports", "re-export", "re-exports", "sale", "sales", "transfer", "transfers",
    "delivery", "deliveries", "shipment",
})

#: Verbs by which the party asked answers a request ("X refused Y's request for …").
ANSWER_VERBS: frozenset[str] = frozenset({
    "refused", "refuses", "rejected", "rejects", "turned", "denied", "denies", "declined",
    "declines", "vetoed", "vetoes", "approved", "approves", "granted", "grants", "accepted",
    "accepts", "answered", "ignored", "received", "receives", "considering", "considers",
})

#: Nouns of asking that an answer verb takes ("refused Y's request for").
ASKING_NOUNS: frozenset[str] = frozenset({
    "request", "requests", "appeal", "appeals", "plea", "pleas", "call", "calls", "bid", "desire",
    "wish",
})

#: Words before a request noun that make a transfer its answer ("at the request of").
ON_REQUEST_WORDS: frozenset[str] = frozenset({
    "on", "at", "upon", "following", "after", "to", "answering",
})

#: Verbs of getting an item after a request ("a request to buy").
WANT_VERBS: frozenset[str] = frozenset({
    "acquire", "buy", "purchase", "obtain", "receive", "get", "procure", "secure",
})

#: Verbs that grant a request.
GRANTING_VERBS: frozenset[str] = frozenset({
    "approved", "approves", "granted", "grants", "accepted", "accepts", "fulfilled",
})

#: Nouns of consent ("approval", "the green light").
CONSENT_NOUNS: frozenset[str] = frozenset({
    "approval", "consent", "permission", "nod", "authorisation", "authorization", "permit",
    "go-ahead", "clearance", "blessing", "agreement", "ahead", "light",
})

#: Words of needing consent: required.
NEED_WORDS: frozenset[str] = frozenset({
    "need", "needs", "needed", "needing", "require", "requires", "required", "requiring", "seek",
    "seeks", "sought", "obtain", "get", "must", "subject",
})

#: Words of granting consent: granted.
GRANT_WORDS: frozenset[str] = frozenset({
    "approved", "approves", "approve", "allowed", "allows", "allow", "authorised", "authorized",
    "authorises", "authorizes", "permitted", "permits", "cleared", "granted", "grants", "consented",
    "greenlit",
})

#: Words of passing items on ("re-export", "pass on", "transfer").
REEXPORT_WORDS: frozenset[str] = frozenset({
    "re-export", "reexport", "re-exports", "re-exported", "re-exporting", "retransfer",
    "re-transfer", "pass", "passing", "transfer", "send", "sending", "supply", "deliver", "give",
    "export", "exports", "deliveries", "shipment", "sale", "sell",
})

#: Nouns of a Request fact ("a plea for", "a bid for").
REQUEST_CUE_NOUNS: frozenset[str] = frozenset({
    "pitch", "call", "calls", "appeal", "appeals", "plea", "pleas", "request", "requests", "demand",
    "demands", "bid",
})

#: Words of letting or asking leave to send ("allowed X to send", "a bid to").
LET_WORDS: frozenset[str] = frozenset({
    "let", "lets", "allow", "allowed", "allows", "allowing", "permit", "permitted", "permission",
    "approve", "approval", "authorise", "authorize", "authorised", "authorized", "consent",
    "request", "requests", "attempt", "attempts", "bid",
})

#: Words that make a sentence about re-export.
REEXPORT_MARKERS: frozenset[str] = frozenset({
    "re", "re-export", "reexport", "retransfer", "pass", "passing", "passed", "request", "requests",
    "permission", "third", "way", "re-exports", "onward", "attempt", "attempts",
})

#: Verbs that grant, with *let* and *clear*.
GRANT_VERBS: frozenset[str] = GRANT_WORDS | frozenset({
    "let", "lets", "clear", "clears", "cleared", "approving",
})

#: Words before a transfer noun that make it the object of a consent, not a transfer ("agreed to the
#: transfer of").
TRANSFER_NOUN_GOVERNORS: frozenset[str] = LET_WORDS | REFUSE_WORDS | frozenset({
    "consented", "consents", "every", "each", "agree", "agreed", "support", "oppose", "opposed",
    "veto", "block", "blocked", "allowing", "authorising", "authorizing", "approving", "approved",
    "approves",
})


# ── Policies: rules, stances, denials and their scope ─────────────────────────────────────────────
# Cues of Policy (``rules/policy.py``) and of the stops in ``rules/__init__.py``.
#: What a denial stops when it is a rule of its own, not one item's refused transfer.
CATCH_ALL_GOODS: frozenset[str] = frozenset({
    "arms", "weapons", "weapon", "military", "equipment", "materiel", "defence", "defense", "war",
    "munitions", "weaponry",
})

#: A ruling that orders the stop is a decision of its own ("a court ordered … to halt …").
ORDER_WORDS: frozenset[str] = frozenset({
    "ordered", "orders", "order", "ruled", "rules", "court", "courts", "judge", "tribunal",
})

#: Nouns that are a standing rule by themselves ("the German arms embargo", "a ban on …").
RULE_NOUNS: frozenset[str] = frozenset({
    "embargo", "embargoes", "moratorium", "neutrality",
})

#: Exports, sales and licences: the object a restricting verb needs to make a rule.
EXPORT_WORDS: frozenset[str] = frozenset({
    "export", "exports", "exporting", "re-export", "re-exports", "re-exporting", "sales", "sale",
    "licences", "licenses", "licence", "license", "transfers", "transferring", "supplying",
    "sending", "send", "supply", "arms", "weapons", "shipments", "deliveries",
})

#: "will not send weapons …", "is not interested in passing ammunition", "only non-lethal".
STANCE_VERBS: frozenset[str] = frozenset({
    "send", "supply", "export", "provide", "deliver", "passing", "sending", "supplying",
    "exporting", "put", "sell", "selling",
})

#: Catch-all goods of a stance ("weapons", "lethal").
GENERIC_ARMS: frozenset[str] = frozenset({
    "weapons", "arms", "ammunition", "lethal", "munitions", "military", "equipment",
})

#: Bodies whose decision is a rule ("a Dutch appeals court").
DECIDING_BODIES: frozenset[str] = frozenset({
    "court", "courts", "judge", "judges", "tribunal", "government", "cabinet", "parliament",
    "ministry", "authorities", "regulator",
})

#: Export permits and licences ("cancelled the permits").
PERMIT_NOUNS: frozenset[str] = frozenset({
    "permits", "permit", "licences", "licenses", "licence", "license", "authorisations",
    "authorizations", "approvals",
})

#: Verbs of suspending exports or permits.
SUSPEND_VERBS: frozenset[str] = frozenset({
    "suspend", "suspends", "suspended", "suspending", "froze", "frozen", "freeze", "freezes",
    "halted", "halts", "halt",
})

#: A rule that forbids: "bans", "an embargo on", "prohibits", "will not send", "suspended".
FORBID_WORDS: frozenset[str] = frozenset({
    "ban", "bans", "banned", "banning", "embargo", "embargoes", "moratorium", "prohibit",
    "prohibits", "prohibited", "prohibiting", "prohibition", "forbid", "forbids", "forbidden",
    "forbidding", "bar", "bars", "barred", "barring", "suspend", "suspends", "suspended",
    "suspending", "suspension", "halt", "halts", "halted", "halting", "freeze", "froze", "frozen",
    "stop", "stops", "stopped", "refuses", "refused", "refusing", "neutrality",
})

#: A rule that allows: "allows re-exports to …", "permits …".
ALLOW_WORDS: frozenset[str] = frozenset({
    "allow", "allows", "allowed", "allowing", "permit", "permits", "permitted", "authorise",
    "authorises", "authorised", "authorize", "authorizes", "authorized",
})

#: Ending or easing a rule: no rule of its own ("lifted its ban", "could end the embargo").
UNDO_WORDS: frozenset[str] = frozenset({
    "lift", "lifts", "lifted", "lifting", "end", "ends", "ended", "ending", "ease", "eases",
    "eased", "easing", "relax", "relaxes", "relaxed", "relaxing", "abandon", "abandons",
    "abandoned", "abandoning", "scrap", "scraps", "scrapped", "reconsider", "review", "breach",
    "exempts", "exempt", "exempted", "except",
})

#: Nouns of the consent a duty requires ("need US approval").
RULE_CONSENT_WORDS: frozenset[str] = frozenset({
    "approval", "permission", "consent", "authorisation", "authorization", "clearance", "go-ahead",
    "nod", "approve",
})

#: Words of a duty ("must obtain", "subject to").
MUST_WORDS: frozenset[str] = frozenset({
    "need", "needs", "needed", "must", "require", "requires", "required", "requiring", "obtain",
    "obtains", "get", "seek", "without", "subject",
})

#: Words of the at-war destination scope ("warring states", "conflict zones").
WAR_WORDS: frozenset[str] = frozenset({
    "war", "wars", "warring", "conflict", "conflicts", "belligerent", "belligerents", "hostilities",
    "fighting",
})

#: Parts and components: a rule's item scope ``parts``.
PARTS_WORDS: frozenset[str] = frozenset({
    "parts", "components", "component", "spares", "spare", "subsystems",
})

#: Prepositions of a rule's destination ("an embargo on", "exports to").
DESTINATION_PREPOSITIONS: frozenset[str] = frozenset({
    "to", "on", "against", "for", "including",
})

#: Hedges and proposals: a rule so worded is not in force.
MAYBE_WORDS: frozenset[str] = frozenset({
    "could", "might", "may", "if", "unless", "whether", "considering", "consider", "proposed",
    "proposal", "plans", "wants",
})

#: Who buys a state's arms: a rule on what they may do with them is about re-export.
BUYER_WORDS: frozenset[str] = frozenset({
    "buyer", "buyers", "buy", "buys", "bought", "purchase", "purchases", "purchased", "purchasers",
    "recipients", "received", "receive",
})

#: Nouns a rule is itself ("an embargo on …"); verbs that forbid only exports, permits or
#: arms as their object ("suspended arms exports", not "suspended a plan").
FORBID_NOUNS: frozenset[str] = frozenset({
    "ban", "bans", "embargo", "embargoes", "moratorium", "prohibition", "suspension", "neutrality",
})

#: Where the rule's scope ends: a relative or subordinate clause after it.
SCOPE_STOP: frozenset[str] = frozenset({
    "which", "who", "whom", "that", "following", "after", "because", "due", "amid", "as", "since",
    "while", "when", "until", "so",
})

#: Verbs and nouns of changing a rule ("relaxed", "tightened", "lifted").
POLICY_VERBS: frozenset[str] = frozenset({
    "relax", "relaxed", "relaxes", "relaxing", "relaxation", "ease", "eased", "eases", "easing",
    "lift", "lifted", "lifts", "lifting", "loosen", "loosened", "loosening", "revise", "revised",
    "revises", "revising", "revision", "amend", "amended", "amending", "amendment", "tighten",
    "tightened", "tightening", "overhaul", "overhauled", "scrap", "scrapped", "change", "changed",
    "changes", "reform", "reformed", "liberalise", "liberalised", "liberalize", "liberalized",
    "relaxations", "revisions", "restrict", "restricted", "restricts", "restricting", "banned",
    "suspended", "suspends", "halted", "forbids", "forbid", "forbade", "prohibits", "prohibited",
    "imposed", "imposes", "abandon", "abandoned", "abandoning", "abandons", "reversed", "reversing",
    "ended", "ending", "dropped", "dropping",
})

#: What a policy verb changes ("regulations", "the ban", "exports").
POLICY_OBJECTS: frozenset[str] = frozenset({
    "regulations", "regulation", "rules", "rule", "restrictions", "restriction", "limitations",
    "limits", "controls", "control", "ban", "bans", "guidelines", "principles", "policy",
    "policies", "law", "laws", "curbs", "embargo", "regime", "framework", "exports", "export",
    "sales", "transfers",
})

#: Subjects that are a state's rules ("Swiss law forbids …", "American rules require …").
RULE_SUBJECTS: frozenset[str] = frozenset({
    "law", "laws", "rules", "regulations", "legislation", "constitution", "policy", "guidelines",
})

#: Verbs that restrict exports when their object is exports, sales or licences.
RESTRICT_VERBS: frozenset[str] = frozenset({
    "limit", "limits", "limited", "limiting", "restrict", "restricts", "restricted", "restricting",
    "suspend", "suspends", "suspended", "suspending", "suspension", "halt", "halts", "halted",
    "halting", "freeze", "freezes", "froze", "frozen", "prohibits", "prohibit", "prohibited",
    "prohibiting", "forbids", "forbid", "forbidden", "bars", "bans", "banned", "dictates", "stop",
    "stops", "stopped", "cancelled", "canceled", "revoked", "rescinded",
})

#: Withdrawing permits already given: the exports they covered are refused, not granted.
CANCEL_VERBS: frozenset[str] = frozenset({
    "cancel", "cancels", "cancelled", "canceled", "cancelling", "canceling", "revoke", "revokes",
    "revoked", "revoking", "rescind", "rescinds", "rescinded", "withdrew", "withdrawn",
})

#: Cue words of a denial: an embargo, a ban, a suspension or halt of exports.
DENIAL_CUES: frozenset[str] = CANCEL_VERBS | frozenset({
    "embargo", "embargoes", "ban", "bans", "banned", "moratorium", "suspend", "suspends",
    "suspended", "suspending", "suspension", "halt", "halts", "halted", "halting", "freeze",
    "froze", "frozen", "stop", "stops", "stopped",
})


# ── Threats and assurances ────────────────────────────────────────────────────────────────────────
# Cues of Threat (``rules/threat.py``) and Assurance (``rules/assurance.py``).
#: Nouns of an assurance ("a commitment not to re-export").
ASSURANCE_NOUNS: frozenset[str] = frozenset({
    "commitment", "commitments", "assurance", "assurances", "guarantee", "guarantees",
    "undertaking", "pledge", "promise",
})

#: Harm words that make a warning a threat: "will burn", "pay dearly", "serious consequences".
HARM_AFTER_WILL: frozenset[str] = frozenset({
    "burn", "pay", "suffer", "regret",
})

#: Adjectives of grave harm ("serious consequences").
GRAVE_WORDS: frozenset[str] = frozenset({
    "serious", "grave", "severe", "dire", "dangerous", "unpredictable",
})

#: Verbs of sanctioning.
SANCTION_VERBS: frozenset[str] = frozenset({
    "sanction", "sanctioning", "sanctions", "sanctioned", "punish",
})

#: Verbs of threatening.
THREAT_VERBS: frozenset[str] = frozenset({
    "threaten", "threatens", "threatened", "threatening",
})

#: Nouns and verbs of a threatened harm ("consequences", "retaliation").
CONSEQUENCE_WORDS: frozenset[str] = frozenset({
    "consequences", "consequence", "retaliation", "retaliatory", "retaliate", "retaliated",
    "punitive", "countermeasures", "reprisals", "reprisal", "repercussions", "response", "targets",
    "destroyed",
})

#: Verbs of a threatened response ("will respond", "strike").
RESPOND_VERBS: frozenset[str] = frozenset({
    "respond", "retaliate", "react", "hit", "strike", "punish",
})

#: Verbs of vowing a response ("vowed to retaliate").
VOW_VERBS: frozenset[str] = frozenset({
    "vowed", "vows", "vow", "threatened", "threatens", "threaten", "pledged", "promised",
})

#: Verbs of assuring ("assured", "guaranteed").
ASSURE_VERBS: frozenset[str] = frozenset({
    "assured", "assure", "assures", "assuring", "guaranteed", "guarantee", "guarantees",
    "reassured", "promised", "pledged", "vowed", "committed", "undertook", "insisted",
})

#: Words of a third party in an assurance ("to a third country").
THIRD_PARTY_WORDS: frozenset[str] = frozenset({
    "third", "other", "another", "anyone",
})


# ── Production licences ───────────────────────────────────────────────────────────────────────────
# Cues of ProductionLicense (``rules/licence.py``).
#: Verbs of producing an item.
PRODUCE_VERBS: frozenset[str] = frozenset({
    "produce", "produces", "produced", "producing", "build", "builds", "built", "building",
    "manufacture", "manufactures", "manufactured", "manufacturing", "assemble", "assembles",
    "assembled", "assembling",
})

#: Nouns of a licensor's help ("with X's assistance").
HELP_NOUNS: frozenset[str] = frozenset({
    "assistance", "support", "help", "cooperation", "co-operation", "partnership", "backing",
    "licence", "license",
})

#: Words that make production local or licensed.
LOCAL_PRODUCTION_WORDS: frozenset[str] = frozenset({
    "locally", "domestically", "indigenously", "licence", "license",
})

#: Nouns of production ("this production effort").
PRODUCTION_NOUNS: frozenset[str] = frozenset({
    "production", "manufacturing", "manufacture", "assembly",
})

#: Verbs of supporting a production.
SUPPORT_VERBS: frozenset[str] = frozenset({
    "support", "supports", "supported", "supporting", "back", "backed", "backs", "help", "helped",
    "assist", "assisted",
})


# ── Actors, people and bodies ─────────────────────────────────────────────────────────────────────
# Words around the actors that ``mentions.py`` and the rules find.
#: Titles that introduce a person ("Defence Minister X", "Russia's ambassador to Japan").
TITLES: frozenset[str] = frozenset({
    "president", "vice president", "prime minister", "deputy prime minister", "minister",
    "defence minister", "defense minister", "foreign minister", "economy minister",
    "economic affairs minister", "finance minister", "chancellor", "ambassador", "envoy",
    "secretary", "chief cabinet secretary", "cabinet secretary", "secretary of state",
    "defense secretary", "defence secretary", "spokesperson", "spokesman", "spokeswoman",
    "general", "admiral", "commander", "senator", "king", "queen", "premier", "councillor",
    "federal councillor", "chief of staff", "head", "director", "chief", "official",
    "foreign secretary", "ministry spokesperson", "press secretary", "lieutenant general",
    "major general", "colonel", "representative", "ceo", "chairman", "chairwoman",
})

#: Nouns after a state or demonym that make it the actor itself ("the Russian side", "Polish
#: officials").
ACTOR_NOUNS: frozenset[str] = frozenset({
    "government", "governments", "side", "authorities", "officials", "official", "military",
    "forces", "army", "navy", "administration", "leadership", "cabinet", "ministry", "state",
    "diplomats", "diplomat", "embassy", "parliament", "leaders", "troops", "counterparts",
    "manufacturers", "manufacturer", "companies", "company", "firms", "firm", "producers", "armed",
    "land", "ground", "naval", "special", "border", "national", "industry", "makers", "contractors",
    "president", "prime", "defence", "defense", "foreign", "ministers", "minister",
})

#: Armed services after a state ("ex-German army"): the state's own stock.
ARMED_SERVICES: frozenset[str] = frozenset({
    "army", "navy", "military", "forces",
})

#: Nouns after an organisation or state that make it a group's qualifier ("NATO members", "EU
#: countries").
GROUP_NOUNS: frozenset[str] = frozenset({
    "member", "members", "country", "countries", "ally", "allies", "partner", "partners", "states",
    "nations", "neighbours",
})

#: Words between a preposition and an actor that do not hide the preposition ("to the war-torn
#: country").
SKIP_BEFORE_ACTOR: frozenset[str] = frozenset({
    "the", "a", "an", "ally", "allied", "neighbouring", "neighboring", "fellow", "partner", "its",
    "their", "his", "her", "war-torn",
})

#: Nouns of a reference back to a state or body ("the government", "the latter").
GOVERNMENT_NOUNS: frozenset[str] = frozenset({
    "government", "country", "administration", "cabinet", "regime", "latter", "former", "ministry",
    "department", "agency",
})

#: Nouns of companies as a group ("firms", "manufacturers").
COMPANY_NOUNS: frozenset[str] = frozenset({
    "firms", "companies", "company", "firm", "manufacturers", "contractors", "makers", "producers",
    "industry", "banks",
})

#: Bodies of a state that stand for it ("the Polish government").
GOVERNMENT_WORDS: frozenset[str] = frozenset({
    "government", "cabinet", "ministry", "parliament", "army", "military", "authorities",
    "administration",
})


# ── Cased words (matched as written, not lower-cased) ─────────────────────────────────────────────
# The only lists that are not lower case: they are compared with the token as written.
#: Last words of system names too common to stand for the system alone ("Dome", "Missile").
COMMON_LAST_WORDS: frozenset[str] = frozenset({
    "Dome", "Shadow", "Sling", "System", "Systems", "Missile", "Defence", "Defense", "Gun", "Rifle",
    "Tank", "Vehicle", "Launcher", "Radar", "Ammunition", "Shell", "Round", "Star", "Eagle",
    "Falcon", "Storm", "Light", "Heavy", "Block", "Mark", "Plus",
})

#: Capitalised adjectives that are no name ("Western tanks").
CAPITALISED_ADJECTIVES: frozenset[str] = frozenset({
    "Western", "Eastern", "Soviet", "European", "Allied",
})

#: Strings of the shape of a designation that name no weapon ("COVID-19", "G-7").
NOT_DESIGNATIONS: frozenset[str] = frozenset({
    "COVID-19", "G-7", "G-20", "SARS-COV-2", "MH-17", "MH-370", "A-1", "B-1", "F-1", "E-1", "PM-2",
    "COP-26", "COP-28",
})

#: Capitalised words that start no name (sentence openers, pronouns, months, titles).
NOT_NAMES: frozenset[str] = frozenset({
    "The", "A", "An", "In", "On", "At", "But", "And", "However", "He", "She", "It", "They", "We",
    "This", "That", "These", "Those", "Earlier", "Also", "Meanwhile", "Nevertheless",
    "Extraordinary", "Plenipotentiary", "Ambassador", "President", "Minister", "Prime", "Secretary",
    "Chief", "Cabinet", "General", "Defence", "Defense", "Foreign", "Our", "If", "When", "While",
    "After", "Before", "According", "Some", "News", "Patriot", "Monday", "Tuesday", "Wednesday",
    "Thursday", "Friday", "Saturday", "Sunday", "Mr", "Mrs", "Ms", "Dr", "Mr.", "Mrs.", "Ms.",
    "Dr.", "Federal", "State", "Deputy", "Vice", "Western", "Eastern", "Northern", "Southern",
    "European", "Soviet", "Allied", "Modern", "New", "Old", "Former", "More", "Most", "Several",
    "Many", "Other",
})

#: Month names as written.
MONTH_NAMES: frozenset[str] = frozenset({
    "January", "February", "March", "April", "May", "June", "July", "August", "September",
    "October", "November", "December",
})

#: Words of the name of a body ("Armament Agency", "Air Force").
BODY_WORDS: frozenset[str] = frozenset({
    "Ministry", "Agency", "Department", "Office", "Council", "Forces", "Force", "Committee",
    "Corps", "Army", "Navy", "Command", "Secretariat", "Administration", "Directorate",
    "Inspectorate", "Bureau", "Service", "Guard",
})


# ── Dates and numbers ─────────────────────────────────────────────────────────────────────────────
# Month and weekday names and number words (``dates.py``, ``mentions.py``).
#: Words before a cue that place its fact in an unnamed past: it takes no date ("previously sent").
UNDATED_MARKERS: frozenset[str] = frozenset({
    "previously", "earlier", "formerly", "once", "already",
})

#: Month names and abbreviations, lower case, to their number.
MONTHS: dict[str, int] = {
    "january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6, "july": 7,
    "august": 8, "september": 9, "october": 10, "november": 11, "december": 12, "jan": 1, "feb": 2,
    "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8, "sep": 9, "sept": 9, "oct": 10, "nov": 11,
    "dec": 12,
}

#: Weekday names in order (Monday is 0, as ``date.weekday()``): a tuple because the index is the
#: day.
WEEKDAYS: tuple[str, ...] = (
    "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
)

#: Number words of relative dates ("three years ago", "a few months ago").
DATE_NUMBER_WORDS: dict[str, int] = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "a few": 3, "several": 3, "few": 3,
}

#: Number words of a quantity before an item ("thousands of shells").
QUANTITY_WORDS: frozenset[str] = frozenset({
    "million", "millions", "thousand", "thousands", "hundred", "hundreds", "dozens", "billion",
})

#: Number words of a quantity, to their value.
NUMBER_WORDS: dict[str, int] = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "fifteen": 15, "twenty": 20, "thirty": 30,
    "forty": 40, "fifty": 50, "hundred": 100, "dozen": 12, "a dozen": 12,
}
