module example.com/queuelib

go 1.26.0
