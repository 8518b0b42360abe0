/* audit: to be written */
