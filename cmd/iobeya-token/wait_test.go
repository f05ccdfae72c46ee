package main

import "time"

// waitFor checks cond until it holds or limit passes, and says whether it
// held. The processes checked belong to other programs, with no event to
// wait for.
func waitFor(limit time.Duration, cond func() bool) bool {
	deadline := time.Now().Add(limit)
	for !cond() {
		if time.Now().After(deadline) {
			return false
		}
		time.Sleep(50 * time.Millisecond)
	}
	return true
}
