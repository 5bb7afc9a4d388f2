"""Scoring against gold annotations, gold-shaped JSON, and why each statement was extracted."""
