"""Writes wire_gold.jsonl from the passages and labels below (run: python3 data/training/wire/build.py).

Every passage here was written for Parley by its developers in the form of wire copy and outlet stories (datelines,
bylines, credit lines, attribution tails, headlines, outlet names); none is copied from any outlet. Each event's
`span` is computed from its `trigger` (the `nth` occurrence of that text), as in the VOA label files."""

import json
from pathlib import Path

C = lambda iso, *exclude: {"country": iso, **({"exclude": list(exclude)} if exclude else {})}  # noqa: E731
G = lambda *names: {"group": list(names)}  # noqa: E731

PASSAGES = [
    ("wire-01", "2025-03-12",
     "KINSHASA, Congo (Wire) — M23 rebels attacked an army base in eastern Congo on Tuesday, killing four soldiers, "
     "the Congolese army said.\nThe army said its troops had repelled the assault after several hours of fighting. "
     "A spokesman for the rebels denied that the group had started the fighting.\n"
     "Reporting by Jane Doe; Editing by John Roe",
     [dict(types=["ASSAULT"], trigger="attacked", source=[G("M23")], target=[C("COD", "M23")], date="2025-03-11"),
      dict(types=["ASSAULT", "COERCE"], trigger="repelled", source=[C("COD", "M23")], target=[G("M23", "rebels")],
           optional=True),
      dict(types=["REJECT", "ACCUSE"], trigger="denied", source=[G("M23", "rebels")], target=None, optional=True)]),
    ("wire-02", "2025-03-10",
     "GAZA CITY (AP) — Israeli aircraft struck a school sheltering displaced families on Sunday, killing at least "
     "eight people, health officials said.\nThe Israeli military said it had targeted Hamas militants operating inside "
     "the compound.\n(AP Photo/Sami Rahman)\nCopyright 2025 The Associated Press. All rights reserved.",
     [dict(types=["ASSAULT"], trigger="struck", source=[C("ISR")], target=[C("PSE", "Hamas"), G("families")],
           date="2025-03-09", location="Gaza City"),
      dict(types=["ASSAULT"], trigger="targeted", source=[C("ISR")], target=[G("Hamas")])]),
    ("wire-03", "2025-03-14",
     "Kyiv, Ukraine — Russia launched 90 drones and two ballistic missiles at Ukraine overnight, the Ukrainian air "
     "force said on Friday.\nAir defenses shot down 60 of the drones, the air force said in a statement on Telegram. "
     "Ukrainian President Volodymyr Zelenskyy called on allies to send more air defense systems.",
     [dict(types=["ASSAULT"], trigger="launched 90 drones", source=[C("RUS")], target=[C("UKR")]),
      dict(types=["ASSAULT", "COERCE"], trigger="shot down", source=[C("UKR")], target=[C("RUS")], optional=True),
      dict(types=["REQUEST"], trigger="called on", source=[C("UKR")], target=[G("allies")], target_optional=True)]),
    ("wire-04", "2025-10-12",
     "BEIRUT, Oct 3 (Reuters) - Israeli warplanes struck a town in southern Lebanon on Thursday, killing two people, "
     "Lebanon's health ministry said.\nHezbollah said it fired rockets at an Israeli army post in response. The Israeli "
     "military said the strike had hit a Hezbollah weapons depot.",
     [dict(types=["ASSAULT"], trigger="struck", source=[C("ISR")], target=[C("LBN", "Hezbollah")], date="2025-10-02",
           location="Lebanon"),
      dict(types=["ASSAULT"], trigger="fired rockets", source=[G("Hezbollah")], target=[C("ISR")]),
      dict(types=["ASSAULT"], trigger="hit", source=[C("ISR")], target=[G("Hezbollah")], optional=True)]),
    ("wire-05", "2025-03-11",
     "By Mark Ellison\nWASHINGTON — The United States on Monday imposed sanctions on two Iranian oil executives accused "
     "of helping Tehran evade export restrictions, the Treasury Department said.\nIran's foreign ministry condemned "
     "the move as illegal.",
     [dict(types=["SANCTION"], trigger="imposed sanctions", source=[C("USA")], target=[C("IRN")], date="2025-03-10",
           location="Washington"),
      dict(types=["ACCUSE"], trigger="accused", source=[C("USA")], target=[C("IRN")], optional=True),
      dict(types=["ACCUSE"], trigger="condemned", source=[C("IRN")], target=[C("USA")])]),
    ("wire-06", "2025-03-11",
     "JERUSALEM (AP) — Israeli forces killed three Palestinian gunmen in a raid in the northern West Bank on Sunday, "
     "the Palestinian Health Ministry said in a statement on Monday.\nThe Israeli military said the men had opened fire "
     "on troops during an arrest operation. Hamas condemned the raid, according to a statement on its Telegram channel.",
     [dict(types=["ASSAULT"], trigger="killed", source=[C("ISR")], target=[C("PSE"), G("gunmen", "Palestinian")],
           date="2025-03-09", location="West Bank"),
      dict(types=["ASSAULT"], trigger="opened fire", source=[C("PSE"), G("gunmen", "men")], target=[C("ISR")],
           optional=True),
      dict(types=["COERCE"], trigger="arrest operation", source=[C("ISR")], target=None, optional=True),
      dict(types=["ACCUSE"], trigger="condemned", source=[G("Hamas")], target=[C("ISR")])]),
    ("wire-07", "2025-03-12",
     "Russia Strikes Odesa Port Overnight; 4 Dead\nODESA, Ukraine (AP) — Russian missiles hit port facilities in Odesa "
     "overnight, killing four people and wounding 11, the regional governor said Wednesday.\nUkraine's foreign minister "
     "accused Moscow of trying to choke the country's grain exports.",
     [dict(types=["ASSAULT"], trigger="Strikes", source=[C("RUS")], target=[C("UKR")]),
      dict(types=["ASSAULT"], trigger="hit", source=[C("RUS")], target=[C("UKR")], location="Odesa"),
      dict(types=["ACCUSE"], trigger="accused", source=[C("UKR")], target=[C("RUS")]),
      dict(types=["SANCTION", "COERCE"], trigger="choke", source=[C("RUS")], target=[C("UKR")], optional=True)]),
    ("wire-08", "2025-03-22",
     "Sudan Army Says It Retakes Key Bridge From RSF...\nKHARTOUM, Sudan (Reuters) - Sudan's army said on Saturday it "
     "had taken control of a strategic bridge over the Nile from the paramilitary Rapid Support Forces after days of "
     "fighting.\nThe RSF did not immediately respond to a request for comment.\nReporting by Khalid Osman; Writing by "
     "Sara Lind; Editing by Tom Hale",
     [dict(types=["ASSAULT"], trigger="Retakes", source=[C("SDN", "RSF", "Rapid Support")], target=[G("RSF", "Rapid Support")]),
      dict(types=["ASSAULT"], trigger="taken control", source=[C("SDN", "RSF", "Rapid Support")],
           target=[G("RSF", "Rapid Support")]),
      dict(types=["ASSAULT"], trigger="fighting", source=None, target=None, optional=True)]),
    ("wire-09", "2025-03-09",
     "DOHA, Qatar (AP) — Israel has ordered Al Jazeera to close its offices in the country, the network said on Sunday, "
     "calling the decision an attack on press freedom.\nA senior Hamas official told Reuters that the group was studying "
     "a new ceasefire proposal from Egyptian and Qatari mediators. Al Jazeera reported that Israeli negotiators had "
     "arrived in Cairo for talks.",
     [dict(types=["COERCE"], trigger="ordered", source=[C("ISR")], target=[G("Al Jazeera")]),
      dict(types=["ACCUSE"], trigger="calling the decision an attack", source=[G("Al Jazeera")], target=[C("ISR")],
           optional=True),
      dict(types=["REQUEST", "SUPPORT", "CONSULT"], trigger="proposal", source=None, target=None, optional=True),
      dict(types=["CONSULT"], trigger="arrived", source=[C("ISR")], target=[C("EGY")], optional=True),
      dict(types=["CONSULT"], trigger="talks", source=None, target=None, optional=True)]),
    ("wire-10", "2025-03-12",
     "ISLAMABAD: Pakistan on Wednesday summoned Afghanistan's charge d'affaires to protest cross-border attacks by "
     "militants, the foreign office said.\nThe Taliban government in Kabul denied that Afghan territory had been used "
     "to launch the attacks.",
     [dict(types=["ACCUSE", "PROTEST", "CONSULT"], trigger="summoned", source=[C("PAK")], target=[C("AFG")],
           date="2025-03-12"),
      dict(types=["ASSAULT"], trigger="attacks", source=[G("militants")], target=[C("PAK")], optional=True),
      dict(types=["REJECT", "ACCUSE"], trigger="denied", source=[C("AFG"), G("Taliban")], target=None, optional=True)]),
    ("wire-11", "2025-03-14",
     "BEIJING, March 14 (Xinhua) -- China and Russia held talks on strategic security issues on Friday, the Chinese "
     "foreign ministry said.\nBoth sides agreed to deepen cooperation, the ministry said in a statement.",
     [dict(types=["CONSULT"], trigger="held talks", source=[C("CHN"), C("RUS")], target=[C("CHN"), C("RUS")],
           date="2025-03-14", location="Beijing"),
      dict(types=["AGREE", "COOPERATE"], trigger="agreed", source=[C("CHN"), C("RUS")], target=[C("CHN"), C("RUS")],
           optional=True)]),
    ("wire-12", "2025-03-14",
     "By Amina Yusuf, Reuters\nABUJA, Nigeria — Gunmen abducted at least 30 students from a school in Nigeria's "
     "northwestern Kaduna state on Thursday, police said.\nRead more: Nigerian army says it killed 50 bandits in raids\n"
     "Police said security forces had launched a search for the students.",
     [dict(types=["COERCE"], trigger="abducted", source=[G("Gunmen")], target=[C("NGA"), G("students")],
           date="2025-03-13", location="Kaduna"),
      dict(types=["MOBILIZE", "COERCE"], trigger="launched a search", source=[C("NGA")], target=None, optional=True)]),
    ("wire-13", "2025-03-11",
     "ADEN, Yemen (AP) — Yemen's Houthi rebels said on Monday that they had attacked a British-owned cargo ship in the "
     "Gulf of Aden on Sunday with a missile.\nThe ship's crew was unharmed, the British maritime agency UKMTO said. "
     "The United States condemned the attack.",
     [dict(types=["ASSAULT"], trigger="attacked", source=[G("Houthi")], target=[C("GBR")], date="2025-03-09",
           location="Gulf of Aden"),
      dict(types=["ACCUSE"], trigger="condemned", source=[C("USA")], target=[G("Houthi")])]),
    ("wire-14", "2025-03-12",
     "MOSCOW, March 12 (Reuters) - Russian forces captured two villages in Ukraine's Donetsk region, the Russian "
     "Defence Ministry said on Wednesday, according to the state news agency TASS.\nUkraine's military did not confirm "
     "the claim. Kremlin spokesman Dmitry Peskov told reporters that Moscow remained ready for talks with Kyiv.",
     [dict(types=["ASSAULT"], trigger="captured", source=[C("RUS")], target=[C("UKR")], location="Donetsk"),
      dict(types=["CONSULT", "AGREE"], trigger="talks", source=[C("RUS")], target=[C("UKR")], optional=True)]),
    ("wire-15", "2025-03-09",
     "TEHRAN, March 9 (Reuters) - Iran will not negotiate with the United States while under pressure, Foreign "
     "Minister Abbas Araqchi said on Sunday, after U.S. President Donald Trump sent a letter to Iran's leaders.\n"
     "FILE PHOTO: A view of a street in Tehran, Iran. REUTERS/Staff/File Photo",
     [dict(types=["REJECT"], trigger="will not negotiate", source=[C("IRN")], target=[C("USA")], date="2025-03-09",
           location="Tehran"),
      dict(types=["CONSULT"], trigger="sent a letter", source=[C("USA")], target=[C("IRN")], optional=True)]),
    ("wire-16", "2025-03-10",
     "(CNN) — Ukrainian drones struck an oil refinery in Russia's Ryazan region overnight, the regional governor said "
     "on Monday.\nRelated: Ukraine says it downed 40 Russian drones\nThe Russian defense ministry said its air defenses "
     "had destroyed 25 Ukrainian drones over several regions.",
     [dict(types=["ASSAULT"], trigger="struck", source=[C("UKR")], target=[C("RUS")], location="Ryazan"),
      dict(types=["ASSAULT", "COERCE"], trigger="destroyed", source=[C("RUS")], target=[C("UKR")], optional=True)]),
]


def span_of(text: str, trigger: str, nth: int) -> list[int]:
    """The [start, end] of the `nth` (from 0) occurrence of `trigger` in `text`, as the gold files give spans."""
    start = -1
    for _ in range(nth + 1):
        start = text.index(trigger, start + 1)
    return [start, start + len(trigger)]


def main() -> None:
    """Write `wire_gold.jsonl` beside this script from `PASSAGES`, each event's span found from its trigger."""
    out = Path(__file__).with_name("wire_gold.jsonl")
    with out.open("w", encoding="utf-8") as f:
        for pid, published, text, events in PASSAGES:
            gold = []
            for e in events:
                e = {"nth": 0, "source": None, "target": None, **e}
                e["span"] = span_of(text, e["trigger"], e["nth"])
                gold.append(e)
            record = {"id": pid, "published": published, "title": None, "source": "written for Parley",
                      "text": text, "events": gold, "positions": []}
            f.write(json.dumps(record, ensure_ascii=False) + "\n")


if __name__ == "__main__":
    main()
