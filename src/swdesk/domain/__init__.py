"""Plain domain objects, rules and validation. Standard library only, no Qt, no database."""
