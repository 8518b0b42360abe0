/* partner: to be written */
