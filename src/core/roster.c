/* roster: to be written */
