"""The recommendations app's pages, by feature: ``recommendations`` (the list, one
recommendation, adding and changing one, the executive response), ``updates`` (logging and
reading progress updates) and ``audit`` (history, deleting and restoring)."""
