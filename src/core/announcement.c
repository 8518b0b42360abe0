/* announcement: to be written */
