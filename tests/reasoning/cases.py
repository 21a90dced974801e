"""The reasoning gold set: real-world questions asked with the full SIPRI register loaded.

Each :class:`Case` is one ``destinations``/``paths`` question (item, origin, date, and the
destination asked about) with what the public record says the answer must be: the
destination's verdict or its absence, the hops that must or must not appear, hop kinds,
consent holders, and risks. Every case names a public source for the expectation; the
SIPRI rows the question rests on are quoted only by their fields (supplier, recipient,
designation, years), never copied (the register is not ours to ship).

The expectations come from the public record and from the rules the curated cases encode
(``ontology/examples``), not from what the code answers: a case the code gets wrong stays
wrong here (``xfail`` with the reason) until the code is fixed.

States are written as the graph labels them ("Türkiye", "Soviet Union").
"""

from __future__ import annotations

from dataclasses import dataclass, field

#: A hop as (from, to), by state label.
Hop = tuple[str, str]


@dataclass(frozen=True)
class Case:
    """One question and what its answer must contain."""

    id: str
    item: str
    origin: str
    as_of: str
    to: str
    #: ``open`` / ``conditional`` / ``blocked`` (the destination's verdict), ``present``
    #: (reachable, any verdict), ``absent`` (not reachable) or ``any`` (only the hop
    #: checks count).
    expect: str
    #: The public source of the expectation: title and URL.
    source: str
    url: str
    #: Why the answer must be so (one or two sentences, our words).
    why: str
    #: Hops that must appear on at least one path to ``to``.
    via: tuple[Hop, ...] = ()
    #: Hops that must not appear on any path of the whole answer (any destination).
    not_via: tuple[Hop, ...] = ()
    #: (from, to, kind): the hop, where it appears, must have this kind.
    hop_kind: tuple[tuple[str, str, str], ...] = ()
    #: (from, to, kind): the hop, where it appears, must not have this kind.
    hop_not_kind: tuple[tuple[str, str, str], ...] = ()
    #: (state on the path, verdict): the paths through that state have this verdict.
    path_verdict: tuple[tuple[str, str], ...] = ()
    #: States that must be named in ``needs_consent_from`` of some path to ``to``.
    needs: tuple[str, ...] = ()
    #: Targets of threats that must be a risk on some path to ``to``.
    risk_targets: tuple[str, ...] = ()
    #: Targets of threats that must not be a risk on any path to ``to`` that does not pass
    #: through the target (a route through Japan is one the threat against Japan names).
    no_risk_targets: tuple[str, ...] = ()
    #: Set when the code does not yet answer the case right: the reason, said honestly.
    xfail: str | None = None
    #: (from, to, stage): the hop, where it appears, may have reached ``stage`` by the date
    #: but the data cannot tell (``uncertain.what``: the date lies inside the period, a
    #: SIPRI year, that stage is dated to).
    hop_uncertain: tuple[tuple[str, str, str], ...] = ()
    #: The destination's presence (``already there`` / ``possibly there`` /
    #: ``could go next``), when the case says it.
    presence: str | None = None
    tags: tuple[str, ...] = field(default=())


_SWISSINFO = ("swissinfo.ch: Switzerland refuses to budge on German ammunition request",
              "https://www.swissinfo.ch/eng/politics/switzerland-refuses-to-budge-on-german-"
              "ammunition-request-/48028348")
_THEWALL = ("The Wall: Swiss veto German request to re-export tank ammunition to Ukraine",
            "https://thewall.fyi/swiss-veto-german-request-to-re-export-tank-ammunition-to-"
            "ukraine/")
_NIPPON = ("nippon.com: Japan lifts ban on exports of arms made under foreign license",
           "https://www.nippon.com/en/news/yjj2023122200970/japan-lifts-ban-on-exports-of-arms-"
           "made-under-foreign-license.html")
_YOMIURI = ("The Japan News (Yomiuri): draft guidelines on licence-built exports",
            "https://japannews.yomiuri.co.jp/politics/defense-security/20231220-156880")
_WORLDJPN = ("Three Principles on Transfer of Defense Equipment and Technology (2014)",
             "https://worldjpn.net/documents/texts/JPSC/20140401.O2E.html")
_NATION = ("Nation Thailand: Japan completes Patriot missile delivery to the US",
           "https://www.nationthailand.com/blogs/news/world/40058546")
_EURONEWS = ("Euronews: Ukraine crisis, Germany's export rules for Leopard 2",
             "https://www.euronews.com/2023/01/24/ukraine-crisis-germany-export-rules")
_JP = ("Jyllands-Posten: Germany allows export of Leopard tanks to Ukraine",
       "https://jyllands-posten.dk/international/europa/ECE14892071/tyskland-tillader-"
       "eksport-af-leopardkampvogne-til-ukraine/")
_STATE = ("US Department of State: Legal basis for arms transfers (AECA section 3(a))",
          "https://www.state.gov/legal-basis-for-arms-transfers/")


#: Why cases fail on main before issue 11's fixes (removed as each fix lands). Item 1
#: (time with its precision) landed: the seven cases it fixed are no longer marked.
#: SIPRI dates deliveries to the year; asked about a day inside that year, the answer says
#: the delivery is uncertain (issue 11 item 1, by design), while the public record knows
#: the month. Not fixable from the register alone.
# Cases tagged "year precision": the public record dates the delivery before the
# question, but the register dates it only to the year that contains the date. Issue 11
# item 1 requires the answer to say it is uncertain then ("possibly there", the hop "maybe
# delivered by the date"), not that it happened (that would invent a day the data lacks),
# nor that the items could only go next. The cases check exactly that.
_LICENCE = ("issue 11 item 4: a row from a production line in a third country reads as a "
            "delivery from SIPRI's supplier, not from the producing state")


def _w(title: str) -> tuple[str, str]:
    return (f"Wikipedia: {title.replace('_', ' ')}", f"https://en.wikipedia.org/wiki/{title}")


CASES: tuple[Case, ...] = (
    # -- Switzerland: consent that outlives the sale ------------------------------------
    Case(
        "gepard-ammunition-ukraine-refused", "Gepard ammunition", "Switzerland", "2022-11-10",
        "Ukraine", "blocked", *_SWISSINFO,
        why="On 2022-11-03 Switzerland refused Germany's request to pass Swiss 35 mm rounds "
            "to Ukraine while Ukraine is in an international armed conflict.",
        via=(("Germany", "Ukraine"),), tags=("identity", "consent"),
    ),
    Case(
        "gepard-ammunition-not-the-vehicles", "Gepard ammunition", "Switzerland",
        "2022-11-10", "Qatar", "absent", *_SWISSINFO,
        why="The rounds went to the German army; Germany's deliveries of Gepard vehicles "
            "(to Qatar, Brazil …) are not deliveries of Swiss ammunition.",
        not_via=(("Germany", "Qatar"), ("Germany", "Brazil")), tags=("identity",),
    ),
    Case(
        "gepard-ammunition-april-2022", "Gepard ammunition", "Switzerland", "2022-05-01",
        "Ukraine", "blocked", *_THEWALL,
        why="SECO refused two German re-export requests in April 2022, citing neutrality "
            "and the mandatory rejection criteria of the War Material Act.",
        via=(("Germany", "Ukraine"),), tags=("consent",),
    ),
    Case(
        "piranha-denmark-ukraine-refused", "Piranha", "Switzerland", "2022-07-01", "Ukraine",
        "present", *_SWISSINFO,
        why="In June 2022 Switzerland refused Denmark's request to send 20 Piranha vehicles "
            "to Ukraine: the route through Denmark is blocked.",
        via=(("Switzerland", "Denmark"), ("Denmark", "Ukraine")),
        path_verdict=(("Denmark", "blocked"),), tags=("consent",),
    ),
    # -- Japan: licence-built Patriots -------------------------------------------------
    Case(
        "patriot-japan-us-2024", "Patriot", "Japan", "2024-04-01", "United States", "open",
        *_NIPPON,
        why="The December 2023 revision allows finished licence-built products to go to the "
            "licensor's country; the first decision was PAC-2/PAC-3 to the US.",
        via=(("Japan", "United States"),), tags=("policy", "time"),
    ),
    Case(
        "patriot-japan-us-2023", "Patriot", "Japan", "2023-06-01", "United States", "blocked",
        *_WORLDJPN,
        why="Before the revision of 2023-12-22 only parts of licence-built products could "
            "go to the licensor's country, not finished missiles.",
        hop_not_kind=(("Japan", "United States", "planned"),
                      ("Japan", "United States", "delivered")),
        tags=("policy", "time"),
    ),
    Case(
        "patriot-japan-ukraine-blocked", "Patriot", "Japan", "2024-04-01", "Ukraine",
        "blocked", *_YOMIURI,
        why="A licensor may pass Japanese licence-built products on, but not to countries "
            "at war; Tokyo asked Washington that they not reach Ukraine via the US.",
        risk_targets=("Japan",), tags=("policy", "risk"),
    ),
    Case(
        "pac3-japan-us-delivered-2025", "PAC-3", "Japan", "2025-12-01", "United States",
        "open", *_NATION,
        why="Delivery of the PAC-3 missiles to the US was completed in mid-November 2025.",
        hop_kind=(("Japan", "United States", "delivered"),), tags=("time",),
    ),
    # -- threats scoped to what they name (issue 11, item 5) ---------------------------
    Case(
        "patriot-us-ukraine-no-japan-threat", "Patriot", "United States", "2024-04-01",
        "Ukraine", "open", *_w("MIM-104_Patriot"),
        why="US Patriots reached Ukraine in April 2023. Russia's threat was about Japan's "
            "licence-built missiles; it is no risk of the US sending its own.",
        via=(("United States", "Ukraine"),), no_risk_targets=("Japan",), tags=("risk",),
    ),
    Case(
        "patriot-germany-ukraine-no-japan-threat", "Patriot", "Germany", "2024-06-01",
        "Ukraine", "present", *_w("MIM-104_Patriot"),
        why="Germany gave Ukraine Patriot systems and missiles from 2023; they are US-made, "
            "not Japanese, so Russia's threat against Japan does not attach.",
        via=(("Germany", "Ukraine"),), no_risk_targets=("Japan",), tags=("risk",),
    ),
    Case(
        "f16-us-ukraine-no-japan-threat", "F-16", "United States", "2024-09-01", "Ukraine",
        "present", *_w("General_Dynamics_F-16_Fighting_Falcon_operators"),
        why="Ukraine received F-16s from Denmark, the Netherlands and Norway from mid-2024. "
            "A threat about Japan's Patriots has nothing to do with F-16s.",
        no_risk_targets=("Japan",), tags=("risk",),
    ),
    # -- Germany: Leopard 2 and Leopard 1 ----------------------------------------------
    Case(
        "leopard2-poland-ukraine-requested", "Leopard 2", "Germany", "2023-01-24", "Ukraine",
        "present", *_JP,
        why="Poland filed its request on 2023-01-24; Germany approved the next day. On the "
            "24th no Leopard 2 had been delivered to Ukraine, and Poland's route waited "
            "for Berlin's consent.",
        via=(("Poland", "Ukraine"),), path_verdict=(("Poland", "conditional"),),
        needs=("Germany",), hop_not_kind=(("Germany", "Ukraine", "delivered"),),
        tags=("consent", "time"),
    ),
    Case(
        "leopard2-ukraine-open-mid-2023", "Leopard 2", "Germany", "2023-06-01", "Ukraine",
        "open", *_EURONEWS,
        why="After the approval of 2023-01-25 Germany and other operators sent Leopard 2 "
            "tanks; by June 2023 they were in Ukraine.",
        via=(("Poland", "Ukraine"),), path_verdict=(("Poland", "open"),),
        tags=("consent",),
    ),
    Case(
        "leopard2-not-delivered-early-january-2023", "Leopard 2", "Germany", "2023-01-10",
        "Ukraine", "present", *_w("Leopard_2"),
        why="Germany decided to send Leopard 2A6 on 2023-01-25 and they arrived in March "
            "2023; on 2023-01-10 none had been delivered.",
        hop_not_kind=(("Germany", "Ukraine", "delivered"),), tags=("time",),
    ),
    Case(
        "leopard1-ukraine-delivered-2024", "Leopard 1", "Germany", "2024-06-01", "Ukraine",
        "present", *_w("Leopard_1"),
        why="Refurbished Leopard 1A5 tanks financed by Germany, Denmark and the Netherlands "
            "reached Ukraine from 2023.",
        hop_kind=(("Germany", "Ukraine", "delivered"),), tags=("time",),
    ),
    # -- licence production in a third country (issue 11, item 4) ----------------------
    Case(
        "spike-germany-belgium", "Spike", "Germany", "2016-01-01", "Belgium", "present",
        *_w("Spike_(missile)"),
        why="Eurospike in Germany produces Spike for European customers; SIPRI says the "
            "Belgian missiles (delivered 2015) came from the German production line.",
        via=(("Germany", "Belgium"),), tags=("licence",),
    ),
    Case(
        "spike-germany-finland", "Spike", "Germany", "2010-01-01", "Finland", "present",
        *_w("Spike_(missile)"),
        why="Finland's Spike-MR/LR and Spike-ER (delivered 2005-2006) came from the German "
            "EuroSpike production line.",
        via=(("Germany", "Finland"),), tags=("licence",),
    ),
    Case(
        "spike-germany-estonia", "Spike", "Germany", "2024-06-01", "Estonia", "present",
        *_w("Spike_(missile)"),
        why="Estonia's Spike missiles came from the German EuroSpike production line.",
        via=(("Germany", "Estonia"),), tags=("licence",),
    ),
    Case(
        "spike-israel-not-direct-to-belgium", "Spike", "Israel", "2016-01-01", "Belgium",
        "any", *_w("Spike_(missile)"),
        why="The only Spikes the record gives Belgium (delivered 2015) were made in Germany, "
            "not shipped from Israel: no Israel → Belgium delivery (a route through the "
            "German licensee may remain).",
        not_via=(("Israel", "Belgium"),), tags=("licence",),
    ),
    Case(
        "f16-turkiye-egypt", "F-16", "Türkiye", "1997-01-01", "Egypt", "present",
        *_w("Turkish_Aerospace"),
        why="TAI built 46 F-16C/D for Egypt ('Peace Vector IV', 1994-1995) on the Turkish "
            "production line, under the US licence.",
        via=(("Türkiye", "Egypt"),), tags=("licence",),
    ),
    Case(
        "black-hawk-poland-brunei", "UH-60 Black Hawk", "Poland", "2016-01-01", "Brunei",
        "present", *_w("PZL_Mielec"),
        why="PZL Mielec (Lockheed Martin/Sikorsky) builds the S-70i in Poland; Brunei's "
            "S-70i came from the Polish production line.",
        via=(("Poland", "Brunei"),), tags=("licence",),
    ),
    Case(
        "mi2-poland-algeria", "Mi-2", "Poland", "1991-01-01", "Algeria", "present",
        *_w("Mil_Mi-2"),
        why="All series Mi-2 helicopters were built by PZL-Świdnik in Poland; Algeria's "
            "(delivered 1989-1990) came from the Polish line.",
        via=(("Poland", "Algeria"),), tags=("licence",),
    ),
    Case(
        "mi2-soviet-union-not-direct-to-algeria", "Mi-2", "Soviet Union", "1991-01-01",
        "Algeria", "any", *_w("Mil_Mi-2"),
        why="The Soviet Union sold Algeria Polish-built Mi-2s: there was no Soviet-built Mi-2 "
            "to ship from the Soviet Union (the route through Poland may remain).",
        not_via=(("Soviet Union", "Algeria"),), tags=("licence",),
    ),
    Case(
        "f16-us-norway-via-dutch-line", "F-16", "United States", "2000-01-01", "Norway",
        "open", *_w("European_Participating_Air_Forces"),
        why="Norway's F-16s, bought from the US with Belgium, Denmark and the Netherlands, "
            "were assembled by Fokker in the Netherlands; the US sale is its consent.",
        via=(("Netherlands", "Norway"),), not_via=(("United States", "Norway"),),
        tags=("licence",),
    ),
    Case(
        "type214-germany-south-korea", "Type 214", "Germany", "2010-01-01", "South Korea",
        "present", *_w("Type_214_submarine"),
        why="South Korea's KSS-II Type 214 boats were built by Hyundai Heavy Industries "
            "under licence from 2000; the first entered service in 2007.",
        via=(("Germany", "South Korea"),), tags=("licence",),
    ),
    # -- several production lines in third countries (issue 11, item 4) -------------
    Case(
        "t72-poland-east-germany", "T-72", "Poland", "1990-01-01", "East Germany",
        "present", *_w("T-72_operators_and_variants"),
        why="The East German army's T-72s were built under Soviet licence in Poland "
            "(Bumar-Łabędy) and Czechoslovakia (ZTS Martin), delivered from 1979.",
        via=(("Poland", "East Germany"),), hop_kind=(("Poland", "East Germany", "delivered"),),
        tags=("licence",),
    ),
    Case(
        "t72-czechoslovakia-iraq", "T-72", "Czechoslovakia", "1991-01-01", "Iraq", "present",
        *_w("T-72_operators_and_variants"),
        why="Iraq's T-72M and T-72M1 of the 1980s, used in the 1991 Gulf War, were built in "
            "Czechoslovakia and Poland under Soviet licence.",
        via=(("Czechoslovakia", "Iraq"),), tags=("licence",),
    ),
    # -- delivery spans: delivered from the first year on (issue 11, item 1) -----------
    Case(
        "shahed-iran-russia-2023", "Shahed-136", "Iran", "2023-01-01", "Russia", "present",
        *_w("HESA_Shahed_136"),
        why="Russia has used Iranian Shahed-136 (Geran-2) drones against Ukraine since "
            "September 2022.",
        hop_kind=(("Iran", "Russia", "delivered"),), tags=("time",),
    ),
    Case(
        "stinger-us-ukraine-2022", "Stinger", "United States", "2022-12-01", "Ukraine",
        "present", *_w("FIM-92_Stinger"),
        why="The US sent Stinger missiles to Ukraine from the first weeks of the 2022 "
            "invasion.",
        hop_uncertain=(("United States", "Ukraine", "delivered"),), presence="possibly there",
        tags=("time", "year precision"),
    ),
    Case(
        "rafale-france-india-2021", "Rafale", "France", "2021-01-01", "India", "present",
        *_w("Dassault_Rafale"),
        why="The first five Indian Rafales arrived at Ambala in July 2020.",
        hop_kind=(("France", "India", "delivered"),), tags=("time",),
    ),
    Case(
        "j10-china-pakistan-2022", "J-10", "China", "2022-06-01", "Pakistan", "present",
        *_w("Chengdu_J-10"),
        why="Pakistan inducted its first J-10CE fighters in March 2022.",
        hop_uncertain=(("China", "Pakistan", "delivered"),), presence="possibly there",
        tags=("time", "year precision"),
    ),
    Case(
        "tb2-turkiye-ukraine-2020", "Bayraktar TB2", "Türkiye", "2020-06-01", "Ukraine",
        "present", *_w("Baykar_Bayraktar_TB2"),
        why="Ukraine received its first Bayraktar TB2 drones in 2019.",
        hop_kind=(("Türkiye", "Ukraine", "delivered"),), tags=("time",),
    ),
    Case(
        "k2-south-korea-poland-2023", "K2 Black Panther", "South Korea", "2023-06-01",
        "Poland", "present", *_w("K2_Black_Panther"),
        why="The first ten K2 tanks for Poland arrived in December 2022.",
        hop_kind=(("South Korea", "Poland", "delivered"),), tags=("time",),
    ),
    Case(
        "s400-russia-turkiye-2018", "S-400", "Russia", "2018-06-01", "Türkiye", "present",
        *_w("S-400_missile_system"),
        why="Türkiye ordered the S-400 in 2017 and received it from July 2019: in mid-2018 "
            "nothing had been delivered.",
        hop_not_kind=(("Russia", "Türkiye", "delivered"),), tags=("time",),
    ),
    # -- deliveries that happened, across regions and decades --------------------------
    Case(
        "s400-russia-turkiye-2020", "S-400", "Russia", "2020-01-01", "Türkiye", "open",
        *_w("S-400_missile_system"),
        why="The S-400 components arrived in Ankara from 2019-07-12.",
        hop_kind=(("Russia", "Türkiye", "delivered"),),
    ),
    Case(
        "f14-us-iran-1980", "F-14A Tomcat", "United States", "1980-01-01", "Iran", "open",
        *_w("Grumman_F-14_Tomcat"),
        why="Iran received 79 F-14A Tomcats in 1976-1978, before the revolution.",
        hop_kind=(("United States", "Iran", "delivered"),),
    ),
    Case(
        "exocet-france-iraq-1984", "Exocet", "France", "1984-06-01", "Iraq", "open",
        *_w("Exocet"),
        why="Iraq used French AM39 Exocets against shipping in the Iran-Iraq war's tanker "
            "war from 1984.",
        hop_kind=(("France", "Iraq", "delivered"),),
    ),
    Case(
        "mig29-soviet-union-poland-2005", "MiG-29", "Soviet Union", "2005-01-01", "Poland",
        "open", *_w("Mikoyan_MiG-29"),
        why="Poland received its first MiG-29s from the Soviet Union in 1989.",
        via=(("Soviet Union", "Poland"),),
    ),
    Case(
        "mig29-poland-ukraine-2023", "MiG-29", "Poland", "2023-12-01", "Ukraine", "open",
        *_w("Mikoyan_MiG-29"),
        why="Poland handed over MiG-29s to Ukraine in spring 2023.",
        hop_uncertain=(("Poland", "Ukraine", "delivered"),), presence="possibly there",
        tags=("time", "year precision"),
    ),
    Case(
        "jf17-pakistan-nigeria-2022", "JF-17", "Pakistan", "2022-01-01", "Nigeria", "open",
        *_w("CAC/PAC_JF-17_Thunder"),
        why="Nigeria inducted its first three JF-17s from Pakistan in 2021.",
        hop_kind=(("Pakistan", "Nigeria", "delivered"),),
    ),
    Case(
        "tb2-turkiye-ethiopia-2022", "Bayraktar TB2", "Türkiye", "2022-01-01", "Ethiopia",
        "open", *_w("Baykar_Bayraktar_TB2"),
        why="Ethiopia acquired Bayraktar TB2 drones in 2021.",
        via=(("Türkiye", "Ethiopia"),),
    ),
    Case(
        "f16-denmark-argentina-2024", "F-16", "United States", "2024-06-01", "Argentina",
        "open", *_w("Argentine_Air_Force"),
        why="Argentina bought 24 ex-Danish F-16s in April 2024 after the US approved the "
            "third-party transfer in 2023.",
        via=(("Denmark", "Argentina"),), tags=("consent",),
    ),
    Case(
        "gripen-sweden-hungary-2010", "Gripen", "Sweden", "2010-01-01", "Hungary", "open",
        *_w("Saab_JAS_39_Gripen"),
        why="Hungary has leased 14 Gripens from Sweden since 2006.",
        via=(("Sweden", "Hungary"),),
    ),
    # -- what did not happen ------------------------------------------------------------
    Case(
        "f35-us-turkiye-absent", "F-35", "United States", "2024-01-01", "Türkiye", "absent",
        *_w("Lockheed_Martin_F-35_Lightning_II_procurement"),
        why="Türkiye was removed from the F-35 programme in July 2019 after buying the "
            "S-400; it never received an F-35.",
    ),
    Case(
        "f16-us-iran-absent", "F-16", "United States", "2024-01-01", "Iran", "absent",
        *_w("Islamic_Republic_of_Iran_Air_Force"),
        why="Iran never operated the F-16; US arms sales to Iran ended with the 1979 "
            "revolution.",
    ),
    Case(
        "s300-russia-cyprus-absent", "S-300", "Russia", "2000-01-01", "Cyprus", "absent",
        *_w("Cyprus_Missile_Crisis"),
        why="The S-300s Cyprus ordered were, after international pressure, based in Crete "
            "under Greek control from 1999; they never reached Cyprus.",
        not_via=(("Russia", "Cyprus"),),
    ),
)
