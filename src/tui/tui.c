/* tui: to be written */
