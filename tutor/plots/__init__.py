"""Figures (matplotlib, headless). Shared by critical points, limits and descent."""
