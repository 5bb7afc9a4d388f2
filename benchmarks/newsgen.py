"""A generator of news-like articles for benchmarks: attributed sentences written for kg, recombined.

Every sentence here was written for this project (no copied text). An article gets a title, a
``Source:`` line (outlet, date and URL) and about 300 words of paragraphs mixing direct quotes, reported speech,
denials, hedged claims, nested attributions and channels (agencies, interviews, messaging apps). The same
seed always gives the same corpus.

    python benchmarks/newsgen.py 2000 /tmp/corpus [--seed 7]
"""
from __future__ import annotations

import random
import sys
from datetime import date, timedelta
from pathlib import Path

PEOPLE = [("Vladimir Putin", "Putin", "the Russian president"), ("Volodymyr Zelensky", "Zelensky", "the Ukrainian president"),
          ("Dmitry Peskov", "Peskov", "the Kremlin spokesman"), ("Sergei Lavrov", "Lavrov", "Russia's foreign minister"),
          ("Antony Blinken", "Blinken", "the US secretary of state"), ("Olaf Scholz", "Scholz", "the German chancellor"),
          ("Emmanuel Macron", "Macron", "the French president"), ("Recep Tayyip Erdogan", "Erdogan", "the Turkish president"),
          ("Marta Ilves", "Ilves", "the Estonian defence minister"), ("Tomas Varga", "Varga", "a Hungarian diplomat"),
          ("Helena Brandt", "Brandt", "a NATO spokeswoman"), ("Oleksiy Marchenko", "Marchenko", "a Ukrainian general"),
          ("Irina Volkova", "Volkova", "a Russian senator"), ("James Whitfield", "Whitfield", "a British minister"),
          ("Ana Ferreira", "Ferreira", "an EU envoy"), ("Piotr Nowak", "Nowak", "the Polish prime minister")]
GROUPS = ["the Kremlin", "the White House", "the Ukrainian General Staff", "NATO", "the European Commission",
          "the Russian Defence Ministry", "the Foreign Ministry in Kyiv", "Western officials", "two senior diplomats",
          "several European officials", "a source close to the talks", "military analysts"]
OUTLETS = ["Reuters", "the Associated Press", "Bloomberg", "The New York Times", "TASS", "RIA Novosti",
           "Ukrainska Pravda", "Der Spiegel", "Le Monde", "the BBC", "Politico", "Kyiv Independent"]
CHANNELS = ["in a statement", "in an interview with {outlet}", "on Telegram", "at a news conference",
            "in a televised address", "in a post on X", "during a briefing", "in a letter to lawmakers"]
TOPICS = ["a ceasefire along the current front line", "new sanctions on Russian oil", "the grain corridor",
          "talks on prisoner exchanges", "the supply of long-range missiles", "a freeze of the conflict",
          "security guarantees for Ukraine", "the return of occupied territories", "peace talks in Istanbul",
          "the protection of the Zaporizhzhia nuclear plant", "air defence for Kharkiv", "a halt to strikes on energy sites"]
CLAIMS = ["Moscow was ready to stop at the current lines", "Kyiv would never accept a frozen conflict",
          "the offensive had stalled near the river", "the sanctions were starting to bite",
          "the talks could resume within weeks", "no decision had been taken yet", "the shipment had already arrived",
          "the proposal was a trap", "the ceasefire would only help Russia regroup", "the door to negotiations remained open",
          "the attack had been planned for months", "the reports were false"]
QUOTES = ["We will not give up a single village", "There can be no talks while the shelling goes on",
          "Our position has not changed", "We are ready to discuss a truce, but not on these terms",
          "This is a dangerous escalation", "Everything depends on Washington",
          "We have received no such proposal", "The front line is not a border", "Time is on our side",
          "We will defend every metre of our land", "Nobody is talking about a freeze", "The next weeks will be decisive"]
HEDGES = ["reportedly", "apparently", "allegedly", "possibly"]
VERBS = ["said", "told reporters", "stressed", "added", "insisted", "warned", "noted", "claimed"]

SENTENCES = [
    "“{quote},” {person} said {channel}.",
    "“{quote},” {role} {name} told {outlet}.",
    "{person} said that {claim}.",
    "{group} denied that {claim}, {outlet} reported.",
    "According to {outlet}, {group} believe that {claim}.",
    "{person} {verb} that {claim}, according to a transcript published by {outlet}.",
    "{group} {hedge} told {outlet} that {claim}.",
    "{outlet} quoted {person} as saying that {claim}.",
    "Speaking {channel}, {person} said the talks on {topic} were going nowhere.",
    "{person} rejected {topic}, calling the idea “{quote_lower}.”",
    "“{quote},” {name} added, without giving details.",
    "{group} said {person} had promised {topic}, {outlet} reported, citing two officials.",
    "Asked about {topic}, {name} said only that {claim}.",
    "{person} denied reports that {claim}.",
    "{group} may be considering {topic}, {outlet} reported on {weekday}.",
    "In a statement, {group} said that {claim} and called for {topic}.",
]
FILLERS = ["The fighting continued overnight in the east.", "Prices of wheat rose on the news.",
           "The meeting lasted more than three hours.", "Neither side published the full text.",
           "The border crossing remained closed.", "Shelling was heard in the outskirts of the city.",
           "Parliament is expected to vote on the bill next month.", "Air raid sirens sounded in several regions."]
WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday"]


def article(rng: random.Random, index: int) -> str:
    """One article's text: title, Source line, and about 300 words."""
    lead = rng.choice(PEOPLE)
    day = date(2024, 1, 1) + timedelta(days=rng.randrange(365))
    outlet = rng.choice(OUTLETS)
    title = f"{lead[1]} speaks on {rng.choice(TOPICS)} ({index})"
    paragraphs, words = [], 0
    while words < 300:
        sentences = []
        for _ in range(rng.randint(2, 3)):
            sentences.append(_sentence(rng) if rng.random() > 0.15 else rng.choice(FILLERS))
        paragraph = " ".join(sentences)
        paragraphs.append(paragraph)
        words += len(paragraph.split())
    url = f"https://news.example.org/{day.isoformat().replace('-', '/')}/article-{index}"  # a reserved domain
    return f"{title}\nSource: {outlet}, {day.isoformat()}, {url}\n\n" + "\n\n".join(paragraphs) + "\n"


def _sentence(rng: random.Random) -> str:
    full, name, role = rng.choice(PEOPLE)
    person = rng.choice([full, f"{role.capitalize()} {full}" if role.startswith("the ") else full, name])
    outlet = rng.choice(OUTLETS)
    quote = rng.choice(QUOTES)
    text = rng.choice(SENTENCES).format(
        quote=quote, quote_lower=quote[0].lower() + quote[1:], person=person, name=name, role=role.capitalize(),
        group=rng.choice(GROUPS), outlet=outlet, channel=rng.choice(CHANNELS).format(outlet=outlet),
        claim=rng.choice(CLAIMS), topic=rng.choice(TOPICS), hedge=rng.choice(HEDGES), verb=rng.choice(VERBS),
        weekday=rng.choice(WEEKDAYS))
    return text[0].upper() + text[1:]


def write_corpus(count: int, folder: str | Path, seed: int = 7) -> list[Path]:
    """Write ``count`` articles into ``folder`` (created); returns their paths."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    rng = random.Random(seed)
    paths = []
    for index in range(count):
        path = folder / f"article-{index:05d}.txt"
        path.write_text(article(rng, index), encoding="utf-8")
        paths.append(path)
    return paths


def main(argv: list[str] | None = None) -> int:
    """The command line: ``newsgen.py COUNT FOLDER [--seed N]`` (argparse gives --help and usage errors)."""
    import argparse

    parser = argparse.ArgumentParser(description="Write COUNT generated news articles into FOLDER (the same seed "
                                                 "always gives the same corpus).")
    parser.add_argument("count", type=int, help="how many articles")
    parser.add_argument("folder", help="where to write them (created when missing)")
    parser.add_argument("--seed", type=int, default=7, help="random seed (default: 7)")
    args = parser.parse_args(argv)
    if args.count < 0:
        parser.error("count must be 0 or more")
    written = write_corpus(args.count, args.folder, args.seed)
    print(f"wrote {len(written)} articles to {args.folder}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
