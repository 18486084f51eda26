"""Documents for the debrief: one game's report and the class comparison, in the players' language."""
