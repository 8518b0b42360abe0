/* hours: to be written */
