#!/usr/bin/env python3
"""Generate data/countries.tsv from Debian's iso-codes plus data/countries-extra.tsv.

Usage:  python3 tools/gen_countries.py [--iso-json PATH] [--locale-dir DIR] [-o OUT]

Base (iso-codes, package `iso-codes`):
  /usr/share/iso-codes/json/iso_3166-1.json            alpha_3, name, common_name, official_name
  /usr/share/locale/zh_CN/LC_MESSAGES/iso_3166-1.mo     simplified Chinese names
  /usr/share/locale/zh_TW/LC_MESSAGES/iso_3166-1.mo     traditional (Taiwan) names

For every ISO 3166-1 entry the base row is
  iso3  = alpha_3
  zh    = zh_CN translation of `name`
  en    = common_name, else name
  aliases = zh_CN official name, zh_TW name and official name, English name and
            official name (names written in ISO's inverted "X, Republic of" style or
            with parentheses are dropped: they never occur in running text)
  short = ""

Overrides (data/countries-extra.tsv, same five columns):
  * a non-empty zh or en replaces the base value; the replaced base value is kept as
    an alias (unless removed, see below);
  * aliases are appended; an alias written with a leading '-' (e.g. `-刚果`) is
    removed from the final alias list instead;
  * a non-empty short replaces the base short;
  * a row whose iso3 is not in iso-codes (XKX Kosovo, EUU European Union) is added.
  * the same iso3 may appear on several rows; they are applied in file order.

Derived aliases: for every country with a one-character `short` S, "S方" (俄方, 美方,
中方 ...) is added to its aliases.

Output rows are sorted by iso3; aliases keep first-seen order, deduplicated, and never
repeat the row's own zh or en. The script refuses to write a value that contains a tab,
a '|' or a newline.
"""
import argparse
import gettext
import json
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)


def load_mo(locale_dir, lang):
    path = os.path.join(locale_dir, lang, "LC_MESSAGES", "iso_3166-1.mo")
    with open(path, "rb") as f:
        return gettext.GNUTranslations(f)


def usable_en(name):
    """ISO's inverted or parenthesised names never occur in running text."""
    return bool(name) and ", " not in name and "(" not in name


def usable_zh(name):
    return bool(name) and "(" not in name and "（" not in name


def read_extra(path):
    rows = []
    with open(path, encoding="utf-8") as f:
        for lineno, line in enumerate(f, 1):
            line = line.rstrip("\n").rstrip("\r")
            if not line.strip() or line.lstrip().startswith("#"):
                continue
            cols = line.split("\t")
            if len(cols) != 5:
                sys.exit(f"{path}:{lineno}: expected 5 tab-separated columns, got {len(cols)}")
            rows.append((lineno, [c.strip() for c in cols]))
    return rows


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--iso-json", default="/usr/share/iso-codes/json/iso_3166-1.json")
    ap.add_argument("--locale-dir", default="/usr/share/locale")
    ap.add_argument("--extra", default=os.path.join(ROOT, "data", "countries-extra.tsv"))
    ap.add_argument("-o", "--out", default=os.path.join(ROOT, "data", "countries.tsv"))
    args = ap.parse_args()

    with open(args.iso_json, encoding="utf-8") as f:
        iso = json.load(f)["3166-1"]
    cn = load_mo(args.locale_dir, "zh_CN")
    tw = load_mo(args.locale_dir, "zh_TW")

    table = {}  # iso3 -> dict(zh, en, aliases(list), removed(set), short)
    for c in iso:
        a3 = c["alpha_3"]
        name = c["name"]
        off = c.get("official_name", "")
        common = c.get("common_name", "")
        zh = cn.gettext(name)
        en = common or name
        al = []
        if off:
            al.append(cn.gettext(off))
        al.append(tw.gettext(name))
        if off:
            al.append(tw.gettext(off))
        al.append(name)
        if off:
            al.append(off)
        al = [a for a in al if a and (usable_zh(a) if not a.isascii() else usable_en(a))]
        table[a3] = {"zh": zh, "en": en, "aliases": al, "removed": set(), "short": ""}

    for lineno, (a3, zh, en, aliases, short) in read_extra(args.extra):
        if not (len(a3) == 3 and a3.isascii() and a3.isupper()):
            sys.exit(f"{args.extra}:{lineno}: bad iso3 {a3!r}")
        row = table.get(a3)
        if row is None:
            if not zh or not en:
                sys.exit(f"{args.extra}:{lineno}: new code {a3} needs zh and en")
            row = table[a3] = {"zh": zh, "en": en, "aliases": [], "removed": set(), "short": ""}
        if zh and zh != row["zh"]:
            if usable_zh(row["zh"]):
                row["aliases"].append(row["zh"])
            row["zh"] = zh
        if en and en != row["en"]:
            if usable_en(row["en"]):
                row["aliases"].append(row["en"])
            row["en"] = en
        for a in aliases.split("|") if aliases else []:
            a = a.strip()
            if not a:
                continue
            if a.startswith("-") and len(a) > 1:
                row["removed"].add(a[1:])
            else:
                row["aliases"].append(a)
        if short:
            row["short"] = short

    out_lines = [
        "# countries.tsv - GENERATED by tools/gen_countries.py from Debian iso-codes",
        "# (iso_3166-1.json + zh_CN/zh_TW translations) and data/countries-extra.tsv.",
        "# Do not edit by hand: edit data/countries-extra.tsv and rerun",
        "#   python3 tools/gen_countries.py",
        "# columns: iso3<TAB>zh<TAB>en<TAB>aliases<TAB>short   (aliases '|'-separated)",
        "# zh = canonical simplified name as in mainland news; short = unambiguous one-character",
        "# abbreviation used in compounds (中俄, 美俄); empty where ambiguous (see countries-extra.tsv).",
    ]
    for a3 in sorted(table):
        row = table[a3]
        aliases = list(row["aliases"])
        if row["short"]:
            aliases.append(row["short"] + "方")
        seen = set()
        final = []
        for a in aliases:
            if a in seen or a == row["zh"] or a == row["en"] or a in row["removed"]:
                continue
            seen.add(a)
            final.append(a)
        vals = [a3, row["zh"], row["en"], "|".join(final), row["short"]]
        for v in [a3, row["zh"], row["en"], row["short"]] + final:
            if "\t" in v or "|" in v or "\n" in v:
                sys.exit(f"{a3}: value {v!r} contains a tab, '|' or newline")
        out_lines.append("\t".join(vals))

    with open(args.out + ".tmp", "w", encoding="utf-8") as f:
        f.write("\n".join(out_lines) + "\n")
    os.replace(args.out + ".tmp", args.out)
    print(f"wrote {args.out}: {len(table)} rows", file=sys.stderr)


if __name__ == "__main__":
    main()
