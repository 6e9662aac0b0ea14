"""Trained artefacts shipped as package data."""
