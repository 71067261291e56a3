"""Write the bundle schemas' validators (src/swdesk/bundle/validators/*_schema.py) from the
schemas, after a schema or the pinned fastjsonschema release changed:

    .venv/bin/python scripts/generate_validators.py
"""

from __future__ import annotations

from pathlib import Path

from swdesk.bundle.validator_source import SCHEMA_NAMES, generated_source, module_name

FOLDER = Path(__file__).resolve().parent.parent / "src" / "swdesk" / "bundle" / "validators"


def main() -> None:
    for name in SCHEMA_NAMES:
        path = FOLDER / f"{module_name(name)}.py"
        path.write_text(generated_source(name), encoding="utf-8", newline="\n")
        print(f"wrote {path}")


if __name__ == "__main__":
    main()
