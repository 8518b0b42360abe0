/* initiative: to be written */
