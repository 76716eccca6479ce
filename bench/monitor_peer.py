#!/usr/bin/env python3
"""The naive data-quality monitor that bench/monitor runs beside `sluice check`: the same five
checks (missing values, duplicates, formats, orphans, distribution) on the shop database, the way
a Python script usually does them: one SQL query per column and check, Python stdlib sqlite3 only.

usage: monitor_peer.py SHOP_DB   (prints the figures as JSON)
"""
import json
import sqlite3
import sys

CUSTOMERS = ["id", "name", "email", "phone", "country", "signup_date", "revenue", "status",
             "updated_at"]
ORDERS = ["id", "customer_id", "order_date", "total", "status", "created_at"]
NUMBER = "typeof({c}) IN ('integer', 'real')"

# Format checks as SQL predicates that hold for a bad, non-empty value.
FORMATS = {
    "email": "NOT ({c} LIKE '_%@_%._%' AND {c} NOT LIKE '%@%@%' AND {c} NOT LIKE '% %' "
             "AND {c} NOT LIKE '%@.%' AND {c} NOT LIKE '%.' AND {c} NOT LIKE '%@%..%')",
    "phone": "({c} GLOB '*[^0-9 ()+.-]*' OR length(replace(replace(replace(replace(replace("
             "replace({c}, ' ', ''), '-', ''), '(', ''), ')', ''), '.', ''), '+', '')) NOT "
             "BETWEEN 7 AND 15)",
    "date": "(date({c}, '+0 days') IS NULL OR date({c}, '+0 days') <> substr({c}, 1, 10))",
    "number": "typeof({c}) NOT IN ('integer', 'real')",
}


def one(db, sql):
    return db.execute(sql).fetchone()


def monitor(path):
    db = sqlite3.connect(path)
    out = {}
    for table, columns in (("customers", CUSTOMERS), ("orders", ORDERS)):
        t = out[table] = {"rows": one(db, f'SELECT COUNT(*) FROM "{table}"')[0]}
        # 1. missing values: one query per column
        for c in columns:
            t[f"{c}.nulls"] = one(db, f'SELECT COUNT(*) FROM "{table}" WHERE "{c}" IS NULL')[0]
        # 2. duplicates of the primary key
        t["id.duplicate_rows"] = one(
            db, f'SELECT COALESCE(SUM(n) - COUNT(*), 0) FROM (SELECT COUNT(*) AS n FROM "{table}" '
                'GROUP BY "id" HAVING COUNT(*) > 1)')[0]
    # 3. formats: one query per column
    checks = {"customers": {"email": "email", "phone": "phone", "signup_date": "date",
                            "revenue": "number"},
              "orders": {"order_date": "date"}}
    for table, columns in checks.items():
        for c, fmt in columns.items():
            bad = FORMATS[fmt].format(c=f'"{c}"')
            out[table][f"{c}.invalid_{fmt}"] = one(
                db, f'SELECT COUNT(*) FROM "{table}" WHERE "{c}" IS NOT NULL AND "{c}" <> \'\' '
                    f'AND {bad}')[0]
    # 4. orphans: the foreign key's join
    out["orders"]["customer_id.orphans"] = one(
        db, 'SELECT COUNT(*) FROM orders o LEFT JOIN customers c ON c.id = o.customer_id '
            'WHERE o.customer_id IS NOT NULL AND c.id IS NULL')[0]
    # 5. distribution: min/max/mean, then the deviation, then the outliers, per numeric column;
    #    the most frequent value per categorical column
    for table, c in (("customers", "revenue"), ("orders", "total")):
        num = NUMBER.format(c=f'"{c}"')
        n, lo, hi, mean = one(db, f'SELECT COUNT(*), MIN("{c}"), MAX("{c}"), AVG("{c}") FROM '
                                  f'"{table}" WHERE {num}')
        var = one(db, f'SELECT AVG(("{c}" - {mean!r}) * ("{c}" - {mean!r})) FROM "{table}" '
                      f'WHERE {num}')[0]
        sd = var ** 0.5
        outliers = one(db, f'SELECT COUNT(*) FROM "{table}" WHERE {num} AND ("{c}" < '
                           f'{mean - 3 * sd!r} OR "{c}" > {mean + 3 * sd!r})')[0]
        out[table].update({f"{c}.min": lo, f"{c}.max": hi, f"{c}.mean": mean,
                           f"{c}.stddev": sd, f"{c}.outliers": outliers})
    for table, c in (("customers", "status"), ("customers", "country"), ("orders", "status")):
        value, count = one(db, f'SELECT "{c}", COUNT(*) FROM "{table}" WHERE "{c}" IS NOT NULL '
                               f'GROUP BY "{c}" ORDER BY 2 DESC LIMIT 1')
        present = one(db, f'SELECT COUNT("{c}") FROM "{table}"')[0]
        out[table][f"{c}.top_share"] = round(100.0 * count / present, 4)
        out[table][f"{c}.top_value"] = value
    return out


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    print(json.dumps(monitor(sys.argv[1]), indent=1, sort_keys=True))
