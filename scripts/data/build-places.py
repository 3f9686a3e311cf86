#!/usr/bin/env python3
"""Writes src/checks/meaning/data/places.tsv: the names of every country, region and time-zone
city of CLDR in the languages below, one place a line, for MT305 (entity-mismatch) to accept a
translated place name ("Finland" for "Suomi", "Netherlands" for "Países Bajos").

The names come from the CLDR data inside the Babel package (pinned in scripts/data/build-places.sh,
which runs this); the output is sorted, so the same Babel gives the same file.
"""
import collections
import sys

import babel
from babel import Locale

# The languages whose names are kept: those of the news and localisation pairs we meet, written
# in any script. More languages add names that are rarely met and, being short, match by chance.
LANGS = """af am ar az be bg bn bs ca cs cy da de el en es et eu fa fi fil fr ga gl gu he hi hr hu
hy id is it ja ka kk km kn ko ky lo lt lv mk ml mn mr ms my nb ne nl nn pa pl ps pt ro ru si sk sl
sq sr sv sw ta te th tr uk ur uz vi zh zu""".split()
# Not places: "Unknown Region", and CLDR's pseudo-regions.
SKIP = {"ZZ", "QO", "EZ", "UN", "XA", "XB"}


def main(out_path):
    places = collections.defaultdict(set)
    for lang in LANGS:
        loc = Locale.parse(lang)
        for code, name in loc.territories.items():
            if code not in SKIP:
                places["region:" + code].add(name)
        for zone, data in loc._data["time_zones"].items():
            city = data.get("city")
            if city and not zone.startswith("Etc/"):
                places["city:" + zone].add(city)
    # A city without a translated name in a language is written as its zone id's last part.
    for key in [k for k in places if k.startswith("city:")]:
        places[key].add(key.rsplit("/", 1)[-1].replace("_", " "))
    with open(out_path, "w", encoding="utf-8") as f:
        f.write(f"# Place names of CLDR (Unicode License v3) as packaged in Babel {babel.__version__}"
                " (BSD-3-Clause), written by scripts/data/build-places.sh.\n")
        f.write("# One place a line: its key (CLDR region code or time zone), then its names in "
                + " ".join(LANGS) + ", tab-separated, each once.\n")
        for key in sorted(places):
            names = sorted(n for n in places[key] if len(n) >= 2 and "\t" not in n)
            f.write(key + "\t" + "\t".join(names) + "\n")


if __name__ == "__main__":
    main(sys.argv[1])
