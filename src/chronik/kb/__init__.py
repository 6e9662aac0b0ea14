"""Cross-report knowledge: a stored report's mentions linked to entities, its events joined to the
same events told elsewhere, its claims linked to contradicting claims, roles over time, and the
user's corrections.

It reads and writes the database only through `chronik.store`; what it decides comes from
`chronik.nlp`.
"""
