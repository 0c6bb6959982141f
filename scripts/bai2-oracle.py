#!/usr/bin/env python3
"""Oracle for the Swift BAI2 parser: parses each file given on the command line with the PyPI
`bai2` package (control totals and record counts checked) and prints one JSON object:
{path: {"accounts": [{account, currency, credits_minor, debits_minor, count}]}} or {path: {"error": ...}}.

`count` counts the 16 records the package classifies as credit or debit (its type-code table), which
is what the Swift parser turns into bank lines; `details` counts all 16 records."""
import json
import sys

from bai2 import bai2
from bai2.constants import TypeCodeTransaction


def summarize(path):
    with open(path, encoding="utf-8", errors="replace") as f:
        try:
            parsed = bai2.parse_from_string(f.read(), check_integrity=True)
        except Exception as error:  # the package raises several exception types
            return {"error": f"{type(error).__name__}: {error}"}
    accounts = []
    for group in parsed.children:
        for account in group.children:
            credits = debits = count = 0
            for detail in account.children:
                kind = detail.type_code.transaction
                if kind == TypeCodeTransaction.credit:
                    credits += detail.amount or 0
                    count += 1
                elif kind == TypeCodeTransaction.debit:
                    debits += detail.amount or 0
                    count += 1
            accounts.append({
                "account": account.header.customer_account_number,
                "currency": account.header.currency or group.header.currency,
                "credits_minor": credits,
                "debits_minor": debits,
                "count": count,
                "details": len(account.children),
            })
    return {"accounts": accounts}


if __name__ == "__main__":
    print(json.dumps({path: summarize(path) for path in sys.argv[1:]}, indent=1))
