"""Rule-based claims: attributed and hedged propositions, their sources, certainty and
contradictions."""

VERSION = "0.2"
