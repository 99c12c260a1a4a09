"""Thin wiring: read inputs, ask dashboard/ for figures, return outputs."""
