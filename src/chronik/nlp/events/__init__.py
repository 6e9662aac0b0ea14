"""Rule-based event extraction: trigger lexicon, trigger detection, arguments, negation and
modality."""

VERSION = "0.2"
