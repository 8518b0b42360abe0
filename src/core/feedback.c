/* feedback: to be written */
