"""Word lists of the extraction rules, in one place so they can be read and extended.

Verb cues are listed with their inflected forms because the blank pipeline has no
lemmatizer: each form maps to its lemma and a tense tag (``base``, ``3sg``, ``past``,
``pp`` for a past participle, ``ger`` for a gerund; ``past/pp`` when both).
"""

from __future__ import annotations

__all__ = [
    "GIVE_VERBS",
    "GET_VERBS",
    "REEXPORT_VERBS",
    "PLEDGE_VERBS",
    "GENERIC_MODIFIERS",
    "TRANSFER_NOUNS",
    "WEAPON_HEADS",
    "WEAPON_HEADS_NEED_MODIFIER",
    "NOT_ITEMS",
    "TITLES",
    "SPEECH_VERBS",
    "BE_FORMS",
    "CLAUSE_VERBS",
    "opens_clause",
    "PREPOSITIONS",
    "STOP_MODIFIERS",
    "forms",
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

#: Give-verbs that carry their own modality: "pledged F-16s to Kyiv" is a promise.
PLEDGE_VERBS: dict[str, str] = {"pledge": "promised", "promise": "promised",
                                "offer": "conditional"}
GIVE_VERBS.pop("passes", None)

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
    "optics", "sensors",
})
#: Heads too vague on their own: an item only with a modifier ("air defense systems").
WEAPON_HEADS_NEED_MODIFIER: frozenset[str] = frozenset({
    "system", "systems", "vehicle", "vehicles", "round", "rounds", "complex", "complexes",
    "carrier", "carriers", "battery", "batteries", "materials", "ships", "boats", "shell",
    "shells", "guns", "gun", "mines", "planes",
    "weapons", "equipment", "armour", "armor", "ammunition", "ammo", "munitions", "munition",
    "engines", "engine", "weaponry", "technologies", "optics", "sensors",
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

#: Titles that introduce a person ("Defence Minister X", "Russia's ambassador to Japan").
TITLES: tuple[str, ...] = (
    "president", "vice president", "prime minister", "deputy prime minister", "minister",
    "defence minister", "defense minister", "foreign minister", "economy minister",
    "economic affairs minister", "finance minister", "chancellor", "ambassador", "envoy",
    "secretary", "chief cabinet secretary", "cabinet secretary", "secretary of state",
    "defense secretary", "defence secretary", "spokesperson", "spokesman", "spokeswoman",
    "general", "admiral", "commander", "senator", "king", "queen", "premier", "councillor",
    "federal councillor", "chief of staff", "head", "director", "chief", "official",
    "foreign secretary", "ministry spokesperson", "press secretary", "lieutenant general",
    "major general", "colonel", "representative", "ceo", "chairman", "chairwoman",
)

SPEECH_VERBS: frozenset[str] = frozenset({
    "said", "says", "say", "told", "tells", "stated", "states", "warned", "warns", "added",
    "announced", "announces", "declared", "noted", "stressed", "insisted", "claimed",
    "explained", "confirmed", "mentioned", "argued", "wrote", "tweeted", "remarked",
    "indicated", "suggested", "signalled", "signaled", "hinted", "asserted", "emphasized",
    "emphasised", "reiterated", "revealed", "disclosed", "reported", "quoted", "cited",
})

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


PREPOSITIONS: frozenset[str] = frozenset({
    "to", "in", "from", "for", "with", "of", "by", "into", "at", "on", "via", "against",
    "toward", "towards", "through", "under", "over", "between", "among", "within", "about",
    "than", "like", "across", "near", "onto", "upon", "after", "before", "during", "without",
    "including", "unlike", "beyond", "around", "amid", "despite",
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
