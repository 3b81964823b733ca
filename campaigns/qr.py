"""QR codes of campaign materials, made with segno, at the size they are printed.

Error correction H (30 % of the symbol may be lost): posters get torn, rained on and
stickered over, and a printer's logo may go in the middle. The quiet zone is segno's
default four modules, which scanners need.

- SVG: width and height in millimetres, so a print shop places it at its true size;
- PNG: 300 dots per inch (written in the file, so layout programs use it), the module
  size a whole number of pixels (blurry modules scan badly), hence within a few pixels
  of the size asked for.
"""

import io

import segno

from campaigns.reach import short_url

ERROR = "h"
BORDER = 4
DPI = 300
#: Printed sizes offered (centimetres, quiet zone included): a leaflet, a poster, a sign.
SIZES_CM = (3, 5, 8)
DEFAULT_SIZE_CM = 5


def make(material):
    """The QR symbol of the material's short link (its absolute URL)."""
    return segno.make(short_url(material), error=ERROR, micro=False, boost_error=False)


def modules(qr):
    """Width of the symbol in modules, quiet zone included."""
    return qr.symbol_size(border=BORDER)[0]


def svg(material, size_cm=DEFAULT_SIZE_CM, title=None):
    """SVG bytes, `size_cm` wide and high in millimetre units."""
    qr = make(material)
    buffer = io.BytesIO()
    qr.save(
        buffer,
        kind="svg",
        scale=size_cm * 10 / modules(qr),
        unit="mm",
        border=BORDER,
        xmldecl=False,
        title=title or short_url(material),
        svgclass="qr",
        lineclass=None,
    )
    return buffer.getvalue()


def svg_inline(material, title=None):
    """SVG markup for an HTML page (the printable sheet), sized by its CSS."""
    qr = make(material)
    buffer = io.BytesIO()
    qr.save(
        buffer,
        kind="svg",
        scale=1,
        border=BORDER,
        xmldecl=False,
        svgns=True,
        title=title or short_url(material),
        svgclass="qr",
        lineclass=None,
        omitsize=True,
    )
    return buffer.getvalue().decode("utf-8")


def png_pixels(size_cm):
    return round(size_cm / 2.54 * DPI)


def png(material, size_cm=DEFAULT_SIZE_CM):
    """PNG bytes at 300 dpi, as close to `size_cm` as whole-pixel modules allow."""
    qr = make(material)
    scale = max(1, round(png_pixels(size_cm) / modules(qr)))
    buffer = io.BytesIO()
    qr.save(buffer, kind="png", scale=scale, border=BORDER, dpi=DPI)
    return buffer.getvalue()
