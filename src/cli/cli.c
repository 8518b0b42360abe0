/* cli: to be written */
