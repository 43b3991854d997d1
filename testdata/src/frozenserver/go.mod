module frozenserver

go 1.26.0
