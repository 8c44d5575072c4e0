# Builds document/fonts/*.ttf: one face out of each Debian .ttc, subset to
# GB 2312 (6763 hanzi and its symbols) plus ASCII, without bitmaps or hinting.
import sys
from fontTools.ttLib import TTCollection
from fontTools import subset

def gb2312():
    cs = set(range(0x20, 0x7f))
    for hi in range(0xA1, 0xF8):
        for lo in range(0xA1, 0xFF):
            try:
                cs.add(ord(bytes([hi, lo]).decode('gb2312')))
            except UnicodeDecodeError:
                pass
    cs.update(ord(c) for c in '〔〕〇·—…“”‘’、。，；：？！（）《》【】％＋－×÷')
    return cs

def build(src, index, out, extra):
    font = TTCollection(src).fonts[index]
    opts = subset.Options()
    opts.drop_tables += ['EBDT', 'EBLC', 'BDF ', 'FFTM', 'VORG', 'vhea', 'vmtx', 'GPOS', 'GSUB', 'GDEF']
    opts.hinting = False
    opts.layout_features = []
    opts.name_IDs = ['*']
    opts.notdef_outline = True
    s = subset.Subsetter(opts)
    s.populate(unicodes=gb2312() | extra)
    s.subset(font)
    font.save(out)

# usage: /usr/bin/python3 mkfonts.py /usr/share/fonts/truetype/arphic/uming.ttc 0 uming-gb2312.ttf
build(sys.argv[1], int(sys.argv[2]), sys.argv[3], set())
