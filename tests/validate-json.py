#!/usr/bin/python3
"""validate-json.py SCHEMA INSTANCE...: validate JSON documents against a JSON
Schema with Debian's python3-jsonschema (the draft is taken from the
schema's $schema). Prints one line per problem; exit 1 if any document is
invalid. Run with /usr/bin/python3: Debian's module is not in other Pythons."""
import json
import sys

import jsonschema


def main():
    if len(sys.argv) < 3:
        print("usage: validate-json.py SCHEMA INSTANCE...", file=sys.stderr)
        return 2
    with open(sys.argv[1], encoding="utf-8") as f:
        schema = json.load(f)
    cls = jsonschema.validators.validator_for(schema)
    cls.check_schema(schema)
    validator = cls(schema, format_checker=cls.FORMAT_CHECKER)
    bad = 0
    for path in sys.argv[2:]:
        with open(path, encoding="utf-8") as f:
            doc = json.load(f)
        errors = sorted(validator.iter_errors(doc), key=lambda e: list(e.absolute_path))
        for e in errors:
            where = "/".join(str(p) for p in e.absolute_path)
            print(f"{path}: /{where}: {e.message}")
        bad += bool(errors)
    print(f"schema: {len(sys.argv) - 2 - bad} passed, {bad} failed")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
