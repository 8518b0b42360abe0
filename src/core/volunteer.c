/* volunteer: to be written */
