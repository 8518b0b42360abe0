/* demo: to be written */
