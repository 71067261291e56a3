"""The bundle schemas' validators as fastjsonschema generates them, shipped as modules so
that a process imports them instead of generating and compiling them
(`swdesk.bundle.validator_source`)."""
