"""integconcept: write, check and render Integrationskonzepte of NRW Kreise and kreisfreie Städte."""

__version__ = "0.1.0"
