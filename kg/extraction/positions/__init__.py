"""Positions: the SKOS concept a stance expresses, and the scheme's parse cache."""
