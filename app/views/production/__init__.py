"""Production area: the planning board (Gantt) over the scheduling services."""
