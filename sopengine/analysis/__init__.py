"""Outputs computed from a definition: critical path and, later, simulation."""
