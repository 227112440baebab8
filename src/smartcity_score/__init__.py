"""smartcity-score: score, explain, rank and select smart-city readiness assessments."""

__version__ = "0.1.0"
