/* export: to be written */
