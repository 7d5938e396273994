"""Throughput and memory of Parley against spaCy alone, on synthetic news-like articles.

    .venv/bin/python benchmarks/throughput.py [--articles N] [--repeat R] [--no-memory]

Prints articles/s for `parley.extract_many` and for the bare spaCy pipeline (`nlp.pipe` over the same
titles and texts, each a Doc as Parley reads them, with the same batch size), by wall clock and by CPU time (best of --repeat interleaved passes);
the resident memory the gazetteer adds; the peak resident memory of streaming 100 and 1,000 articles (and of 1, for the pipeline's own
footprint) through `extract_many`, each in a fresh subprocess so the peaks compare; and a last line `ratio: X.XX`, Parley's articles/s over spaCy's by
CPU time (the wall-clock ratio is printed above it: on a busy machine it is noisy), with the line before it
giving the same ratio for the trigger rules alone (classifier=False). The articles come
from the templates below with a fixed seed; nothing is read from disk. No assertions: it reports.
"""

from __future__ import annotations

import argparse
import random
import resource
import subprocess
import sys
import time
from collections.abc import Iterator
from datetime import date, timedelta

from parley.extract import BATCH_SIZE, extract_many
from parley.nlp import pipeline
from parley.records import Article

SEED = 20251125
#: Article lengths (words) for the time-per-1,000-words lines: Parley should be linear in an article's length.
LENGTHS = (1_000, 5_000, 20_000, 80_000)

# One conflict per entry: the two sides (name, demonym, capital, leader with title), an armed group where
# there is one, places where fighting happens, mediators and venues of talks.
CONFLICTS = [
    dict(a=("Russia", "Russian", "Moscow", "President Vladimir Putin"),
         b=("Ukraine", "Ukrainian", "Kyiv", "President Volodymyr Zelenskiy"),
         group=None, places=["Pokrovsk", "Kharkiv", "Zaporizhzhia", "Kupiansk", "Sumy", "Kherson"],
         mediators=["Turkey", "the United States", "Saudi Arabia"], venues=["Istanbul", "Riyadh", "Geneva"]),
    dict(a=("Israel", "Israeli", "Jerusalem", "Prime Minister Benjamin Netanyahu"),
         b=("Hamas", "Hamas", "Gaza", "Hamas negotiator Khalil al-Hayya"),
         group="Hamas", places=["Gaza City", "Khan Younis", "Rafah", "Deir al-Balah", "Jabalia"],
         mediators=["Qatar", "Egypt", "the United States"], venues=["Doha", "Cairo", "Sharm el-Sheikh"]),
    dict(a=("Sudan", "Sudanese", "Port Sudan", "army chief Abdel Fattah al-Burhan"),
         b=("the Rapid Support Forces", "RSF", "Nyala", "RSF commander Mohamed Hamdan Dagalo"),
         group="RSF", places=["El Fasher", "Omdurman", "Babanusa", "El Obeid", "Kadugli"],
         mediators=["Saudi Arabia", "the United States", "Egypt"], venues=["Jeddah", "Washington", "Cairo"]),
    dict(a=("Congo", "Congolese", "Kinshasa", "President Felix Tshisekedi"),
         b=("Rwanda", "Rwandan", "Kigali", "President Paul Kagame"),
         group="M23", places=["Goma", "Bukavu", "Uvira", "Walikale", "Masisi"],
         mediators=["Qatar", "the United States", "the African Union"], venues=["Doha", "Washington", "Luanda"]),
    dict(a=("Israel", "Israeli", "Jerusalem", "Defence Minister Israel Katz"),
         b=("Lebanon", "Lebanese", "Beirut", "President Joseph Aoun"),
         group="Hezbollah", places=["Nabatieh", "Tyre", "Bint Jbeil", "the Bekaa valley"],
         mediators=["France", "the United States"], venues=["Naqoura", "Paris"]),
    dict(a=("Armenia", "Armenian", "Yerevan", "Prime Minister Nikol Pashinyan"),
         b=("Azerbaijan", "Azerbaijani", "Baku", "President Ilham Aliyev"),
         group=None, places=["Syunik", "Tavush", "the border villages"],
         mediators=["the United States", "the European Union"], venues=["Washington", "Abu Dhabi"]),
    dict(a=("Serbia", "Serbian", "Belgrade", "President Aleksandar Vucic"),
         b=("Kosovo", "Kosovar", "Pristina", "Prime Minister Albin Kurti"),
         group=None, places=["Mitrovica", "Zubin Potok", "Leposavic"],
         mediators=["the European Union"], venues=["Brussels"]),
    dict(a=("India", "Indian", "New Delhi", "Prime Minister Narendra Modi"),
         b=("Pakistan", "Pakistani", "Islamabad", "Prime Minister Shehbaz Sharif"),
         group=None, places=["Kashmir", "Poonch", "Muzaffarabad"],
         mediators=["the United States", "Saudi Arabia"], venues=["Washington", "Riyadh"]),
    dict(a=("Myanmar", "Burmese", "Naypyitaw", "Senior General Min Aung Hlaing"),
         b=("the Arakan Army", "Arakan Army", "Sittwe", "Arakan Army commander Twan Mrat Naing"),
         group="Arakan Army", places=["Sittwe", "Kyaukphyu", "Lashio", "Myawaddy"],
         mediators=["China", "Thailand"], venues=["Kunming", "Bangkok"]),
]

SPOKESPEOPLE = ["a government spokesman", "a military spokeswoman", "the foreign ministry", "officials",
                "a senior diplomat", "the defence ministry"]
ORGS = ["The United Nations", "The European Union", "The African Union", "The Red Cross", "UNICEF",
        "The World Food Programme", "NATO"]
WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
ACCUSATIONS = ["violating the ceasefire", "shelling civilian areas", "blocking aid convoys",
               "stalling the negotiations", "massing troops near the border", "targeting energy facilities"]
REQUESTS = ["respect the truce", "open humanitarian corridors", "release all prisoners",
            "return to the negotiating table", "withdraw its forces", "protect civilians"]
ISSUES = ["the exchange of prisoners", "a ceasefire", "the return of displaced people", "border demarcation",
          "reconstruction funding", "security guarantees"]

TEMPLATES = [
    "{A} accused {B} of {accusation} on {day}, {spokes} said.",
    "{B_name} denied the accusation and said it remained committed to the talks.",
    "{a_dem} forces shelled {place} overnight, killing {n} people, local officials said.",
    "{b_dem} troops launched a counter-attack near {place} on {day}.",
    "{a_leader} said {A} was ready to discuss {issue} but would not accept {condition}.",
    "{b_leader} met a delegation from {mediator} in {venue} to discuss {issue}.",
    "Negotiators from both sides are due to meet in {venue} next week, according to {mediator}.",
    "{org} called on {A} to {request}.",
    "{org} said {n} thousand people had fled {place} since the start of the month.",
    "In a statement, the {a_dem} foreign ministry rejected the proposal as unacceptable.",
    "{mediator_cap} urged both sides to {request} and offered to host further talks.",
    "{A} and {B} agreed to a {hours}-hour truce to allow aid into {place}.",
    "The {b_dem} government welcomed the agreement but said violations continued.",
    "{A_cap_capital} said the attack on {place} was a response to repeated provocations.",
    "Residents of {place} said drones struck the town's only hospital on {day}.",
    "The United States imposed sanctions on {sanctioned} officials it accused of blocking aid.",
    "Talks in {venue} broke down after {B_name} refused to {request}.",
    "{a_leader} threatened to expand the offensive if the talks failed.",
    "{b_dem} officials said they had released {n} prisoners as a goodwill gesture.",
    "On {month} {dom}, {a_dem} forces shelled {place}, {spokes} said.",
    "{B_name} said the truce agreed on {dom} {month} had been broken near {place}.",
    "Talks in {venue} are due to resume on {month} {dom}, {year}, according to {mediator}.",
]
GROUP_TEMPLATES = [
    "{group} fighters seized {place} after days of clashes with the {a_dem} army.",
    "{A} accused {group} of attacking civilians in {place}.",
    "{group} said it would withdraw from {place} if {A} halted air strikes.",
]
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
          "November", "December"]
CONDITIONS = ["any preconditions", "a foreign military presence", "the loss of territory", "a partial truce"]


def _cap(text: str) -> str:
    return text[0].upper() + text[1:]


def make_article(i: int, rng: random.Random, words: int | None = None) -> Article:
    """One synthetic article about one conflict: 16-26 sentences, or about `words` words when given."""
    c = rng.choice(CONFLICTS)
    a_name, a_dem, a_capital, a_leader = c["a"]
    b_name, b_dem, _b_capital, b_leader = c["b"]
    templates = TEMPLATES + (GROUP_TEMPLATES if c["group"] else [])
    sentences, count = [], 0
    wanted = rng.randint(16, 26)
    while (count < words) if words else (len(sentences) < wanted):
        template = rng.choice(templates)
        mediator = rng.choice(c["mediators"])
        sentence = template.format(
            A=a_name, B=b_name, B_name=_cap(b_name), a_dem=a_dem, b_dem=b_dem, a_leader=a_leader,
            b_leader=_cap(b_leader), A_cap_capital=a_capital, place=rng.choice(c["places"]),
            venue=rng.choice(c["venues"]), mediator=mediator, mediator_cap=_cap(mediator),
            org=rng.choice(ORGS), day=rng.choice(WEEKDAYS), spokes=rng.choice(SPOKESPEOPLE),
            accusation=rng.choice(ACCUSATIONS), request=rng.choice(REQUESTS), issue=rng.choice(ISSUES),
            condition=rng.choice(CONDITIONS), n=rng.randint(2, 90), hours=rng.choice([24, 48, 72]),
            group=c["group"], sanctioned=rng.choice([a_dem, b_dem]), month=rng.choice(MONTHS),
            dom=rng.randint(1, 28), year=rng.choice([2024, 2025]))
        sentences.append(sentence)
        count += len(sentence.split())
    paragraphs = [" ".join(sentences[k:k + 3]) for k in range(0, len(sentences), 3)]
    published = date(2025, 1, 1) + timedelta(days=rng.randint(0, 330))
    return Article(text="\n\n".join(paragraphs), id=f"synthetic-{i}", title=f"{a_name} and {b_name}",
                   published=published)


def make_articles(n: int, seed: int = SEED) -> Iterator[Article]:
    rng = random.Random(seed)
    for i in range(n):
        yield make_article(i, rng)


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # kilobytes on Linux


def spacy_texts(articles) -> list[str]:
    """What spaCy alone parses for these articles: each title (a Doc of its own, see parley/headlines.py) and
    text, as Parley reads them."""
    return [t for a in articles for t in (a.title, a.text) if t]


def child_peak(n: int, batch_size: int, spacy_only: bool = False) -> None:
    """Stream n articles through extract_many (or the bare spaCy pipeline) keeping nothing; print the peak RSS in MB."""
    count = 0
    if spacy_only:
        stream = pipeline.load_spacy().pipe(spacy_texts(make_articles(n)), batch_size=batch_size)
    else:
        stream = extract_many(make_articles(n), batch_size=batch_size)
    for _ in stream:
        count += 1
    print(f"{peak_rss_mb():.1f} {count}")


def measured_peak(n: int, batch_size: int, spacy_only: bool = False) -> str:
    result = subprocess.run([sys.executable, __file__, "--peak-rss", str(n), "--batch-size", str(batch_size)]
                            + (["--spacy-only"] if spacy_only else []),
                            capture_output=True, text=True, check=False)
    if result.returncode != 0:
        return f"failed ({result.stderr.strip().splitlines()[-1] if result.stderr.strip() else result.returncode})"
    mb, _count = result.stdout.split()
    return f"{float(mb):.1f} MB"


def current_rss_mb() -> float:
    with open("/proc/self/statm") as f:
        return int(f.read().split()[1]) * resource.getpagesize() / 1e6


def child_gazetteer() -> None:
    """Print the resident memory that opening the gazetteer and resolving places adds, in MB."""
    from parley.nlp.geo import geocode

    before = current_rss_mb()
    names = [p for c in CONFLICTS for p in [*c["places"], *c["venues"], c["a"][2], c["b"][2]]]
    for name in names:
        geocode.lookup_place(name, ["UKR"])
    print(f"{current_rss_mb() - before:.1f} {len(names)}")


def measured_gazetteer() -> str:
    result = subprocess.run([sys.executable, __file__, "--gazetteer-rss"], capture_output=True, text=True, check=False)
    if result.returncode != 0:
        return "failed"
    mb, names = result.stdout.split()
    return f"{float(mb):.1f} MB ({names} names resolved)"


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=300, help="synthetic articles to time (default 300)")
    parser.add_argument("--repeat", type=int, default=3,
                        help="timed passes of each, interleaved; the best counts (default 3)")
    parser.add_argument("--batch-size", type=int, default=BATCH_SIZE, help=argparse.SUPPRESS)
    parser.add_argument("--lengths", default=",".join(map(str, LENGTHS)),
                        help="article lengths in words for the time-per-1,000-words lines (default %(default)s; "
                             "empty for none)")
    parser.add_argument("--peak-rss", type=int, default=None, help=argparse.SUPPRESS)
    parser.add_argument("--gazetteer-rss", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--spacy-only", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--no-memory", action="store_true", help="skip the peak-memory and gazetteer runs")
    args = parser.parse_args(argv)
    if args.gazetteer_rss:
        child_gazetteer()
        return
    if args.peak_rss is not None:
        child_peak(args.peak_rss, args.batch_size, args.spacy_only)
        return

    # The memory runs go first: Linux carries the parent's high-water mark into a child's ru_maxrss
    # (through fork and exec), so they are started while this process is still small.
    peaks = {} if args.no_memory else {
        size: (measured_peak(size, args.batch_size), measured_peak(size, args.batch_size, spacy_only=True))
        for size in (1, 100, 1000)}
    gazetteer_added = None if args.no_memory else measured_gazetteer()

    articles = list(make_articles(args.articles))
    texts = spacy_texts(articles)
    words = sum(len(a.text.split()) for a in articles)
    print(f"articles: {len(articles)} ({words / len(articles):.0f} words on average), "
          f"batch size {args.batch_size}, model {pipeline.model_name()}, best of {max(1, args.repeat)} passes")

    # Load both pipelines and warm them up, so the timings leave out model loading.
    nlp = pipeline.load_spacy()
    list(nlp.pipe(texts[:4], batch_size=args.batch_size))
    list(extract_many(articles[:4], batch_size=args.batch_size))
    list(extract_many(articles[:4], batch_size=args.batch_size, classifier=False))

    # Interleaved passes, best of each, timed both by the wall clock and by this process's CPU time: on a
    # shared machine other load slows the wall clock but hardly the CPU time, so the ratio uses CPU time.
    spacy_wall = spacy_cpu = parley_wall = parley_cpu = rules_cpu = float("inf")
    for _ in range(max(1, args.repeat)):
        wall, cpu = time.perf_counter(), time.process_time()
        for _doc in nlp.pipe(texts, batch_size=args.batch_size):
            pass
        spacy_wall = min(spacy_wall, time.perf_counter() - wall)
        spacy_cpu = min(spacy_cpu, time.process_time() - cpu)

        wall, cpu = time.perf_counter(), time.process_time()
        events = sum(len(doc.events) for doc in extract_many(articles, batch_size=args.batch_size))
        parley_wall = min(parley_wall, time.perf_counter() - wall)
        parley_cpu = min(parley_cpu, time.process_time() - cpu)

        # the trigger rules alone (no trained event classifier), to show what the classifier costs
        cpu = time.process_time()
        for _doc in extract_many(articles, batch_size=args.batch_size, classifier=False):
            pass
        rules_cpu = min(rules_cpu, time.process_time() - cpu)

    n = len(articles)
    print(f"parley extract_many: {n / parley_wall:.2f} articles/s wall ({parley_wall:.2f} s), "
          f"{n / parley_cpu:.2f} articles/s CPU ({parley_cpu:.2f} s), {events} events")
    print(f"spacy nlp.pipe: {n / spacy_wall:.2f} articles/s wall ({spacy_wall:.2f} s), "
          f"{n / spacy_cpu:.2f} articles/s CPU ({spacy_cpu:.2f} s)")
    # One article first: the pipeline's own footprint, to read the two streamed runs against.
    for size, (peak, spacy_peak) in peaks.items():
        print(f"peak RSS, {size} article{'s' * (size > 1)}: extract_many {peak}, spaCy alone {spacy_peak}")
    lengths = [int(n) for n in args.lengths.split(",") if n.strip()]
    if lengths:
        per_1k = by_length(nlp, lengths)
        print(f"length growth: {per_1k[-1] / per_1k[0]:.2f} (time per 1,000 words at {lengths[-1]:,} words "
              f"over {lengths[0]:,}; linear is 1)")
    if gazetteer_added is not None:
        print(f"resident memory the gazetteer adds (open + resolve): {gazetteer_added}")
    print(f"ratio without the event classifier (--no-classifier): {spacy_cpu / rules_cpu:.2f}")
    print(f"wall-clock ratio: {spacy_wall / parley_wall:.2f}")
    print(f"ratio: {spacy_cpu / parley_cpu:.2f}")


def by_length(nlp, lengths: list[int]) -> list[float]:
    """Print and return Parley's CPU seconds per 1,000 words for one article of each length (spaCy's beside it)."""
    rng = random.Random(SEED)
    per_1k = []
    for words in lengths:
        article = make_article(0, rng, words=words)
        n = len(article.text.split())
        cpu = time.process_time()
        for text in spacy_texts([article]):
            nlp(text)
        spacy_cpu = time.process_time() - cpu
        cpu = time.process_time()
        document = next(extract_many([article]))
        parley_cpu = time.process_time() - cpu
        per_1k.append(parley_cpu / n * 1000)
        print(f"{n:>6,} words ({len(document.events):,} events): {per_1k[-1]:.3f} s per 1,000 words CPU "
              f"(spaCy alone {spacy_cpu / n * 1000:.3f})")
    return per_1k


if __name__ == "__main__":
    main()
