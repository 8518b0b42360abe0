/* metrics: to be written */
