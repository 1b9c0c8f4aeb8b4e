#!/usr/bin/env python3
"""Build the bundled TrueType fonts in this directory from Noto CJK.

reportlab's TTFont can only embed fonts with TrueType (``glyf``) outlines,
while the Noto CJK fonts are shipped as CFF-outline OpenType collections.
This script takes the Simplified Chinese face out of each collection,
subsets it to the code points it maps in the Basic Multilingual Plane,
drops the tables reportlab does not use, converts the cubic CFF outlines to
quadratic TrueType outlines and renames the family.

Usage (Debian/Ubuntu):

    apt-get install fonts-noto-cjk
    python fonts/build_fonts.py [--source-dir /usr/share/fonts/opentype/noto]

The output is deterministic: running the script twice on the same input
with the same fontTools version produces byte-identical files.
"""

import argparse
import os
import sys
import time
from concurrent.futures import ProcessPoolExecutor

from fontTools import subset
from fontTools.pens.cu2quPen import Cu2QuPen
from fontTools.pens.ttGlyphPen import TTGlyphPen
from fontTools.ttLib import TTCollection, TTFont, newTable

HERE = os.path.dirname(os.path.abspath(__file__))
DEFAULT_SOURCE_DIR = "/usr/share/fonts/opentype/noto"

# Maximum distance (in font units, 1000 units per em) between the original
# cubic curves and their quadratic approximation.
MAX_ERR = 1.0

# (source collection, output file, old family name, new family name,
#  old PostScript family prefix, new PostScript family prefix)
JOBS = [
    (
        "NotoSerifCJK-Regular.ttc",
        "NotoSerifSC-Regular.ttf",
        "Noto Serif CJK SC",
        "Noto Serif SC",
        "NotoSerifCJKsc",
        "NotoSerifSC",
    ),
    (
        "NotoSerifCJK-Bold.ttc",
        "NotoSerifSC-Bold.ttf",
        "Noto Serif CJK SC",
        "Noto Serif SC",
        "NotoSerifCJKsc",
        "NotoSerifSC",
    ),
    (
        "NotoSansCJK-Regular.ttc",
        "NotoSansSC-Regular.ttf",
        "Noto Sans CJK SC",
        "Noto Sans SC",
        "NotoSansCJKsc",
        "NotoSansSC",
    ),
]

# Tables that reportlab does not need: OpenType layout, vertical metrics,
# the CFF vertical origin table and digital signatures.
DROP_TABLES = ["GSUB", "GPOS", "GDEF", "BASE", "JSTF", "VORG", "vhea", "vmtx", "DSIG"]

# Name IDs whose text mentions the family name and gets rewritten:
# family, unique ID, full name, PostScript name, typographic family.
RENAMED_NAME_IDS = {1, 3, 4, 6, 16, 21}


def find_sc_face(path):
    """Return the index of the Simplified Chinese face in a collection.

    The wanted face is the proportional one whose family name contains
    "SC" (the Sans collection also has a "Noto Sans Mono CJK SC" face).
    """
    collection = TTCollection(path, lazy=True)
    try:
        for index, font in enumerate(collection.fonts):
            family = font["name"].getDebugName(1) or ""
            if "SC" in family.split() and "Mono" not in family:
                return index
    finally:
        collection.close()
    raise SystemExit(f"no Simplified Chinese (SC) face found in {path}")


HANGUL = ((0x1100, 0x11FF), (0x3130, 0x318F), (0xA960, 0xA97F), (0xAC00, 0xD7FF))


def is_hangul(cp):
    return any(lo <= cp <= hi for lo, hi in HANGUL)


def subset_to_bmp(font):
    """Subset ``font`` in place to the BMP code points it maps."""
    cmap = font["cmap"]
    # Unicode variation sequences (format 14) would pull in extra glyph
    # variants reachable only through supplementary-plane selectors;
    # reportlab cannot use them, so drop that subtable first.
    cmap.tables = [t for t in cmap.tables if t.format != 14]
    # Chinese documents never need Hangul; leaving it out saves ~6.7 MB per serif file.
    unicodes = sorted(cp for cp in font.getBestCmap() if cp <= 0xFFFF and not is_hangul(cp))

    options = subset.Options()
    options.layout_features = []  # no GSUB/GPOS closure
    options.drop_tables = sorted(set(options.drop_tables) | set(DROP_TABLES))
    options.hinting = False  # CFF hints are useless after conversion
    options.desubroutinize = True
    options.notdef_glyph = True  # keep .notdef ...
    options.notdef_outline = True  # ... with its outline
    options.glyph_names = False
    options.name_IDs = ["*"]  # keep every name record
    options.name_languages = ["*"]
    options.name_legacy = True
    options.recalc_timestamp = False  # keep head.modified from the source
    options.prune_unicode_ranges = True

    subsetter = subset.Subsetter(options=options)
    subsetter.populate(unicodes=unicodes)
    subsetter.subset(font)
    return len(unicodes)


def cff_to_glyf(font, max_err=MAX_ERR):
    """Replace the CFF table of ``font`` by quadratic glyf/loca tables.

    Based on fontTools' Snippets/otf2ttf.py.
    """
    glyph_order = font.getGlyphOrder()
    glyph_set = font.getGlyphSet()

    glyphs = {}
    for name in glyph_order:
        tt_pen = TTGlyphPen(None)
        # PostScript outlines run counter-clockwise, TrueType clockwise.
        pen = Cu2QuPen(tt_pen, max_err, reverse_direction=True)
        glyph_set[name].draw(pen)
        glyphs[name] = tt_pen.glyph()

    font["loca"] = newTable("loca")
    glyf = font["glyf"] = newTable("glyf")
    glyf.glyphOrder = glyph_order
    glyf.glyphs = glyphs
    del font["CFF "]
    if "VORG" in font:
        del font["VORG"]
    glyf.compile(font)  # computes each glyph's bounding box

    # In TrueType fonts the left side bearing must equal the glyph's xMin.
    hmtx = font["hmtx"]
    for name, glyph in glyphs.items():
        advance, _ = hmtx[name]
        hmtx[name] = (advance, getattr(glyph, "xMin", 0))

    # maxp version 1.0 (TrueType); the glyph statistics are recalculated
    # when the font is saved.
    maxp = font["maxp"] = newTable("maxp")
    maxp.tableVersion = 0x00010000
    maxp.numGlyphs = len(glyph_order)
    maxp.maxZones = 1
    maxp.maxTwilightPoints = 0
    maxp.maxStorage = 0
    maxp.maxFunctionDefs = 0
    maxp.maxInstructionDefs = 0
    maxp.maxStackElements = 0
    maxp.maxSizeOfInstructions = 0
    maxp.maxComponentElements = 0
    maxp.maxComponentDepth = 0
    maxp.maxPoints = maxp.maxContours = 0
    maxp.maxCompositePoints = maxp.maxCompositeContours = 0

    # post format 3: no glyph names (CID fonts only have "cidNNNNN" anyway).
    post = font["post"]
    post.formatType = 3.0
    post.extraNames = []
    post.mapping = {}

    font["head"].glyphDataFormat = 0
    font.sfntVersion = "\x00\x01\x00\x00"


def rename(font, old_family, new_family, old_ps, new_ps):
    """Rewrite the family-related name records; keep all others.

    Copyright (0), trademark (7), manufacturer/designer (8-12) and the
    OFL licence description/URL (13, 14) are left untouched.
    """
    for record in font["name"].names:
        if record.nameID not in RENAMED_NAME_IDS:
            continue
        text = record.toUnicode()
        text = text.replace(old_family, new_family).replace(old_ps, new_ps)
        if record.nameID == 3:
            text += ";TrueType"
        record.string = text


def build(job, source_dir, out_dir):
    src_name, out_name, old_family, new_family, old_ps, new_ps = job
    start = time.time()
    src = os.path.join(source_dir, src_name)
    index = find_sc_face(src)
    font = TTFont(src, fontNumber=index, recalcTimestamp=False, lazy=False)
    source_family = font["name"].getDebugName(1)
    version = font["name"].getDebugName(5)
    n_codepoints = subset_to_bmp(font)
    cff_to_glyf(font)
    rename(font, old_family, new_family, old_ps, new_ps)
    out = os.path.join(out_dir, out_name)
    tmp = f"{out}.tmp"
    font.save(tmp)
    os.replace(tmp, out)  # readers never see a half-written font
    font.close()
    glyphs = len(TTFont(out, lazy=True).getGlyphOrder())
    return (
        f"{src_name}: face {index} ({source_family}, {version}) -> {out_name}: {n_codepoints} code points, "
        f"{glyphs} glyphs, {os.path.getsize(out) / 1e6:.1f} MB, {time.time() - start:.0f} s"
    )


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument(
        "--source-dir", default=DEFAULT_SOURCE_DIR, help="directory with the Noto CJK .ttc files (default: %(default)s)"
    )
    parser.add_argument("--out-dir", default=HERE, help="output directory (default: this directory)")
    parser.add_argument("--jobs", type=int, default=min(3, os.cpu_count() or 1), help="number of parallel processes")
    args = parser.parse_args(argv)

    for job in JOBS:
        path = os.path.join(args.source_dir, job[0])
        if not os.path.exists(path):
            sys.exit(f"missing {path} (apt-get install fonts-noto-cjk)")

    os.makedirs(args.out_dir, exist_ok=True)
    if args.jobs <= 1:
        results = [build(job, args.source_dir, args.out_dir) for job in JOBS]
    else:
        with ProcessPoolExecutor(max_workers=args.jobs) as pool:
            futures = [pool.submit(build, job, args.source_dir, args.out_dir) for job in JOBS]
            results = [f.result() for f in futures]
    for line in results:
        print(line)


if __name__ == "__main__":
    main()
