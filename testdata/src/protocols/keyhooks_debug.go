//go:build hotblockdebug

package protocols

// EnableTrace streams every rotated key name to ch, in debug builds.
func (t *TraceRotator) EnableTrace(ch chan string) { t.trace = ch }
