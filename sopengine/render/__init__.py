"""Pictures: charts of analyses and runs (and, later, flowcharts and the SOP book)."""
