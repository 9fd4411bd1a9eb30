#!/usr/bin/env python3
"""Write one markdown corpus as two sites, for timing Cakupan against Hugo on the same pages.

    python3 bench/gen_corpus.py OUT_DIR [--pages 1000] [--cakupan target/release/cakupan]

OUT_DIR/cakupan is a starter site (`cakupan new --province 64`) plus OUT_DIR/cakupan/content/
artikel/NNNN.md; OUT_DIR/hugo is a minimal Hugo site (one layout per kind, no theme) with the
same files under content/artikel/. Each page has ~650 words of Indonesian-looking prose:
headings, paragraphs with emphasis and links to other pages, a list and a small table. The
text is deterministic (a hand-written LCG, no `random` module) and has no figures, so
Cakupan's prose checks have nothing to compare.
"""

import argparse
import os
import shutil
import subprocess
import sys

WORDS = (
    "pekerja perlindungan jaminan sosial ketenagakerjaan kepesertaan peserta iuran manfaat "
    "kecelakaan kematian daerah pemerintah kabupaten kota desa program anggaran sosialisasi "
    "pendataan pelayanan kantor cabang layanan nelayan petani pedagang koperasi asosiasi "
    "perusahaan pemberi kerja upah informal formal rentan keluarga ahli waris klaim pembayaran "
    "tepat waktu berkala data sasaran evaluasi kebijakan peraturan bupati wali gubernur dinas "
    "tenaga kerja sektor perikanan pertanian perdagangan konstruksi migran kesejahteraan "
    "masyarakat kepercayaan komunitas kanal digital aplikasi pendaftaran mandiri kolaborasi "
    "dan yang untuk dengan dalam pada dari oleh sebagai juga lebih masih telah akan dapat"
).split()

HEADINGS = [
    "Latar belakang", "Kepesertaan", "Pekerja rentan", "Pelayanan", "Anggaran daerah",
    "Tantangan", "Langkah berikutnya", "Catatan",
]


class Lcg:
    """64-bit LCG (Knuth's MMIX constants): the same text on every machine and Python."""

    def __init__(self, seed):
        self.s = seed & 0xFFFFFFFFFFFFFFFF

    def below(self, n):
        self.s = (self.s * 6364136223846793005 + 1442695040888963407) & 0xFFFFFFFFFFFFFFFF
        return (self.s >> 33) % n


def sentence(r, pages, page):
    n = 8 + r.below(12)
    words = [WORDS[r.below(len(WORDS))] for _ in range(n)]
    if r.below(4) == 0:
        i = r.below(n)
        words[i] = f"**{words[i]}**"
    if r.below(5) == 0:
        i = r.below(n)
        words[i] = f"*{words[i]}*"
    if r.below(6) == 0:
        other = (page + 1 + r.below(pages - 1)) % pages + 1
        i = r.below(n)
        words[i] = f"[{words[i]}](/artikel/{other:04d}/)"
    text = " ".join(words)
    return text[0].upper() + text[1:] + "."


def page_text(page, pages):
    r = Lcg(0xC4CA_2025 + page * 7919)
    title = " ".join(WORDS[r.below(len(WORDS))] for _ in range(4)).capitalize()
    out = [
        "+++",
        f'title = "{title} {page:04d}"',
        f'date = "2025-{1 + page % 12:02d}-{1 + page % 28:02d}"',
        f'description = "Artikel uji nomor {page:04d}"',
        "+++",
        "",
    ]
    words = 0
    for h, heading in enumerate(HEADINGS):
        out.append(f"## {heading}\n")
        for _ in range(2):
            para = " ".join(sentence(r, pages, page) for _ in range(4))
            words += len(para.split())
            out.append(para + "\n")
        if h == 2:
            out.append("\n".join(f"- {sentence(r, pages, page)}" for _ in range(4)) + "\n")
        if h == 4:
            out.append("| Aspek | Keterangan |\n|---|---|")
            for _ in range(3):
                out.append(f"| {WORDS[r.below(len(WORDS))]} | {sentence(r, pages, page)} |")
            out.append("")
        if words >= 620:
            break
    return "\n".join(out) + "\n"


HUGO_CONFIG = """baseURL = "https://example.org/"
languageCode = "id"
title = "Korpus uji"
disableKinds = ["taxonomy", "term", "RSS", "sitemap", "robotsTXT", "404"]
"""

BASEOF = """<!doctype html>
<html lang="id"><head><meta charset="utf-8"><title>{{ .Title }}</title>
<meta name="viewport" content="width=device-width, initial-scale=1"></head>
<body><header><a href="/">{{ .Site.Title }}</a></header>
<main>{{ block "main" . }}{{ end }}</main></body></html>
"""
SINGLE = """{{ define "main" }}<article><h1>{{ .Title }}</h1>
<p>{{ .Date.Format "2 January 2006" }}</p>{{ .Content }}</article>{{ end }}
"""
LIST = """{{ define "main" }}<h1>{{ .Title }}</h1><ul>
{{ range .Pages }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a></li>{{ end }}</ul>{{ end }}
"""


def write(path, text):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w", encoding="utf-8") as f:
        f.write(text)


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("out")
    ap.add_argument("--pages", type=int, default=1000)
    ap.add_argument("--cakupan", default="target/release/cakupan")
    a = ap.parse_args()
    if a.pages < 2:
        sys.exit("--pages must be at least 2")
    cak, hugo = os.path.join(a.out, "cakupan"), os.path.join(a.out, "hugo")
    for d in (cak, hugo):
        if os.path.exists(d):
            shutil.rmtree(d)
    subprocess.run([a.cakupan, "new", cak, "--province", "64"], check=True,
                   stdout=subprocess.DEVNULL)
    # The same absolute address as the Hugo site (a relative one is a warning in Cakupan).
    toml = os.path.join(cak, "site.toml")
    with open(toml, encoding="utf-8") as f:
        text = f.read().replace('base_url = "/"', 'base_url = "https://example.org/"', 1)
    with open(toml, "w", encoding="utf-8") as f:
        f.write(text)
    write(os.path.join(hugo, "hugo.toml"), HUGO_CONFIG)
    write(os.path.join(hugo, "layouts/_default/baseof.html"), BASEOF)
    write(os.path.join(hugo, "layouts/_default/single.html"), SINGLE)
    write(os.path.join(hugo, "layouts/_default/list.html"), LIST)
    write(os.path.join(hugo, "content/_index.md"), '+++\ntitle = "Korpus uji"\n+++\n')
    for p in range(1, a.pages + 1):
        text = page_text(p, a.pages)
        write(os.path.join(cak, f"content/artikel/{p:04d}.md"), text)
        write(os.path.join(hugo, f"content/artikel/{p:04d}.md"), text)
    print(f"gen_corpus: {a.pages} pages in {cak} and {hugo}")


if __name__ == "__main__":
    main()
