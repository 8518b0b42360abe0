/* impact: to be written */
