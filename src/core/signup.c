/* signup: to be written */
