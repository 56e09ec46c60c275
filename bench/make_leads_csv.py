#!/usr/bin/python3
"""Writes a deterministic lead list for the import benchmark: ROWS rows, 10 columns, about 130 bytes a row.

Every row is a valid, distinct lead (unique email and US phone number), so the import saves them all.
    bench/make_leads_csv.py ROWS FILE
"""
import random
import sys

FIRST = ["Ada", "Grace", "Alan", "Edsger", "Barbara", "Donald", "Frances", "Ken", "Margaret", "Dennis",
         "Radia", "John", "Katherine", "Tim", "Hedy", "Linus", "Sophie", "Niklaus", "Adele", "Bjarne"]
LAST = ["Lovelace", "Hopper", "Turing", "Dijkstra", "Liskov", "Knuth", "Allen", "Thompson", "Hamilton",
        "Ritchie", "Perlman", "Backus", "Johnson", "Berners-Lee", "Lamarr", "Torvalds", "Wilson", "Wirth"]
TITLES = ["Head of Operations", "Owner", "Practice Manager", "CTO", "Site Lead", "VP Sales", "Plant Manager",
          "Procurement Lead", "Founder", "Office Manager"]
INDUSTRIES = ["Logistics", "Bakery", "Dental care", "Software", "Construction", "Metal fabrication",
              "Retail", "Hospitality", "Healthcare", "Automotive"]
CITIES = ["Austin", "Boston", "Chicago", "Denver", "Seattle", "Portland", "Atlanta", "Miami", "Phoenix", "Dallas"]
AREA_CODES = [212, 213, 305, 312, 404, 415, 503, 512, 602, 617, 702, 713, 718, 720, 206, 214, 303, 310, 408, 646]


def main():
    rows, path = int(sys.argv[1]), sys.argv[2]
    rng = random.Random(42)
    with open(path, "w", newline="") as out:
        out.write("Name,Work Email,Company Name,Title,Phone,Country,City,Website,Industry,Notes\n")
        for i in range(rows):
            first, last = rng.choice(FIRST), rng.choice(LAST)
            company = "%s %s %d" % (rng.choice(LAST), rng.choice(INDUSTRIES).split()[0], i % 50000)
            domain = "c%d.example" % (i % 50000)
            # Distinct numbers: exchange and line come from the row number (exchanges 200-999).
            area = AREA_CODES[i % len(AREA_CODES)]
            n = i // len(AREA_CODES)
            phone = "(%d) %03d-%04d" % (area, 200 + (n // 10000) % 800, n % 10000)
            out.write('%s %s,%s.%s%d@%s,"%s",%s,%s,US,%s,%s,%s,"fair, %d"\n' % (
                first, last, first.lower(), last.lower().replace("-", ""), i, domain, company,
                rng.choice(TITLES), phone, rng.choice(CITIES), domain, rng.choice(INDUSTRIES), i))


if __name__ == "__main__":
    main()
