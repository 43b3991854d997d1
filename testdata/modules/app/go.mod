module example.com/app

go 1.26.0

require example.com/queuelib v0.0.0

replace example.com/queuelib => ../queuelib
