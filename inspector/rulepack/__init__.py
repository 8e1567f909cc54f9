"""Signed rule packs: the authority exports its rules database, signed with Ed25519; offices import it
after checking the signature against the public keys shipped in resources/keys (docs/rule-packs.md)."""
